package app_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/client"
)

// TestFeedback goes through the Go client on the real server: explicit
// feedback overrides an ambiguous reaction, moves the solution's record,
// changes nothing when repeated, is replaced by a later word, survives the
// conversation growing, and survives a restart.
func TestFeedback(t *testing.T) {
	cfg := testConfig(t)
	s := start(t, cfg)
	key := s.newKey(t, "acme")
	ctx := context.Background()
	newClient := func(s *testServer) *client.Client {
		c, err := client.New(client.WithBaseURL(s.URL), client.WithAPIKey(key), client.WithRateLimit(0, 0), client.WithRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := newClient(s)
	const opening, action = "My card payment was declined at checkout", "Can you check whether your card has expired?"
	conversations := []struct{ id, reply string }{
		{"fb-clear", "That worked, the payment went through."},
		{"fb-vague", "Hmm, ok."},
	}
	for _, conv := range conversations {
		_, err := c.Track(ctx, client.TrackRequest{ConversationID: conv.id, Messages: []client.Message{
			{Role: "user", Content: opening}, {Role: "assistant", Content: action}, {Role: "user", Content: conv.reply}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	waitAnalysed(t, s)

	// attempt returns the vague conversation's one attempt, and its
	// solution's record as the issue type's page shows it.
	attempt := func(c *client.Client) (client.AttemptedSolution, client.SolutionStats) {
		t.Helper()
		conv, err := c.Conversation(ctx, "fb-vague")
		if err != nil {
			t.Fatal(err)
		}
		if len(conv.AttemptedSolutions) != 1 || conv.IssueDetails == nil {
			t.Fatalf("fb-vague has %d attempts, issue %v: want 1 and an issue type", len(conv.AttemptedSolutions), conv.IssueDetails)
		}
		at := conv.AttemptedSolutions[0]
		it, err := c.IssueType(ctx, conv.IssueDetails.Name)
		if err != nil {
			t.Fatal(err)
		}
		stats := at.SolutionDetails.Stats
		_, edges, err := c.Graph(ctx, conv.IssueDetails.Name)
		if err != nil {
			t.Fatal(err)
		}
		onGraph, inSimilar := false, false
		for _, e := range edges {
			onGraph = onGraph || e.To == "solution:"+at.Solution
			if e.To == "solution:"+at.Solution && (e.Data["successCount"] != float64(stats.SuccessCount) || e.Data["failureCount"] != float64(stats.FailureCount)) {
				t.Fatalf("/graph shows %v, /conversations %+v", e.Data, stats)
			}
		}
		sim, err := c.Similarity(ctx, client.SimilarityRequest{Message: opening})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range sim.Conversations {
			inSimilar = inSimilar || m.ConversationID == "fb-vague"
			if m.ConversationID == "fb-vague" && (len(m.AttemptedSolutions) != 1 || m.AttemptedSolutions[0].Outcome != at.Outcome ||
				m.AttemptedSolutions[0].SolutionDetails.Stats != stats) {
				t.Fatalf("/similarity shows %+v, /conversations %+v", m.AttemptedSolutions, at)
			}
		}
		if !onGraph || !inSimilar {
			t.Fatalf("solution %s on the graph: %v; fb-vague among the similar conversations: %v", at.Solution, onGraph, inSimilar)
		}
		for _, sol := range it.Solutions {
			if sol.Solution == at.Solution {
				if sol.SolutionDetails.Stats != stats {
					t.Fatalf("/issues shows %+v, /conversations %+v", sol.SolutionDetails.Stats, stats)
				}
				return at, stats
			}
		}
		t.Fatalf("issue type %s does not list solution %s: %+v", conv.IssueDetails.Name, at.Solution, it.Solutions)
		return at, client.SolutionStats{}
	}
	at, stats := attempt(c)
	if at.Outcome == "success" || at.Outcome == "failure" || stats.SuccessCount != 1 || stats.FailureCount != 0 {
		t.Fatalf("before feedback: %s (%v), stats %+v; want an undecided attempt and one success (the clear reply)", at.Outcome, at.Confidence, stats)
	}
	sol := at.Solution

	give := func(c *client.Client, outcome string, wantChanged bool) {
		t.Helper()
		res, err := c.Feedback(ctx, client.FeedbackRequest{ConversationID: "fb-vague", Action: sol, Outcome: outcome, Note: "confirmed by the agent"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Changed != wantChanged || res.Outcome != outcome || res.Action != sol || res.ConversationID != "fb-vague" {
			t.Fatalf("feedback %s = %+v, want changed %v", outcome, res, wantChanged)
		}
		waitAnalysed(t, s)
	}
	want := func(c *client.Client, outcome string, successes, failures int) {
		t.Helper()
		at, stats := attempt(c)
		if at.Outcome != outcome || at.Confidence != 1 || stats.SuccessCount != successes || stats.FailureCount != failures ||
			stats.TotalAttempts != 2 {
			t.Fatalf("attempt %s (%v), stats %+v; want %s at 1, %d successes and %d failures in 2", at.Outcome, at.Confidence, stats,
				outcome, successes, failures)
		}
		conv, err := c.Conversation(ctx, "fb-vague")
		if err != nil {
			t.Fatal(err)
		}
		if fb := conv.Feedback; len(fb) != 1 || fb[0].Action != sol || fb[0].Outcome != outcome || fb[0].Note != "confirmed by the agent" {
			t.Fatalf("the conversation lists feedback %+v, want one %s on %s", fb, outcome, sol)
		}
	}
	give(c, "success", true)
	want(c, "success", 2, 0)
	give(c, "success", false)
	want(c, "success", 2, 0)
	give(c, "failure", true)
	want(c, "failure", 1, 1)

	// More messages: analysed again, the feedback still holds.
	if _, err := c.Track(ctx, client.TrackRequest{ConversationID: "fb-vague", Messages: []client.Message{{Role: "user", Content: "Anything else?"}}}); err != nil {
		t.Fatal(err)
	}
	waitAnalysed(t, s)
	want(c, "failure", 1, 1)

	// Bad input names the field; an unknown conversation is a 404.
	bad := []struct {
		req  client.FeedbackRequest
		want string
	}{
		{client.FeedbackRequest{Action: sol, Outcome: "success"}, "conversationId is required"},
		{client.FeedbackRequest{ConversationID: "fb-vague", Outcome: "success"}, "action is required"},
		{client.FeedbackRequest{ConversationID: "fb-vague", Action: "  ", Outcome: "success"}, "action is required"},
		{client.FeedbackRequest{ConversationID: "fb-vague", Action: sol}, "outcome is required"},
		{client.FeedbackRequest{ConversationID: "fb-vague", Action: sol, Outcome: "pending"}, `outcome must be "success" or "failure"`},
		{client.FeedbackRequest{ConversationID: "fb-vague", Action: sol, Outcome: "success", Note: strings.Repeat("n", 4097)}, "note must be at most 4096 bytes"},
	}
	for _, b := range bad {
		_, err := c.Feedback(ctx, b.req)
		var ce *client.Error
		if !errors.Is(err, client.ErrInvalid) || !errors.As(err, &ce) || !strings.Contains(ce.Message, b.want) {
			t.Errorf("feedback %+v: %v, want a 400 saying %q", b.req, err, b.want)
		}
	}
	for body, want := range map[string]string{
		`{"conversationId":"fb-vague","action":5,"outcome":"success"}`:                "action must be a string",
		`{"conversationId":7,"action":"x","outcome":"success"}`:                       "conversationId must be a string",
		`{"conversationId":"fb-vague","action":"x","outcome":true}`:                   "outcome must be a string",
		`{"conversationId":"fb-vague","action":"x","outcome":"success","note":["a"]}`: "note must be a string",
		`["fb-vague"]`: "request body must be a JSON object",
	} {
		if r := s.post(t, "/api/v1/context/feedback", key, body); r.Status != http.StatusBadRequest || !strings.Contains(r.message(), want) {
			t.Errorf("POST %s: %d %q, want 400 saying %q", body, r.Status, r.message(), want)
		}
	}
	if _, err := c.Feedback(ctx, client.FeedbackRequest{ConversationID: "nope", Action: sol, Outcome: "success"}); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("feedback on an unknown conversation: %v, want 404", err)
	}
	other := s.newKey(t, "globex")
	if r := s.post(t, "/api/v1/context/feedback", other, `{"conversationId":"fb-vague","action":"x","outcome":"success"}`); r.Status != http.StatusNotFound {
		t.Errorf("feedback from another tenant: %d %s, want 404", r.Status, r.Raw)
	}

	// An Idempotency-Key replays the first answer.
	body := `{"conversationId":"fb-clear","action":"` + sol + `","outcome":"success"}`
	first := s.post(t, "/api/v1/context/feedback", key, body, "Idempotency-Key", "fb-1")
	again := s.post(t, "/api/v1/context/feedback", key, body, "Idempotency-Key", "fb-1")
	if first.Status != 200 || again.Status != 200 || again.Header.Get("Idempotent-Replayed") != "true" || first.data()["changed"] != true ||
		again.data()["changed"] != true {
		t.Errorf("keyed feedback: %s then %s (replayed %q), want the first answer replayed", first.Raw, again.Raw, again.Header.Get("Idempotent-Replayed"))
	}
	waitAnalysed(t, s)

	req, _ := http.NewRequest(http.MethodGet, s.URL+"/api/v1/context/feedback", nil)
	req.Header.Set("X-API-Key", key)
	if r := do(t, req); r.Status != http.StatusMethodNotAllowed || r.Header.Get("Allow") != "POST" {
		t.Errorf("GET /feedback: %d, Allow %q; want 405 and POST", r.Status, r.Header.Get("Allow"))
	}

	// A restart on the same data directory keeps it all.
	s.close(t)
	s = start(t, cfg)
	c = newClient(s)
	waitAnalysed(t, s)
	want(c, "failure", 1, 1)
	give(c, "failure", false)
}
