package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/store"
)

func (q queries) IdempotencyGet(ctx context.Context, tenantID int64, scope, key string) (*store.IdempotencyRecord, error) {
	r := store.IdempotencyRecord{TenantID: tenantID, Scope: scope, Key: key}
	var created string
	err := q.db.QueryRowContext(ctx, `SELECT fingerprint, response, created_at FROM idempotency_keys
WHERE tenant_id = ? AND scope = ? AND key = ?`, tenantID, scope, key).Scan(&r.Fingerprint, &r.Response, &created)
	if err != nil {
		return nil, interpretError(err)
	}
	r.CreatedAt = parseTime(created)
	return &r, nil
}

func (t *tx) IdempotencyInsert(ctx context.Context, r *store.IdempotencyRecord) error {
	_, err := t.db.ExecContext(ctx, `INSERT INTO idempotency_keys (tenant_id, scope, key, fingerprint, response, created_at)
VALUES (?, ?, ?, ?, ?, ?)`, r.TenantID, r.Scope, r.Key, r.Fingerprint, r.Response, formatTime(r.CreatedAt))
	if err != nil {
		return fmt.Errorf("insert idempotency key: %w", interpretError(err))
	}
	return nil
}

func (t *tx) IdempotencyDeleteBefore(ctx context.Context, before time.Time) (int64, error) {
	res, err := t.db.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE created_at < ?`, formatTime(before))
	if err != nil {
		return 0, fmt.Errorf("delete idempotency keys: %w", err)
	}
	return res.RowsAffected()
}

func (q queries) UsageGet(ctx context.Context, tenantID int64, period string) (*store.Usage, error) {
	u := store.Usage{TenantID: tenantID, Period: period}
	err := q.db.QueryRowContext(ctx, `SELECT requests, tokens, retrievals FROM usage WHERE tenant_id = ? AND period = ?`,
		tenantID, period).Scan(&u.Requests, &u.Tokens, &u.Retrievals)
	if err != nil {
		return nil, interpretError(err)
	}
	return &u, nil
}

func (t *tx) UsageAdd(ctx context.Context, p *store.UsageAddParams) error {
	_, err := t.db.ExecContext(ctx, `INSERT INTO usage (tenant_id, period, requests, tokens, retrievals) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (tenant_id, period) DO UPDATE SET requests = requests + excluded.requests,
tokens = tokens + excluded.tokens, retrievals = retrievals + excluded.retrievals`,
		p.TenantID, p.Period, p.Requests, p.Tokens, p.Retrievals)
	if err != nil {
		return fmt.Errorf("add usage: %w", err)
	}
	return nil
}
