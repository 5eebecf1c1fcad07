package app_test

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/provider/providertest"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// sharedEmbeddings is a PostgreSQL database holding the paraphrase corpus
// and more, tracked by a server without embeddings (existing data), and a
// fake provider: cfg embeds through it.
type sharedEmbeddings struct {
	cfg   config.Config
	fake  *providertest.Server
	key   string
	texts int // the conversations tracked
	logs  *syncBuffer
}

func newSharedEmbeddings(t testing.TB) *sharedEmbeddings {
	t.Helper()
	cfg := testConfig(t)
	if !onPostgres(cfg) {
		cfg.DatabaseURL = pgtest.NewMigratedDatabase(t)
	}
	lexical := start(t, cfg)
	key := lexical.newKey(t, "acme")
	trackCorpus(t, lexical, key)
	const more = 20
	for i := range more {
		if r := lexical.post(t, "/api/v1/context/track", key, track(fmt.Sprintf("other-%d", i),
			fmt.Sprintf("question %d about the invoice layout", i), "noted")); r.Status != 200 {
			t.Fatalf("track: %d %s", r.Status, r.Raw)
		}
	}
	lexical.close(t)
	m, err := provider.LoadStatic(providertest.WriteVec(t, filepath.Join(t.TempDir(), "tiny.vec")))
	if err != nil {
		t.Fatal(err)
	}
	fake := providertest.NewServer(t, m)
	cfg.EmbeddingsURL, cfg.EmbeddingsModel = fake.URL+"/v1", "tiny"
	logs := &syncBuffer{}
	t.Cleanup(func() {
		if t.Failed() {
			t.Log(logs.String())
		}
	})
	return &sharedEmbeddings{cfg: cfg, fake: fake, key: key, texts: len(paraphraseCorpus) + more, logs: logs}
}

// server starts another server on the database, with its own data
// directory, logging to e.logs.
func (e *sharedEmbeddings) server(t testing.TB, name string) *testServer {
	t.Helper()
	cfg := e.cfg
	cfg.DataDir, cfg.ServerName = t.TempDir(), name
	return startLogged(t, cfg, slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelInfo})).With("server", name))
}

// embedded counts, per conversation text, how many times the provider
// was asked to embed it with model since request number from (queries
// left out).
func (e *sharedEmbeddings) embedded(from int, model string) map[string]int {
	n := map[string]int{}
	for _, r := range e.fake.Requests()[from:] {
		for _, in := range r.Input {
			if in != paraphraseQuery && r.Model == model {
				n[in]++
			}
		}
	}
	return n
}

// hybrid waits until s answers the paraphrase query from vectors.
func hybrid(t testing.TB, s *testServer, key, what string) {
	t.Helper()
	eventually(t, what, func() bool {
		mode, first := similarTo(t, s, key)
		return mode == "hybrid" && first == "wifi"
	})
}

// Two servers on one PostgreSQL database, started on existing data with a
// provider configured: every conversation is embedded once, by one of
// them, and both answer from the vectors. Both restarted on another model:
// every conversation is embedded once more, in the new model's space.
func TestEmbeddingsBackfillOnceAcrossServers(t *testing.T) {
	e := newSharedEmbeddings(t)
	a, b := e.server(t, "a"), e.server(t, "b")
	hybrid(t, a, e.key, "server a answers from vectors")
	hybrid(t, b, e.key, "server b answers from vectors")
	eventually(t, "the backfill is done", func() bool { return strings.Contains(e.logs.String(), "embeddings backfill done") })
	counts := e.embedded(0, "tiny")
	if len(counts) != e.texts {
		t.Errorf("%d conversations embedded, want %d", len(counts), e.texts)
	}
	for text, n := range counts {
		if n != 1 {
			t.Errorf("%q embedded %d times, want once", text, n)
		}
	}
	// The second server's start enqueued a job too, which found nothing
	// to do, unless it came while the first ran.
	if n := len(regexp.MustCompile(`embeddings backfill done".* embedded=[1-9]`).FindAllString(e.logs.String(), -1)); n != 1 {
		t.Errorf("%d backfills embedded something, want 1", n)
	}

	a.close(t)
	b.close(t)
	sent := len(e.fake.Requests())
	e.cfg.EmbeddingsModel = "tiny-2"
	a, b = e.server(t, "a2"), e.server(t, "b2")
	hybrid(t, a, e.key, "server a answers in the new space")
	hybrid(t, b, e.key, "server b answers in the new space")
	eventually(t, "the new model's backfill is done", func() bool {
		return strings.Count(e.logs.String(), "embeddings backfill done") >= 2
	})
	counts = e.embedded(sent, "tiny-2")
	if len(counts) != e.texts {
		t.Errorf("after the model change %d conversations embedded, want %d", len(counts), e.texts)
	}
	for text, n := range counts {
		if n != 1 {
			t.Errorf("after the model change %q embedded %d times, want once", text, n)
		}
	}
	for _, r := range e.fake.Requests()[sent:] {
		if r.Model != "tiny-2" {
			t.Errorf("a request for model %q after the change", r.Model)
		}
	}
}

// A server stopped in the middle of the backfill (its provider slow)
// hands the job back: another server on the database finishes it, and
// answers from the vectors.
func TestEmbeddingsBackfillResumesOnAnotherServer(t *testing.T) {
	e := newSharedEmbeddings(t)
	e.fake.Delay.Store(int64(3 * time.Second))
	a := e.server(t, "a")
	eventually(t, "server a's backfill asked the provider", func() bool { return len(e.embedded(0, "tiny")) > 0 })
	a.close(t)
	if strings.Contains(e.logs.String(), "embeddings backfill done") {
		t.Fatal("the backfill finished before the stop: nothing to resume")
	}
	e.fake.Delay.Store(0)
	b := e.server(t, "b")
	eventually(t, "server b finished the backfill", func() bool {
		return strings.Contains(e.logs.String(), `msg="embeddings backfill done" server=b`)
	})
	hybrid(t, b, e.key, "server b answers from vectors")
	if got := len(e.embedded(0, "tiny")); got != e.texts {
		t.Errorf("%d conversations embedded, want %d", got, e.texts)
	}
}

// Three servers on one PostgreSQL database with a remote provider, tracks
// arriving on one of them: the provider is asked for every new text once,
// by the server that tracked it, and the other two find a paraphrase that
// shares no word with the query by its vector, which they take from the
// saved chunk.
func TestEmbeddingsOfTracksOnceAcrossServers(t *testing.T) {
	e := newSharedEmbeddings(t)
	a, b, c := e.server(t, "a"), e.server(t, "b"), e.server(t, "c")
	for _, s := range []*testServer{a, b, c} {
		hybrid(t, s, e.key, "the servers answer from vectors")
	}
	// The starts' backfills are over, so that only the tracks below ask
	// the provider for anything.
	db, _ := rawDB(t, e.cfg)
	eventually(t, "every backfill job finished", func() bool {
		var open int
		if err := db.QueryRow(`SELECT count(*) FROM river_job WHERE kind = 'embeddings_backfill' AND state <> 'completed'`).Scan(&open); err != nil {
			t.Fatal(err)
		}
		return open == 0
	})
	sent := len(e.fake.Requests())
	var texts []string
	for i := range 12 {
		text := fmt.Sprintf("question %d about the invoice totals", i)
		if i%3 == 0 {
			text = fmt.Sprintf("the router %d keeps going offline", i) // shares "the" only, a stop word
		}
		texts = append(texts, text)
		if r := a.post(t, "/api/v1/context/track", e.key, track(fmt.Sprintf("new-%d", i), text, "let me look into it")); r.Status != 200 {
			t.Fatalf("track: %d %s", r.Status, r.Raw)
		}
	}
	for _, s := range []*testServer{b, c} {
		eventually(t, "another server finds the new paraphrases by their vectors", func() bool {
			mode, ids := similarIDs(t, s, e.key, 10)
			return mode == "hybrid" && slices.Contains(ids, "new-0") && slices.Contains(ids, "new-9")
		})
	}
	// A resolve's notes change a text too: embedded by the resolving
	// server alone.
	const notes = "the network is back"
	if r := a.post(t, "/api/v1/context/resolve", e.key, mustJSON(map[string]any{"conversationId": "new-3", "resolutionNotes": notes})); r.Status != 200 {
		t.Fatalf("resolve: %d %s", r.Status, r.Raw)
	}
	texts = append(texts, texts[3]+"\n"+notes)
	eventually(t, "the resolved text was embedded", func() bool { return e.embedded(sent, "tiny")[texts[3]+"\n"+notes] > 0 })
	// Closed, the servers have made every call they were going to.
	a.close(t)
	b.close(t)
	c.close(t)
	counts := map[string]int{}
	for text, n := range e.embedded(sent, "tiny") {
		counts[strings.TrimSpace(text)] += n // the index text: the opening, a line each
	}
	for _, text := range texts {
		if counts[text] != 1 {
			t.Errorf("%q embedded %d times, want once", text, counts[text])
		}
	}
	if len(counts) != len(texts) {
		t.Errorf("%d texts embedded after the tracks, want the %d tracked: %v", len(counts), len(texts), counts)
	}
}

// similarIDs asks the paraphrase query for limit conversations and
// returns the retrieval mode and their ids.
func similarIDs(t testing.TB, s *testServer, key string, limit int) (mode string, ids []string) {
	t.Helper()
	r := s.post(t, "/api/v1/context/similarity", key, mustJSON(map[string]any{"message": paraphraseQuery, "limit": limit}))
	if r.Status != 200 {
		t.Fatalf("similarity: %d %s", r.Status, r.Raw)
	}
	d := r.data()
	mode, _ = d["retrieval"].(string)
	convs, _ := d["conversations"].([]any)
	for _, c := range convs {
		id, _ := c.(map[string]any)["conversationId"].(string)
		ids = append(ids, id)
	}
	return mode, ids
}
