package app_test

import "testing"

// TestVendorExample is the vendor's own getting-started example, with as
// little data as a new user has: four small conversations, each tracked and
// resolved once. A query phrased as an agent reports a customer ("Customer
// says …") must find the payment conversations, not the one whose opening
// happens to share the reporting phrase, and recommend what fixed them.
func TestVendorExample(t *testing.T) {
	s := start(t, testConfig(t))
	key := s.newKey(t, "acme")
	const api = "/api/v1/context"

	conversations := []struct {
		id       string
		messages []string // user and agent turns, alternating, user first
		payment  bool
	}{
		{"card-declined", []string{
			"Hi, my card was declined when I tried to make a payment at the supermarket.",
			"Sorry about that. Could you contact your bank and ask them to lift any block on the card?",
			"I called the bank, they removed the block and the card works again. Thanks!",
		}, true},
		{"payment-failed", []string{
			"My payment failed when I tried to pay for my order online.",
			"Please re-enter your card details at checkout and try again.",
			"That worked, the payment went through.",
		}, true},
		{"password-reset", []string{
			"User says they forgot their password and cannot log in.",
			"I've sent a password reset link to your email address.",
			"Got it, I'm back in now.",
		}, false},
		{"wifi", []string{
			"The wifi keeps dropping every few minutes.",
			"Please restart your router and wait a minute before reconnecting.",
			"Restarted it and the connection is stable now.",
		}, false},
	}
	for _, c := range conversations {
		if r := s.post(t, api+"/track", key, track(c.id, c.messages...)); r.Status != 200 {
			t.Fatalf("track %s: %s", c.id, r.Raw)
		}
		if r := s.post(t, api+"/resolve", key, mustJSON(map[string]string{"conversationId": c.id})); r.Status != 200 {
			t.Fatalf("resolve %s: %s", c.id, r.Raw)
		}
	}
	waitAnalysed(t, s)

	r := s.post(t, api+"/similarity", key, `{"message":"Customer says their payment is not going through","limit":4}`)
	if r.Status != 200 {
		t.Fatalf("similarity: %s", r.Raw)
	}
	payment := map[string]bool{}
	for _, c := range conversations {
		payment[c.id] = c.payment
	}
	var ranked []string
	fixes := map[string]bool{} // solutions that fixed a payment conversation
	for _, item := range r.data()["conversations"].([]any) {
		c := item.(map[string]any)
		id := c["conversationId"].(string)
		ranked = append(ranked, id)
		if !payment[id] {
			continue
		}
		for _, a := range c["attemptedSolutions"].([]any) {
			if a := a.(map[string]any); a["outcome"] == "success" {
				fixes[a["solution"].(string)] = true
			}
		}
	}
	t.Logf("ranked %v; fixes of payment conversations %v", ranked, fixes)
	if len(ranked) < 2 || !payment[ranked[0]] || !payment[ranked[1]] {
		t.Fatalf("want both payment conversations first, got %v: %s", ranked, r.Raw)
	}
	if len(fixes) == 0 {
		t.Fatalf("no successful attempt found in the payment conversations: %s", r.Raw)
	}

	rec := r.data()["recommendations"].(map[string]any)
	var actions []string
	for _, a := range rec["recommendedActions"].([]any) {
		actions = append(actions, a.(map[string]any)["action"].(string))
	}
	t.Logf("issue type %v, recommended %v", rec["issueType"], actions)
	if len(actions) == 0 || !fixes[actions[0]] {
		t.Fatalf("top recommendation %v is not what fixed a payment conversation (%v): %s", actions, fixes, r.Raw)
	}
}
