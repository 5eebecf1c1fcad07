//go:build unix

package app_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestDataFilesArePrivate starts a server on a fresh data directory and,
// once it has written (the database, its -wal and -shm files, the lock),
// finds every file there readable by its owner alone, whatever the umask:
// the directory's 0700 stops protecting a file copied or moved out of it.
func TestDataFilesArePrivate(t *testing.T) {
	cfg := testConfig(t)
	if onPostgres(cfg) {
		t.Skip("the database is PostgreSQL's")
	}
	cfg.DataDir = filepath.Join(t.TempDir(), "data") // the server makes it
	s := start(t, cfg)
	key := s.newKey(t, "acme")
	if r := s.post(t, "/api/v1/context/track", key, track("c1", "refund not received", "let me check")); r.Status != 200 {
		t.Fatalf("track: %d %s", r.Status, r.Raw)
	}
	db := cfg.SQLiteFile()
	for _, name := range []string{db, db + "-wal", db + "-shm"} {
		if _, err := os.Stat(name); err != nil {
			t.Fatalf("a serving SQLite database has %s: %v", filepath.Base(name), err)
		}
	}
	checkPrivate(t, cfg.DataDir)
	s.close(t)
	checkPrivate(t, cfg.DataDir)
}

func checkPrivate(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if perm := fi.Mode().Perm(); perm&0o077 != 0 {
			t.Errorf("%s has mode %#o, want no access for group and others", path, perm)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
