package stats

import (
	"cmp"
	"math"
	"slices"

	"github.com/fathom-oss/fathom/internal/knowledge/outcome"
)

// Edge is the record of one solution for one issue type. Only decided
// outcomes are attempts: TotalAttempts = SuccessCount + FailureCount, as in
// the example 38 successes, 7 failures, 45 total. Pending and unknown
// outcomes are kept apart, since counting them as failures would punish
// solutions in conversations that were merely abandoned.
type Edge struct {
	SuccessCount, FailureCount, PendingCount, UnknownCount int
	// TotalAttempts counts decided outcomes only.
	TotalAttempts int
	// SuccessRate is SuccessCount / TotalAttempts, 0 without attempts.
	SuccessRate float64
	// MinutesToResolve is the mean time to resolve, in minutes, over the
	// TimedSuccesses successes whose time was known; 0 without any.
	MinutesToResolve float64
	TimedSuccesses   int
}

// Add records one outcome. minutesToResolve is the time the conversation
// took to resolve after this solution succeeded; pass a negative value or
// NaN when unknown. It is ignored for other outcomes.
func (e *Edge) Add(o outcome.Outcome, minutesToResolve float64) {
	switch o {
	case outcome.Success:
		e.SuccessCount++
		if minutesToResolve >= 0 && !math.IsInf(minutesToResolve, 0) {
			e.TimedSuccesses++
			e.MinutesToResolve += (minutesToResolve - e.MinutesToResolve) / float64(e.TimedSuccesses)
		}
	case outcome.Failure:
		e.FailureCount++
	case outcome.Pending:
		e.PendingCount++
	default:
		e.UnknownCount++
	}
	e.derive()
}

// Merge returns the edge of e and f together, for joining near-identical
// solutions (see attempt.ActionSimilarity).
func (e Edge) Merge(f Edge) Edge {
	m := Edge{SuccessCount: e.SuccessCount + f.SuccessCount, FailureCount: e.FailureCount + f.FailureCount,
		PendingCount: e.PendingCount + f.PendingCount, UnknownCount: e.UnknownCount + f.UnknownCount,
		TimedSuccesses: e.TimedSuccesses + f.TimedSuccesses}
	if m.TimedSuccesses > 0 {
		m.MinutesToResolve = (e.MinutesToResolve*float64(e.TimedSuccesses) +
			f.MinutesToResolve*float64(f.TimedSuccesses)) / float64(m.TimedSuccesses)
	}
	m.derive()
	return m
}

func (e *Edge) derive() {
	e.TotalAttempts = e.SuccessCount + e.FailureCount
	e.SuccessRate = 0
	if e.TotalAttempts > 0 {
		e.SuccessRate = float64(e.SuccessCount) / float64(e.TotalAttempts)
	}
}

// DefaultPrior returns the default prior for an issue type's solutions: the
// mean is the issue type's overall success rate, successes over decided
// attempts summed across its solutions (0.5 without any), and the strength
// DefaultPriorStrength.
func DefaultPrior(edges map[string]Edge) (mean, strength float64) {
	s, n := 0, 0
	for _, e := range edges {
		s += e.SuccessCount
		n += e.SuccessCount + e.FailureCount
	}
	if n == 0 {
		return 0.5, DefaultPriorStrength
	}
	return float64(s) / float64(n), DefaultPriorStrength
}

// Recommendation is a solution ranked for an issue type.
type Recommendation struct {
	Action             string
	SuccessProbability float64
	// AverageTimeToResolve is Edge.MinutesToResolve, in minutes; 0 if unknown.
	AverageTimeToResolve float64
	Attempts, Successes  int
}

// Rank returns an issue type's solutions (action key → edge) best first by
// SuccessProbability under DefaultPrior; ties go to more attempts, then to
// the action name. Solutions with no decided attempt are left out: their
// probability would only be the prior.
func Rank(edges map[string]Edge) []Recommendation {
	mean, strength := DefaultPrior(edges)
	return RankWithPrior(edges, mean, strength)
}

// RankWithPrior is Rank with an explicit prior.
func RankWithPrior(edges map[string]Edge, priorMean, priorStrength float64) []Recommendation {
	out := make([]Recommendation, 0, len(edges))
	for action, e := range edges {
		n := e.SuccessCount + e.FailureCount
		if n == 0 {
			continue
		}
		out = append(out, Recommendation{Action: action,
			SuccessProbability:   SuccessProbability(e.SuccessCount, n, priorMean, priorStrength),
			AverageTimeToResolve: e.MinutesToResolve, Attempts: n, Successes: e.SuccessCount})
	}
	slices.SortFunc(out, func(a, b Recommendation) int {
		if c := cmp.Compare(b.SuccessProbability, a.SuccessProbability); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Attempts, a.Attempts); c != 0 {
			return c
		}
		return cmp.Compare(a.Action, b.Action)
	})
	return out
}
