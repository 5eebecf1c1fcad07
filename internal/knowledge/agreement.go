package knowledge

import "github.com/fathom-oss/fathom/internal/fathom"

// The nearest conversations of a message mix issues that share its words
// ("open a checking account" and "close my checking account"), and an
// issue's fixes are not another's: agents try a repertoire of fixes per
// issue. A fix that worked every time in the farther conversations of
// another issue would otherwise outrank, on a higher record, the fix of
// the message's own issue. So a neighbour counts as evidence in
// proportion to how well the fixes it tried agree with those the nearer
// neighbours tried: the nearest say what the issue is, and a conversation
// that tried none of their fixes is more likely another issue's.
//
// Neighbours are read nearest first. Each one's agreement is the largest
// share, over the fixes it tried, of the evidence weight seen so far that
// tried that fix too (or a solution that may be the same action, at the
// probability that it is, see alike.go). Until agreementWarmUp of
// evidence weight has been seen (about three of the nearest neighbours),
// every neighbour counts fully; after that its weight is multiplied by its
// agreement over agreementShare, capped at one and never below
// minAgreement, so that an issue whose conversations keep coming still
// builds up its own evidence (its later neighbours agree with its earlier
// ones).
const (
	agreementWarmUp = 3
	agreementShare  = 0.15
	minAgreement    = 0.3
)

// agreement tracks what the neighbours read so far tried.
type agreement struct {
	tried map[int64]float64 // evidence weight of the neighbours that tried each solution
	total float64           // evidence weight of every neighbour with a decided fix
	// The neighbours as near as the last one, held back until a farther
	// one comes: equally near neighbours judge none of each other.
	sim  float64
	held []heldFixes
}

type heldFixes struct {
	ids map[int64]bool
	w   float64
}

// weigh is the weight w of a neighbour at similarity sim that tried the
// solutions of ids, multiplied by its agreement with the nearer ones (see
// the top of this file); neighbours come nearest first; k.mu held.
func (g *agreement) weigh(k *tenantKnowledge, sim float64, ids map[int64]bool, w float64) float64 {
	if sim != g.sim {
		for _, h := range g.held {
			g.add(h.ids, h.w)
		}
		g.sim, g.held = sim, g.held[:0]
	}
	w *= g.factor(k, ids)
	if len(ids) > 0 {
		g.held = append(g.held, heldFixes{ids, w})
	}
	return w
}

// factor is how much a neighbour that tried the solutions of ids counts,
// given the nearer neighbours; k.mu held.
func (g *agreement) factor(k *tenantKnowledge, ids map[int64]bool) float64 {
	if g.total < agreementWarmUp || len(ids) == 0 {
		return 1
	}
	share := 0.0
	for id := range ids {
		s := g.tried[id]
		for other, w := range k.alike[id] {
			s += w * g.tried[other]
		}
		share = max(share, s/g.total)
	}
	return max(minAgreement, min(1, share/agreementShare))
}

// add records a neighbour of weight w that tried the solutions of ids.
func (g *agreement) add(ids map[int64]bool, w float64) {
	if g.tried == nil {
		g.tried = map[int64]float64{}
	}
	for id := range ids {
		g.tried[id] += w
	}
	g.total += w
}

// decidedFixes are the solutions of a's attempts with a known outcome, but
// for routine moves.
func decidedFixes(a *heldAnalysis, routine map[int64]RoutineEvidence) map[int64]bool {
	ids := map[int64]bool{}
	for _, at := range a.attempts {
		if _, ok := routine[at.SolutionID]; ok {
			continue
		}
		if at.Outcome == fathom.OutcomeSuccess || at.Outcome == fathom.OutcomeFailure {
			ids[at.SolutionID] = true
		}
	}
	return ids
}
