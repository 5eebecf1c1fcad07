package sqlite

import (
	"context"
	"fmt"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// SQLite has one writer, so a media row read inside a transaction stays
// as read until the commit without a lock of its own.

const mediaColumns = `recording_id, tenant_id, kind, content_type, size_bytes, sha256, path, created_at`

func (q queries) MediaGet(ctx context.Context, tenantID, recordingID int64) (*fathom.Media, error) {
	var m fathom.Media
	var created string
	err := q.db.QueryRowContext(ctx, `SELECT `+mediaColumns+` FROM recording_media WHERE recording_id = ? AND tenant_id = ?`,
		recordingID, tenantID).Scan(&m.RecordingID, &m.TenantID, &m.Kind, &m.ContentType, &m.Size, &m.SHA256, &m.Path, &created)
	if err != nil {
		return nil, interpretError(err)
	}
	m.CreatedAt = parseTime(created)
	return &m, nil
}

func (t *tx) MediaPut(ctx context.Context, m *fathom.Media) error {
	_, err := t.db.ExecContext(ctx, `INSERT INTO recording_media (`+mediaColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (recording_id) DO UPDATE SET kind = excluded.kind, content_type = excluded.content_type,
size_bytes = excluded.size_bytes, sha256 = excluded.sha256, path = excluded.path, created_at = excluded.created_at`,
		m.RecordingID, m.TenantID, m.Kind, m.ContentType, m.Size, m.SHA256, m.Path, formatTime(m.CreatedAt))
	if err != nil {
		return fmt.Errorf("put media of recording %d: %w", m.RecordingID, interpretError(err))
	}
	return nil
}

const downloadColumns = `id, tenant_id, recording_id, user_id, client, kind, content_type, size_bytes, sha256,
destination_url, created_at, expires_at`

func (q queries) DownloadGet(ctx context.Context, tenantID int64, id string) (*fathom.Download, error) {
	var d fathom.Download
	var created, expires string
	err := q.db.QueryRowContext(ctx, `SELECT `+downloadColumns+` FROM recording_downloads WHERE id = ? AND tenant_id = ?`,
		id, tenantID).Scan(&d.ID, &d.TenantID, &d.RecordingID, &d.UserID, &d.Client, &d.Kind, &d.ContentType, &d.Size,
		&d.SHA256, &d.DestinationURL, &created, &expires)
	if err != nil {
		return nil, interpretError(err)
	}
	d.CreatedAt, d.ExpiresAt = parseTime(created), parseTime(expires)
	return &d, nil
}

func (t *tx) DownloadCreate(ctx context.Context, d *fathom.Download) error {
	_, err := t.db.ExecContext(ctx, `INSERT INTO recording_downloads (`+downloadColumns+`)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, d.TenantID, d.RecordingID, d.UserID, d.Client, d.Kind, d.ContentType,
		d.Size, d.SHA256, d.DestinationURL, formatTime(d.CreatedAt), formatTime(d.ExpiresAt))
	if err != nil {
		return fmt.Errorf("create download: %w", interpretError(err))
	}
	return nil
}

func (q queries) MediaPathList(ctx context.Context, after string, limit int) ([]string, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT path FROM recording_media WHERE path > ? ORDER BY path LIMIT ?`, after, sqlLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("list media paths: %w", err)
	}
	return scanColumn[string](rows)
}
