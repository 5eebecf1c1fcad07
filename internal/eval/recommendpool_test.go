package eval

import (
	"slices"
	"testing"
)

// TestIDPoolsAreComplete: each pool worded by action id (every pool but
// develop) words every action three times, names no action the simulation lacks, and fills every field
// of its small talk as often as the develop pool does, so a wording left out
// fails here rather than in a run.
func TestIDPoolsAreComplete(t *testing.T) {
	fields := func(w talk) map[string][]string {
		return map[string][]string{
			"success": w.success, "failure": w.failure,
			"hedgedSuccess": w.hedgedSuccess, "hedgedFailure": w.hedgedFailure,
			"handedOver": w.handedOver, "greetings": w.greetings, "asks": w.asks,
			"answers": w.answers, "closings": w.closings, "farewells": w.farewells,
		}
	}
	develop := fields(specOf(PoolDevelop).talk)
	actions := append(slices.Clip(simActions), retailOnly...)
	for _, s := range pools {
		if s.byID == nil {
			continue
		}
		t.Run(string(s.name), func(t *testing.T) {
			checkIDPoolComplete(t, s, actions, develop, fields(s.talk))
		})
	}
}

func checkIDPoolComplete(t *testing.T, s poolSpec, actions []Action, develop, small map[string][]string) {
	t.Helper()
	p := s.name
	ids := map[string]bool{}
	for _, a := range actions {
		ids[a.ID] = true
		if n := len(a.Phrasings(p)); n != 3 {
			t.Errorf("%s has %d %s wordings, want 3", a.ID, n, p)
		}
		for _, s := range a.Phrasings(p) {
			if s == "" {
				t.Errorf("%s has an empty %s wording", a.ID, p)
			}
		}
	}
	for id := range s.byID {
		if !ids[id] {
			t.Errorf("%s pool words %q, which is no action of the simulation", p, id)
		}
	}
	for name, l := range small {
		if len(l) != len(develop[name]) {
			t.Errorf("%s %s has %d wordings, the develop pool %d", p, name, len(l), len(develop[name]))
		}
		for _, w := range l {
			if w == "" {
				t.Errorf("%s %s has an empty wording", p, name)
			}
		}
	}
}
