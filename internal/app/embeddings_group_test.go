package app_test

import (
	"log/slog"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/provider/providertest"
)

// Two conversations about the network that share no word (and no
// character n-gram worth a neighbour) with each other.
const (
	groupWifi   = "wifi offline"
	groupRouter = "router drops network"
)

// issueTypeOf waits until the conversation is analysed and returns its
// issue type's name.
func issueTypeOf(t *testing.T, s *testServer, key, id string) string {
	t.Helper()
	var name string
	eventually(t, id+" has an issue type", func() bool {
		r := s.get(t, "/api/v1/context/conversations/"+id, key)
		d, _ := r.data()["issueDetails"].(map[string]any)
		name, _ = d["name"].(string)
		return name != ""
	})
	return name
}

// With an embedder, the issue-type model places a conversation by its
// words and its embedding: two conversations with no word in common but
// close vectors share an issue type; without it each has its own; a
// restart keeps the grouping (the model is saved with its embeddings).
func TestEmbeddingsGroupIssueTypes(t *testing.T) {
	for _, withModel := range []bool{false, true} {
		t.Run(map[bool]string{false: "lexical", true: "static model"}[withModel], func(t *testing.T) {
			cfg := testConfig(t)
			if withModel {
				cfg.EmbeddingsModelDir = providertest.WriteModel2Vec(t, t.TempDir(), false)
				cfg.IssueTypesByMeaning = true
			}
			s := start(t, cfg)
			key := s.newKey(t, "acme")
			for id, text := range map[string]string{"wifi": groupWifi, "router": groupRouter} {
				if r := s.post(t, "/api/v1/context/track", key, track(id, text, "let me check")); r.Status != 200 {
					t.Fatalf("track %s: %d %s", id, r.Status, r.Raw)
				}
			}
			a, b := issueTypeOf(t, s, key, "wifi"), issueTypeOf(t, s, key, "router")
			if withModel != (a == b) {
				t.Fatalf("issue types %q and %q; want them the same only with the model", a, b)
			}
			if !withModel {
				s.close(t)
				return
			}
			s.close(t)
			s = start(t, cfg)
			if a2, b2 := issueTypeOf(t, s, key, "wifi"), issueTypeOf(t, s, key, "router"); a2 != b2 || a2 != a {
				t.Fatalf("after a restart: %q and %q, before %q", a2, b2, a)
			}
			// The embeddings came back with the model: a third network
			// conversation in other words joins the type.
			if r := s.post(t, "/api/v1/context/track", key, track("internet", "internet connection disconnecting", "ok")); r.Status != 200 {
				t.Fatalf("track: %d %s", r.Status, r.Raw)
			}
			if c := issueTypeOf(t, s, key, "internet"); c != a {
				t.Fatalf("a third paraphrase after the restart went to %q, not %q", c, a)
			}
			s.close(t)
		})
	}
}

// backfillDone waits for the start's backfill and returns how many texts
// it read and embedded, from its log line.
func backfillDone(t *testing.T, logs *syncBuffer, nth int) (read, embedded string) {
	t.Helper()
	re := regexp.MustCompile(`embeddings backfill done".*read=(\d+) embedded=(\d+)`)
	var m [][]string
	eventually(t, "the backfill is done", func() bool {
		m = re.FindAllStringSubmatch(logs.String(), -1)
		return len(m) >= nth
	})
	return m[nth-1][1], m[nth-1][2]
}

// A restart with nothing changed asks the provider nothing and reads no
// conversation's text: every vector's stamp is its conversation's. A
// conversation whose text changed while its vector was still queued (the
// provider down, the queue lost at the stop) is read and embedded, alone.
func TestEmbeddingsBackfillSkipsSaved(t *testing.T) {
	m, err := provider.LoadStatic(providertest.WriteVec(t, filepath.Join(t.TempDir(), "tiny.vec")))
	if err != nil {
		t.Fatal(err)
	}
	fake := providertest.NewServer(t, m)
	cfg := testConfig(t)
	cfg.EmbeddingsURL, cfg.EmbeddingsModel = fake.URL+"/v1", "tiny"
	var logs syncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	t.Cleanup(func() {
		if t.Failed() {
			t.Log(logs.String())
		}
	})
	s := startLogged(t, cfg, logger)
	key := s.newKey(t, "acme")
	trackCorpus(t, s, key)
	// Every track's text asked for, not only those the query finds: a
	// vector still being embedded at the stop is lost with its queue (the
	// next start's backfill embeds it), and this restart must find none.
	eventually(t, "the provider was asked for every track", func() bool {
		asked := 0
		for _, text := range paraphraseCorpus {
			if slices.ContainsFunc(fake.Requests(), func(r providertest.Request) bool {
				return slices.ContainsFunc(r.Input, func(in string) bool { return strings.Contains(in, text) })
			}) {
				asked++
			}
		}
		return asked == len(paraphraseCorpus)
	})
	eventually(t, "the provider embedded the tracks", func() bool {
		mode, first := similarTo(t, s, key)
		return mode == "hybrid" && first == "wifi"
	})
	s.close(t)

	sent := len(fake.Requests())
	s = startLogged(t, cfg, logger)
	// The first start had no tenant, so no backfill job: this is the first.
	if read, embedded := backfillDone(t, &logs, 1); read != "0" || embedded != "0" {
		t.Errorf("restart with nothing changed: read %s, embedded %s; want 0 and 0", read, embedded)
	}
	if n := len(fake.Requests()) - sent; n != 0 {
		t.Errorf("restart with nothing changed: %d calls to the provider, want 0", n)
	}

	// The provider down: the resolve's notes change the card
	// conversation's text, and its vector waits in the queue.
	fake.Fail.Store(503)
	const notes = "the bank unblocked the card"
	if r := s.post(t, "/api/v1/context/resolve", key, mustJSON(map[string]any{"conversationId": "card", "resolutionNotes": notes})); r.Status != 200 {
		t.Fatalf("resolve: %d %s", r.Status, r.Raw)
	}
	eventually(t, "the changed text was sent to the provider", func() bool {
		return slices.ContainsFunc(fake.Requests(), func(r providertest.Request) bool {
			return len(r.Input) == 1 && strings.Contains(r.Input[0], notes)
		})
	})
	s.close(t)

	fake.Fail.Store(0)
	sent = len(fake.Requests())
	s = startLogged(t, cfg, logger)
	if read, embedded := backfillDone(t, &logs, 2); read != "1" || embedded != "1" {
		t.Errorf("restart with one conversation changed: read %s, embedded %s; want 1 and 1", read, embedded)
	}
	calls := fake.Requests()[sent:]
	if len(calls) != 1 || len(calls[0].Input) != 1 || !strings.Contains(calls[0].Input[0], notes) {
		t.Errorf("restart with one conversation changed: calls %+v, want one with its new text", calls)
	}
	s.close(t)
}

// solutionOf waits until the conversation is analysed and returns the
// solution of its first attempt.
func solutionOf(t *testing.T, s *testServer, key, id string) string {
	t.Helper()
	var sol string
	eventually(t, id+" has an attempt", func() bool {
		r := s.get(t, "/api/v1/context/conversations/"+id, key)
		as, _ := r.data()["attemptedSolutions"].([]any)
		if len(as) == 0 {
			return false
		}
		sol, _ = as[0].(map[string]any)["solution"].(string)
		return sol != ""
	})
	return sol
}

// With --solution-meaning-weight and a local model, two agents'
// proposals whose objects share no word ("restart the wifi", "restart
// the internet") are one solution; with the model but the option off
// (vectors serve similarity only), two.
func TestEmbeddingsGroupSolutions(t *testing.T) {
	for _, byMeaning := range []bool{false, true} {
		t.Run(map[bool]string{false: "words", true: "by meaning"}[byMeaning], func(t *testing.T) {
			cfg := testConfig(t)
			cfg.EmbeddingsModelDir = providertest.WriteModel2Vec(t, t.TempDir(), false)
			if byMeaning {
				cfg.SolutionMeaningWeight = 0.5
			}
			s := start(t, cfg)
			key := s.newKey(t, "acme")
			for id, proposal := range map[string]string{"wifi": "Please restart the wifi.", "internet": "Could you restart the internet?"} {
				if r := s.post(t, "/api/v1/context/track", key, track(id, "it stopped working", proposal)); r.Status != 200 {
					t.Fatalf("track %s: %d %s", id, r.Status, r.Raw)
				}
			}
			a, b := solutionOf(t, s, key, "wifi"), solutionOf(t, s, key, "internet")
			if byMeaning != (a == b) {
				t.Fatalf("solutions %q and %q; want them the same only by meaning", a, b)
			}
			s.close(t)
		})
	}
}
