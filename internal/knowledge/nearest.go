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
//   - the rank score is that of the neighbours' weighted counts plus the
//     type's counts weighted by typeRankWeight, so the type fills in where
//     the neighbours are silent but does not outvote them (a large type
//     would otherwise always win with its mixed record);
//   - the success probability is the neighbours' estimate (a Beta posterior
//     over their weighted attempts with the type's estimate as its prior,
//     worth typeStrength attempts), shrunk back to the type's estimate as
//     far as the two differ by no more than the neighbours' own noise
//     (positive-part James–Stein, see probability): the neighbours correct
//     a type that mixes issues, but a chance sample of a uniform type does
//     not move the type's figure;
//   - actions the neighbours tried that the type has never seen are
//     recommended too: the message's type may be the wrong one;
//   - but only actions tried in at least minNeighbourConversations of the
//     nearest conversations are recommended when any of them tried
//     something: a type mixes issues, and its record alone is evidence for
//     the type, not for this message. When no action reaches that, the
//     type's record stands (and the answer says its evidence is thin).
//
// The first four constants were chosen with TestSimulatedRecommendations,
// on the banking77 training conversations with every fifth held out (not
// on the evaluation's test queries), among the values that keep the vendor
// story of internal/app (38 in 45 and 26 in 36 shown as 0.84 and 0.72),
// and checked again on the develop pool of the rebuilt simulation (0.05–
// 0.4 for the decay, 0–0.3 for the type's weight, 1–8 for the strength and
// 0–1 for the shrinkage all moved its figures by less than their noise).
// minNeighbourConversations was chosen on that develop pool: it halves the
// recommended actions that are not candidates of the query's intent at all
// and lowers the probability error a little, without moving the top action.
const (
	neighbourDecay = 0.2
	typeRankWeight = 0.05
	typeStrength   = 3
	shrinkage      = 0.5

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

// nearCounts are an action's weighted outcomes in the nearest
// conversations, and in how many of them it was tried and worked.
type nearCounts struct {
	success, failure      float64
	conversations, worked int
}

// withNeighbours refines actions, the type's record of each, with the
// nearest conversations of the message, and adds the actions only they
// tried. Without neighbours it returns actions unchanged; k.mu held.
func (k *tenantKnowledge) withNeighbours(typeID int64, actions []SolutionInfo, neighbours []Neighbour) []SolutionInfo {
	near := map[int64]nearCounts{}
	var order []int64 // solutions in order of first sight, for determinism
	for _, n := range neighbours {
		a := k.analyses[n.ID]
		if a == nil {
			continue
		}
		w := neighbourWeight(n.Similarity, neighbours[0].Similarity)
		inThis := map[int64]bool{} // solution tried here -> worked here
		for _, at := range a.Attempts {
			c, seen := near[at.SolutionID]
			switch at.Outcome {
			case fathom.OutcomeSuccess:
				c.success += w
				inThis[at.SolutionID] = true
			case fathom.OutcomeFailure:
				c.failure += w
				if _, ok := inThis[at.SolutionID]; !ok {
					inThis[at.SolutionID] = false
				}
			default:
				continue
			}
			if !seen {
				order = append(order, at.SolutionID)
			}
			near[at.SolutionID] = c
		}
		for id, worked := range inThis {
			c := near[id]
			c.conversations++
			if worked {
				c.worked++
			}
			near[id] = c
		}
	}
	if len(near) == 0 {
		return actions
	}
	have := make(map[int64]bool, len(actions))
	for _, a := range actions {
		have[a.ID] = true
	}
	for _, id := range order {
		if !have[id] {
			if info := k.solutionInfo(typeID, id); info.ID != 0 {
				actions = append(actions, info)
			}
		}
	}
	actions = withEvidence(actions, near)
	for i := range actions {
		c, st := near[actions[i].ID], &actions[i].Stats
		st.Neighbours, st.NeighbourSuccesses = c.conversations, c.worked
		st.RankScore = rankScoreWeighted(c.success+typeRankWeight*float64(st.SuccessCount),
			c.failure+typeRankWeight*float64(st.FailureCount))
		st.SuccessProbability = probability(st.SuccessProbability, c)
	}
	return actions
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

// probability combines an action's type-level success probability with
// its weighted outcomes in the nearest conversations; see the top of the
// file.
func probability(typeP float64, c nearCounts) float64 {
	n := c.success + c.failure + typeStrength
	near := (c.success + typeStrength*typeP) / n
	d2 := (near - typeP) * (near - typeP)
	if d2 == 0 {
		return typeP
	}
	noise := typeP * (1 - typeP) / n
	return typeP + max(0, 1-shrinkage*noise/d2)*(near-typeP)
}
