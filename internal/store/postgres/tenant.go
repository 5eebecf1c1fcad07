package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

var (
	_ store.Store = (*DB)(nil)
	_ store.Tx    = (*tx)(nil)
)

const tenantColumns = `id, name, quota_requests, quota_tokens, quota_retrievals, created_at`

func scanTenant(row pgx.Row) (*fathom.Tenant, error) {
	var t fathom.Tenant
	if err := row.Scan(&t.ID, &t.Name, &t.Quota.Requests, &t.Quota.Tokens, &t.Quota.Retrievals, &t.CreatedAt); err != nil {
		return nil, interpretError(err)
	}
	return &t, nil
}

func (q queries) TenantGet(ctx context.Context, id int64) (*fathom.Tenant, error) {
	return scanTenant(q.q.QueryRow(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE id = $1`+q.forUpdate(), id))
}

// TenantGetByName locks the name when it is missing, inside a transaction:
// creating a tenant on first use (a key for a new tenant) then waits for a
// concurrent creation and finds its tenant.
func (q queries) TenantGetByName(ctx context.Context, name string) (*fathom.Tenant, error) {
	return lockMissing(ctx, q, []string{"tenant", name}, func() (*fathom.Tenant, error) {
		return scanTenant(q.q.QueryRow(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE name = $1`+q.forUpdate(), name))
	})
}

func (q queries) TenantList(ctx context.Context) ([]*fathom.Tenant, error) {
	rows, err := q.q.Query(ctx, `SELECT `+tenantColumns+` FROM tenants ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list tenants: %w", err)
	}
	return collect(rows, scanTenant)
}

func (t *tx) TenantCreate(ctx context.Context, p *store.TenantCreateParams) (*fathom.Tenant, error) {
	tn, err := scanTenant(t.q.QueryRow(ctx, `INSERT INTO tenants (name, created_at) VALUES ($1, $2) RETURNING `+tenantColumns,
		p.Name, p.CreatedAt))
	if err != nil {
		return nil, fmt.Errorf("create tenant: %w", err)
	}
	return tn, nil
}

func (t *tx) TenantSetQuota(ctx context.Context, tenantID int64, q fathom.Quota) error {
	return execOne(ctx, t.q, `UPDATE tenants SET quota_requests = $1, quota_tokens = $2, quota_retrievals = $3 WHERE id = $4`,
		q.Requests, q.Tokens, q.Retrievals, tenantID)
}

// The analysis flag. Of two transactions setting it, the second waits for
// the first's row lock and, under read committed, evaluates its WHERE again
// on the row the first committed, so only one finds the flag clear.
//
// A write that finds the flag set enqueues nothing: it relies on the
// analysis that will clear the flag to read its change afterwards. The
// analysis clears, then reads; if it cleared while such a write was still
// uncommitted, it would read without the write's change, and the change
// would wait for the tenant's next write. So writes hold the tenant's
// analysis lock shared, and the clear takes it exclusively: the clear waits
// for the writes in flight, and the writes that come after it wait for it
// and then find the flag clear. An advisory lock, not a share lock on the
// row, because the lock manager queues newcomers behind a waiting
// exclusive request: under a steady stream of writes, a row share lock let
// the clear wait for seconds (measured: p99 5 s with 6 writers looping).

func analysisLock(tenantID int64) string { return lockKeyText([]string{"analysis", idText(tenantID)}) }

func (t *tx) TenantMarkAnalysisPending(ctx context.Context, tenantID int64) (bool, error) {
	b := &pgx.Batch{}
	b.Queue(`SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))`, analysisLock(tenantID))
	b.Queue(`UPDATE tenants SET analysis_pending = true WHERE id = $1 AND NOT analysis_pending`, tenantID)
	res := t.q.SendBatch(ctx, b)
	defer res.Close()
	if _, err := res.Exec(); err != nil {
		return false, fmt.Errorf("mark analysis pending: lock: %w", err)
	}
	tag, err := res.Exec()
	if err != nil {
		return false, fmt.Errorf("mark analysis pending: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}

func (t *tx) TenantClearAnalysisPending(ctx context.Context, tenantID int64) error {
	b := &pgx.Batch{}
	b.Queue(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, analysisLock(tenantID))
	b.Queue(`UPDATE tenants SET analysis_pending = false WHERE id = $1`, tenantID)
	if err := t.q.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("clear analysis pending: %w", err)
	}
	return nil
}

// execOne runs a statement that must change exactly one row.
func execOne(ctx context.Context, q querier, query string, args ...any) error {
	tag, err := q.Exec(ctx, query, args...)
	if err != nil {
		return interpretError(err)
	}
	if tag.RowsAffected() == 0 {
		return store.ErrNotFound
	}
	return nil
}

// collect reads every row with scan and closes rows.
func collect[T any](rows pgx.Rows, scan func(pgx.Row) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
