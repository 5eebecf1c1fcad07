package knowledge

import (
	"math"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// An issue type can mix issues whose best fixes differ, and the nearest
// past conversations of a new message say which of them it is. So, for a
// new message, actions are ranked and their probabilities estimated from
// what they did in its nearest conversations, with the types' records as
// the fallback:
//
//   - a neighbour counts exp(-d/neighbourDecay) of an attempt, d being how
//     much less similar to the message it is than the nearest one: farther
//     neighbours are more often about something else; and less again when
//     the fixes it tried disagree with those the nearer ones tried
//     (agreement.go);
//   - an attempt counts in proportion to its confidence (attemptWeight): an
//     outcome the user stated counts whole, one inferred from silence or
//     from the conversation's end counts less;
//   - an action is ranked by a Beta posterior over those weighted counts,
//     plus the type's counts weighted by typeRankWeight (the type fills in
//     where the neighbours are silent but does not outvote them: a large
//     type would otherwise always win with its mixed record), with a prior
//     centred on the neighbourhood's own success rate over all its
//     attempts, worth neighbourPriorStrength attempts (that rate, not the
//     type's: the type mixes issues, the neighbours are mostly this
//     message's issue); the rank score is the posterior's mean minus one
//     standard deviation, so thin evidence ranks below the same rate with
//     more behind it;
//   - the success probability is that posterior's mean, shrunk back to the
//     action's estimate in the issue types of the neighbours (each type
//     weighed by its neighbours' weights, or by their number: the tenant's
//     fit chooses, see estimator.go) as far as the two differ by no more than
//     the neighbours' own noise (positive-part James–Stein, see shrink):
//     the neighbours correct types that mix issues, but a chance sample of
//     a uniform type does not move the type's figure;
//   - actions the neighbours tried that the type has never seen are
//     recommended too: the message's type may be the wrong one;
//   - but only actions tried in at least minNeighbourConversations of the
//     nearest conversations, and by neighbours weighing at least
//     minSupport of the most tried action's, are recommended when any
//     action passes: a type mixes issues, and its record alone is evidence
//     for the type, not for this message; and an action only a few
//     neighbours tried is mostly another issue's fix (with the
//     simulation's true attempts, 15–21% of the top fixes on BANKING77
//     were not candidates of the query's intent at all). When no action
//     passes, the type's record stands (and the answer says its evidence
//     is thin).
//
// All were chosen on the develop pool of the simulation
// (TestSimulatedRecommendations), never on the report pool. Against the
// previous ranking (a posterior centred on the type's estimate, raw counts,
// no support rule) they raise the share of queries whose top fix is the
// best from 0.674 to 0.699 on average over the four domains, and lower
// the RMSE from 0.173 to 0.156, with the simulation's true attempts; with
// extracted attempts, from 0.474 to 0.509 and from 0.233 to 0.211 (with
// the hierarchical prior of recommend.go). Tried and left out, as they moved the figures by no more than their noise
// (±0.02) or made them worse: decay 0.1–0.4, prior strength 1–8, a rank
// penalty of 0.5–1.5 standard deviations, type weight 0–1, 60–200
// neighbours with flat or rank-decaying weights (worse: past the first 30
// most are other issues), neighbours outside the predicted type
// down-weighted (no better: an issue's look-alike shares its type), shrinkage
// 0–1. minSupport 0.4–0.5 helps with true attempts but hurts with
// extracted ones, whose solutions are split into look-alikes that each
// have less support.
const (
	neighbourDecay         = 0.2
	typeRankWeight         = 0.05
	neighbourPriorStrength = 2
	shrinkage              = 0.5

	minNeighbourConversations = 2
	minSupport                = 0.3
)

// Neighbour is a past conversation near a new message, and how near: its
// similarity to the message, in [0, 1], as retrieval ranked it.
type Neighbour struct {
	ID         int64
	Similarity float64
}

// neighbourWeight is what an attempt in a neighbour counts for, given the
// nearest neighbour's similarity: 1 at that similarity, decaying
// exponentially below it. It depends on the similarity, not the rank, so
// that equally near conversations count the same.
func neighbourWeight(sim, nearest float64) float64 {
	return math.Exp(-(nearest - sim) / neighbourDecay)
}

// attemptWeight is how much an attempt's outcome counts: its confidence,
// or all of it when the attempt has none recorded (stored before
// confidences were, or confirmed by feedback).
func attemptWeight(at fathom.Attempt) float64 {
	if at.Confidence > 0 && at.Confidence < 1 {
		return at.Confidence
	}
	return 1
}

// nearCounts are an action's weighted outcomes in the nearest
// conversations, and in how many of them it was tried and worked.
type nearCounts struct {
	success, failure      float64
	conversations, worked int
	support               float64 // weight of the neighbours that tried it
}

// neighbourhood is what the nearest conversations of a message did.
type neighbourhood struct {
	byAction         map[int64]nearCounts
	order            []int64           // solutions in order of first sight, for determinism
	success, failure float64           // weighted, over all their attempts
	types            map[int64]float64 // weight of the neighbours of each issue type
	typeCounts       map[int64]float64 // number of the neighbours of each issue type; nil unless counted
}

// rate is the neighbourhood's success rate over all its attempts, smoothed
// towards one half by two pseudo-attempts.
func (nb *neighbourhood) rate() float64 {
	return smoothedRate(nb.success, nb.success+nb.failure)
}

// gather weighs the attempts of the nearest conversations, but for the
// routine moves' (which are no evidence of what fixes anything); k.mu held.
// It counts the neighbours of each issue type only when counts is set (for
// the flat weighing of typesEstimate).
func (k *tenantKnowledge) gather(neighbours []Neighbour, routine map[int64]RoutineEvidence, counts bool) *neighbourhood {
	nb := &neighbourhood{byAction: map[int64]nearCounts{}, types: map[int64]float64{}}
	if counts {
		nb.typeCounts = map[int64]float64{}
	}
	var agreed agreement
	for _, n := range neighbours {
		a := k.analyses[n.ID]
		if a == nil {
			continue
		}
		w := neighbourWeight(n.Similarity, neighbours[0].Similarity)
		if k.model != nil {
			if t, ok := k.model.TypeOf(n.ID); ok {
				nb.types[t] += w
				if counts {
					nb.typeCounts[t]++
				}
			}
		}
		w = agreed.weigh(k, n.Similarity, decidedFixes(a, routine), w) // agreement.go
		inThis := map[int64]bool{}                                     // solution tried here -> worked here
		for _, at := range a.attempts {
			if _, ok := routine[at.SolutionID]; ok {
				continue
			}
			c, seen := nb.byAction[at.SolutionID]
			aw := w * attemptWeight(at)
			switch at.Outcome {
			case fathom.OutcomeSuccess:
				c.success += aw
				nb.success += aw
				inThis[at.SolutionID] = true
			case fathom.OutcomeFailure:
				c.failure += aw
				nb.failure += aw
				if _, ok := inThis[at.SolutionID]; !ok {
					inThis[at.SolutionID] = false
				}
			default:
				continue
			}
			if !seen {
				nb.order = append(nb.order, at.SolutionID)
			}
			nb.byAction[at.SolutionID] = c
		}
		for id, worked := range inThis {
			c := nb.byAction[id]
			c.conversations++
			c.support += w
			if worked {
				c.worked++
			}
			nb.byAction[id] = c
		}
	}
	return nb
}

// withNeighbours refines actions, the type's record of each, with the
// nearest conversations of the message, and adds the actions only they
// tried, but for routine moves. Without neighbours it returns actions
// unchanged; k.mu held.
func (k *tenantKnowledge) withNeighbours(typeID int64, actions []SolutionInfo, neighbours []Neighbour, routine map[int64]RoutineEvidence) []SolutionInfo {
	nb := k.gather(neighbours, routine, k.est.flatTypes)
	if len(nb.byAction) == 0 {
		return actions
	}
	have := make(map[int64]bool, len(actions))
	for _, a := range actions {
		have[a.ID] = true
	}
	for _, id := range nb.order {
		if !have[id] {
			if info := k.solutionInfo(typeID, id); info.ID != 0 {
				actions = append(actions, info)
			}
		}
	}
	actions = withEvidence(actions, nb.byAction)
	prior := nb.rate()
	for i := range actions {
		st, own := &actions[i].Stats, nb.byAction[actions[i].ID]
		st.Neighbours, st.NeighbourSuccesses = own.conversations, own.worked
		c := k.pooled(actions[i].ID, nb) // with the evidence of its other wordings (alike.go)
		var mean float64
		mean, st.RankScore = posterior(
			c.success+typeRankWeight*float64(st.SuccessCount),
			c.failure+typeRankWeight*float64(st.FailureCount), prior)
		st.SuccessProbability = k.est.nearEstimate(c, mean, k.typesEstimate(nb, actions[i].ID, st.SuccessProbability, nil, k.est.flatTypes))
	}
	return actions
}

// posterior is the mean, and the mean minus one standard deviation, of a
// Beta posterior over weighted counts with a prior centred on prior worth
// neighbourPriorStrength attempts.
func posterior(successes, failures, prior float64) (mean, lower float64) {
	a := successes + neighbourPriorStrength*prior
	b := failures + neighbourPriorStrength*(1-prior)
	n := a + b
	mean = a / n
	return mean, mean - math.Sqrt(a*b/(n*n*(n+1)))
}

// typesEstimate is an action's success probability in the issue types of
// the nearest conversations, each weighed by its neighbours' weight (by
// their number when flat), or fallback when no neighbour has a type; k.mu
// held. A message near conversations of two types is judged by both
// records, not by the one it was assigned. The attempts of out (nil for
// none) are left out of the records, for the leave-one-out of
// estimator.go.
func (k *tenantKnowledge) typesEstimate(nb *neighbourhood, solutionID int64, fallback float64, out *heldAnalysis, flat bool) float64 {
	var sum, total float64
	weights := nb.types
	if flat {
		weights = nb.typeCounts
	}
	for t, w := range weights {
		sum += w * k.edgeProbability(t, solutionID, out)
		total += w
	}
	if total == 0 {
		return fallback
	}
	return sum / total
}

// shrink moves the neighbours' estimate near, worth n attempts, back to
// the type's estimate typeP as far as the two differ by no more than the
// neighbours' own noise (positive-part James–Stein): the neighbours
// correct a type that mixes issues, but a chance sample of a uniform type
// does not move the type's figure.
func shrink(typeP, near, n float64) float64 {
	d2 := (near - typeP) * (near - typeP)
	if d2 == 0 {
		return typeP
	}
	noise := typeP * (1 - typeP) / n
	return typeP + max(0, 1-shrinkage*noise/d2)*(near-typeP)
}

// withEvidence keeps the actions tried in at least
// minNeighbourConversations of the nearest conversations, or all of them
// when none is.
func withEvidence(actions []SolutionInfo, near map[int64]nearCounts) []SolutionInfo {
	var kept []SolutionInfo
	top := 0.0
	for _, c := range near {
		top = max(top, c.support)
	}
	for _, a := range actions {
		if c := near[a.ID]; c.conversations >= minNeighbourConversations && c.support >= minSupport*top {
			kept = append(kept, a)
		}
	}
	if len(kept) == 0 {
		return actions
	}
	return kept
}
