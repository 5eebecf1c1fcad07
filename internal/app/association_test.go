package app_test

import (
	"fmt"
	"strings"
	"testing"
)

// connectivityStory tracks a tenant's conversations where "drops" and
// "disconnecting" never meet in one conversation but describe one issue
// (the same devices, times and fix tried), beside two other issues, and a
// last conversation, "disconnecting" again, that shares no word with the
// query the test asks.
func connectivityStory(t *testing.T, s *testServer, key string) (target string) {
	t.Helper()
	var openings []string
	devices := []string{"wifi", "router", "modem", "hotspot", "mesh network", "wireless signal", "internet", "broadband"}
	times := []string{"every evening", "at night", "during video calls", "after an hour", "when streaming", "every few minutes", "in the morning", "on weekends", "during games"}
	for i, d := range devices {
		for j, tm := range times {
			if (i+j)%2 == 0 {
				openings = append(openings, fmt.Sprintf("my %s drops %s and restarting the router does not help", d, tm))
			} else {
				openings = append(openings, fmt.Sprintf("the %s keeps disconnecting %s and restarting the router does not help", d, tm))
			}
		}
	}
	for _, what := range []string{"invoice", "subscription", "monthly bill", "annual plan", "renewal", "upgrade"} {
		for _, how := range []string{"I was charged twice for my %s", "please refund the double charge on my %s", "why is my %s billed two times", "duplicate charge on the %s, I want my money back"} {
			openings = append(openings, fmt.Sprintf(how, what))
		}
	}
	for _, what := range []string{"email", "phone app", "website", "desktop client", "tablet", "admin console"} {
		for _, how := range []string{"I forgot my password for the %s", "the password reset link for the %s expired", "cannot log in to the %s, password rejected", "locked out of the %s after a wrong password"} {
			openings = append(openings, fmt.Sprintf(how, what))
		}
	}
	openings = append(openings, "my laptop keeps disconnecting from the router constantly")
	for i, o := range openings {
		if r := s.post(t, "/api/v1/context/track", key, track(fmt.Sprintf("c%03d", i), o)); r.Status != 200 {
			t.Fatalf("track: %s", r.Raw)
		}
	}
	return fmt.Sprintf("c%03d", len(openings)-1)
}

// TestSimilarityFindsParaphraseThroughLearnedAssociations: through the
// API, a message sharing no word with a conversation finds it once the
// tenant's conversations link the words, and again after a restart, which
// learns the associations anew from what it loads.
func TestSimilarityFindsParaphraseThroughLearnedAssociations(t *testing.T) {
	cfg := testConfig(t)
	s := start(t, cfg)
	key := s.newKey(t, "isp")
	target := connectivityStory(t, s, key)
	waitAnalysed(t, s)
	const body = `{"message":"signal drops all the time","limit":100}`
	found := func(s *testServer) bool {
		r := s.post(t, "/api/v1/context/similarity", key, body)
		if r.Status != 200 {
			t.Fatalf("similarity: %s", r.Raw)
		}
		return strings.Contains(r.Raw, `"conversationId":"`+target+`"`)
	}
	if !found(s) {
		t.Fatalf("%s not found by %s", target, body)
	}
	s.close(t)
	s = start(t, cfg)
	if !cfg.SharedDatabase() {
		if !found(s) {
			t.Fatalf("%s not found by %s after a restart", target, body)
		}
		return
	}
	// On a shared database a restarted server once answered, under a
	// heavy load in CI, before it found the paraphrase, and found it
	// afterwards; its close had reported no error. Why it lagged is not
	// known yet (an open question, not a promise of this test): here the
	// paraphrase must be found once the restarted server has caught up.
	eventually(t, target+" found by "+body+" after a restart", func() bool { return found(s) })
}
