package main

import (
	"sync"
	"testing"

	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// dirDatabases holds the PostgreSQL database of each data directory a
// test uses, so that every command run against the directory (and every
// server started on it) finds the same data.
var dirDatabases sync.Map

// databaseURLFor is the --database-url of commands run against dir: empty
// (SQLite in dir), or with FATHOM_TEST_ENGINE=postgres a throwaway
// database made on first use and dropped when the test ends.
func databaseURLFor(t *testing.T, dir string) string {
	t.Helper()
	if !pgtest.Requested(t) {
		return ""
	}
	if u, ok := dirDatabases.Load(dir); ok {
		return u.(string)
	}
	u, _ := dirDatabases.LoadOrStore(dir, pgtest.NewDatabase(t))
	return u.(string)
}

// storageEnv is the environment of a command run against dir.
func storageEnv(t *testing.T, dir string) map[string]string {
	t.Helper()
	env := map[string]string{"FATHOM_DATA_DIR": dir, "FATHOM_SQLITE_SYNCHRONOUS": "normal"}
	if u := databaseURLFor(t, dir); u != "" {
		env["FATHOM_DATABASE_URL"] = u
	}
	return env
}

// engineIndependent skips t in the PostgreSQL pass (FATHOM_TEST_ENGINE=postgres):
// the test picks its engines itself, or uses none, so the SQLite pass has
// already run it exactly as the PostgreSQL pass would.
func engineIndependent(t *testing.T) {
	t.Helper()
	if pgtest.Requested(t) {
		t.Skip("the SQLite pass runs it: it chooses its engines itself, whatever FATHOM_TEST_ENGINE says")
	}
}
