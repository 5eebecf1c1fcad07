package conversation

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/provider/providertest"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

func TestVectorsSaved(t *testing.T) {
	t.Parallel()
	onEachStore(t, exerciseVectorsSaved)
}

// onEachStore runs exercise on a SQLite file and on a PostgreSQL
// database, as the parallel subtests sqlite and postgres.
func onEachStore(t *testing.T, exercise func(*testing.T, store.Store)) {
	t.Helper()
	engines := map[string]func(t *testing.T) store.Store{
		"sqlite":   func(t *testing.T) store.Store { return sqlitetest.Open(t, t.TempDir()) },
		"postgres": func(t *testing.T) store.Store { return pgtest.Open(t) },
	}
	for name, open := range engines {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			exercise(t, open(t))
		})
	}
}

// countingEmbedder embeds through the inner embedder, counting its calls
// and the texts it embeds; its call number cutAt (0: none) ends the
// backfill's context instead, as a killed job's would end.
type countingEmbedder struct {
	provider.Embedder
	texts, calls atomic.Int64
	cutAt        int64
	cut          context.CancelFunc
}

func (c *countingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if c.calls.Add(1) == c.cutAt {
		c.cut()
		return nil, ctx.Err()
	}
	c.texts.Add(int64(len(texts)))
	return c.Embedder.Embed(ctx, texts)
}

// vectorServer is a service on st with emb (nil: none), loaded as at
// start-up; with emb, its vectors are loaded and backfilled as
// RunEmbeddings does before its loop, and the texts it read returned.
func vectorServer(t *testing.T, st store.Store, emb Embedder) (*Service, int) {
	t.Helper()
	ctx := context.Background()
	s := NewService(Deps{Store: st, Queue: &countingQueue{}, Index: search.NewCatalog(),
		Knowledge: knowledge.New(issuetype.Config{Resolution: 1}), Embedder: emb}, Config{IssueTypesByMeaning: true})
	if _, err := s.RebuildIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.recoverStore(ctx); err != nil {
		t.Fatal(err)
	}
	if emb == nil {
		return s, 0
	}
	if _, err := s.loadVectors(ctx); err != nil {
		t.Fatal(err)
	}
	read, _, err := s.backfill(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.attachLoaded()
	return s, read
}

// exerciseVectorsSaved: with an embedder, two conversations that share no
// word but mean the same share an issue type, and keep it, with their
// vectors, through a restart; the restart reads no text and embeds
// nothing; a conversation changed by a server without the embedder (its
// vector now of an older text) is the only one read and embedded at the
// next start.
func exerciseVectorsSaved(t *testing.T, st store.Store) {
	ctx := context.Background()
	model, err := provider.LoadStatic(providertest.WriteModel2Vec(t, t.TempDir(), false))
	if err != nil {
		t.Fatal(err)
	}
	emb := &countingEmbedder{Embedder: model}
	tn := newTenant(t, st)
	s, _ := vectorServer(t, st, emb)
	for id, text := range map[string]string{"wifi": "wifi offline", "router": "router drops network", "card": "card declined"} {
		if _, err := s.Track(ctx, tn, TrackParams{ConversationID: id, Messages: []MessageInput{
			{Role: fathom.RoleUser, Content: text}, {Role: fathom.RoleAssistant, Content: "let me check"}}}); err != nil {
			t.Fatal(err)
		}
	}
	analyze(t, s, tn)
	ids := map[string]int64{}
	for _, ext := range []string{"wifi", "router", "card"} {
		c, err := st.ConversationGetByExternalID(ctx, tn, ext)
		if err != nil {
			t.Fatal(err)
		}
		ids[ext] = c.ID
	}
	sameType := func(s *Service, a, b string) bool {
		m := s.know.Model(tn)
		ta, oka := m.TypeOf(ids[a])
		tb, okb := m.TypeOf(ids[b])
		return oka && okb && ta == tb
	}
	if !sameType(s, "wifi", "router") || sameType(s, "wifi", "card") {
		t.Fatal("with the embedder, wifi and router should share a type, card not")
	}
	if err := s.SaveModels(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveVectors(ctx); err != nil {
		t.Fatal(err)
	}

	before := emb.texts.Load()
	r, read := vectorServer(t, st, emb)
	if read != 0 || emb.texts.Load() != before {
		t.Errorf("a restart with nothing changed read %d texts and embedded %d", read, emb.texts.Load()-before)
	}
	if !sameType(r, "wifi", "router") || !r.know.Model(tn).HasDense(ids["router"]) {
		t.Error("after a restart wifi and router no longer share a type, or lost their vectors")
	}

	// Changed where nothing embeds it: its vector is of the older text.
	lexical, _ := vectorServer(t, st, nil)
	notes := "the bank unblocked it"
	if _, err := lexical.Resolve(ctx, tn, ResolveParams{ConversationID: "card", ResolutionNotes: &notes}); err != nil {
		t.Fatal(err)
	}
	before = emb.texts.Load()
	_, read = vectorServer(t, st, emb)
	if read != 1 || emb.texts.Load()-before != 1 {
		t.Errorf("a restart with one conversation changed read %d texts and embedded %d, want 1 and 1", read, emb.texts.Load()-before)
	}
}

// Two servers on one PostgreSQL database: the issue-type model saved by
// the analysing server carries its vectors, so the other, loading it
// through the change feed, types by meaning alike and predicts a query
// by its vector.
func TestVectorsFollowedPostgres(t *testing.T) {
	t.Parallel()
	st := pgtest.Open(t)
	ctx := context.Background()
	model, err := provider.LoadStatic(providertest.WriteModel2Vec(t, t.TempDir(), false))
	if err != nil {
		t.Fatal(err)
	}
	tn := newTenant(t, st)
	server := func(name string) *Service {
		s := NewService(Deps{Store: st, Queue: &countingQueue{}, Index: search.NewCatalog(),
			Knowledge: knowledge.New(issuetype.Config{Resolution: 1}), Embedder: model},
			Config{Server: name, FeedGapWait: time.Second, ModelSaveEvery: time.Nanosecond, IssueTypesByMeaning: true})
		if err := s.OpenFeed(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RebuildIndex(ctx); err != nil {
			t.Fatal(err)
		}
		if err := s.recoverStore(ctx); err != nil {
			t.Fatal(err)
		}
		return s
	}
	a, b := server("a"), server("b")
	for id, text := range map[string]string{"wifi": "wifi offline", "router": "router drops network", "card": "card declined"} {
		if _, err := a.Track(ctx, tn, TrackParams{ConversationID: id, Messages: []MessageInput{
			{Role: fathom.RoleUser, Content: text}, {Role: fathom.RoleAssistant, Content: "let me check"}}}); err != nil {
			t.Fatal(err)
		}
	}
	analyze(t, a, tn)
	catchUp(t, a, b)
	id := func(ext string) int64 {
		c, err := st.ConversationGetByExternalID(ctx, tn, ext)
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	for name, s := range map[string]*Service{"a": a, "b": b} {
		m := s.know.Model(tn)
		wifi, _ := m.TypeOf(id("wifi"))
		router, ok := m.TypeOf(id("router"))
		card, _ := m.TypeOf(id("card"))
		if !ok || wifi != router || wifi == card || !m.HasDense(id("router")) {
			t.Errorf("server %s: wifi %d, router %d (vector %v), card %d; want wifi and router together, with vectors",
				name, wifi, router, m.HasDense(id("router")), card)
		}
		q := issuetype.NewVec("internet connection disconnecting")
		vecs, _ := model.Embed(ctx, []string{"internet connection disconnecting"})
		q.SetDense(vecs[0])
		if typ, _ := m.PredictVec(q); typ != wifi {
			t.Errorf("server %s predicts %d for a network query, want %d", name, typ, wifi)
		}
	}
}
