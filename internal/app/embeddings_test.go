package app_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/provider/providertest"
)

// paraphraseCorpus is one conversation per topic of the tiny model; the
// query below shares no word with any of them.
var paraphraseCorpus = map[string]string{
	"wifi":     "my wifi keeps disconnecting every few minutes",
	"card":     "my card payment was declined at checkout",
	"password": "I cannot reset my password",
	"refund":   "I want my money back",
}

const paraphraseQuery = "the internet connection drops all the time"

func trackCorpus(t testing.TB, s *testServer, key string) {
	t.Helper()
	for id, text := range paraphraseCorpus {
		if r := s.post(t, "/api/v1/context/track", key, track(id, text, "let me look into it")); r.Status != 200 {
			t.Fatalf("track %s: %d %s", id, r.Status, r.Raw)
		}
	}
}

// similarTo asks the paraphrase query and returns the retrieval mode and
// the first match's conversation id ("" when none).
func similarTo(t testing.TB, s *testServer, key string) (mode, first string) {
	t.Helper()
	r := s.post(t, "/api/v1/context/similarity", key, mustJSON(map[string]any{"message": paraphraseQuery, "limit": 3}))
	if r.Status != 200 {
		t.Fatalf("similarity: %d %s", r.Status, r.Raw)
	}
	d := r.data()
	mode, _ = d["retrieval"].(string)
	if convs, _ := d["conversations"].([]any); len(convs) > 0 {
		first, _ = convs[0].(map[string]any)["conversationId"].(string)
	}
	return mode, first
}

// With a static model on disk, a paraphrase sharing no word with the query
// is found first, at once after its track; without the model it is not
// found at all; after a restart the vectors are back (embedded again from
// the stored text: they are not stored).
func TestEmbeddingsStaticModelFindsParaphrase(t *testing.T) {
	cfg := testConfig(t)
	lexical := start(t, cfg)
	key := lexical.newKey(t, "acme")
	trackCorpus(t, lexical, key)
	if mode, first := similarTo(t, lexical, key); mode != "lexical" || first == "wifi" {
		t.Fatalf("without a model: mode %q, first %q; want lexical and not the paraphrase", mode, first)
	}
	lexical.close(t)

	cfg.EmbeddingsModelDir = providertest.WriteModel2Vec(t, t.TempDir(), true)
	s := start(t, cfg)
	// Conversations tracked before the model was configured are embedded
	// by the start's backfill.
	eventually(t, "the backfill embedded the conversations", func() bool {
		mode, first := similarTo(t, s, key)
		return mode == "hybrid" && first == "wifi"
	})
	// A track embeds its conversation itself: found by the next query.
	if r := s.post(t, "/api/v1/context/track", key, track("router", "the router goes offline", "ok")); r.Status != 200 {
		t.Fatalf("track: %d %s", r.Status, r.Raw)
	}
	r := s.post(t, "/api/v1/context/similarity", key, mustJSON(map[string]any{"message": paraphraseQuery, "limit": 2}))
	convs, _ := r.data()["conversations"].([]any)
	if len(convs) != 2 {
		t.Fatalf("want the two network conversations, got %s", r.Raw)
	}
	for _, c := range convs {
		if id := c.(map[string]any)["conversationId"]; id != "wifi" && id != "router" {
			t.Errorf("match %v is not about the network: %s", id, r.Raw)
		}
		if reasons := c.(map[string]any)["matchReasons"].([]any); len(reasons) == 0 || reasons[0] != "similar meaning (embeddings)" {
			t.Errorf("reasons %v", reasons)
		}
	}
}

// A remote provider (a local OpenAI-compatible server) embeds in the
// background: tracks do not wait for it, the paraphrase is found once it
// has answered; down or slow, similarity answers lexically and says so,
// logs the incident once, asks it again only now and then, and catches up
// with the tracks made meanwhile once it is back. The key is sent, and
// never logged.
func TestEmbeddingsRemoteProvider(t *testing.T) {
	m, err := provider.LoadStatic(providertest.WriteVec(t, filepath.Join(t.TempDir(), "tiny.vec")))
	if err != nil {
		t.Fatal(err)
	}
	fake := providertest.NewServer(t, m)
	const secret = "sk-e2e-secret-key-42"
	cfg := testConfig(t)
	cfg.EmbeddingsURL, cfg.EmbeddingsModel, cfg.EmbeddingsKey = fake.URL+"/v1", "tiny", secret
	cfg.EmbeddingsTimeout = 300 * time.Millisecond
	var logs syncBuffer
	s := startLogged(t, cfg, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	key := s.newKey(t, "acme")
	trackCorpus(t, s, key)
	eventually(t, "the provider embedded the tracks", func() bool {
		mode, first := similarTo(t, s, key)
		return mode == "hybrid" && first == "wifi"
	})
	reqs := fake.Requests()
	if reqs[0].Auth != "Bearer "+secret || reqs[0].Model != "tiny" {
		t.Errorf("request auth %q model %q", reqs[0].Auth, reqs[0].Model)
	}

	// Down: a lexical answer, flagged; the next query does not call it.
	fake.Fail.Store(503)
	if mode, _ := similarTo(t, s, key); mode != "lexical_fallback" {
		t.Fatalf("provider down: mode %q, want lexical_fallback", mode)
	}
	before := len(fake.Requests())
	if mode, _ := similarTo(t, s, key); mode != "lexical_fallback" {
		t.Fatalf("provider down: mode %q", mode)
	}
	if n := len(fake.Requests()); n != before {
		t.Errorf("a query during the incident called the provider %d times", n-before)
	}
	// A track during the incident is acknowledged at once.
	if r := s.post(t, "/api/v1/context/track", key, track("router", "the router goes offline", "ok")); r.Status != 200 {
		t.Fatalf("track while the provider is down: %d %s", r.Status, r.Raw)
	}
	if n := strings.Count(logs.String(), "embeddings provider failing"); n != 1 {
		t.Errorf("incident logged %d times, want once:\n%s", n, logs.String())
	}

	// Back: the track made meanwhile is embedded, and found.
	fake.Fail.Store(0)
	eventually(t, "the provider caught up after the incident", func() bool {
		r := s.post(t, "/api/v1/context/similarity", key, mustJSON(map[string]any{"message": paraphraseQuery, "limit": 2}))
		if r.data()["retrieval"] != "hybrid" {
			return false
		}
		return strings.Contains(r.Raw, `"router"`) && strings.Contains(r.Raw, `"wifi"`)
	})

	// Slow: the answer does not wait past the timeout.
	fake.Delay.Store(int64(3 * time.Second))
	begin := time.Now()
	if mode, _ := similarTo(t, s, key); mode != "lexical_fallback" {
		t.Errorf("provider slow: mode %q, want lexical_fallback", mode)
	}
	if took := time.Since(begin); took > 2*time.Second {
		t.Errorf("a slow provider held the answer %s", took)
	}
	fake.Delay.Store(0)
	if strings.Contains(logs.String(), secret) {
		t.Errorf("the key is in the log:\n%s", logs.String())
	}

	// Restart: the vectors come from the database; only queries are sent.
	s.close(t)
	sent := len(fake.Requests())
	s = startLogged(t, cfg, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	eventually(t, "hybrid answers after the restart", func() bool {
		mode, first := similarTo(t, s, key)
		return mode == "hybrid" && first == "wifi"
	})
	for _, r := range fake.Requests()[sent:] {
		if len(r.Input) != 1 || r.Input[0] != paraphraseQuery {
			t.Errorf("after a restart the provider was asked to embed %q: vectors recomputed", r.Input)
		}
	}

	// Another model: everything is embedded again in its space, and the
	// answers never mix the two.
	s.close(t)
	cfg.EmbeddingsModel = "tiny-2"
	sent = len(fake.Requests())
	s = startLogged(t, cfg, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	eventually(t, "hybrid answers in the new model's space", func() bool {
		mode, first := similarTo(t, s, key)
		return mode == "hybrid" && first == "wifi"
	})
	reembedded := map[string]bool{}
	for _, r := range fake.Requests()[sent:] {
		if r.Model != "tiny-2" {
			t.Errorf("request for model %q after the change", r.Model)
		}
		for _, in := range r.Input {
			reembedded[in] = true
		}
	}
	if len(reembedded) < len(paraphraseCorpus)+1 {
		t.Errorf("after a model change %d texts were embedded again, want the %d conversations' and the query: %v",
			len(reembedded), len(paraphraseCorpus)+1, reembedded)
	}
}

// The server refuses to start on a model it cannot read, naming the option.
func TestEmbeddingsBadModelDir(t *testing.T) {
	cfg := testConfig(t)
	cfg.EmbeddingsModelDir = t.TempDir()
	a := app.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), io.Discard)
	err := a.Open(context.Background())
	if err == nil {
		_ = a.Close(context.Background())
	}
	if err == nil || !strings.Contains(err.Error(), "--embeddings-model-dir") {
		t.Fatalf("open = %v, want an error naming --embeddings-model-dir", err)
	}
}

// The provider URLs are logged as scheme://host/path: a user part or a
// query may carry credentials.
func TestProviderURLsLoggedRedacted(t *testing.T) {
	m, err := provider.LoadStatic(providertest.WriteVec(t, filepath.Join(t.TempDir(), "tiny.vec")))
	if err != nil {
		t.Fatal(err)
	}
	fake := providertest.NewServer(t, m)
	withCreds := strings.Replace(fake.URL, "http://", "http://user:p-secret@", 1) + "/v1?key=q-secret"
	cfg := testConfig(t)
	cfg.EmbeddingsURL, cfg.EmbeddingsModel = withCreds, "tiny"
	cfg.ChatURL, cfg.ChatModel = withCreds, "tiny-chat"
	var logs syncBuffer
	s := startLogged(t, cfg, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})))
	s.close(t)
	out := logs.String()
	if strings.Contains(out, "secret") || strings.Contains(out, "user") {
		t.Errorf("a provider URL's credentials are in the log:\n%s", out)
	}
	if n := strings.Count(out, "url="+fake.URL+"/v1"); n != 2 {
		t.Errorf("the redacted URL is logged %d times, want 2 (embeddings, chat):\n%s", n, out)
	}
}
