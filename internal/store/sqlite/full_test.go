package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// TestFullDatabaseIsUnavailable makes SQLite run out of room for real
// (max_page_count caps the file as a full disk would: SQLITE_FULL) and
// checks that the write fails as store.ErrUnavailable (EUNAVAILABLE, so
// 503), that a whole group commit fails with it and keeps nothing, and that
// writes succeed again, on the same connection, once there is room.
func TestFullDatabaseIsUnavailable(t *testing.T) {
	ctx := context.Background()
	db, err := Open(Config{Path: filepath.Join(t.TempDir(), "full.db"), Synchronous: "normal"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.writer.Exec(`CREATE TABLE filler (b BLOB)`); err != nil {
		t.Fatal(err)
	}
	var pages int
	if err := db.writer.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	// The writer pool has one connection, which keeps the pragma.
	if _, err := db.writer.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages+2)); err != nil {
		t.Fatal(err)
	}
	blob := func(wtx store.Tx) error {
		_, err := wtx.(*tx).sqlTx.Exec(`INSERT INTO filler VALUES (randomblob(1 << 20))`)
		return err
	}
	tenant := func(name string) func(store.Tx) error {
		return func(tx store.Tx) error {
			_, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: name, CreatedAt: time.Now()})
			return err
		}
	}

	err = db.Write(ctx, blob)
	if !errors.Is(err, store.ErrUnavailable) || fathom.ErrorCode(err) != fathom.EUNAVAILABLE {
		t.Fatalf("write on a full database: %v (code %q), want store.ErrUnavailable", err, fathom.ErrorCode(err))
	}
	if msg := fathom.ErrorMessage(err); msg != store.ErrUnavailable.Message {
		t.Fatalf("client message %q, want %q", msg, store.ErrUnavailable.Message)
	}

	// A group commit with one failing write: hold the writer so that the
	// next writes queue and run as one batch.
	release, held := make(chan struct{}), make(chan struct{})
	go func() {
		_ = db.Write(ctx, func(store.Tx) error { close(held); <-release; return nil })
	}()
	<-held
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i, fn := range []func(store.Tx) error{tenant("a"), tenant("b"), blob, tenant("c")} {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = db.Write(ctx, fn) }()
	}
	for len(db.batch.queue) < 4 {
		time.Sleep(time.Millisecond) // waiting for the goroutines to queue, not timing anything
	}
	close(release)
	wg.Wait()
	for i, err := range errs {
		if !errors.Is(err, store.ErrUnavailable) {
			t.Errorf("write %d of the failed batch: %v, want store.ErrUnavailable", i, err)
		}
	}
	if ts, err := db.TenantList(ctx); err != nil || len(ts) != 0 {
		t.Fatalf("tenants after the failed batch: %d (%v), want none kept", len(ts), err)
	}

	// Room again: the next write succeeds without reopening anything.
	if _, err := db.writer.Exec(`PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	if err := db.Write(ctx, blob); err != nil {
		t.Fatalf("write once there is room: %v", err)
	}
	if err := db.Write(ctx, tenant("d")); err != nil {
		t.Fatalf("write once there is room: %v", err)
	}
}
