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
//
// What the nearer neighbours tried, which each next one is judged by,
// counts each of them by how far its agreement rose above that floor:
// whole when it agreed, not at all when it tried none of the fixes before
// it. The floor keeps part of a disagreeing neighbour's evidence, as the
// judgement may be wrong, but it says nothing for the neighbour being of
// the message's issue. Counted at the floor in what the issue tries,
// another issue's conversations, when they are many, came to agree with
// each other and counted whole again: a small issue whose four nearest
// conversations were its own, followed by sixteen of a larger look-alike
// with other fixes, was given the look-alike's fix (with the simulation's
// true attempts, finance's best action 0.842 → 0.868, and the share of
// queries whose top fix is their intent's best rose in every domain;
// docs/evaluation.md, "Ranking with the true attempts").
//
// Neighbours whose similarities differ by less than equallyNear (their
// weights by less than 1%, see neighbourWeight) are equally near: copies
// of one opening come back with similarities equal to the fourth decimal
// but not beyond it, and a tenant whose conversations repeat a few
// openings would otherwise let whichever fix the first few of them tried,
// in that order of noise, judge every other fix of the issue.
const (
	equallyNear     = neighbourDecay / 100
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
// solutions of ids, multiplied by its agreement with the nearer ones, and
// records the neighbour in what the issue tries by its agreement above the
// floor (see the top of this file); neighbours come nearest first; k.mu
// held.
func (g *agreement) weigh(k *tenantKnowledge, sim float64, ids map[int64]bool, w float64) float64 {
	if sim < g.sim-equallyNear || sim > g.sim {
		for _, h := range g.held {
			g.add(h.ids, h.w)
		}
		g.sim, g.held = sim, g.held[:0]
	}
	f := g.factor(k, ids)
	if len(ids) > 0 && f > minAgreement {
		g.held = append(g.held, heldFixes{ids, w * (f - minAgreement) / (1 - minAgreement)})
	}
	return w * f
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
