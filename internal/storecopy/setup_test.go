package storecopy_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/pressly/goose/v3"

	"github.com/fathom-oss/fathom/internal/job"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite"
)

// target returns a new PostgreSQL database migrated as `fathom copy`
// migrates it (the application's schema and the job queue's), and its
// schema version.
func target(t *testing.T) (*pgxpool.Pool, int64) {
	t.Helper()
	ctx := context.Background()
	db := pgtest.Open(t)
	if err := job.Migrate(ctx, job.Postgres(db.Pool())); err != nil {
		t.Fatal(err)
	}
	var v int64
	if err := db.Pool().QueryRow(ctx, `SELECT max(version_id) FROM goose_db_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return db.Pool(), v
}

// sourceAt makes a SQLite database in dir migrated up to version (while
// the PostgreSQL engine's migrations are written, the copy is tested on
// the versions both engines have), with the job queue's tables, and
// returns its writer connection and file; close the writer before
// copying, as a stopped server would have.
func sourceAt(t *testing.T, dir string, version int64) (*sqlite.DB, string) {
	t.Helper()
	ctx := context.Background()
	file := filepath.Join(dir, "fathom.db")
	db, err := sqlite.Open(sqlite.Config{Path: file, Synchronous: "normal"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, err := goose.NewProvider(goose.DialectSQLite3, db.Writer(), os.DirFS("../store/sqlite/migrations"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		t.Fatal(err)
	}
	if err := job.Migrate(ctx, job.SQLite(db.Writer())); err != nil {
		t.Fatal(err)
	}
	return db, file
}

func exec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
