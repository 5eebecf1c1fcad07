// Package sqlitetest opens real, migrated SQLite databases for tests: one
// temporary file per call, closed when the test ends. Tests use real
// databases, never mocks of one.
package sqlitetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/fathom-oss/fathom/internal/store/sqlite"
)

// Open returns a migrated database in a new file under dir, closed at the
// end of the test; an error closing it fails the test (a test may close
// it itself first: closing again is not an error).
func Open(tb testing.TB, dir string) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(sqlite.Config{Path: filepath.Join(dir, "test.db"), Synchronous: "normal"})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("closing the test database: %v", err)
		}
	})
	if _, err := db.Migrate(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return db
}
