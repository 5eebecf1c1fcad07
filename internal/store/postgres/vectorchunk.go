package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/store"
)

func (q queries) VectorChunkScan(ctx context.Context, space string, fn func(tenantID, chunk int64, data []byte) error) error {
	rows, err := q.q.Query(ctx, `SELECT tenant_id, chunk, data FROM vector_chunks WHERE space = $1 ORDER BY chunk, tenant_id`, space)
	if err != nil {
		return fmt.Errorf("scan vector chunks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var tenantID, chunk int64
		var data []byte
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
	if q.inTx {
		// Whether the row exists or not: a missing chunk is inserted by
		// the put that follows, which must not race another server's.
		if err := q.lockKey(ctx, "vectors", idText(tenantID), idText(chunk)); err != nil {
			return nil, err
		}
	}
	var data []byte
	err := q.q.QueryRow(ctx, `SELECT data FROM vector_chunks WHERE chunk = $1 AND tenant_id = $2 AND space = $3`,
		chunk, tenantID, space).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
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
		_, err = t.q.Exec(ctx, `DELETE FROM vector_chunks WHERE chunk = $1 AND tenant_id = $2`, p.Chunk, p.TenantID)
	} else {
		_, err = t.q.Exec(ctx, `INSERT INTO vector_chunks (chunk, tenant_id, space, data, updated_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (chunk, tenant_id) DO UPDATE SET space = EXCLUDED.space, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
			p.Chunk, p.TenantID, p.Space, p.Data, p.At)
	}
	if err != nil {
		return fmt.Errorf("store vector chunk %d: %w", p.Chunk, err)
	}
	return nil
}
