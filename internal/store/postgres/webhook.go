package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// A webhook is live until deleted_at is set; deleting keeps the row so that
// its deliveries still name it. triggered_for is a comma-separated list
// (trigger names have no commas). rowid keeps the insertion order, as
// SQLite's implicit rowid does.

const webhookColumns = `id, tenant_id, user_id, url, secret, include_transcript, include_summary, include_action_items,
include_crm_matches, triggered_for, created_at`

func scanWebhook(row interface{ Scan(...any) error }) (*fathom.Webhook, error) {
	var w fathom.Webhook
	var triggers string
	err := row.Scan(&w.ID, &w.TenantID, &w.UserID, &w.URL, &w.Secret, &w.Include.Transcript, &w.Include.Summary,
		&w.Include.ActionItems, &w.Include.CRMMatches, &triggers, &w.CreatedAt)
	if err != nil {
		return nil, interpretError(err)
	}
	if triggers != "" {
		w.TriggeredFor = strings.Split(triggers, ",")
	}
	return &w, nil
}

func (q queries) WebhookGet(ctx context.Context, tenantID int64, id string) (*fathom.Webhook, error) {
	return scanWebhook(q.q.QueryRow(ctx, `SELECT `+webhookColumns+` FROM webhooks
WHERE id = $1 AND tenant_id = $2 AND deleted_at IS NULL`, id, tenantID))
}

func (q queries) WebhookList(ctx context.Context, tenantID, userID int64) ([]*fathom.Webhook, error) {
	args := argList{tenantID}
	query := `SELECT ` + webhookColumns + ` FROM webhooks WHERE tenant_id = $1 AND deleted_at IS NULL`
	if userID != 0 {
		query += ` AND user_id = ` + args.add(userID)
	}
	rows, err := q.q.Query(ctx, query+` ORDER BY created_at, rowid`, args...)
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
	_, err := t.q.Exec(ctx, `INSERT INTO webhooks (id, tenant_id, user_id, url, secret, include_transcript,
include_summary, include_action_items, include_crm_matches, triggered_for, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		w.ID, w.TenantID, w.UserID, w.URL, w.Secret, w.Include.Transcript, w.Include.Summary, w.Include.ActionItems,
		w.Include.CRMMatches, strings.Join(w.TriggeredFor, ","), w.CreatedAt)
	if err != nil {
		return fmt.Errorf("create webhook: %w", interpretError(err))
	}
	return nil
}

func (t *tx) WebhookDelete(ctx context.Context, tenantID, userID int64, id string, at time.Time) error {
	tag, err := t.q.Exec(ctx, `UPDATE webhooks SET deleted_at = $1
WHERE id = $2 AND tenant_id = $3 AND user_id = $4 AND deleted_at IS NULL`, at, id, tenantID, userID)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("delete webhook %s: %w", id, err)
	}
	return nil
}
