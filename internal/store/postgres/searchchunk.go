package postgres

import (
	"context"
	"fmt"

	"github.com/fathom-oss/fathom/internal/store"
)

func (q queries) ConversationStampScan(ctx context.Context, afterID int64, limit int, fn func(store.ConversationStamp) error) error {
	rows, err := q.q.Query(ctx, `SELECT id, tenant_id, version, created_at FROM conversations WHERE id > $1 ORDER BY id LIMIT $2`, afterID, limit)
	if err != nil {
		return fmt.Errorf("scan conversation stamps: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s store.ConversationStamp
		if err := rows.Scan(&s.ID, &s.TenantID, &s.Version, &s.CreatedAt); err != nil {
			return fmt.Errorf("scan conversation stamps: %w", err)
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (q queries) SearchChunkScan(ctx context.Context, chunk int64, fn func(tenantID int64, data []byte) error) error {
	rows, err := q.q.Query(ctx, `SELECT tenant_id, data FROM search_index_chunks WHERE chunk = $1 ORDER BY tenant_id`, chunk)
	if err != nil {
		return fmt.Errorf("scan search chunks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var tenantID int64
		var data []byte
		if err := rows.Scan(&tenantID, &data); err != nil {
			return fmt.Errorf("scan search chunks: %w", err)
		}
		if err := fn(tenantID, data); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (t *tx) SearchChunkPut(ctx context.Context, p *store.SearchChunkPutParams) error {
	var err error
	if len(p.Data) == 0 {
		_, err = t.q.Exec(ctx, `DELETE FROM search_index_chunks WHERE chunk = $1 AND tenant_id = $2`, p.Chunk, p.TenantID)
	} else {
		_, err = t.q.Exec(ctx, `INSERT INTO search_index_chunks (chunk, tenant_id, data, updated_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (chunk, tenant_id) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
			p.Chunk, p.TenantID, p.Data, p.At)
	}
	if err != nil {
		return fmt.Errorf("store search chunk %d: %w", p.Chunk, err)
	}
	return nil
}
