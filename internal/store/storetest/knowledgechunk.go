package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/fathom-oss/fathom/internal/store"
)

// testKnowledgeChunks covers models saved in chunks: put replaces one chunk,
// scan returns a tenant's chunks of one kind in order, trim drops the tail,
// and whole-model delete removes the old single-blob form.
func testKnowledgeChunks(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "c")
	other, _ := seedTenant(t, st, "c2")
	scan := func(tenantID int64, kind string) string {
		t.Helper()
		var out string
		err := st.KnowledgeChunkScan(ctx, tenantID, kind, func(n int, data []byte) error {
			out += fmt.Sprintf("%d=%s ", n, data)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	put := func(tx store.Tx, tenantID int64, kind string, n int, data string) error {
		return tx.KnowledgeChunkPut(ctx, &store.KnowledgeChunkPutParams{TenantID: tenantID, Kind: kind, Chunk: n, Data: []byte(data), At: now})
	}
	if got := scan(tn.ID, "docs"); got != "" {
		t.Fatalf("chunks of an empty store = %q", got)
	}
	write(t, st, func(tx store.Tx) error {
		for i, d := range []string{"a", "b", "c", "d"} {
			if err := put(tx, tn.ID, "docs", 3-i, d); err != nil { // out of order on purpose
				return err
			}
		}
		if err := put(tx, tn.ID, "graph", 0, "g"); err != nil {
			return err
		}
		return put(tx, other.ID, "docs", 0, "x")
	})
	if got := scan(tn.ID, "docs"); got != "0=d 1=c 2=b 3=a " {
		t.Fatalf("chunks = %q, want 0=d 1=c 2=b 3=a", got)
	}
	write(t, st, func(tx store.Tx) error {
		if err := put(tx, tn.ID, "docs", 1, "C"); err != nil {
			return err
		}
		return tx.KnowledgeChunkTrim(ctx, tn.ID, "docs", 2)
	})
	if got := scan(tn.ID, "docs"); got != "0=d 1=C " {
		t.Fatalf("after replace and trim: %q, want 0=d 1=C", got)
	}
	if got := scan(tn.ID, "graph") + scan(other.ID, "docs"); got != "0=g 0=x " {
		t.Fatalf("other kind and tenant = %q, want them untouched", got)
	}
	write(t, st, func(tx store.Tx) error {
		if err := tx.KnowledgeModelPut(ctx, tn.ID, "issuetype", []byte("old"), now); err != nil {
			return err
		}
		if err := tx.KnowledgeModelDelete(ctx, tn.ID, "issuetype"); err != nil {
			return err
		}
		return tx.KnowledgeModelDelete(ctx, tn.ID, "issuetype") // already gone
	})
	if _, err := st.KnowledgeModelGet(ctx, tn.ID, "issuetype"); err != store.ErrNotFound {
		t.Fatalf("deleted model: err = %v, want ErrNotFound", err)
	}
}
