package conversation

import (
	"context"
	"fmt"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/provider/providertest"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
)

func TestBackfillResumes(t *testing.T) {
	t.Parallel()
	onEachStore(t, exerciseBackfillResumes)
}

// backfillServer is a started service with emb, with no backfill of its
// own (it has a backfill queue): its saved vectors are loaded.
func backfillServer(t *testing.T, st store.Store, emb Embedder) *Service {
	t.Helper()
	ctx := context.Background()
	s := NewService(Deps{Store: st, Queue: &countingQueue{}, Index: search.NewCatalog(),
		Knowledge: knowledge.New(issuetype.Config{}), Embedder: emb, Backfills: noBackfills{}},
		Config{BackfillSaveEvery: 1}) // saved after every page
	if _, err := s.RebuildIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if emb == nil {
		return s
	}
	if _, err := s.loadVectors(ctx); err != nil {
		t.Fatal(err)
	}
	close(s.vec.loaded)
	return s
}

type noBackfills struct{}

func (noBackfills) EnqueueBackfill(context.Context, int64, string) error { return nil }

// exerciseBackfillResumes: a backfill cut short after its first page (a
// server killed) leaves that page's vectors saved; the job run by another
// server, started before any was saved, takes them from the database and
// embeds the rest only; a job of another model's space embeds nothing.
func exerciseBackfillResumes(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn := newTenant(t, st)
	writer := backfillServer(t, st, nil)
	const n = 2*backfillPage + 88
	for i := range n {
		if _, err := writer.Track(ctx, tn, TrackParams{ConversationID: fmt.Sprintf("c%d", i), Messages: []MessageInput{
			{Role: fathom.RoleUser, Content: fmt.Sprintf("wifi offline in room %d", i)}}}); err != nil {
			t.Fatal(err)
		}
	}
	model, err := provider.LoadStatic(providertest.WriteModel2Vec(t, t.TempDir(), false))
	if err != nil {
		t.Fatal(err)
	}
	embA, embB := &countingEmbedder{Embedder: model, cutAt: 2}, &countingEmbedder{Embedder: model}
	a, b := backfillServer(t, st, embA), backfillServer(t, st, embB)

	actx, cut := context.WithCancel(ctx)
	embA.cut = cut
	if err := a.BackfillTenant(actx, tn, model.Name()); err == nil {
		t.Fatal("a backfill cut short returned no error")
	}
	if got := embA.texts.Load(); got != backfillPage {
		t.Fatalf("the cut backfill embedded %d texts before the cut, want %d", got, backfillPage)
	}

	if err := b.BackfillTenant(ctx, tn, "another-model"); err != nil || embB.calls.Load() != 0 {
		t.Fatalf("a job of another space: err %v, %d calls; want nothing done", err, embB.calls.Load())
	}
	if err := b.BackfillTenant(ctx, tn, model.Name()); err != nil {
		t.Fatal(err)
	}
	if got := embB.texts.Load(); got != n-backfillPage {
		t.Errorf("the resumed backfill embedded %d texts, want the %d the cut one had not saved", got, n-backfillPage)
	}
	if got := b.vec.sets.For(tn).Len(); got != n {
		t.Errorf("the resuming server holds %d vectors, want %d", got, n)
	}
	// Everything is saved: a third server's job embeds nothing.
	embC := &countingEmbedder{Embedder: model}
	c := backfillServer(t, st, embC)
	if err := c.BackfillTenant(ctx, tn, model.Name()); err != nil {
		t.Fatal(err)
	}
	if embC.texts.Load() != 0 || c.vec.sets.For(tn).Len() != n {
		t.Errorf("after the backfill, a new server embedded %d texts and holds %d vectors; want 0 and %d",
			embC.texts.Load(), c.vec.sets.For(tn).Len(), n)
	}
}
