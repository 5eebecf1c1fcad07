package stats

import (
	"math"
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/knowledge/outcome"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// The vendor's payment-declined issue type: three solutions whose decided
// attempts total 70 successes in 100, so the default prior mean is 0.7.
var declined = map[string]Edge{
	"check_card_expiry": edge(38, 7),
	"update_card":       edge(26, 10),
	"contact_bank":      edge(6, 13),
}

func edge(s, f int) Edge {
	var e Edge
	for range s {
		e.Add(outcome.Success, -1)
	}
	for range f {
		e.Add(outcome.Failure, -1)
	}
	return e
}

func TestSuccessProbability(t *testing.T) {
	mean, strength := DefaultPrior(declined)
	if !near(mean, 0.7) || strength != 2 {
		t.Fatalf("DefaultPrior = %v, %v; want 0.7, 2", mean, strength)
	}
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
	// The required guarantee under the default prior of this issue type.
	if one, many := SuccessProbability(1, 1, mean, 2), SuccessProbability(38, 45, mean, 2); one >= many {
		t.Errorf("1/1 (%v) outranks 38/45 (%v)", one, many)
	}
	// Its documented limit: with an issue-type rate of 64/81 (≈ 0.79) the
	// strength-2 posterior mean ranks 1/1 first.
	if one, many := SuccessProbability(1, 1, 64.0/81, 2), SuccessProbability(38, 45, 64.0/81, 2); !(one > many) {
		t.Errorf("documented limit changed: 1/1 %v, 38/45 %v", one, many)
	}
}

func TestEdge(t *testing.T) {
	var e Edge
	for i := range 38 {
		e.Add(outcome.Success, float64(10+10*(i%2))) // 10, 20, 10, ...
	}
	for range 7 {
		e.Add(outcome.Failure, 99) // ignored: not a success
	}
	e.Add(outcome.Pending, -1)
	e.Add(outcome.Unknown, -1)
	e.Add(outcome.Success, math.NaN()) // success with unknown time
	want := Edge{SuccessCount: 39, FailureCount: 7, PendingCount: 1, UnknownCount: 1,
		TotalAttempts: 46, SuccessRate: 39.0 / 46, MinutesToResolve: 15, TimedSuccesses: 38}
	if !near(e.MinutesToResolve, 15) || !near(e.SuccessRate, want.SuccessRate) {
		t.Fatalf("edge = %+v, want %+v", e, want)
	}
	e.MinutesToResolve, e.SuccessRate = want.MinutesToResolve, want.SuccessRate
	if e != want {
		t.Fatalf("edge = %+v, want %+v", e, want)
	}
	m := e.Merge(Edge{SuccessCount: 2, FailureCount: 1, MinutesToResolve: 30, TimedSuccesses: 2})
	if m.TotalAttempts != 49 || m.SuccessCount != 41 || !near(m.MinutesToResolve, (15*38+30*2)/40.0) || !near(m.SuccessRate, 41.0/49) {
		t.Fatalf("merged = %+v", m)
	}
}

func TestRank(t *testing.T) {
	got := Rank(declined)
	want := []Recommendation{
		{Action: "check_card_expiry", SuccessProbability: 39.4 / 47, Attempts: 45, Successes: 38},
		{Action: "update_card", SuccessProbability: 27.4 / 38, Attempts: 36, Successes: 26},
		{Action: "contact_bank", SuccessProbability: 7.4 / 21, Attempts: 19, Successes: 6},
	}
	if !slices.EqualFunc(got, want, func(a, b Recommendation) bool {
		return a.Action == b.Action && near(a.SuccessProbability, b.SuccessProbability) && a.Attempts == b.Attempts && a.Successes == b.Successes
	}) {
		t.Fatalf("Rank = %+v, want %+v", got, want)
	}
	// A lucky newcomer ranks below the proven solution, ties go to more
	// attempts then to the name, and undecided solutions are left out.
	edges := map[string]Edge{
		"check_card_expiry": declined["check_card_expiry"], "lucky": edge(1, 0),
		"b_two": edge(2, 2), "a_two": edge(2, 2), "four": edge(4, 4),
		"abandoned": {PendingCount: 3, UnknownCount: 2},
	}
	var names []string
	for _, r := range RankWithPrior(edges, 0.5, 2) { // 2/4 and 4/8 tie at 0.5
		names = append(names, r.Action)
	}
	if w := []string{"check_card_expiry", "lucky", "four", "a_two", "b_two"}; !slices.Equal(names, w) {
		t.Fatalf("ranked %v, want %v", names, w)
	}
	if r := Rank(nil); len(r) != 0 {
		t.Fatalf("Rank(nil) = %v", r)
	}
}

func TestBrier(t *testing.T) {
	if got := Brier([]float64{0.9, 0.2, 0.5}, []bool{true, false, true}); !near(got, 0.1) {
		t.Errorf("Brier = %v, want 0.1", got)
	}
	if got := Brier([]float64{0.5, 0.5}, []bool{true, false}); !near(got, 0.25) {
		t.Errorf("Brier = %v, want 0.25", got)
	}
	if got := Brier(nil, nil); !math.IsNaN(got) {
		t.Errorf("Brier(nil) = %v, want NaN", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("Brier with mismatched lengths did not panic")
		}
	}()
	Brier([]float64{1}, nil)
}
