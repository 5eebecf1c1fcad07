package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/store"
)

// IdempotencyGet, inside a transaction, locks a missing key (lock.go): a
// request retried while the first is still running then waits for it and
// replays its answer, instead of doing the work twice and failing on the
// key.
func (q queries) IdempotencyGet(ctx context.Context, tenantID int64, scope, key string) (*store.IdempotencyRecord, error) {
	return lockMissing(ctx, q, []string{"idempotency", idText(tenantID), scope, key}, func() (*store.IdempotencyRecord, error) {
		r := store.IdempotencyRecord{TenantID: tenantID, Scope: scope, Key: key}
		err := q.q.QueryRow(ctx, `SELECT fingerprint, response, created_at FROM idempotency_keys
WHERE tenant_id = $1 AND scope = $2 AND key = $3`, tenantID, scope, key).Scan(&r.Fingerprint, &r.Response, &r.CreatedAt)
		if err != nil {
			return nil, interpretError(err)
		}
		return &r, nil
	})
}

func (t *tx) IdempotencyInsert(ctx context.Context, r *store.IdempotencyRecord) error {
	_, err := t.q.Exec(ctx, `INSERT INTO idempotency_keys (tenant_id, scope, key, fingerprint, response, created_at)
VALUES ($1, $2, $3, $4, $5, $6)`, r.TenantID, r.Scope, r.Key, r.Fingerprint, r.Response, r.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert idempotency key: %w", interpretError(err))
	}
	return nil
}

func (t *tx) IdempotencyDeleteBefore(ctx context.Context, before time.Time) (int64, error) {
	tag, err := t.q.Exec(ctx, `DELETE FROM idempotency_keys WHERE created_at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("delete idempotency keys: %w", err)
	}
	return tag.RowsAffected(), nil
}

func (q queries) UsageGet(ctx context.Context, tenantID int64, period string) (*store.Usage, error) {
	u := store.Usage{TenantID: tenantID, Period: period}
	err := q.q.QueryRow(ctx, `SELECT requests, tokens, retrievals FROM usage WHERE tenant_id = $1 AND period = $2`,
		tenantID, period).Scan(&u.Requests, &u.Tokens, &u.Retrievals)
	if err != nil {
		return nil, interpretError(err)
	}
	return &u, nil
}

// UsageAdd adds in the statement itself (usage.x + EXCLUDED.x), never a
// value read earlier, so that servers flushing their counts at the same
// time add up instead of overwriting each other.
func (t *tx) UsageAdd(ctx context.Context, p *store.UsageAddParams) error {
	_, err := t.q.Exec(ctx, `INSERT INTO usage (tenant_id, period, requests, tokens, retrievals) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (tenant_id, period) DO UPDATE SET requests = usage.requests + EXCLUDED.requests,
tokens = usage.tokens + EXCLUDED.tokens, retrievals = usage.retrievals + EXCLUDED.retrievals`,
		p.TenantID, p.Period, p.Requests, p.Tokens, p.Retrievals)
	if err != nil {
		return fmt.Errorf("add usage: %w", err)
	}
	return nil
}
