package app_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/knowledge/assoc/assoctest"
)

// connectivityStory tracks a tenant's conversations where "drops" and
// "disconnecting" never meet in one conversation but describe one issue
// (the same devices, times and fix tried), beside two other issues, and a
// last conversation, "disconnecting" again, that shares no word with the
// query the test asks.
func connectivityStory(t *testing.T, s *testServer, key string) (target string) {
	t.Helper()
	openings := assoctest.Connectivity(0)
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
