package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrNotBackup is returned by Open for a file that is not a backup made
// by Snapshot.
var ErrNotBackup = errors.New("not a fathom backup")

// ErrDamaged is returned by Open for a backup whose structure or row
// counts are not what it recorded.
var ErrDamaged = errors.New("backup damaged")

// Backup is a checked backup file.
type Backup struct {
	File string
	Meta
	// Tables are the row counts it recorded, which its tables hold.
	Tables []TableRows
}

// Open reads a backup's record and checks the file: SQLite's integrity
// check, and every table's rows against the recorded counts. It never
// writes to the file.
func Open(ctx context.Context, file string) (*Backup, error) {
	fi, err := os.Stat(file)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%w: %s is a directory", ErrNotBackup, file)
	}
	db, err := openFile(file, true)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	b := &Backup{File: file}
	if err := b.read(ctx, db); err != nil {
		return nil, err
	}
	if err := integrity(ctx, db); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	have, err := countTables(ctx, db)
	if err != nil {
		return nil, err
	}
	if err := Compare(b.Tables, have); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return b, nil
}

func (b *Backup) read(ctx context.Context, db *sql.DB) error {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND name = ?`, RecordTable).Scan(&n)
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_NOTADB {
		return fmt.Errorf("%w: not a SQLite database", ErrNotBackup)
	}
	if err != nil {
		return fmt.Errorf("read backup: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("%w: a SQLite database without the record (%s) that fathom backup writes", ErrNotBackup, RecordTable)
	}
	rows, err := db.QueryContext(ctx, `SELECT name, value FROM `+RecordTable+` ORDER BY name`)
	if err != nil {
		return fmt.Errorf("read backup record: %w", err)
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var name, value string
		if err := rows.Scan(&name, &value); err != nil {
			return err
		}
		var err error
		switch name {
		case "format":
			b.Format, err = strconv.Atoi(value)
		case "created_at":
			b.CreatedAt, err = time.Parse(time.RFC3339Nano, value)
		case "source":
			b.Source = value
		case "schema_version":
			b.SchemaVersion, err = strconv.ParseInt(value, 10, 64)
		case "fathom_version":
			b.FathomVersion = value
		case "key_fingerprint":
			b.KeyFingerprint = value
		default:
			if t, ok := strings.CutPrefix(name, rowsPrefix); ok {
				var n int64
				n, err = strconv.ParseInt(value, 10, 64)
				b.Tables = append(b.Tables, TableRows{Table: t, Rows: n})
			}
		}
		if err != nil {
			bad = append(bad, name)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read backup record: %w", err)
	}
	switch {
	case len(bad) > 0:
		return fmt.Errorf("%w: unreadable record entries %v", ErrDamaged, bad)
	case b.Format == 0:
		return fmt.Errorf("%w: its record has no format", ErrNotBackup)
	case b.Format > Format:
		return fmt.Errorf("backup format %d is newer than this binary reads (%d): restore with the fathom that made it (%s) or a newer one", b.Format, Format, b.FathomVersion)
	}
	return nil
}

// Compare checks that have holds every table of want with as many rows,
// and no other table.
func Compare(want, have []TableRows) error {
	got := map[string]int64{}
	for _, t := range have {
		got[t.Table] = t.Rows
	}
	var bad []string
	for _, t := range want {
		n, ok := got[t.Table]
		switch {
		case !ok:
			bad = append(bad, fmt.Sprintf("table %s is missing", t.Table))
		case n != t.Rows:
			bad = append(bad, fmt.Sprintf("table %s has %d rows, %d recorded", t.Table, n, t.Rows))
		}
		delete(got, t.Table)
	}
	for t := range got {
		bad = append(bad, fmt.Sprintf("table %s is not recorded", t))
	}
	if len(bad) > 0 {
		return errors.New(strings.Join(bad, "; "))
	}
	return nil
}

// OpenReadOnly opens a backup file, or any SQLite database file, for
// reading only (no check, no record read): for what the caller reads in
// it of its own, such as the media files its rows name.
func OpenReadOnly(file string) (*sql.DB, error) { return openFile(file, true) }
