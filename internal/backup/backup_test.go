package backup

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

// liveDB makes a WAL database like the store's: a goose version table and
// one table of rows.
func liveDB(t *testing.T) (string, *sql.DB) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "fathom.db")
	db, err := sql.Open("sqlite", fileURI(file, "busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	for _, q := range []string{
		`CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY, version_id INTEGER NOT NULL, is_applied INTEGER NOT NULL)`,
		`INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1), (7, 1)`,
		`CREATE TABLE items (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return file, db
}

// TestSnapshotWhileWriting backs a database up while a writer commits
// rows one by one: every row committed before the snapshot began is in
// it, the recorded counts are the file's, and the file is 0600.
func TestSnapshotWhileWriting(t *testing.T) {
	live, db := liveDB(t)
	var committed atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := db.Exec(`INSERT INTO items (id, body) VALUES (?, 'row')`, i); err != nil {
				t.Error(err)
				return
			}
			committed.Store(int64(i))
		}
	}()
	for committed.Load() < 200 {
		if t.Failed() {
			t.FailNow()
		}
	}
	before := committed.Load()
	to := filepath.Join(t.TempDir(), "b.db")
	sum, err := Snapshot(context.Background(), Options{Live: live, To: to, FathomVersion: "test", KeyFingerprint: KeyFingerprint(make([]byte, 32))})
	after := committed.Load()
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(to); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v %v", err, fi.Mode())
	}
	b, err := Open(context.Background(), to)
	if err != nil {
		t.Fatal(err)
	}
	var items int64 = -1
	for _, tr := range b.Tables {
		if tr.Table == "items" {
			items = tr.Rows
		}
	}
	if items < before || items > after {
		t.Fatalf("backup holds %d rows; %d were committed before it began, %d when it ended", items, before, after)
	}
	if b.SchemaVersion != 7 || sum.SchemaVersion != 7 || b.FathomVersion != "test" || b.KeyFingerprint != sum.KeyFingerprint || b.Format != Format {
		t.Errorf("record %+v, summary %+v", b.Meta, sum.Meta)
	}
	// The rows are the first ones, without a gap.
	check, err := sql.Open("sqlite", fileURI(to))
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	var n, maxID int64
	if err := check.QueryRow(`SELECT count(*), max(id) FROM items`).Scan(&n, &maxID); err != nil || n != maxID || n != items {
		t.Fatalf("items: %d rows, max id %d, recorded %d: %v", n, maxID, items, err)
	}
	if _, err := Snapshot(context.Background(), Options{Live: live, To: to}); !errors.Is(err, ErrExists) {
		t.Errorf("snapshot onto an existing file: %v", err)
	}
}

// TestOpenRefuses: a file that is not a backup, and a backup whose rows
// do not match its record.
func TestOpenRefuses(t *testing.T) {
	live, db := liveDB(t)
	if _, err := db.Exec(`INSERT INTO items (id, body) VALUES (1, 'a'), (2, 'b')`); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := Open(ctx, live); !errors.Is(err, ErrNotBackup) {
		t.Errorf("the live database: %v", err)
	}
	text := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(text, []byte("plain text, not a database, long enough to have a header of 100 bytes........................."), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, text); !errors.Is(err, ErrNotBackup) {
		t.Errorf("a text file: %v", err)
	}
	to := filepath.Join(t.TempDir(), "b.db")
	if _, err := Snapshot(ctx, Options{Live: live, To: to}); err != nil {
		t.Fatal(err)
	}
	edit, err := sql.Open("sqlite", fileURI(to))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := edit.Exec(`DELETE FROM items WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	edit.Close()
	if _, err := Open(ctx, to); !errors.Is(err, ErrDamaged) {
		t.Errorf("a backup missing a row: %v", err)
	}
}

// TestPrepareAndInstall restores a backup into a new file: the record is
// gone, interrupted jobs are runnable, an existing target is never
// replaced.
func TestPrepareAndInstall(t *testing.T) {
	live, db := liveDB(t)
	for _, q := range []string{
		`CREATE TABLE river_job (id INTEGER PRIMARY KEY, state TEXT NOT NULL)`,
		`INSERT INTO river_job (state) VALUES ('running'), ('completed')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	to := filepath.Join(t.TempDir(), "b.db")
	if _, err := Snapshot(ctx, Options{Live: live, To: to}); err != nil {
		t.Fatal(err)
	}
	b, err := Open(ctx, to)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	w, err := b.Prepare(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "fathom.db")
	if err := w.Install(target); err != nil {
		t.Fatal(err)
	}
	got, err := sql.Open("sqlite", fileURI(target))
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	var record, available int
	if err := got.QueryRow(`SELECT count(*) FROM pragma_table_list WHERE name = ?`, RecordTable).Scan(&record); err != nil || record != 0 {
		t.Errorf("record table in the restored file: %d %v", record, err)
	}
	if err := got.QueryRow(`SELECT count(*) FROM river_job WHERE state = 'available'`).Scan(&available); err != nil || available != 1 {
		t.Errorf("interrupted jobs made available: %d %v", available, err)
	}
	w2, err := b.Prepare(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w2.Install(target); err == nil {
		t.Error("Install replaced an existing database")
	}
	w2.Remove()
	if left, _ := filepath.Glob(filepath.Join(dir, ".fathom-restore-*")); len(left) != 0 {
		t.Errorf("working copies left: %v", left)
	}
}
