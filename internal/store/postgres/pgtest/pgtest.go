// Package pgtest opens real, migrated PostgreSQL databases for tests: a new
// throwaway database per call, dropped when the test ends. The server is
// FATHOM_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres);
// when it cannot be reached the test is skipped with a message saying so,
// unless FATHOM_REQUIRE_POSTGRES=1 (CI sets it), which makes that a failure.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

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

// NewDatabase creates an empty database and returns its URL; it is dropped
// at the end of the test.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, ServerURL())
	if err != nil {
		if os.Getenv("FATHOM_REQUIRE_POSTGRES") == "1" {
			tb.Fatalf("PostgreSQL at %s: %v", ServerURL(), err)
		}
		tb.Skipf("PostgreSQL not reachable at %s (set FATHOM_TEST_POSTGRES_URL, or start it): %v", ServerURL(), err)
	}
	defer admin.Close(ctx)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "fathom_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
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
	u, err := url.Parse(ServerURL())
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Open returns a migrated store on a new database, closed at the end of the
// test (before the database is dropped).
func Open(tb testing.TB) *postgres.DB {
	tb.Helper()
	dbURL := NewDatabase(tb)
	db, err := postgres.Open(context.Background(), postgres.Config{URL: dbURL, MaxConns: 8})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return db
}
