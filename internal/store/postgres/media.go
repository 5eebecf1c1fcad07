package postgres

import (
	"context"
	"fmt"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/jackc/pgx/v5"
)

const mediaColumns = `recording_id, tenant_id, kind, content_type, size_bytes, sha256, path, created_at`

// MediaGet inside a transaction locks the media row, or when the recording
// has none the recording's media key: of two transactions attaching media
// to one recording, the second waits and then reads the first's file, so
// that it knows which file it replaces.
func (q queries) MediaGet(ctx context.Context, tenantID, recordingID int64) (*fathom.Media, error) {
	return lockMissing(ctx, q, []string{"media", idText(recordingID)}, func() (*fathom.Media, error) {
		var m fathom.Media
		err := q.q.QueryRow(ctx, `SELECT `+mediaColumns+` FROM recording_media WHERE recording_id = $1 AND tenant_id = $2`+
			q.forUpdate(), recordingID, tenantID).Scan(&m.RecordingID, &m.TenantID, &m.Kind, &m.ContentType, &m.Size,
			&m.SHA256, &m.Path, &m.CreatedAt)
		if err != nil {
			return nil, interpretError(err)
		}
		m.CreatedAt = m.CreatedAt.UTC()
		return &m, nil
	})
}

func (t *tx) MediaPut(ctx context.Context, m *fathom.Media) error {
	_, err := t.q.Exec(ctx, `INSERT INTO recording_media (`+mediaColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (recording_id) DO UPDATE SET kind = excluded.kind, content_type = excluded.content_type,
size_bytes = excluded.size_bytes, sha256 = excluded.sha256, path = excluded.path, created_at = excluded.created_at`,
		m.RecordingID, m.TenantID, m.Kind, m.ContentType, m.Size, m.SHA256, m.Path, m.CreatedAt)
	if err != nil {
		return fmt.Errorf("put media of recording %d: %w", m.RecordingID, interpretError(err))
	}
	return nil
}

const downloadColumns = `id, tenant_id, recording_id, user_id, client, kind, content_type, size_bytes, sha256,
destination_url, created_at, expires_at`

func (q queries) DownloadGet(ctx context.Context, tenantID int64, id string) (*fathom.Download, error) {
	var d fathom.Download
	err := q.q.QueryRow(ctx, `SELECT `+downloadColumns+` FROM recording_downloads WHERE id = $1 AND tenant_id = $2`,
		id, tenantID).Scan(&d.ID, &d.TenantID, &d.RecordingID, &d.UserID, &d.Client, &d.Kind, &d.ContentType, &d.Size,
		&d.SHA256, &d.DestinationURL, &d.CreatedAt, &d.ExpiresAt)
	if err != nil {
		return nil, interpretError(err)
	}
	d.CreatedAt, d.ExpiresAt = d.CreatedAt.UTC(), d.ExpiresAt.UTC()
	return &d, nil
}

func (t *tx) DownloadCreate(ctx context.Context, d *fathom.Download) error {
	_, err := t.q.Exec(ctx, `INSERT INTO recording_downloads (`+downloadColumns+`)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, d.ID, d.TenantID, d.RecordingID, d.UserID, d.Client, d.Kind,
		d.ContentType, d.Size, d.SHA256, d.DestinationURL, d.CreatedAt, d.ExpiresAt)
	if err != nil {
		return fmt.Errorf("create download: %w", interpretError(err))
	}
	return nil
}

func (q queries) MediaPathList(ctx context.Context, after string, limit int) ([]string, error) {
	rows, err := q.q.Query(ctx, `SELECT path FROM recording_media WHERE path > $1 ORDER BY path LIMIT $2`, after, limitOrAll(limit))
	if err != nil {
		return nil, fmt.Errorf("list media paths: %w", interpretError(err))
	}
	paths, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return paths, interpretError(err)
}
