package app_test

import (
	"fmt"
	"math"
	"net/http"
	"testing"

	"github.com/fathom-oss/fathom/internal/tenant"
)

// paymentStory tracks the vendor's example: in payments conversations,
// checking the card's expiry worked 38 of 45 times and checking the bank's
// restrictions 26 of 36. A distractor issue keeps the types honest.
func paymentStory(t *testing.T, s *testServer, key string) {
	t.Helper()
	paymentStoryAs(t, s, key, "")
}

// paymentStoryAs is paymentStory with its conversation ids prefixed, so
// that a tenant can be told it more than once.
func paymentStoryAs(t *testing.T, s *testServer, key, prefix string) {
	t.Helper()
	openers := []string{"My payment keeps getting declined", "My card payment was declined at checkout",
		"Payment declined again when I pay online", "My card keeps getting declined for payments"}
	// Two phrasings of one action with one verb: solutions are learned,
	// not listed, so a synonym verb ("verify the expiry date") would be a
	// solution of its own.
	expiry := []string{"Can you check whether your card has expired?", "Please check if your card has expired."}
	bank := []string{"Could you contact your bank to check for restrictions on your card?", "Please contact your bank and ask whether they restrict online payments."}
	worked := []string{"That worked, the payment went through.", "Yes! It's going through now."}
	failed := []string{"Still declined.", "That didn't help, same error."}
	n := 0
	play := func(action []string, successes, total int) {
		for i := 0; i < total; i++ {
			id := fmt.Sprintf("%spay-%03d", prefix, n)
			n++
			ok := i < successes
			reply := failed[i%2]
			if ok {
				reply = worked[i%2]
			}
			r := s.post(t, "/api/v1/context/track", key, track(id, openers[i%len(openers)], action[i%2], reply))
			if r.Status != 200 {
				t.Fatalf("track: %s", r.Raw)
			}
			if ok {
				s.post(t, "/api/v1/context/resolve", key, mustJSON(map[string]string{"conversationId": id}))
			}
		}
	}
	play(expiry, 38, 45)
	play(bank, 26, 36)
	for i := range 20 {
		s.post(t, "/api/v1/context/track", key, track(fmt.Sprintf("%spw-%02d", prefix, i), "I forgot my password and cannot log in",
			"I've sent you a password reset link.", "Thanks, I can log in now."))
	}
}

func waitAnalysed(t *testing.T, s *testServer) {
	t.Helper()
	eventually(t, "analysis caught up", func() bool {
		idle, err := s.Conversations.AnalysisIdle(t.Context())
		return err == nil && idle
	})
}

// analyseNow runs the analysis of a tenant here and now until none is
// left, for a server started with no workers: what is learned then does
// not depend on how the tracks fell into rounds, so the figures a test
// checks are the same on every run (analysis in rounds of a timing's
// choosing learns slightly different models).
func analyseNow(t *testing.T, s *testServer, tenantID int64) {
	t.Helper()
	if err := s.Conversations.AnalyzeUntilIdle(t.Context(), tenantID); err != nil {
		t.Fatal(err)
	}
}

// TestVendorStoryRepeated: a tenant told the vendor's story three times
// (303 conversations, past its first consolidation) is still recommended
// both fixes. Its conversations repeat four openings, whose copies come
// back with similarities equal to the fourth decimal; when the first few
// of them, in that order of noise, had all tried one fix, the other (the
// better one) was judged another issue's and not recommended at all.
func TestVendorStoryRepeated(t *testing.T) {
	s, key, tenantID := analysedByHand(t)
	for _, prefix := range []string{"a", "b", "c"} { // told, then analysed, three times
		paymentStoryAs(t, s, key, prefix)
		analyseNow(t, s, tenantID)
	}
	r := s.post(t, "/api/v1/context/similarity", key, `{"message":"My payment keeps failing","limit":5}`)
	got := map[string]bool{}
	for _, a := range r.data()["recommendations"].(map[string]any)["recommendedActions"].([]any) {
		got[a.(map[string]any)["action"].(string)] = true
	}
	if !got["check_card"] || !got["contact_bank"] {
		t.Fatalf("recommended %v, want check_card and contact_bank: %s", got, r.Raw)
	}
}

// analysedByHand starts a server with no workers (analyseNow analyses)
// and a tenant; it returns the server, the tenant's key and its id.
func analysedByHand(t *testing.T) (s *testServer, key string, tenantID int64) {
	t.Helper()
	cfg := testConfig(t)
	cfg.Workers = 0
	s = start(t, cfg)
	k, err := s.Tenants.CreateKey(t.Context(), tenant.CreateKeyParams{Tenant: "acme", UserEmail: "ops@acme.test"})
	if err != nil {
		t.Fatal(err)
	}
	return s, k.Secret, k.Key.TenantID
}

func TestVendorStory(t *testing.T) {
	s, key, tenantID := analysedByHand(t)
	paymentStory(t, s, key)
	analyseNow(t, s, tenantID)

	r := s.post(t, "/api/v1/context/similarity", key, `{"message":"My payment keeps failing","limit":5}`)
	rec := r.data()["recommendations"].(map[string]any)
	actions := rec["recommendedActions"].([]any)
	if rec["issueType"] == nil || len(actions) < 2 {
		t.Fatalf("no recommendation: %s", r.Raw)
	}
	first, second := actions[0].(map[string]any), actions[1].(map[string]any)
	p1, p2 := first["successProbability"].(float64), second["successProbability"].(float64)
	if math.Abs(p1-0.84) > 0.02 || math.Abs(p2-0.72) > 0.02 {
		t.Fatalf("probabilities %v then %v, want ≈0.84 then ≈0.72: %s", p1, p2, r.Raw)
	}
	t.Logf("issue type %v: %v %.3f, %v %.3f, escalation point %v", rec["issueType"], first["action"], p1, second["action"], p2, rec["escalationPoint"])

	// The conversation items carry their issue and attempts with stats.
	conv := r.data()["conversations"].([]any)[0].(map[string]any)
	if conv["issueDetails"] == nil || len(conv["attemptedSolutions"].([]any)) == 0 || len(conv["matchReasons"].([]any)) == 0 {
		t.Fatalf("conversation item lacks knowledge: %v", conv)
	}
	stats := conv["attemptedSolutions"].([]any)[0].(map[string]any)["solutionDetails"].(map[string]any)["stats"].(map[string]any)
	if stats["totalAttempts"] != 45.0 && stats["totalAttempts"] != 36.0 {
		t.Fatalf("edge stats %v, want 45 or 36 attempts", stats)
	}

	// Read endpoints.
	get := func(path string) reply {
		req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
		req.Header.Set("X-API-Key", key)
		return do(t, req)
	}
	issue := rec["issueType"].(string)
	d := get("/api/v1/context/issues/" + issue)
	sols := d.data()["solutions"].([]any)
	top := sols[0].(map[string]any)["solutionDetails"].(map[string]any)["stats"].(map[string]any)
	if d.Status != 200 || top["successCount"] != 38.0 || top["totalAttempts"] != 45.0 {
		t.Fatalf("issue type: %d %s", d.Status, d.Raw)
	}
	if l := get("/api/v1/context/issues"); l.Status != 200 || l.data()["total"].(float64) < 2 {
		t.Fatalf("issue list: %s", l.Raw)
	}
	g := get("/api/v1/context/graph?issueType=" + issue)
	if g.Status != 200 || len(g.data()["edges"].([]any)) < 2 {
		t.Fatalf("graph: %s", g.Raw)
	}
	if g := get("/api/v1/context/graph?issueType=nope"); g.Status != 404 {
		t.Fatalf("graph of unknown type: %d", g.Status)
	}

	// A resend changes nothing; deleting a success corrects the counts.
	s.post(t, "/api/v1/context/track", key, track("pay-000", "My payment keeps getting declined",
		"Can you check whether your card has expired?", "That worked, the payment went through."))
	req, _ := http.NewRequest(http.MethodDelete, s.URL+"/api/v1/context/conversations/pay-001", nil)
	req.Header.Set("X-API-Key", key)
	if r := do(t, req); r.Status != 200 {
		t.Fatalf("delete: %s", r.Raw)
	}
	analyseNow(t, s, tenantID)
	d = get("/api/v1/context/issues/" + issue)
	if d.Status != 200 {
		t.Fatalf("issue type after delete: %d %s", d.Status, d.Raw)
	}
	top = d.data()["solutions"].([]any)[0].(map[string]any)["solutionDetails"].(map[string]any)["stats"].(map[string]any)
	if top["successCount"] != 37.0 || top["totalAttempts"] != 44.0 {
		t.Fatalf("after a resend and a delete: %v, want 37 of 44", top)
	}
}
