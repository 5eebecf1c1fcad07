package knowledge

import "testing"

// TestRankScoreOrdersEvidence: one success in one attempt never outranks
// 38 in 45, whatever the issue type's rate; with equal evidence the higher
// rate wins.
func TestRankScoreOrdersEvidence(t *testing.T) {
	for _, prior := range []float64{0.1, 0.5, 0.7, 0.79, 0.9, 0.99, 1} {
		if one, many := rankScore(1, 0, prior), rankScore(38, 7, prior); one >= many {
			t.Errorf("prior %.2f: 1/1 scores %.3f, not below 38/45 at %.3f", prior, one, many)
		}
		if a, b := rankScore(38, 7, prior), rankScore(26, 10, prior); a <= b {
			t.Errorf("prior %.2f: 38/45 (%.3f) should outrank 26/36 (%.3f)", prior, a, b)
		}
	}
}

func TestPriorMeanIsSmoothed(t *testing.T) {
	k := newTenantKnowledge(nil)
	if got := k.priorMean(1); got != 0.5 {
		t.Fatalf("unknown type prior = %v, want 0.5", got)
	}
	k.types[1] = &typeCounts{successes: 1, decided: 1}
	if got := k.priorMean(1); got != 2.0/3 {
		t.Fatalf("one success prior = %v, want 2/3", got)
	}
}
