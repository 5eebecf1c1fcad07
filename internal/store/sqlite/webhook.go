package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// A webhook is live until deleted_at is set; deleting keeps the row so that
// its deliveries still name it. triggered_for is a comma-separated list
// (trigger names have no commas).

const webhookColumns = `id, tenant_id, user_id, url, secret, include_transcript, include_summary, include_action_items,
include_crm_matches, triggered_for, created_at`

func scanWebhook(row interface{ Scan(...any) error }) (*fathom.Webhook, error) {
	var w fathom.Webhook
	var triggers, created string
	err := row.Scan(&w.ID, &w.TenantID, &w.UserID, &w.URL, &w.Secret, &w.Include.Transcript, &w.Include.Summary,
		&w.Include.ActionItems, &w.Include.CRMMatches, &triggers, &created)
	if err != nil {
		return nil, interpretError(err)
	}
	if triggers != "" {
		w.TriggeredFor = strings.Split(triggers, ",")
	}
	w.CreatedAt = parseTime(created)
	return &w, nil
}

func (q queries) WebhookGet(ctx context.Context, tenantID int64, id string) (*fathom.Webhook, error) {
	return scanWebhook(q.db.QueryRowContext(ctx, `SELECT `+webhookColumns+` FROM webhooks
WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL`, id, tenantID))
}

func (q queries) WebhookList(ctx context.Context, tenantID, userID int64) ([]*fathom.Webhook, error) {
	query, args := `SELECT `+webhookColumns+` FROM webhooks WHERE tenant_id = ? AND deleted_at IS NULL`, []any{tenantID}
	if userID != 0 {
		query, args = query+` AND user_id = ?`, append(args, userID)
	}
	rows, err := q.db.QueryContext(ctx, query+` ORDER BY created_at, rowid`, args...)
	if err != nil {
		return nil, fmt.Errorf("list webhooks: %w", err)
	}
	defer rows.Close()
	var out []*fathom.Webhook
	for rows.Next() {
		w, err := scanWebhook(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

func (t *tx) WebhookCreate(ctx context.Context, w *fathom.Webhook) error {
	_, err := t.db.ExecContext(ctx, `INSERT INTO webhooks (id, tenant_id, user_id, url, secret, include_transcript,
include_summary, include_action_items, include_crm_matches, triggered_for, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		w.ID, w.TenantID, w.UserID, w.URL, w.Secret, w.Include.Transcript, w.Include.Summary, w.Include.ActionItems,
		w.Include.CRMMatches, strings.Join(w.TriggeredFor, ","), formatTime(w.CreatedAt))
	if err != nil {
		return fmt.Errorf("create webhook: %w", interpretError(err))
	}
	return nil
}

func (t *tx) WebhookDelete(ctx context.Context, tenantID, userID int64, id string, at time.Time) error {
	err := execOne(ctx, t.db, `UPDATE webhooks SET deleted_at = ? WHERE id = ? AND tenant_id = ? AND user_id = ? AND deleted_at IS NULL`,
		formatTime(at), id, tenantID, userID)
	if err != nil {
		return fmt.Errorf("delete webhook %s: %w", id, err)
	}
	return nil
}
