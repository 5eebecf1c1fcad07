package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/store"
)

func (t *tx) ChangeAppend(ctx context.Context, c *store.Change) error {
	res, err := t.db.ExecContext(ctx, `INSERT INTO changes (tenant_id, kind, ref, server, created_at) VALUES (?, ?, ?, ?, ?)`,
		c.TenantID, c.Kind, c.Ref, c.Server, formatTime(c.CreatedAt))
	if err != nil {
		return fmt.Errorf("append change: %w", err)
	}
	c.ID, err = res.LastInsertId()
	return err
}

// ChangeAppendMany appends one by one: SQLite runs in-process, so a
// statement costs no round trip, and each reuses the prepared insert.
func (t *tx) ChangeAppendMany(ctx context.Context, cs []*store.Change) error {
	for _, c := range cs {
		if err := t.ChangeAppend(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

func (q queries) ChangeList(ctx context.Context, afterID int64, limit int) ([]*store.Change, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT id, tenant_id, kind, ref, server, created_at FROM changes
WHERE id > ? ORDER BY id LIMIT ?`, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("list changes: %w", err)
	}
	defer rows.Close()
	var out []*store.Change
	for rows.Next() {
		var c store.Change
		var created string
		if err := rows.Scan(&c.ID, &c.TenantID, &c.Kind, &c.Ref, &c.Server, &created); err != nil {
			return nil, err
		}
		c.CreatedAt = parseTime(created)
		out = append(out, &c)
	}
	return out, rows.Err()
}

func (q queries) ChangeFirstID(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	if err := q.db.QueryRowContext(ctx, `SELECT MIN(id) FROM changes`).Scan(&id); err != nil {
		return 0, fmt.Errorf("first change: %w", err)
	}
	return id.Int64, nil
}

func (q queries) ChangeLastID(ctx context.Context, before time.Time) (int64, error) {
	var id sql.NullInt64
	err := q.db.QueryRowContext(ctx, `SELECT MAX(id) FROM changes WHERE created_at < ?`, formatTime(before)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("last change: %w", err)
	}
	return id.Int64, nil
}

func (t *tx) ChangeDeleteBefore(ctx context.Context, before time.Time) (int64, error) {
	res, err := t.db.ExecContext(ctx, `DELETE FROM changes WHERE created_at < ?`, formatTime(before))
	if err != nil {
		return 0, fmt.Errorf("prune changes: %w", err)
	}
	return res.RowsAffected()
}

func (t *tx) AnalysisLeaseAcquire(ctx context.Context, p *store.AnalysisLeaseParams) (bool, error) {
	res, err := t.db.ExecContext(ctx, `INSERT INTO analysis_leases (tenant_id, server, expires_at) VALUES (?, ?, ?)
ON CONFLICT (tenant_id) DO UPDATE SET server = excluded.server, expires_at = excluded.expires_at
WHERE analysis_leases.server = excluded.server OR analysis_leases.expires_at < ?`,
		p.TenantID, p.Server, formatTime(p.Until), formatTime(p.Now))
	if err != nil {
		return false, fmt.Errorf("acquire analysis lease: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (t *tx) AnalysisLeaseHeld(ctx context.Context, tenantID int64, now time.Time) (bool, error) {
	var held bool
	err := t.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM analysis_leases WHERE tenant_id = ? AND expires_at >= ?)`,
		tenantID, formatTime(now)).Scan(&held)
	if err != nil {
		return false, fmt.Errorf("read analysis lease: %w", err)
	}
	return held, nil
}

func (t *tx) AnalysisLeaseRelease(ctx context.Context, tenantID int64, server string) error {
	_, err := t.db.ExecContext(ctx, `DELETE FROM analysis_leases WHERE tenant_id = ? AND server = ?`, tenantID, server)
	if err != nil {
		return fmt.Errorf("release analysis lease: %w", err)
	}
	return nil
}
