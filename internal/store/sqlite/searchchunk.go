package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/fathom-oss/fathom/internal/store"
)

func (q queries) ConversationStampScan(ctx context.Context, afterID int64, limit int, fn func(store.ConversationStamp) error) error {
	rows, err := q.db.QueryContext(ctx, `SELECT id, tenant_id, version, created_at FROM conversations WHERE id > ? ORDER BY id LIMIT ?`, afterID, limit)
	if err != nil {
		return fmt.Errorf("scan conversation stamps: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s store.ConversationStamp
		var created string
		if err := rows.Scan(&s.ID, &s.TenantID, &s.Version, &created); err != nil {
			return fmt.Errorf("scan conversation stamps: %w", err)
		}
		s.CreatedAt = parseTime(created)
		if err := fn(s); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (q queries) SearchChunkScan(ctx context.Context, chunk int64, fn func(tenantID int64, data []byte) error) error {
	rows, err := q.db.QueryContext(ctx, `SELECT tenant_id, data FROM search_index_chunks WHERE chunk = ? ORDER BY tenant_id`, chunk)
	if err != nil {
		return fmt.Errorf("scan search chunks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var tenantID int64
		var data sql.RawBytes // the driver's copy, not a second one: fn keeps none of it
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
		_, err = t.db.ExecContext(ctx, `DELETE FROM search_index_chunks WHERE chunk = ? AND tenant_id = ?`, p.Chunk, p.TenantID)
	} else {
		_, err = t.db.ExecContext(ctx, `INSERT INTO search_index_chunks (chunk, tenant_id, data, updated_at) VALUES (?, ?, ?, ?)
ON CONFLICT (chunk, tenant_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
			p.Chunk, p.TenantID, p.Data, formatTime(p.At))
	}
	if err != nil {
		return fmt.Errorf("store search chunk %d: %w", p.Chunk, err)
	}
	return nil
}
