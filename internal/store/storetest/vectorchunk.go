package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/fathom-oss/fathom/internal/store"
)

// testVectorChunks covers the saved vectors: chunks are put, replaced
// (with their space), scanned by space in (chunk, tenant) order, deleted by
// an empty put.
func testVectorChunks(t *testing.T, st store.Store) {
	ctx := context.Background()
	a, _ := seedTenant(t, st, "vc1")
	b, _ := seedTenant(t, st, "vc2")
	scan := func(space string) string {
		t.Helper()
		var out string
		err := st.VectorChunkScan(ctx, space, func(tenantID, chunk int64, data []byte) error {
			out += fmt.Sprintf("%d/%d=%s ", tenantID, chunk, data)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	put := func(tx store.Tx, tenantID, chunk int64, space, data string) error {
		return tx.VectorChunkPut(ctx, &store.VectorChunkPutParams{TenantID: tenantID, Chunk: chunk, Space: space, Data: []byte(data), At: now})
	}
	if got := scan("m1"); got != "" {
		t.Fatalf("chunks of an empty store = %q", got)
	}
	write(t, st, func(tx store.Tx) error {
		for _, p := range []struct {
			tenant, chunk int64
			space, data   string
		}{{b.ID, 0, "m1", "b0"}, {a.ID, 1, "m1", "a1"}, {a.ID, 0, "m1", "a0"}, {a.ID, 2, "m2", "x"}} {
			if err := put(tx, p.tenant, p.chunk, p.space, p.data); err != nil {
				return err
			}
		}
		return nil
	})
	if got, want := scan("m1"), fmt.Sprintf("%d/0=a0 %d/0=b0 %d/1=a1 ", a.ID, b.ID, a.ID); got != want {
		t.Fatalf("space m1 = %q, want %q", got, want)
	}
	if got, want := scan("m2"), fmt.Sprintf("%d/2=x ", a.ID); got != want {
		t.Fatalf("space m2 = %q, want %q", got, want)
	}
	get := func(tenantID, chunk int64, space string) string {
		t.Helper()
		data, err := st.VectorChunkGet(ctx, tenantID, chunk, space)
		if err != nil {
			t.Fatal(err)
		}
		if data == nil {
			return "<none>"
		}
		return string(data)
	}
	for _, c := range []struct {
		tenant, chunk int64
		space, want   string
	}{{a.ID, 0, "m1", "a0"}, {b.ID, 0, "m1", "b0"}, {a.ID, 2, "m2", "x"}, {a.ID, 2, "m1", "<none>"}, {a.ID, 5, "m1", "<none>"}} {
		if got := get(c.tenant, c.chunk, c.space); got != c.want {
			t.Errorf("get %d/%d in %s = %q, want %q", c.tenant, c.chunk, c.space, got, c.want)
		}
	}
	// A put in another space replaces the chunk: one space per chunk.
	write(t, st, func(tx store.Tx) error { return put(tx, a.ID, 0, "m2", "A0") })
	if got, want := scan("m1"), fmt.Sprintf("%d/0=b0 %d/1=a1 ", b.ID, a.ID); got != want {
		t.Fatalf("space m1 after a move = %q, want %q", got, want)
	}
	write(t, st, func(tx store.Tx) error { return put(tx, a.ID, 1, "m1", "") })
	if got, want := scan("m1"), fmt.Sprintf("%d/0=b0 ", b.ID); got != want {
		t.Fatalf("space m1 after an empty put = %q, want %q", got, want)
	}
	write(t, st, func(tx store.Tx) error { return put(tx, a.ID, 1, "m1", "") }) // deleting nothing is no error

	// Writers merging into one chunk, missing at first, read it in their
	// transaction and write it back: none overwrites another's.
	const writers = 6
	run(t, writers, func(i int) error {
		return st.Write(ctx, func(tx store.Tx) error {
			data, err := tx.VectorChunkGet(ctx, b.ID, 7, "m1")
			if err != nil {
				return err
			}
			return put(tx, b.ID, 7, "m1", string(data)+string(rune('a'+i)))
		})
	})
	if got := get(b.ID, 7, "m1"); len(got) != writers {
		t.Errorf("merged chunk %q, want one letter of each of %d writers", got, writers)
	}
}
