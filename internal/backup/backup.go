// Package backup takes and checks backups of a Fathom installation.
//
// A backup is one SQLite database file: the installation's database as it
// was at one instant (every table, the job queue's included), plus a table
// of its own, fathom_backup, recording when and from what it was made and
// how many rows each table held. One format serves both engines' restores:
// a SQLite data directory gets the file itself, a PostgreSQL database gets
// it through storecopy.
//
// Snapshot reads a live database without stopping its server: SQLite's
// VACUUM INTO copies what one read transaction sees, which is every write
// committed (acknowledged) before it began and nothing after. It never
// writes to the live database. A PostgreSQL installation is written into
// the file by the caller (Options.Fill; storecopy.ToSQLite reads it in one
// REPEATABLE READ transaction), then checked and recorded alike.
//
// The package knows nothing of the domain: it names no table but its own.
package backup

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the driver
)

// RecordTable is the table a backup keeps its record in.
const RecordTable = "fathom_backup"

// Format is the version of the backup format this package writes and
// reads.
const Format = 1

// Meta is what a backup records about itself.
type Meta struct {
	Format        int
	CreatedAt     time.Time
	Source        string // the live database file it was taken from
	SchemaVersion int64  // the installation's migration version
	FathomVersion string // the binary that took it
	// KeyFingerprint identifies the secret key that sealed the tokens in
	// the backup (see KeyFingerprint); empty when none was known.
	KeyFingerprint string
}

// TableRows is one table's row count.
type TableRows struct {
	Table string
	Rows  int64
}

// Summary is what a finished backup holds.
type Summary struct {
	Meta
	File     string
	Tables   []TableRows
	Bytes    int64
	Duration time.Duration
}

// Options says how to take a backup.
type Options struct {
	// Live is the database file of a SQLite installation (it must
	// exist), copied with VACUUM INTO.
	Live string
	// Fill, when set instead of Live, writes the snapshot into the new,
	// empty SQLite file it is given (a PostgreSQL installation's copy);
	// Source names what it copied.
	Fill   func(ctx context.Context, file string) error
	Source string
	// To is the backup file to create; it must not exist.
	To string
	// FathomVersion is recorded as the binary that took the backup.
	FathomVersion string
	// KeyFingerprint is recorded, if the secret key is known.
	KeyFingerprint string
}

// ErrExists is returned when the backup file already exists.
var ErrExists = errors.New("backup file exists")

// Snapshot copies the live database into a new backup file: written under
// a temporary name beside it (mode 0600), integrity-checked, counted,
// recorded, synced to disk and only then renamed to opt.To. A failure
// leaves no file at opt.To.
func Snapshot(ctx context.Context, opt Options) (*Summary, error) {
	start := time.Now()
	if opt.Fill == nil {
		if _, err := os.Stat(opt.Live); err != nil {
			return nil, fmt.Errorf("database %s: %w", opt.Live, err)
		}
		opt.Source = opt.Live
		opt.Fill = func(ctx context.Context, file string) error { return vacuumInto(ctx, opt.Live, file) }
	}
	if _, err := os.Lstat(opt.To); err == nil {
		return nil, fmt.Errorf("%w: %s", ErrExists, opt.To)
	}
	dir := filepath.Dir(opt.To)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(opt.To)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create backup file: %w", err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	done := false
	defer func() {
		if !done {
			os.Remove(tmpName)
		}
		for _, suffix := range []string{"-journal", "-wal", "-shm", ".lock"} {
			os.Remove(tmpName + suffix)
		}
	}()

	if err := opt.Fill(ctx, tmpName); err != nil {
		return nil, err
	}
	sum := &Summary{File: opt.To, Meta: Meta{Format: Format, CreatedAt: start.UTC(), Source: opt.Source,
		FathomVersion: opt.FathomVersion, KeyFingerprint: opt.KeyFingerprint}}
	if err := finish(ctx, tmpName, sum); err != nil {
		return nil, err
	}
	if err := syncFile(tmpName); err != nil {
		return nil, err
	}
	// Link, not rename: a file made at opt.To meanwhile is never replaced.
	if err := os.Link(tmpName, opt.To); err != nil {
		if errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("%w: %s", ErrExists, opt.To)
		}
		return nil, fmt.Errorf("name backup file: %w", err)
	}
	done = true
	os.Remove(tmpName)
	if err := syncDir(dir); err != nil {
		return nil, err
	}
	fi, err := os.Stat(opt.To)
	if err != nil {
		return nil, err
	}
	sum.Bytes, sum.Duration = fi.Size(), time.Since(start)
	return sum, nil
}

// vacuumInto writes a consistent copy of the live database into the empty
// file to. Its connection only reads the live database: in WAL mode it
// neither waits for nor blocks the server's writers.
func vacuumInto(ctx context.Context, live, to string) error {
	db, err := sql.Open("sqlite", fileURI(live, "busy_timeout(10000)"))
	if err != nil {
		return fmt.Errorf("open %s: %w", live, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, to); err != nil {
		return fmt.Errorf("copy %s: %w", live, err)
	}
	return nil
}

// finish turns the fresh copy in file into a backup: a single file
// (rollback journal, not WAL), intact, counted and recorded.
func finish(ctx context.Context, file string, sum *Summary) error {
	db, err := openFile(file, false)
	if err != nil {
		return err
	}
	defer db.Close()
	var mode string
	if err := db.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode); err != nil {
		return fmt.Errorf("backup journal mode: %w", err)
	}
	if err := integrity(ctx, db); err != nil {
		return fmt.Errorf("the copy failed its check (%w): the live database may be damaged, run PRAGMA integrity_check on it", err)
	}
	if sum.SchemaVersion, err = schemaVersion(ctx, db); err != nil {
		return err
	}
	if sum.Tables, err = countTables(ctx, db); err != nil {
		return err
	}
	return record(ctx, db, sum)
}

func record(ctx context.Context, db *sql.DB, sum *Summary) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit, a no-op
	if _, err := tx.ExecContext(ctx, `DROP TABLE IF EXISTS `+RecordTable); err != nil {
		return fmt.Errorf("record backup: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE `+RecordTable+` (name TEXT PRIMARY KEY, value TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("record backup: %w", err)
	}
	m := sum.Meta
	values := [][2]string{
		{"format", strconv.Itoa(m.Format)},
		{"created_at", m.CreatedAt.Format(time.RFC3339Nano)},
		{"source", m.Source},
		{"schema_version", strconv.FormatInt(m.SchemaVersion, 10)},
		{"fathom_version", m.FathomVersion},
		{"key_fingerprint", m.KeyFingerprint},
	}
	for _, t := range sum.Tables {
		values = append(values, [2]string{rowsPrefix + t.Table, strconv.FormatInt(t.Rows, 10)})
	}
	for _, v := range values {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+RecordTable+` (name, value) VALUES (?, ?)`, v[0], v[1]); err != nil {
			return fmt.Errorf("record backup: %w", err)
		}
	}
	return tx.Commit()
}

// rowsPrefix starts the record names of the row counts.
const rowsPrefix = "rows:"

// KeyFingerprint identifies a secret key without revealing it: the first
// 16 hex digits of a SHA-256 of the key under a fixed label.
func KeyFingerprint(key []byte) string {
	h := sha256.Sum256(append([]byte("fathom backup key fingerprint\x00"), key...))
	return hex.EncodeToString(h[:8])
}

// openFile opens a SQLite database file that must exist (never creates
// one); readOnly opens it query-only.
func openFile(file string, readOnly bool) (*sql.DB, error) {
	if _, err := os.Stat(file); err != nil {
		return nil, err
	}
	pragmas := []string{"busy_timeout(10000)"}
	if readOnly {
		pragmas = append(pragmas, "query_only(1)")
	}
	db, err := sql.Open("sqlite", fileURI(file, pragmas...))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

func fileURI(file string, pragmas ...string) string {
	q := url.Values{}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(file) + "?" + q.Encode()
}

// integrity runs SQLite's full check of the file's structure.
func integrity(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		if s != "ok" && len(problems) < 5 {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check: %s", strings.Join(problems, "; "))
	}
	return nil
}

// schemaVersion is the database's migration version (goose).
func schemaVersion(ctx context.Context, db *sql.DB) (int64, error) {
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(version_id) FROM goose_db_version WHERE is_applied`).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version (is it a Fathom database?): %w", err)
	}
	return v.Int64, nil
}

// countTables counts the rows of every table but SQLite's own, the
// backup's record and the storage of virtual tables (counted through
// the virtual table).
func countTables(ctx context.Context, db *sql.DB) ([]TableRows, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM pragma_table_list
		WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> ?
		ORDER BY name`, RecordTable)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]TableRows, 0, len(names))
	for _, n := range names {
		t := TableRows{Table: n}
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM "`+strings.ReplaceAll(n, `"`, `""`)+`"`).Scan(&t.Rows); err != nil {
			return nil, fmt.Errorf("count table %s: %w", n, err)
		}
		out = append(out, t)
	}
	return out, nil
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync %s: %w", name, err)
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
