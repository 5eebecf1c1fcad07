package eval

import (
	"slices"
	"testing"
)

// TestVisitorPoolIsComplete: the visitor pool words every action three
// times, names no action the simulation lacks, and fills every field of its
// small talk as often as the develop pool does, so a wording left out fails
// here rather than in a run.
func TestVisitorPoolIsComplete(t *testing.T) {
	actions := append(slices.Clip(simActions), retailOnly...)
	ids := map[string]bool{}
	for _, a := range actions {
		ids[a.ID] = true
		if n := len(a.Phrasings(PoolVisitor)); n != 3 {
			t.Errorf("%s has %d visitor wordings, want 3", a.ID, n)
		}
		for _, s := range a.Phrasings(PoolVisitor) {
			if s == "" {
				t.Errorf("%s has an empty visitor wording", a.ID)
			}
		}
	}
	for id := range visitorPhrasings {
		if !ids[id] {
			t.Errorf("visitor pool words %q, which is no action of the simulation", id)
		}
	}
	fields := func(w talk) map[string][]string {
		return map[string][]string{
			"success": w.success, "failure": w.failure,
			"hedgedSuccess": w.hedgedSuccess, "hedgedFailure": w.hedgedFailure,
			"handedOver": w.handedOver, "greetings": w.greetings, "asks": w.asks,
			"answers": w.answers, "closings": w.closings, "farewells": w.farewells,
		}
	}
	develop := fields(talks[PoolDevelop])
	for name, l := range fields(talks[PoolVisitor]) {
		if len(l) != len(develop[name]) {
			t.Errorf("visitor %s has %d wordings, the develop pool %d", name, len(l), len(develop[name]))
		}
		for _, s := range l {
			if s == "" {
				t.Errorf("visitor %s has an empty wording", name)
			}
		}
	}
}
