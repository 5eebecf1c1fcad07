package knowledge

import (
	"math"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
)

// How far an action's success probability in a message's nearest
// conversations is shrunk to its estimate in their issue types is learned
// from the tenant's own conversations at every recount (each consolidation,
// and on load), not fixed. The candidates are a Beta prior centred on the
// types' estimate worth s pseudo-attempts, for s on a wide grid
// (nearStrengths), and the James–Stein shrink the engine used before (see
// shrink), which needs no strength. Each is scored by leave-one-out on a
// sample of the tenant's conversations with decided attempts: a sampled
// conversation is predicted from its nearest conversations in the
// issue-type model's similarity graph (the retrieval index is not the
// engine's to query), with its own attempts taken out of its type's
// record, and the candidate that gives its attempts' outcomes the highest
// likelihood is kept. Ties and tenants with too little data keep the
// James–Stein shrink.
//
// The same fit chooses how the neighbours' issue types are weighed in the
// types' estimate: by the neighbours' weights, or flat, by how many of
// the neighbours each type holds (which pools more of the types a message
// is near: better where types mix issues). On the simulation it chose flat
// types on the two domains whose types mix most (insurance, banking) and
// weighted ones on the others, and the RMSE fell by 0.000–0.008 per domain
// and pool, nowhere rising (docs/evaluation.md, "Calibration"); fixed flat
// for every tenant it fell on three domains and rose by 0.004–0.005 on the
// fourth.
//
// On the develop pool of the simulation the fit chose 16–64
// pseudo-attempts and lowered the RMSE by 0.000–0.004 in every domain,
// with the ranking unchanged. Learned the same way and left out (see
// docs/evaluation.md): the strength of the prior of a type's record, by
// the method of moments (it pooled the types' records more, and the
// RMSE rose by 0.002–0.033), and the ranking rule (the neighbours'
// posterior or the shrunk estimate, less 0–2 standard deviations) chosen
// by how often its first choice among the actions a held-out conversation
// tried had worked (best action fell by up to 2 intents: the graph's
// neighbours are not the retrieval's, and a few hundred conversations
// with two or more fixes are too few to choose among ten rules).
type estimator struct {
	// nearStrength is the types' estimate's weight, in pseudo-attempts,
	// against the neighbours' weighted attempts; 0 means the James–Stein
	// shrink.
	nearStrength float64
	// flatTypes weighs the neighbours' issue types by how many of the
	// neighbours hold each, not by their weights (see typesEstimate).
	flatTypes bool
	// conversations are how many conversations the fit used.
	conversations int
}

var defaultEstimator = estimator{}

const (
	// minFitConversations is how many sampled conversations with a
	// decided attempt the leave-one-out needs before it can replace the
	// default; maxFitConversations bounds its work per recount.
	minFitConversations = 100
	maxFitConversations = 2000
)

// nearStrengths are the candidate strengths: a wide grid, not tuned
// values; 0 stands for the James–Stein shrink.
var nearStrengths = []float64{0, 0.5, 1, 2, 4, 8, 16, 32, 64}

// nearEstimate is an action's success probability from c, its weighted
// outcomes in the nearest conversations (whose posterior mean is mean),
// shrunk to typeP, the estimate of their issue types.
func (est estimator) nearEstimate(c nearCounts, mean, typeP float64) float64 {
	if est.nearStrength == 0 {
		return shrink(typeP, mean, c.success+c.failure+neighbourPriorStrength)
	}
	return (c.success + est.nearStrength*typeP) / (c.success + c.failure + est.nearStrength)
}

// edgePrior is the centre of the prior of a solution's record in a type:
// halfway between the type's success rate and the solution's across all
// types (see recommend.go); k.mu held.
func (k *tenantKnowledge) edgePrior(typeID, solutionID int64) float64 {
	return (k.priorMean(typeID) + k.solutionRate(solutionID)) / 2
}

// edgeProbability is a solution's success probability in a type (as in
// edgeStats), without the attempts of the analysis out (nil for none: the
// leave-one-out takes a conversation's own attempts out of its type's
// record; the prior's centre keeps them, a small share of the tenant's);
// k.mu held.
func (k *tenantKnowledge) edgeProbability(typeID, solutionID int64, out *heldAnalysis) float64 {
	var s, f float64
	if e := k.edges[edgeKey{typeID, solutionID}]; e != nil {
		s, f = e.weighted.success.value(), e.weighted.failure.value()
	}
	if out != nil && out.issueTypeID == typeID {
		for _, at := range out.attempts {
			if at.SolutionID != solutionID {
				continue
			}
			switch at.Outcome {
			case fathom.OutcomeSuccess:
				s -= attemptWeight(at)
			case fathom.OutcomeFailure:
				f -= attemptWeight(at)
			}
		}
	}
	return weightedProbability(s, f, k.edgePrior(typeID, solutionID))
}

// fitEstimator refits the tenant's estimator (see the top of this file)
// from held, every held analysis in id order (inIDOrder); k.mu held for
// writing.
func (k *tenantKnowledge) fitEstimator(held []idHeld) {
	routine := k.routineMoves()
	sample := k.fitSample(routine, held)
	k.est = defaultEstimator
	if len(sample) < minFitConversations {
		return
	}
	loglik := make([][2]float64, len(nearStrengths)) // [weighted types, flat types]
	var graph []issuetype.DocSimilarity
	var neighbours []Neighbour
	typeP := map[int64][2]float64{}
	for _, id := range sample {
		x := k.analyses[id]
		graph = k.model.NeighboursOf(graph[:0], id)
		if len(graph) == 0 {
			continue
		}
		neighbours = neighbours[:0]
		for _, g := range graph {
			neighbours = append(neighbours, Neighbour{ID: g.ID, Similarity: g.Similarity})
		}
		nb := k.gather(neighbours, routine, true)
		prior := nb.rate()
		clear(typeP)
		for _, at := range x.attempts {
			if _, ok := routine[at.SolutionID]; ok || at.Outcome != fathom.OutcomeSuccess && at.Outcome != fathom.OutcomeFailure {
				continue
			}
			p, ok := typeP[at.SolutionID]
			if !ok {
				fallback := k.edgeProbability(x.issueTypeID, at.SolutionID, x)
				p = [2]float64{k.typesEstimate(nb, at.SolutionID, fallback, x, false), k.typesEstimate(nb, at.SolutionID, fallback, x, true)}
				typeP[at.SolutionID] = p
			}
			c := nb.byAction[at.SolutionID]
			mean, _ := posterior(c.success, c.failure, prior)
			for i, s := range nearStrengths {
				for j := range p {
					q := estimator{nearStrength: s}.nearEstimate(c, mean, p[j])
					q = min(max(q, 0.001), 0.999)
					if at.Outcome == fathom.OutcomeSuccess {
						loglik[i][j] += attemptWeight(at) * math.Log(q)
					} else {
						loglik[i][j] += attemptWeight(at) * math.Log(1-q)
					}
				}
			}
		}
	}
	best, flat := 0, 0
	for j := range 2 { // weighted types first: ties keep them
		for i := range nearStrengths {
			if loglik[i][j] > loglik[best][flat] {
				best, flat = i, j
			}
		}
	}
	k.est = estimator{nearStrength: nearStrengths[best], flatTypes: flat == 1, conversations: len(sample)}
}

// fitSample is up to maxFitConversations of the tenant's conversations
// with a decided attempt of a fix, picked by a hash of their ids (the
// same ones from run to run), in id order; held is every held analysis in
// id order. k.mu held.
func (k *tenantKnowledge) fitSample(routine map[int64]RoutineEvidence, held []idHeld) []int64 {
	eligible := func(a *heldAnalysis) bool {
		for _, at := range a.attempts {
			if _, ok := routine[at.SolutionID]; !ok && (at.Outcome == fathom.OutcomeSuccess || at.Outcome == fathom.OutcomeFailure) {
				return true
			}
		}
		return false
	}
	n := 0
	for _, h := range held {
		if eligible(h.a) {
			n++
		}
	}
	step := uint64(max(1, n/maxFitConversations))
	var ids []int64 // in id order, as held is
	for _, h := range held {
		if (uint64(h.id)*0x9E3779B97F4A7C15)>>32%step == 0 && eligible(h.a) {
			ids = append(ids, h.id)
		}
	}
	return ids[:min(len(ids), maxFitConversations)]
}
