package backup

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/fathom-oss/fathom/internal/media"
)

// MediaFiles reads the media files a SQLite database's rows name
// (recording_media): a backup's, or a live installation's. A database from
// before media names none.
func MediaFiles(ctx context.Context, db *sql.DB) ([]media.File, error) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND name = 'recording_media'`).Scan(&n); err != nil || n == 0 {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `SELECT path, size_bytes, sha256 FROM recording_media ORDER BY path`)
	if err != nil {
		return nil, fmt.Errorf("media rows: %w", err)
	}
	defer rows.Close()
	var out []media.File
	for rows.Next() {
		var f media.File
		if err := rows.Scan(&f.Path, &f.Size, &f.SHA256); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
