// Package sqlite implements store.Store on an embedded SQLite database with
// the pure-Go modernc.org/sqlite driver: one writer connection that commits
// concurrent writers' work together (group commit), and a pool of readers.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/fathom-oss/fathom/internal/store"
)

// Config says where the database lives and how safely it commits.
type Config struct {
	// Path is the database file; its directory is created if missing.
	Path string
	// Synchronous is "full" (default: a commit survives power loss) or
	// "normal" (survives a process crash, may lose the last commits on
	// power loss).
	Synchronous string
	// ReadConns is the size of the reader pool (default 4).
	ReadConns int
	// MaxBatch caps how many writers share one commit (default 256).
	MaxBatch int
}

// DB is the SQLite store.
type DB struct {
	cfg    Config
	writer *sql.DB
	reader *sql.DB
	batch  *batcher
	queries
}

var _ store.Store = (*DB)(nil)

// Open opens (creating if needed) the database at cfg.Path. It does not
// migrate: call Migrate.
func Open(cfg Config) (*DB, error) {
	if cfg.Synchronous == "" {
		cfg.Synchronous = "full"
	}
	if cfg.ReadConns <= 0 {
		cfg.ReadConns = 4
	}
	if cfg.MaxBatch <= 0 {
		cfg.MaxBatch = 256
	}
	if dir := filepath.Dir(cfg.Path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create data directory: %w", err)
		}
	}
	if err := createPrivate(cfg.Path); err != nil {
		return nil, err
	}
	wc, err := connector(dsn(cfg.Path, cfg.Synchronous, false))
	if err != nil {
		return nil, fmt.Errorf("open sqlite writer: %w", err)
	}
	writer := sql.OpenDB(wc)
	// One connection: SQLite allows one writer at a time anyway, and
	// queueing in database/sql is cheaper than SQLITE_BUSY retries.
	writer.SetMaxOpenConns(1)
	writer.SetConnMaxLifetime(0)
	if err := writer.Ping(); err != nil {
		writer.Close()
		return nil, fmt.Errorf("open sqlite database %s: %w", cfg.Path, err)
	}
	rc, err := connector(dsn(cfg.Path, cfg.Synchronous, true))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("open sqlite readers: %w", err)
	}
	reader := sql.OpenDB(rc)
	reader.SetMaxOpenConns(cfg.ReadConns)
	reader.SetMaxIdleConns(cfg.ReadConns)
	db := &DB{cfg: cfg, writer: writer, reader: reader, queries: queries{conn{db: reader}}}
	db.batch = newBatcher(writer, cfg.MaxBatch)
	return db, nil
}

// createPrivate creates a missing database file empty (an empty file is
// an empty SQLite database) with mode 0600 before SQLite opens it: SQLite
// would create it 0644 less the umask, and it creates the -wal, -shm and
// -journal files with the mode of the database file, so these are 0600
// too. The data directory is 0700 already; the files hold API keys' hashes
// and every tenant's conversations, and stay private when copied or moved
// out of it. An existing file keeps the mode its owner gave it.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create sqlite database %s: %w", path, err)
	}
	return f.Close()
}

func dsn(path, synchronous string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous("+strings.ToUpper(synchronous)+")")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "temp_store(MEMORY)")
	if readOnly {
		// Each reader has its own page cache, and start-up scans fill them
		// all with the same pages the operating system caches anyway: 8 MB
		// each instead of 32 MB keeps duplicates out of the
		// resident memory of a large database (4 readers × 24 MB at most;
		// 48 MB less resident after a start at 100k conversations).
		q.Add("_pragma", "cache_size(-8000)")
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "cache_size(-32000)")
		// Take the write lock at BEGIN so a transaction never fails
		// upgrading from read to write.
		q.Set("_txlock", "immediate")
	}
	// The path is part of a URI: escape what SQLite would read as its
	// query, fragment or an escape.
	return "file:" + uriPath.Replace(path) + "?" + q.Encode()
}

var uriPath = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// Writer is the single writer connection, for the job queue's own use.
func (db *DB) Writer() *sql.DB { return db.writer }

// Reader is the read-only pool, for reads outside the storage contract
// (the job queue's backlog).
func (db *DB) Reader() *sql.DB { return db.reader }

// Snapshot runs fn in a read transaction on a reader connection: in WAL
// mode its statements all read the database as it was at the first of
// them, whatever the writer commits meanwhile.
func (db *DB) Snapshot(ctx context.Context, fn func(r store.Reader) error) error {
	t, err := db.reader.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin snapshot: %w", err)
	}
	defer t.Rollback()
	return fn(queries{conn{tx: t}})
}

// Write runs fn in a write transaction, possibly shared with other callers.
func (db *DB) Write(ctx context.Context, fn func(tx store.Tx) error) error {
	return db.batch.do(ctx, fn)
}

// Close stops accepting writes, finishes queued ones and closes both pools.
func (db *DB) Close() error {
	db.batch.close()
	return errors.Join(db.writer.Close(), db.reader.Close())
}

// unavailable joins store.ErrUnavailable to err when SQLite cannot store
// data now: the disk is full (SQLITE_FULL), a file cannot be read or
// written (SQLITE_IOERR, SQLITE_CANTOPEN) or the database file has become
// read-only (SQLITE_READONLY).
func unavailable(err error) error {
	if err == nil || errors.Is(err, store.ErrUnavailable) {
		return err
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff { // the primary code of an extended one
		case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY:
			return fmt.Errorf("%w: %w", store.ErrUnavailable, err)
		}
	}
	return err
}

// interpretError maps driver errors to the store's shared errors.
func interpretError(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return store.ErrNotFound
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%w: %v", store.ErrDuplicate, err)
		}
	}
	return err
}

const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) time.Time {
	if t, ok := parseUTC(s); ok {
		return t
	}
	t, _ := time.Parse(timeFormat, s)
	return t
}

// parseUTC reads a time as formatTime writes it (UTC, nine digits of
// fraction: "2006-01-02T15:04:05.000000000Z") without time.Parse, which
// was a tenth of reading the conversations' stamps at a start. It reports
// false for anything else (another zone, a shorter fraction, a date that
// does not exist), which parseTime leaves to time.Parse, so that it never
// reads a time differently (FuzzParseUTC).
func parseUTC(s string) (time.Time, bool) {
	if len(s) != len("2006-01-02T15:04:05.000000000Z") || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
		s[13] != ':' || s[16] != ':' || s[19] != '.' || s[29] != 'Z' {
		return time.Time{}, false
	}
	ok := true
	num := func(lo, hi int) int {
		n := 0
		for i := lo; i < hi; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				ok = false
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	year, month, day := num(0, 4), num(5, 7), num(8, 10)
	hour, minute, sec, nsec := num(11, 13), num(14, 16), num(17, 19), num(20, 29)
	if !ok || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	if t.Day() != day { // a day past the month's end, which time.Date would carry over
		return time.Time{}, false
	}
	return t, true
}

func parseTimePtr(s sql.NullString) *time.Time {
	if !s.Valid {
		return nil
	}
	t := parseTime(s.String)
	return &t
}
