package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/fathom-oss/fathom/internal/store"
)

// testSearchChunks covers the saved search index: conversation stamps come
// in id order across tenants, change with the version, and chunks are put,
// replaced, deleted by an empty put and dropped with their tenant.
func testSearchChunks(t *testing.T, st store.Store) {
	ctx := context.Background()
	a, _ := seedTenant(t, st, "sc1")
	b, _ := seedTenant(t, st, "sc2")
	for i := range 4 {
		tenantID := []int64{a.ID, b.ID}[i%2]
		write(t, st, func(tx store.Tx) error {
			_, err := tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tenantID, ExternalID: fmt.Sprint(i), CreatedAt: now})
			return err
		})
	}
	stamps := func(after int64, limit int) []store.ConversationStamp {
		t.Helper()
		var out []store.ConversationStamp
		if err := st.ConversationStampScan(ctx, after, limit, func(s store.ConversationStamp) error { out = append(out, s); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	all := stamps(0, 100)
	if len(all) != 4 || all[0].TenantID != a.ID || all[1].TenantID != b.ID || all[0].Version != 1 ||
		!all[0].CreatedAt.Equal(now) || all[0].ID >= all[1].ID {
		t.Fatalf("stamps = %+v", all)
	}
	if got := stamps(all[1].ID, 1); len(got) != 1 || got[0].ID != all[2].ID {
		t.Fatalf("stamps after %d, limit 1 = %+v", all[1].ID, got)
	}
	c := must(st.ConversationListByIDs(ctx, a.ID, []int64{all[0].ID}))[0]
	write(t, st, func(tx store.Tx) error { return tx.ConversationUpdate(ctx, c) })
	if got := stamps(0, 1); got[0].Version == all[0].Version {
		t.Fatalf("the stamp did not change with an update: %+v", got[0])
	}

	scan := func(chunk int64) string {
		t.Helper()
		var out string
		err := st.SearchChunkScan(ctx, chunk, func(tenantID int64, data []byte) error {
			out += fmt.Sprintf("%d=%s ", tenantID, data)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	put := func(tx store.Tx, tenantID, chunk int64, data string) error {
		return tx.SearchChunkPut(ctx, &store.SearchChunkPutParams{TenantID: tenantID, Chunk: chunk, Data: []byte(data), At: now})
	}
	if got := scan(0); got != "" {
		t.Fatalf("chunks of an empty store = %q", got)
	}
	write(t, st, func(tx store.Tx) error {
		for _, p := range []struct {
			tenant, chunk int64
			data          string
		}{{b.ID, 0, "b0"}, {a.ID, 0, "a0"}, {a.ID, 1, "a1"}, {a.ID, 0, "A0"}} {
			if err := put(tx, p.tenant, p.chunk, p.data); err != nil {
				return err
			}
		}
		return nil
	})
	want := fmt.Sprintf("%d=A0 %d=b0 ", a.ID, b.ID)
	if got := scan(0); got != want {
		t.Fatalf("chunk 0 = %q, want %q", got, want)
	}
	write(t, st, func(tx store.Tx) error { return put(tx, a.ID, 1, "") })
	if got := scan(1); got != "" {
		t.Fatalf("chunk 1 after an empty put = %q", got)
	}
	write(t, st, func(tx store.Tx) error { return put(tx, a.ID, 1, "") }) // deleting nothing is no error
}
