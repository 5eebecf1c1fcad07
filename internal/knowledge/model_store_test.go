package knowledge

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/sqlite"
)

// TestModelSavedWholeMovesToChunks loads a model saved whole (as earlier
// versions did) from a real database, saves it, and loads it again: the
// types survive both steps, and the save replaces the whole model by
// chunks.
func TestModelSavedWholeMovesToChunks(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(sqlite.Config{Path: filepath.Join(t.TempDir(), "k.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	var tn *fathom.Tenant
	err = db.Write(ctx, func(tx store.Tx) (err error) {
		tn, err = tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "acme", CreatedAt: now})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	old := issuetype.NewModel(issuetype.Config{})
	subjects := []string{"card was declined", "refund never arrived", "password reset email missing", "app crashes at login"}
	for i := range 60 {
		old.Assign(int64(i+1), fmt.Sprintf("my %s again %d", subjects[i%len(subjects)], i%5))
	}
	old.Consolidate()
	blob, err := old.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	err = db.Write(ctx, func(tx store.Tx) error { return tx.KnowledgeModelPut(ctx, tn.ID, modelKind, blob, now) })
	if err != nil {
		t.Fatal(err)
	}
	sameTypes := func(e *Engine, when string) {
		t.Helper()
		for id := int64(1); id <= 60; id++ {
			want, _ := old.TypeOf(id)
			if got, ok := e.Model(tn.ID).TypeOf(id); !ok || got != want {
				t.Fatalf("%s: conversation %d has type %d (%v), want %d", when, id, got, ok, want)
			}
		}
	}
	e := New(issuetype.Config{})
	if _, err := e.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	sameTypes(e, "loaded from the whole model")
	if err := e.SaveModel(ctx, db, tn.ID, now); err != nil {
		t.Fatal(err)
	}
	if _, err := db.KnowledgeModelGet(ctx, tn.ID, modelKind); err != store.ErrNotFound {
		t.Fatalf("whole model after a chunked save: err = %v, want it deleted", err)
	}
	chunks := 0
	err = db.KnowledgeChunkScan(ctx, tn.ID, modelKind+"/"+issuetype.PartDocs, func(int, []byte) error { chunks++; return nil })
	if err != nil || chunks != 1 {
		t.Fatalf("document chunks = %d (err %v), want 1", chunks, err)
	}
	again := New(issuetype.Config{})
	if _, err := again.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	sameTypes(again, "loaded from chunks")
}
