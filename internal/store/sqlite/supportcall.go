package sqlite

import (
	"context"
	"fmt"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Support calls: the rules that make a workspace's meetings support calls,
// and the deletion of a meeting (whose learned conversation the service
// deletes in the same transaction).

func (q queries) SupportCallRuleList(ctx context.Context, tenantID int64) ([]fathom.SupportCallRule, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT kind, value FROM support_call_rules WHERE tenant_id = ? ORDER BY kind, value`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("list support-call rules: %w", err)
	}
	defer rows.Close()
	out := []fathom.SupportCallRule{}
	for rows.Next() {
		var r fathom.SupportCallRule
		if err := rows.Scan(&r.Kind, &r.Value); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (t *tx) SupportCallRulesSet(ctx context.Context, tenantID int64, rules []fathom.SupportCallRule) error {
	if _, err := t.db.ExecContext(ctx, `DELETE FROM support_call_rules WHERE tenant_id = ?`, tenantID); err != nil {
		return fmt.Errorf("set support-call rules: %w", err)
	}
	for _, r := range rules {
		_, err := t.db.ExecContext(ctx, `INSERT INTO support_call_rules (tenant_id, kind, value) VALUES (?, ?, ?)
ON CONFLICT DO NOTHING`, tenantID, r.Kind, r.Value)
		if err != nil {
			return fmt.Errorf("set support-call rules: %w", interpretError(err))
		}
	}
	return nil
}

func (t *tx) MeetingDelete(ctx context.Context, tenantID, meetingID int64) error {
	// Sharing and content go by cascade; the search rows (an FTS5 table,
	// without foreign keys) by their rowids, meetingID<<store.SearchRowShift + i.
	if err := execOne(ctx, t.db, `DELETE FROM meetings WHERE id = ? AND tenant_id = ?`, meetingID, tenantID); err != nil {
		return fmt.Errorf("delete meeting %d: %w", meetingID, err)
	}
	first := meetingID << store.SearchRowShift
	if _, err := t.db.ExecContext(ctx, `DELETE FROM meeting_search WHERE rowid BETWEEN ? AND ?`, first, first+store.MaxSearchRows-1); err != nil {
		return fmt.Errorf("unindex meeting %d: %w", meetingID, err)
	}
	return nil
}

func (q queries) MeetingReadyIDs(ctx context.Context, tenantID, afterID int64, limit int) ([]int64, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT id FROM meetings WHERE tenant_id = ? AND status = ? AND id > ? ORDER BY id LIMIT ?`,
		tenantID, fathom.MeetingReady, afterID, sqlLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("list ready meetings: %w", err)
	}
	return scanColumn[int64](rows)
}
