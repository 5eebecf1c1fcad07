package conversation

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/sqlite"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// TestOldSolutionsMigrate: a database whose solutions were keyed by the
// old synonym tables (and has no learned solution model) ends up, after
// one start-up and the re-analysis it asks for, with the learned solutions
// only; the old key no attempt uses any more is retired.
func TestOldSolutionsMigrate(t *testing.T) {
	ctx := context.Background()
	db := sqlitetest.Open(t, t.TempDir())
	now := time.Now().UTC()
	var tenantID int64
	var conv *fathom.Conversation
	msgs := []fathom.Message{
		{Seq: 0, Role: fathom.RoleUser, Content: "I lost my card", CreatedAt: now},
		{Seq: 1, Role: fathom.RoleAssistant, Content: "I have ordered a replacement card.", CreatedAt: now},
		{Seq: 2, Role: fathom.RoleUser, Content: "great, thanks", CreatedAt: now},
	}
	write := func(fn func(tx store.Tx) error) {
		t.Helper()
		if err := db.Write(ctx, fn); err != nil {
			t.Fatal(err)
		}
	}
	write(func(tx store.Tx) error {
		tn, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "old", CreatedAt: now})
		if err != nil {
			return err
		}
		tenantID = tn.ID
		if conv, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tn.ID, ExternalID: "c1", CreatedAt: now}); err != nil {
			return err
		}
		if err := tx.MessageInsertMany(ctx, conv.ID, msgs); err != nil {
			return err
		}
		old, err := tx.SolutionUpsert(ctx, &fathom.Solution{TenantID: tn.ID, Key: "update_card", Description: "Ordered a replacement card.", CreatedAt: now})
		if err != nil {
			return err
		}
		return tx.AnalysisReplace(ctx, &fathom.Analysis{ConversationID: conv.ID, TenantID: tn.ID, AnalyzedAt: now,
			Attempts: []fathom.Attempt{{Turn: 1, SolutionID: old.ID, Action: "ordered a replacement card", Outcome: fathom.OutcomeSuccess, Confidence: 0.9}}})
	})

	e := knowledge.New(issuetype.Config{})
	if _, err := loadKnowledge(ctx, db, e, nil); err != nil {
		t.Fatal(err)
	}
	if stale := e.Stale()[tenantID]; !slices.Equal(stale, []int64{conv.ID}) {
		t.Fatalf("Stale = %v, want the old conversation %d", stale, conv.ID)
	}
	// What the analysis job does with a stale conversation.
	d := e.Analyze(conv, msgs, now)
	write(func(tx store.Tx) error { return storeDrafts(ctx, tx, []*knowledge.Draft{d}) })
	e.Apply(tenantID, []*knowledge.Draft{d})
	if !e.Settle(tenantID) {
		t.Fatal("Settle after the re-analysis asks for no save")
	}
	if err := saveKnowledge(ctx, db, e, tenantID, now, nil); err != nil {
		t.Fatal(err)
	}

	sols, err := db.SolutionList(ctx, tenantID)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, s := range sols {
		keys = append(keys, s.Key)
	}
	if !slices.Equal(keys, []string{"order_replacement_card"}) {
		t.Fatalf("solutions after migration = %v, want [order_replacement_card]", keys)
	}
	// A second start finds the learned model and migrates nothing.
	again := knowledge.New(issuetype.Config{})
	if _, err := loadKnowledge(ctx, db, again, nil); err != nil {
		t.Fatal(err)
	}
	if stale := again.Stale()[tenantID]; len(stale) != 0 {
		t.Fatalf("second start: stale %v", stale)
	}
}

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
	err = db.Write(ctx, func(tx store.Tx) error { return tx.KnowledgeModelPut(ctx, tn.ID, knowledge.ModelKind, blob, now) })
	if err != nil {
		t.Fatal(err)
	}
	sameTypes := func(e *knowledge.Engine, when string) {
		t.Helper()
		for id := int64(1); id <= 60; id++ {
			want, _ := old.TypeOf(id)
			if got, ok := e.Model(tn.ID).TypeOf(id); !ok || got != want {
				t.Fatalf("%s: conversation %d has type %d (%v), want %d", when, id, got, ok, want)
			}
		}
	}
	e := knowledge.New(issuetype.Config{})
	if _, err := loadKnowledge(ctx, db, e, nil); err != nil {
		t.Fatal(err)
	}
	sameTypes(e, "loaded from the whole model")
	if err := saveKnowledge(ctx, db, e, tn.ID, now, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := db.KnowledgeModelGet(ctx, tn.ID, knowledge.ModelKind); err != store.ErrNotFound {
		t.Fatalf("whole model after a chunked save: err = %v, want it deleted", err)
	}
	chunks := 0
	err = db.KnowledgeChunkScan(ctx, tn.ID, knowledge.ModelKind+"/"+issuetype.PartDocs, func(int, []byte) error { chunks++; return nil })
	if err != nil || chunks != 1 {
		t.Fatalf("document chunks = %d (err %v), want 1", chunks, err)
	}
	again := knowledge.New(issuetype.Config{})
	if _, err := loadKnowledge(ctx, db, again, nil); err != nil {
		t.Fatal(err)
	}
	sameTypes(again, "loaded from chunks")
}
