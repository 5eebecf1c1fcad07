package storetest

import (
	"context"
	"testing"

	"github.com/fathom-oss/fathom/internal/store"
)

// testSnapshot: the reads of a Snapshot see the database as it was at the
// first of them, even after a write commits in the middle; the Store's
// own reads see the write.
func testSnapshot(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "s")
	kind := "issuetype/header"
	put := func(data string) {
		write(t, st, func(tx store.Tx) error {
			return tx.KnowledgeChunkPut(ctx, &store.KnowledgeChunkPutParams{TenantID: tn.ID, Kind: kind, Data: []byte(data), At: now})
		})
	}
	read := func(r store.Reader) string {
		t.Helper()
		var got string
		if err := r.KnowledgeChunkScan(ctx, tn.ID, kind, func(_ int, data []byte) error {
			got = string(data)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	put("v1")
	err := st.Snapshot(ctx, func(r store.Reader) error {
		if got := read(r); got != "v1" {
			t.Errorf("snapshot, first read: %q, want v1", got)
		}
		put("v2") // commits while the snapshot is open
		if got := read(st); got != "v2" {
			t.Errorf("store, during the snapshot: %q, want v2", got)
		}
		if got := read(r); got != "v1" {
			t.Errorf("snapshot, after a commit: %q, want v1 still", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := read(st); got != "v2" {
		t.Errorf("store, after the snapshot: %q, want v2", got)
	}
}
