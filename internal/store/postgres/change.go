package postgres

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/store"
)

func (t *tx) ChangeAppend(ctx context.Context, c *store.Change) error {
	err := t.q.QueryRow(ctx, `INSERT INTO changes (tenant_id, kind, ref, server, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		c.TenantID, c.Kind, c.Ref, c.Server, c.CreatedAt).Scan(&c.ID)
	if err != nil {
		return fmt.Errorf("append change: %w", interpretError(err))
	}
	return nil
}

// ChangeAppendMany inserts the changes in one statement of arrays. Rows
// come out of unnest in order and take their ids from the sequence as they
// come, so the ids returned, sorted, are the changes' in order.
func (t *tx) ChangeAppendMany(ctx context.Context, cs []*store.Change) error {
	if len(cs) == 0 {
		return nil
	}
	tenants, refs := make([]int64, len(cs)), make([]int64, len(cs))
	kinds, servers := make([]string, len(cs)), make([]string, len(cs))
	times := make([]time.Time, len(cs))
	for i, c := range cs {
		tenants[i], kinds[i], refs[i], servers[i], times[i] = c.TenantID, c.Kind, c.Ref, c.Server, c.CreatedAt
	}
	rows, err := t.q.Query(ctx, `INSERT INTO changes (tenant_id, kind, ref, server, created_at)
SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::timestamptz[]) RETURNING id`,
		tenants, kinds, refs, servers, times)
	if err != nil {
		return fmt.Errorf("append changes: %w", interpretError(err))
	}
	ids, err := collect(rows, func(row pgx.Row) (id int64, err error) { return id, row.Scan(&id) })
	if err != nil {
		return fmt.Errorf("append changes: %w", interpretError(err))
	}
	slices.Sort(ids)
	for i, c := range cs {
		c.ID = ids[i]
	}
	return nil
}

func (q queries) ChangeList(ctx context.Context, afterID int64, limit int) ([]*store.Change, error) {
	rows, err := q.q.Query(ctx, `SELECT id, tenant_id, kind, ref, server, created_at FROM changes
WHERE id > $1 ORDER BY id LIMIT $2`, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("list changes: %w", err)
	}
	defer rows.Close()
	var out []*store.Change
	for rows.Next() {
		var c store.Change
		if err := rows.Scan(&c.ID, &c.TenantID, &c.Kind, &c.Ref, &c.Server, &c.CreatedAt); err != nil {
			return nil, err
		}
		c.CreatedAt = c.CreatedAt.UTC()
		out = append(out, &c)
	}
	return out, rows.Err()
}

func (q queries) ChangeFirstID(ctx context.Context) (int64, error) {
	var id *int64
	if err := q.q.QueryRow(ctx, `SELECT MIN(id) FROM changes`).Scan(&id); err != nil {
		return 0, fmt.Errorf("first change: %w", err)
	}
	if id == nil {
		return 0, nil
	}
	return *id, nil
}

func (q queries) ChangeLastID(ctx context.Context, before time.Time) (int64, error) {
	var id *int64
	if err := q.q.QueryRow(ctx, `SELECT MAX(id) FROM changes WHERE created_at < $1`, before).Scan(&id); err != nil {
		return 0, fmt.Errorf("last change: %w", err)
	}
	if id == nil {
		return 0, nil
	}
	return *id, nil
}

func (t *tx) ChangeDeleteBefore(ctx context.Context, before time.Time) (int64, error) {
	tag, err := t.q.Exec(ctx, `DELETE FROM changes WHERE created_at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("prune changes: %w", err)
	}
	return tag.RowsAffected(), nil
}

// AnalysisLeaseAcquire relies on INSERT … ON CONFLICT DO UPDATE … WHERE
// taking the row lock: of two servers racing for a free lease, the second
// waits, re-reads the row the first wrote, and finds it held.
func (t *tx) AnalysisLeaseAcquire(ctx context.Context, p *store.AnalysisLeaseParams) (bool, error) {
	tag, err := t.q.Exec(ctx, `INSERT INTO analysis_leases (tenant_id, server, expires_at) VALUES ($1, $2, $3)
ON CONFLICT (tenant_id) DO UPDATE SET server = excluded.server, expires_at = excluded.expires_at
WHERE analysis_leases.server = excluded.server OR analysis_leases.expires_at < $4`,
		p.TenantID, p.Server, p.Until, p.Now)
	if err != nil {
		return false, fmt.Errorf("acquire analysis lease: %w", interpretError(err))
	}
	return tag.RowsAffected() == 1, nil
}

func (t *tx) AnalysisLeaseHeld(ctx context.Context, tenantID int64, now time.Time) (bool, error) {
	var held bool
	err := t.q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM analysis_leases WHERE tenant_id = $1 AND expires_at >= $2)`,
		tenantID, now).Scan(&held)
	if err != nil {
		return false, fmt.Errorf("read analysis lease: %w", err)
	}
	return held, nil
}

func (t *tx) AnalysisLeaseRelease(ctx context.Context, tenantID int64, server string) error {
	if _, err := t.q.Exec(ctx, `DELETE FROM analysis_leases WHERE tenant_id = $1 AND server = $2`, tenantID, server); err != nil {
		return fmt.Errorf("release analysis lease: %w", err)
	}
	return nil
}
