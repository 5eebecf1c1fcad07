package attempt

import (
	"testing"
)

// TestKeyAgreement measures how often a phrasing yields its group's key and
// requires every group's keys to differ from every other group's.
func TestKeyAgreement(t *testing.T) {
	total, agree := 0, 0
	owner := map[string]string{}
	for _, g := range keyTable {
		if len(g.phrasings) < 4 {
			t.Errorf("%s: %d phrasings, want at least 4", g.key, len(g.phrasings))
		}
		for _, ph := range g.phrasings {
			total++
			p, _, ok := parseTurn(ph)
			got := p.a.key()
			if ok && got == g.key {
				agree++
			} else {
				t.Logf("MISS %q: key %q (attempt %v), want %q", ph, got, ok, g.key)
			}
			if ok && got != "" {
				if o, seen := owner[got]; seen && o != g.key {
					t.Errorf("key %q produced for both %s and %s", got, o, g.key)
				}
				owner[got] = g.key
			}
		}
	}
	rate := float64(agree) / float64(total)
	t.Logf("key agreement: %d/%d = %.1f%% over %d actions", agree, total, 100*rate, len(keyTable))
	if len(keyTable) < 12 || rate < 0.95 {
		t.Errorf("key agreement %.1f%% over %d actions, want ≥ 95%% over ≥ 12", 100*rate, len(keyTable))
	}
}
