package conversation

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/provider/providertest"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// remoteEmbedder is an embedder that says it is remote, so that tracks
// queue their texts, as for a paid provider.
type remoteEmbedder struct{ *countingEmbedder }

func (remoteEmbedder) Local() bool { return false }

// clock is a settable Deps.Now.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) add(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// Two servers on one PostgreSQL database with a remote provider: a
// track's text is embedded by its server alone, and the other takes the
// vector from the saved chunk; a text whose server never saved its vector
// (killed first) is embedded by the other once the handoff wait is over.
func TestVectorsEmbeddedOnceAcrossServersPostgres(t *testing.T) {
	t.Parallel()
	st := pgtest.Open(t)
	ctx := context.Background()
	model, err := provider.LoadStatic(providertest.WriteModel2Vec(t, t.TempDir(), false))
	if err != nil {
		t.Fatal(err)
	}
	emb := remoteEmbedder{&countingEmbedder{Embedder: model}}
	tn := newTenant(t, st)
	clk := &clock{now: time.Now()}
	server := func(name string) *Service {
		s := NewService(Deps{Store: st, Queue: &countingQueue{}, Index: search.NewCatalog(),
			Knowledge: knowledge.New(issuetype.Config{Resolution: 1}), Embedder: emb, Now: clk.Now},
			Config{Server: name, FeedGapWait: time.Second, ModelSaveEvery: time.Nanosecond, EmbeddingsHandoff: time.Minute})
		if err := s.OpenFeed(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RebuildIndex(ctx); err != nil {
			t.Fatal(err)
		}
		return s
	}
	a, b := server("a"), server("b")
	track := func(s *Service, ext, text string) int64 {
		t.Helper()
		if _, err := s.Track(ctx, tn, TrackParams{ConversationID: ext, Messages: []MessageInput{
			{Role: fathom.RoleUser, Content: text}, {Role: fathom.RoleAssistant, Content: "let me check"}}}); err != nil {
			t.Fatal(err)
		}
		c, err := st.ConversationGetByExternalID(ctx, tn, ext)
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	hasVector := func(s *Service, id int64) bool { _, _, ok := s.vec.sets.For(tn).Vector(id); return ok }

	wifi := track(a, "wifi", "wifi offline")
	a.drainPending(ctx) // a's loop
	if err := a.SaveVectors(ctx); err != nil {
		t.Fatal(err)
	}
	catchUp(t, b)
	if !hasVector(b, wifi) || emb.texts.Load() != 1 {
		t.Fatalf("b holds the vector: %v; %d texts embedded, want 1 (by a)", hasVector(b, wifi), emb.texts.Load())
	}
	b.drainPending(ctx)
	if n := emb.texts.Load(); n != 1 {
		t.Errorf("b embedded the text too: %d texts embedded", n)
	}

	// a dies between the track and the save: b awaits the vector, then
	// embeds the text itself past the handoff (no job queue here).
	card := track(a, "card", "card declined")
	catchUp(t, b)
	b.handOver(ctx)
	b.drainPending(ctx)
	if hasVector(b, card) || emb.texts.Load() != 1 {
		t.Fatalf("within the handoff wait b embedded the awaited text (%d texts)", emb.texts.Load())
	}
	clk.add(2 * time.Minute)
	b.handOver(ctx)
	b.drainPending(ctx)
	if !hasVector(b, card) || emb.texts.Load() != 2 {
		t.Errorf("past the handoff wait: b holds the vector %v, %d texts embedded; want it and 2", hasVector(b, card), emb.texts.Load())
	}
	if err := b.SaveVectors(ctx); err != nil {
		t.Fatal(err)
	}
	// Saved by b, merged into the chunk a saved: both vectors are there.
	c := server("c")
	if _, err := c.loadVectors(ctx); err != nil {
		t.Fatal(err)
	}
	if !hasVector(c, wifi) || !hasVector(c, card) {
		t.Errorf("the saved chunk holds wifi %v, card %v; want both", hasVector(c, wifi), hasVector(c, card))
	}
}
