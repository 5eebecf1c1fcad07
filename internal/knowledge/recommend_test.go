package knowledge

import "testing"

// TestRankScoreOrdersEvidence: one success in one attempt never outranks
// 38 in 45 (the rank ignores the type's rate); more evidence of the same
// rate ranks higher; a higher rate with solid evidence ranks higher.
func TestRankScoreOrdersEvidence(t *testing.T) {
	cases := []struct{ hiS, hiF, loS, loF int }{
		{38, 7, 1, 0},
		{38, 7, 26, 10},
		{20, 0, 2, 0},
		{9, 1, 1, 0},
		{3, 0, 1, 0},
	}
	for _, c := range cases {
		if hi, lo := rankScore(c.hiS, c.hiF), rankScore(c.loS, c.loF); hi <= lo {
			t.Errorf("%d/%d scores %.3f, not above %d/%d at %.3f", c.hiS, c.hiS+c.hiF, hi, c.loS, c.loS+c.loF, lo)
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
