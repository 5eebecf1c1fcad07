package stats

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestSuccessProbability(t *testing.T) {
	// The vendor's payment-declined issue type: its solutions' decided
	// attempts total 70 successes in 100, so the prior mean is 0.7.
	const mean = 0.7
	for _, c := range []struct {
		s, n       int
		mean, k    float64
		want       float64
		wantRound2 float64
	}{
		{38, 45, mean, 2, 39.4 / 47, 0.84},
		{26, 36, mean, 2, 27.4 / 38, 0.72},
		{1, 1, mean, 2, 0.8, 0.80},
		{1, 1, 0.5, 2, 2.0 / 3, 0.67},
		{38, 45, 0.5, 2, 39.0 / 47, 0.83},
		{0, 0, 0.3, 2, 0.3, 0.30},
		{0, 0, 0.3, 0, 0.5, 0.50},             // no evidence at all
		{5, 3, 0.5, 2, 4.0 / 5, 0.80},         // successes clamped to total
		{-1, 4, math.NaN(), 2, 1.0 / 6, 0.17}, // NaN mean is 0.5
	} {
		got := SuccessProbability(c.s, c.n, c.mean, c.k)
		if !near(got, c.want) || math.Round(got*100)/100 != c.wantRound2 {
			t.Errorf("SuccessProbability(%d, %d, %v, %v) = %v, want %v (≈ %v)", c.s, c.n, c.mean, c.k, got, c.want, c.wantRound2)
		}
	}
	// The required guarantee under the prior of this issue type.
	if one, many := SuccessProbability(1, 1, mean, 2), SuccessProbability(38, 45, mean, 2); one >= many {
		t.Errorf("1/1 (%v) outranks 38/45 (%v)", one, many)
	}
	// Its documented limit: with an issue-type rate of 64/81 (≈ 0.79) the
	// strength-2 posterior mean ranks 1/1 first.
	if one, many := SuccessProbability(1, 1, 64.0/81, 2), SuccessProbability(38, 45, 64.0/81, 2); !(one > many) {
		t.Errorf("documented limit changed: 1/1 %v, 38/45 %v", one, many)
	}
}
