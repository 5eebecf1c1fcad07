package knowledge

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/store"
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

	e := New(issuetype.Config{})
	if _, err := e.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	if stale := e.Stale()[tenantID]; !slices.Equal(stale, []int64{conv.ID}) {
		t.Fatalf("Stale = %v, want the old conversation %d", stale, conv.ID)
	}
	// What the analysis job does with a stale conversation.
	d := e.Analyze(conv, msgs, now)
	write(func(tx store.Tx) error { return e.Store(ctx, tx, d) })
	e.Apply(tenantID, []*Draft{d})
	if !e.Settle(tenantID) {
		t.Fatal("Settle after the re-analysis asks for no save")
	}
	if err := e.SaveModel(ctx, db, tenantID, now); err != nil {
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
	again := New(issuetype.Config{})
	if _, err := again.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	if stale := again.Stale()[tenantID]; len(stale) != 0 {
		t.Fatalf("second start: stale %v", stale)
	}
}

// TestReanalysisLearnsOnce: a conversation analysed again (it grew) keeps
// its attempts' solutions and does not count its proposals twice.
func TestReanalysisLearnsOnce(t *testing.T) {
	e := New(issuetype.Config{})
	now := time.Now()
	c := &fathom.Conversation{ID: 1, TenantID: 1, Status: fathom.StatusOpen}
	msgs := []fathom.Message{
		{Seq: 0, Role: fathom.RoleUser, Content: "I lost my card", CreatedAt: now},
		{Seq: 1, Role: fathom.RoleAssistant, Content: "Let me order a replacement card for you.", CreatedAt: now},
	}
	for round := range 3 {
		d := e.Analyze(c, msgs, now)
		for i, tpl := range d.templates { // what Store does with the database
			s := *tpl
			s.ID = 1
			d.templates[i], d.Analysis.Attempts[i].SolutionID = &s, s.ID
		}
		e.Apply(1, []*Draft{d})
		msgs = append(msgs, fathom.Message{Seq: len(msgs), Role: fathom.RoleUser, Content: "ok", CreatedAt: now})
		k := e.tenant(1)
		if s, ok := k.learner.Get("order_replacement_card"); !ok || s.Size != 1 {
			t.Fatalf("round %d: solution %+v %v, want one member", round, s, ok)
		}
	}
}
