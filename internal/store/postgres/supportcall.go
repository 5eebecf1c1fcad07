package postgres

import (
	"context"
	"fmt"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/jackc/pgx/v5"
)

// Support calls: the rules that make a workspace's meetings support calls,
// and the deletion of a meeting (whose learned conversation the service
// deletes in the same transaction).

func (q queries) SupportCallRuleList(ctx context.Context, tenantID int64) ([]fathom.SupportCallRule, error) {
	rows, err := q.q.Query(ctx, `SELECT kind, value FROM support_call_rules WHERE tenant_id = $1 ORDER BY kind, value`, tenantID)
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

// SupportCallRulesSet replaces the set. It locks the tenant's row first, as
// TenantDomainsSet does: two servers replacing the set at once would
// otherwise leave the union of both sets.
func (t *tx) SupportCallRulesSet(ctx context.Context, tenantID int64, rules []fathom.SupportCallRule) error {
	var one int
	if err := t.q.QueryRow(ctx, `SELECT 1 FROM tenants WHERE id = $1 FOR NO KEY UPDATE`, tenantID).Scan(&one); err != nil {
		return fmt.Errorf("set support-call rules: %w", interpretError(err))
	}
	if _, err := t.q.Exec(ctx, `DELETE FROM support_call_rules WHERE tenant_id = $1`, tenantID); err != nil {
		return fmt.Errorf("set support-call rules: %w", err)
	}
	if len(rules) == 0 {
		return nil
	}
	kinds, values := make([]string, len(rules)), make([]string, len(rules))
	for i, r := range rules {
		kinds[i], values[i] = r.Kind, r.Value
	}
	_, err := t.q.Exec(ctx, `INSERT INTO support_call_rules (tenant_id, kind, value)
SELECT $1, k, v FROM unnest($2::text[], $3::text[]) AS r (k, v) ON CONFLICT DO NOTHING`, tenantID, kinds, values)
	if err != nil {
		return fmt.Errorf("set support-call rules: %w", interpretError(err))
	}
	return nil
}

// MeetingDelete removes the meeting; its sharing, content and search rows
// go by cascade.
func (t *tx) MeetingDelete(ctx context.Context, tenantID, meetingID int64) error {
	tag, err := t.q.Exec(ctx, `DELETE FROM meetings WHERE id = $1 AND tenant_id = $2`, meetingID, tenantID)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("delete meeting %d: %w", meetingID, err)
	}
	return nil
}

func (q queries) MeetingReadyIDs(ctx context.Context, tenantID, afterID int64, limit int) ([]int64, error) {
	rows, err := q.q.Query(ctx, `SELECT id FROM meetings WHERE tenant_id = $1 AND status = $2 AND id > $3 ORDER BY id LIMIT $4`,
		tenantID, fathom.MeetingReady, afterID, limitOrAll(limit))
	if err != nil {
		return nil, fmt.Errorf("list ready meetings: %w", interpretError(err))
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	return ids, interpretError(err)
}
