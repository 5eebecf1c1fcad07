// Package pgtest opens real, migrated PostgreSQL databases for tests: a new
// throwaway database per call, dropped when the test ends. The server is
// FATHOM_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres);
// when it cannot be reached the test is skipped with a message saying so,
// unless FATHOM_REQUIRE_POSTGRES=1 (CI sets it), which makes that a failure.
package pgtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/fathom-oss/fathom/internal/store/postgres"
)

// DefaultURL is the server tests use when FATHOM_TEST_POSTGRES_URL is unset.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres"

// ServerURL is the administrative URL of the test server.
func ServerURL() string {
	if u := os.Getenv("FATHOM_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return DefaultURL
}

// Requested reports whether FATHOM_TEST_ENGINE=postgres asks end-to-end
// tests to run on PostgreSQL instead of SQLite; any value other than
// empty, sqlite or postgres fails the test.
func Requested(tb testing.TB) bool {
	tb.Helper()
	switch e := os.Getenv("FATHOM_TEST_ENGINE"); e {
	case "", "sqlite":
		return false
	case "postgres":
		return true
	default:
		tb.Fatalf("FATHOM_TEST_ENGINE=%q: want sqlite or postgres", e)
		return false
	}
}

// NewDatabase creates an empty database and returns its URL; it is dropped
// at the end of the test.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	return newDatabase(tb, "")
}

// NewMigratedDatabase is NewDatabase with the schema and the job queue's
// tables already in place: it is copied from a template migrated once per
// schema (CREATE DATABASE … TEMPLATE), which saves every test the seconds
// that migrating a fresh database takes.
func NewMigratedDatabase(tb testing.TB) string {
	tb.Helper()
	return newDatabase(tb, migratedTemplate(tb))
}

func newDatabase(tb testing.TB, template string) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	admin := connectAdmin(ctx, tb)
	defer admin.Close(ctx)
	name := "fathom_test_" + randomHex(6)
	create := "CREATE DATABASE " + name
	if template != "" {
		create += " TEMPLATE " + template
	}
	if _, err := admin.Exec(ctx, create); err != nil {
		tb.Fatalf("create database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		admin, err := pgx.Connect(ctx, ServerURL())
		if err != nil {
			tb.Logf("drop database %s: %v", name, err)
			return
		}
		defer admin.Close(ctx)
		if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Logf("drop database %s: %v", name, err)
		}
	})
	return databaseURL(tb, name)
}

func connectAdmin(ctx context.Context, tb testing.TB) *pgx.Conn {
	tb.Helper()
	admin, err := pgx.Connect(ctx, ServerURL())
	if err != nil {
		if os.Getenv("FATHOM_REQUIRE_POSTGRES") == "1" {
			tb.Fatalf("PostgreSQL at %s: %v", ServerURL(), err)
		}
		tb.Skipf("PostgreSQL not reachable at %s (set FATHOM_TEST_POSTGRES_URL, or start it): %v", ServerURL(), err)
	}
	return admin
}

func databaseURL(tb testing.TB, name string) string {
	tb.Helper()
	u, err := url.Parse(ServerURL())
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

var template struct {
	once sync.Once
	name string
	err  error
}

// migratedTemplate returns the name of a database holding the current
// schema and the job queue's tables, making it if no test process has. Its
// name is a hash of the migrations, so a changed schema gets a new
// template; an advisory lock keeps test processes that start together from
// making it twice.
func migratedTemplate(tb testing.TB) string {
	tb.Helper()
	template.once.Do(func() { template.name, template.err = makeTemplate(tb) })
	if template.err != nil {
		tb.Fatalf("migrated template database: %v", template.err)
	}
	return template.name
}

func makeTemplate(tb testing.TB) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	admin := connectAdmin(ctx, tb)
	defer admin.Close(ctx)
	h := sha256.New()
	err := fs.WalkDir(postgres.Migrations(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(postgres.Migrations(), path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	if err != nil {
		return "", err
	}
	h.Write([]byte(riverVersion))
	name := "fathom_template_" + hex.EncodeToString(h.Sum(nil))[:16]
	if _, err := admin.Exec(ctx, "SELECT pg_advisory_lock(hashtext($1))", name); err != nil {
		return "", err
	}
	defer admin.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(hashtext($1))", name)
	var exists bool
	if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil || exists {
		return name, err
	}
	// Made under another name and renamed once complete, so that a process
	// killed while migrating never leaves a half-made template behind.
	building := name + "_" + randomHex(3)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+building); err != nil {
		return "", err
	}
	if err := migrateTemplate(ctx, databaseURL(tb, building)); err != nil {
		admin.Exec(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)")
		return "", err
	}
	if _, err := admin.Exec(ctx, "ALTER DATABASE "+building+" RENAME TO "+name); err != nil {
		return "", err
	}
	return name, nil
}

// riverVersion is part of the template's name: River's tables change with it.
const riverVersion = "river v0.47.0"

func migrateTemplate(ctx context.Context, dbURL string) error {
	db, err := postgres.Open(ctx, postgres.Config{URL: dbURL, MaxConns: 2})
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	m, err := rivermigrate.New(riverpgxv5.New(db.Pool()), nil)
	if err != nil {
		return err
	}
	_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	return err
}

// Open returns a migrated store on a new database, closed at the end of the
// test (before the database is dropped); an error closing it fails the
// test (a test may close it itself first: closing again is not an error).
func Open(tb testing.TB) *postgres.DB {
	tb.Helper()
	dbURL := NewMigratedDatabase(tb)
	db, err := postgres.Open(context.Background(), postgres.Config{URL: dbURL, MaxConns: 8})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("closing the test database: %v", err)
		}
	})
	return db
}
