package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/fathom-oss/fathom/internal/store"
)

func (q queries) VectorChunkScan(ctx context.Context, space string, fn func(tenantID, chunk int64, data []byte) error) error {
	rows, err := q.db.QueryContext(ctx, `SELECT tenant_id, chunk, data FROM vector_chunks WHERE space = ? ORDER BY chunk, tenant_id`, space)
	if err != nil {
		return fmt.Errorf("scan vector chunks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var tenantID, chunk int64
		var data sql.RawBytes // the driver's copy, not a second one: fn keeps none of it
		if err := rows.Scan(&tenantID, &chunk, &data); err != nil {
			return fmt.Errorf("scan vector chunks: %w", err)
		}
		if err := fn(tenantID, chunk, data); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (q queries) VectorChunkGet(ctx context.Context, tenantID, chunk int64, space string) ([]byte, error) {
	var data []byte
	err := q.db.QueryRowContext(ctx, `SELECT data FROM vector_chunks WHERE chunk = ? AND tenant_id = ? AND space = ?`,
		chunk, tenantID, space).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read vector chunk %d: %w", chunk, err)
	}
	return data, nil
}

func (t *tx) VectorChunkPut(ctx context.Context, p *store.VectorChunkPutParams) error {
	var err error
	if len(p.Data) == 0 {
		_, err = t.db.ExecContext(ctx, `DELETE FROM vector_chunks WHERE chunk = ? AND tenant_id = ?`, p.Chunk, p.TenantID)
	} else {
		_, err = t.db.ExecContext(ctx, `INSERT INTO vector_chunks (chunk, tenant_id, space, data, updated_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (chunk, tenant_id) DO UPDATE SET space = excluded.space, data = excluded.data, updated_at = excluded.updated_at`,
			p.Chunk, p.TenantID, p.Space, p.Data, formatTime(p.At))
	}
	if err != nil {
		return fmt.Errorf("store vector chunk %d: %w", p.Chunk, err)
	}
	return nil
}
