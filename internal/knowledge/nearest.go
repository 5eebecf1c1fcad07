package knowledge

import (
	"math"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// An issue type can mix issues whose best fixes differ, and the nearest
// past conversations of a new message say which of them it is. So, for a
// new message, actions are ranked and their probabilities estimated from
// what they did in its nearest conversations, with the type's record as
// the fallback:
//
//   - a neighbour counts exp(-d/neighbourDecay) of an attempt, d being how
//     much less similar to the message it is than the nearest one: farther
//     neighbours are more often about something else;
//   - an attempt counts in proportion to its confidence: an outcome the
//     user stated counts whole, one inferred from silence or from the
//     conversation's end counts less;
//   - an action's estimate is a Beta posterior over those weighted counts,
//     plus the type's counts weighted by typeRankWeight (the type fills in
//     where the neighbours are silent but does not outvote them: a large
//     type would otherwise always win with its mixed record), with a prior
//     centred on the neighbourhood's own success rate over all its
//     attempts, worth neighbourPriorStrength attempts. That rate, not the
//     type's, is the right centre: the type mixes issues, the neighbours
//     are mostly this message's issue. The success probability is the
//     posterior's mean, the rank score its mean minus one standard
//     deviation (thin evidence ranks below the same rate with more behind
//     it);
//   - actions the neighbours tried that the type has never seen are
//     recommended too: the message's type may be the wrong one;
//   - but only actions tried in at least minNeighbourConversations of the
//     nearest conversations are recommended when any of them tried
//     something: a type mixes issues, and its record alone is evidence for
//     the type, not for this message. When no action reaches that, the
//     type's record stands (and the answer says its evidence is thin).
//
// neighbourDecay, typeRankWeight and minNeighbourConversations were chosen
// on the develop pool of the simulation (TestSimulatedRecommendations).
// The confidence weights and the neighbourhood-centred prior were added
// after it: with the simulation's true attempts they raise the share of
// queries whose top fix is the best from 0.673 to 0.686 on average over
// the four domains (the RMSE from 0.173 to 0.170); with extracted attempts,
// from 0.471 to 0.496 (RMSE 0.233 to 0.224), better in each domain. Other
// settings moved the figures by no more than their noise (±0.02): decay
// 0.15–0.3, strength 1–8, a rank penalty of 0.5–1.5 standard deviations,
// type weight 0–0.2, up to 200 neighbours (worse: past the first 30 most
// are other issues), neighbours outside the predicted type down-weighted
// (worse: an issue's look-alike shares its type), and a prior centred on
// the type's estimate (worse).
const (
	neighbourDecay         = 0.2
	typeRankWeight         = 0.05
	neighbourPriorStrength = 2
	shrinkage              = 0.5

	minNeighbourConversations = 2
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
}

// neighbourhood is what the nearest conversations of a message did.
type neighbourhood struct {
	byAction         map[int64]nearCounts
	order            []int64 // solutions in order of first sight, for determinism
	success, failure float64 // weighted, over all their attempts
}

// rate is the neighbourhood's success rate over all its attempts, smoothed
// towards one half by two pseudo-attempts.
func (nb *neighbourhood) rate() float64 {
	return (nb.success + 1) / (nb.success + nb.failure + 2)
}

// gather weighs the attempts of the nearest conversations; k.mu held.
func (k *tenantKnowledge) gather(neighbours []Neighbour) *neighbourhood {
	nb := &neighbourhood{byAction: map[int64]nearCounts{}}
	for _, n := range neighbours {
		a := k.analyses[n.ID]
		if a == nil {
			continue
		}
		w := neighbourWeight(n.Similarity, neighbours[0].Similarity)
		inThis := map[int64]bool{} // solution tried here -> worked here
		for _, at := range a.Attempts {
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
// tried. Without neighbours it returns actions unchanged; k.mu held.
func (k *tenantKnowledge) withNeighbours(typeID int64, actions []SolutionInfo, neighbours []Neighbour) []SolutionInfo {
	nb := k.gather(neighbours)
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
		c, st := nb.byAction[actions[i].ID], &actions[i].Stats
		st.Neighbours, st.NeighbourSuccesses = c.conversations, c.worked
		var mean float64
		mean, st.RankScore = posterior(
			c.success+typeRankWeight*float64(st.SuccessCount),
			c.failure+typeRankWeight*float64(st.FailureCount), prior)
		st.SuccessProbability = shrink(st.SuccessProbability, mean, c.success+c.failure+neighbourPriorStrength)
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
	for _, a := range actions {
		if near[a.ID].conversations >= minNeighbourConversations {
			kept = append(kept, a)
		}
	}
	if len(kept) == 0 {
		return actions
	}
	return kept
}
