package knowledge

import "math"

// One action worded several ways is often learned as several solutions
// (1.70 solutions per action on the simulation's five pools), which
// divides its evidence: for a message, each wording holds a few of the
// nearest conversations' attempts, and a weaker action with one wording
// ranks first. The usage merge (solution.MergeByUsage) joins wordings only
// on strong evidence, as a wrong merge cannot be undone. The ranking can
// afford to be softer: it pools, for each action, the nearest
// conversations' attempts of the solutions that may be the same action,
// each at the probability that it is, so that an action's wordings rank
// together while the solutions stay apart.
//
// That probability is the posterior of "one action" given the learner's
// evidence for the pair (solution.Model.Alike: the log Bayes factor of its
// usage and words, computed as for a merge) under prior odds of
// e^-alikePriorLogOdds: about one pair in twenty of the solutions that
// share a main issue type is one action (713 of 14,431 pairs on the
// simulation, docs/evaluation.md "Round seven"). At the merge's own
// threshold (3 nats) the probability is one half; pairs the learner rules
// out (an escalation and a fix, sides tried fewer than three times, two
// that met as two actions do) are never pooled.
const alikePriorLogOdds = 3

// minAlike is the least probability kept: below it a pair adds nothing
// worth the lookup.
const minAlike = 0.01

// alikeWeight is the probability that two solutions are one action, given
// evidence nats of log Bayes factor for it.
func alikeWeight(evidence float64) float64 {
	return 1 / (1 + math.Exp(alikePriorLogOdds-evidence))
}

// learnAlike weighs the pairs of solutions the learner finds may be one
// action (see the top of this file), at every recount; k.mu held for
// writing.
func (k *tenantKnowledge) learnAlike() {
	k.alike = map[int64]map[int64]float64{}
	for p, evidence := range k.learner.Alike(k.usage()) {
		a, okA := k.byKey[p.A]
		b, okB := k.byKey[p.B]
		w := alikeWeight(evidence)
		if !okA || !okB || a == b || w < minAlike {
			continue
		}
		if k.alike[a] == nil {
			k.alike[a] = map[int64]float64{}
		}
		if k.alike[b] == nil {
			k.alike[b] = map[int64]float64{}
		}
		k.alike[a][b], k.alike[b][a] = w, w
	}
}

// pooled is an action's weighted outcomes in the neighbourhood with those
// of the solutions that may be the same action added, each at the
// probability that it is; k.mu held. Only the outcomes are pooled: which
// actions are recommended at all (withEvidence) still rests on each
// solution's own neighbours, as pooling their support kept more fixes of
// other issues.
func (k *tenantKnowledge) pooled(id int64, nb *neighbourhood) nearCounts {
	c := nb.byAction[id]
	for other, w := range k.alike[id] {
		if o, ok := nb.byAction[other]; ok {
			c.success += w * o.success
			c.failure += w * o.failure
		}
	}
	return c
}
