package solution

import "testing"

// TestTyposJoinTheirSolution: once the tenant has written a verb and an
// object often, a proposal with two of their letters swapped joins their
// solution; before that, nothing says which spelling is the word, and a
// rare spelling of its own is left alone.
func TestTyposJoinTheirSolution(t *testing.T) {
	m := NewModel(Config{})
	if k := m.Assign(proposal(t, "I have forzen your card.")); k != "forzen_card" {
		t.Fatalf("first proposal: %q", k)
	}
	var key string
	for range 20 {
		key = m.Assign(proposal(t, "I have frozen your card."))
	}
	for _, typo := range []string{"I have forzen your card.", "I have frozen your cadr.", "I have frzoen your crad."} {
		if k := m.Assign(proposal(t, typo)); k != key {
			t.Errorf("%q went to %q, want %q", typo, k, key)
		}
	}
}
