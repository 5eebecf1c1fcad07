package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// dbtx is what both the reader pool and a transaction offer.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// queries holds the reads, run on the reader pool or inside a transaction.
type queries struct{ db conn }

const tenantColumns = `id, name, quota_requests, quota_tokens, quota_retrievals, created_at`

func scanTenant(row interface{ Scan(...any) error }) (*fathom.Tenant, error) {
	var t fathom.Tenant
	var created string
	if err := row.Scan(&t.ID, &t.Name, &t.Quota.Requests, &t.Quota.Tokens, &t.Quota.Retrievals, &created); err != nil {
		return nil, interpretError(err)
	}
	t.CreatedAt = parseTime(created)
	return &t, nil
}

func (q queries) TenantGet(ctx context.Context, id int64) (*fathom.Tenant, error) {
	return scanTenant(q.db.QueryRowContext(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE id = ?`, id))
}

func (q queries) TenantGetByName(ctx context.Context, name string) (*fathom.Tenant, error) {
	return scanTenant(q.db.QueryRowContext(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE name = ?`, name))
}

func (q queries) TenantList(ctx context.Context) ([]*fathom.Tenant, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT `+tenantColumns+` FROM tenants ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list tenants: %w", err)
	}
	defer rows.Close()
	var out []*fathom.Tenant
	for rows.Next() {
		t, err := scanTenant(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func (t *tx) TenantCreate(ctx context.Context, p *store.TenantCreateParams) (*fathom.Tenant, error) {
	res, err := t.db.ExecContext(ctx, `INSERT INTO tenants (name, created_at) VALUES (?, ?)`, p.Name, formatTime(p.CreatedAt))
	if err != nil {
		return nil, fmt.Errorf("create tenant: %w", interpretError(err))
	}
	id, _ := res.LastInsertId()
	return t.TenantGet(ctx, id)
}

func (t *tx) TenantSetQuota(ctx context.Context, tenantID int64, q fathom.Quota) error {
	return execOne(ctx, t.db, `UPDATE tenants SET quota_requests = ?, quota_tokens = ?, quota_retrievals = ? WHERE id = ?`,
		q.Requests, q.Tokens, q.Retrievals, tenantID)
}

func (t *tx) TenantMarkAnalysisPending(ctx context.Context, tenantID int64) (bool, error) {
	res, err := t.db.ExecContext(ctx, `UPDATE tenants SET analysis_pending = 1 WHERE id = ? AND analysis_pending = 0`, tenantID)
	if err != nil {
		return false, fmt.Errorf("mark analysis pending: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

func (t *tx) TenantClearAnalysisPending(ctx context.Context, tenantID int64) error {
	_, err := t.db.ExecContext(ctx, `UPDATE tenants SET analysis_pending = 0 WHERE id = ?`, tenantID)
	return err
}

// execOne runs a statement that must change exactly one row.
func execOne(ctx context.Context, db dbtx, query string, args ...any) error {
	res, err := db.ExecContext(ctx, query, args...)
	if err != nil {
		return interpretError(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrNotFound
	}
	return nil
}
