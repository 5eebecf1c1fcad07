package stats

import (
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

const (
	S = fathom.OutcomeSuccess
	F = fathom.OutcomeFailure
	P = fathom.OutcomePending
	U = fathom.OutcomeUnknown
)

func repeat(n int, seq ...fathom.Outcome) [][]fathom.Outcome {
	out := make([][]fathom.Outcome, n)
	for i := range out {
		out[i] = seq
	}
	return out
}

func join(parts ...[][]fathom.Outcome) [][]fathom.Outcome {
	var out [][]fathom.Outcome
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// history: 30 successes in 58 decided attempts (prior mean 30/58).
// Attempt 1: 20 of 35 → 0.6011; attempt 2: 8 of 15 → 0.5314;
// attempt 3: 2 of 7 → 0.3372, below 0.5: escalate after 2.
var history = join(repeat(20, S), repeat(8, F, S), repeat(2, F, F, S),
	repeat(4, F, F, F), repeat(1, F, F, F, F))

func TestDepths(t *testing.T) {
	m := 30.0 / 58
	want := []Depth{
		{1, 35, 20, (20 + 2*m) / 37}, {2, 15, 8, (8 + 2*m) / 17},
		{3, 7, 2, (2 + 2*m) / 9}, {4, 1, 0, (2 * m) / 3},
	}
	got := Depths(history)
	if len(got) != len(want) {
		t.Fatalf("Depths = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Attempt != want[i].Attempt || got[i].Observations != want[i].Observations ||
			got[i].Successes != want[i].Successes || !near(got[i].Probability, want[i].Probability) {
			t.Errorf("depth %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestEscalationPoint(t *testing.T) {
	for _, c := range []struct {
		name      string
		seqs      [][]fathom.Outcome
		threshold float64
		minObs    int
		want      int
	}{
		{"no history", nil, 0.5, 5, 0},
		{"empty sequences", repeat(3), 0.5, 5, 0},
		{"third attempt usually fails", history, 0.5, 5, 2},
		{"defaults", history, 0, 0, 2},
		{"evidence runs out at attempt 2", history, 0.5, 16, 1},
		{"too little history at all", history, 0.5, 40, 0},
		{"stricter threshold", history, 0.55, 5, 1},
		{"evidence runs out before any failure", join(repeat(10, S), repeat(6, F, S), repeat(2, F, F, S)), 0.5, 5, 2},
		{"every depth vouched for", repeat(6, S), 0.5, 5, 1},
		{"first attempt usually fails", join(repeat(2, S), repeat(8, F, F)), 0.5, 5, 0},
		// Pending and unknown are unsuccessful before an attempt but no
		// observation of it: the 5 [U, S] count at attempt 2 only.
		{"undecided outcomes", join(repeat(6, S), repeat(5, U, S), repeat(3, P)), 0.5, 5, 2},
	} {
		if got := EscalationPoint(c.seqs, c.threshold, c.minObs); got != c.want {
			t.Errorf("%s: EscalationPoint = %d, want %d (depths %+v)", c.name, got, c.want, Depths(c.seqs))
		}
	}
}

func BenchmarkEscalationPoint(b *testing.B) {
	seqs := join(history, history, history, history)
	b.ReportAllocs()
	for b.Loop() {
		EscalationPoint(seqs, 0.5, 5)
	}
}
