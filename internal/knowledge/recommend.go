package knowledge

import (
	"math"
	"slices"
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/retrieval"
	"github.com/fathom-oss/fathom/internal/knowledge/stats"
)

// The success probability of a solution for an issue type is the mean of a
// Beta posterior worth priorStrength attempts, updated with the solution's
// decided attempts in the type, each counted at its confidence
// (attemptWeight) so that outcomes the user stated weigh more than those
// inferred (the counts shown stay whole). The prior is centred halfway
// between the type's success rate across all its solutions and the
// solution's success rate across all types (both smoothed towards one
// half): what usually works for this issue and what this fix usually
// achieves both say something before the fix has been tried much for
// the issue (38 successes in 45 with a 0.70 type rate: 0.838; 26 in 36:
// 0.721). The half is not tuned: on the develop pool of the simulation any
// share from 0.3 to 1 lowered the probability error alike (see
// docs/evaluation.md), and the type's share keeps young types' figures
// near their own.
//
// Actions are ranked by a lower bound that depends on their own evidence
// only: the mean minus one standard deviation of a Beta(1+successes,
// 1+failures) posterior. Thin evidence then ranks below the same rate with
// more behind it: one success in one attempt (0.43) never outranks 38 in 45
// (0.78), whatever the type's rate — a type-centred prior would let 1/1 win
// once the type's rate is high.
//
// For a new message both are refined with what each action did in the
// message's nearest past conversations (see withNeighbours).
const priorStrength = 2

// escalation rule parameters; see stats.EscalationPoint.
const (
	escalationThreshold = 0.5
	escalationMinObs    = 5
)

// IssueType describes a learned issue type.
type IssueType struct {
	ID          int64
	Name        string
	Description string
	Occurrences int
	Resolved    int
	Symptoms    []string
	Causes      []string
}

// EdgeStats is a solution's record for an issue type.
type EdgeStats struct {
	SuccessCount, FailureCount, TotalAttempts int
	SuccessRate                               float64
	SuccessProbability                        float64
	MinutesToResolve                          float64
	// RankScore is the posterior mean minus one standard deviation.
	RankScore float64
	// Neighbours is in how many of the query's nearest conversations the
	// solution was tried with a known outcome, NeighbourSuccesses in how
	// many it worked (both 0 without a query).
	Neighbours, NeighbourSuccesses int
}

// rankScore is the Beta(1+successes, 1+failures) posterior's mean minus
// one standard deviation.
func rankScore(successes, failures int) float64 {
	a, b := float64(successes)+1, float64(failures)+1
	n := a + b
	return a/n - math.Sqrt(a*b/(n*n*(n+1)))
}

// SolutionInfo is a solution with its record for one issue type.
type SolutionInfo struct {
	fathom.Solution
	Stats EdgeStats
}

// Recommendation is what to do about an issue type.
type Recommendation struct {
	IssueType *IssueType
	// Actions are the fixes, best first, then the escalations.
	Actions               []SolutionInfo
	EscalationPoint       int
	HistoricalSuccessRate float64
	// Evidence is EvidenceOK when the top fix has enough attempts behind
	// it, else EvidenceThin with the reason in EvidenceReason.
	Evidence       string
	EvidenceReason string
	// Routine are the solutions tried for this issue type that the
	// tenant's data shows to be routine moves, not fixes (see routine.go):
	// never among Actions, listed here with their record and why.
	Routine []RoutineAction
}

// RoutineAction is a routine move with its record for an issue type and
// the evidence that it is routine.
type RoutineAction struct {
	SolutionInfo
	Evidence RoutineEvidence
}

// The values of Recommendation.Evidence.
const (
	EvidenceOK   = "ok"
	EvidenceThin = "thin"
)

// typeInfo builds the public view of a type; k.mu held.
func (k *tenantKnowledge) typeInfo(id int64) *IssueType {
	tc := k.types[id]
	if tc == nil {
		return nil
	}
	it := &IssueType{ID: id, Occurrences: tc.conversations, Resolved: tc.resolved,
		Symptoms: tc.topSymptoms, Causes: tc.topCauses}
	n, ok := k.name(id)
	if !ok {
		return nil
	}
	it.Name, it.Description = n.Name, n.Description
	return it
}

// edgeStats is a solution's record for a type; k.mu held.
func (k *tenantKnowledge) edgeStats(typeID, solutionID int64) EdgeStats {
	e := k.edges[edgeKey{typeID, solutionID}]
	prior := k.edgePrior(typeID, solutionID)
	if e == nil {
		p := stats.SuccessProbability(0, 0, prior, priorStrength)
		return EdgeStats{SuccessProbability: p, RankScore: rankScore(0, 0)}
	}
	decided := e.success + e.failure
	s := EdgeStats{SuccessCount: e.success, FailureCount: e.failure, TotalAttempts: decided,
		SuccessProbability: weightedProbability(e.weighted.success.value(), e.weighted.failure.value(), prior),
		RankScore:          rankScore(e.success, e.failure)}
	if decided > 0 {
		s.SuccessRate = float64(e.success) / float64(decided)
	}
	if e.minutesN > 0 {
		s.MinutesToResolve = e.minutesSum.value() / float64(e.minutesN)
	}
	return s
}

// priorMean is the type's success rate over all its decided attempts,
// itself smoothed towards one half by two pseudo-attempts, so that a young
// type whose few attempts all worked does not promise certainty; k.mu held.
func (k *tenantKnowledge) priorMean(typeID int64) float64 {
	tc := k.types[typeID]
	if tc == nil {
		return 0.5
	}
	return smoothedRate(tc.weightedSuccesses.value(), tc.weightedDecided.value())
}

// solutionRate is a solution's weighted success rate across all types,
// smoothed towards one half by two pseudo-attempts; k.mu held.
func (k *tenantKnowledge) solutionRate(solutionID int64) float64 {
	o := k.overall[solutionID]
	if o == nil {
		return 0.5
	}
	success := max(o.success.value(), 0)
	return smoothedRate(success, success+max(o.failure.value(), 0))
}

// smoothedRate is a success rate over weighted counts, smoothed towards
// one half by two pseudo-attempts. Counts are clamped at zero: removals can
// leave -0.0000001.
func smoothedRate(successes, decided float64) float64 {
	return (max(successes, 0) + 1) / (max(decided, 0) + 2)
}

// weightedProbability is the mean of the Beta posterior over weighted
// counts with a prior at prior worth priorStrength attempts.
func weightedProbability(successes, failures, prior float64) float64 {
	successes, failures = max(successes, 0), max(failures, 0) // removals can leave -0.0000001
	return (successes + priorStrength*prior) / (successes + failures + priorStrength)
}

// solutionInfo is a solution and its record for a type; k.mu held.
func (k *tenantKnowledge) solutionInfo(typeID, solutionID int64) SolutionInfo {
	ss := k.solutions[solutionID]
	if ss == nil {
		return SolutionInfo{}
	}
	info := SolutionInfo{Solution: ss.top, Stats: k.edgeStats(typeID, solutionID)}
	if !info.Escalation && k.handOvers()[solutionID] {
		info.Escalation = true
	}
	return info
}

// recommend ranks a type's solutions; k.mu held.
func (k *tenantKnowledge) recommend(typeID int64, neighbours []Neighbour) *Recommendation {
	r := &Recommendation{IssueType: k.typeInfo(typeID)}
	if r.IssueType == nil {
		r.Evidence, r.EvidenceReason = EvidenceThin, NoHistory
		return r
	}
	if r.IssueType.Occurrences > 0 {
		r.HistoricalSuccessRate = float64(r.IssueType.Resolved) / float64(r.IssueType.Occurrences)
	}
	routine := k.routineMoves()
	for key := range k.edges {
		if key.typeID == typeID {
			info := k.solutionInfo(typeID, key.solutionID)
			if info.ID == 0 || info.Stats.TotalAttempts == 0 {
				continue
			}
			if ev, ok := routine[key.solutionID]; ok {
				r.Routine = append(r.Routine, RoutineAction{SolutionInfo: info, Evidence: ev})
				continue
			}
			r.Actions = append(r.Actions, info)
		}
	}
	r.Actions = k.withNeighbours(typeID, r.Actions, neighbours, routine)
	slices.SortFunc(r.Actions, compareActions)
	slices.SortFunc(r.Routine, func(a, b RoutineAction) int { return strings.Compare(a.Key, b.Key) })
	r.Evidence, r.EvidenceReason = judgeEvidence(r.Actions)
	var seqs [][]fathom.Outcome
	for _, s := range k.types[typeID].sequences {
		seqs = append(seqs, s)
	}
	r.EscalationPoint = escalationPoint(seqs)
	return r
}

// compareActions orders fixes before escalations (a hand-over is never
// ranked as a fix, whatever its record), then by rank score, then by
// evidence, then by key for determinism.
func compareActions(a, b SolutionInfo) int {
	switch {
	case a.Escalation != b.Escalation:
		if b.Escalation {
			return -1
		}
		return 1
	case a.Stats.RankScore != b.Stats.RankScore:
		if a.Stats.RankScore > b.Stats.RankScore {
			return -1
		}
		return 1
	case a.Stats.TotalAttempts != b.Stats.TotalAttempts:
		return b.Stats.TotalAttempts - a.Stats.TotalAttempts
	}
	return strings.Compare(a.Key, b.Key)
}

// Recommend predicts the issue type of a new message, analysed as q, and
// recommends for it, with the message's nearest past conversations (best
// first) as evidence for both.
func (e *Engine) Recommend(tenantID int64, q *retrieval.Query, neighbours []Neighbour) *Recommendation {
	k := e.tenant(tenantID)
	typeID := e.PredictType(tenantID, q, neighbours)
	k.mu.RLock()
	defer k.mu.RUnlock()
	return k.recommend(typeID, neighbours)
}

// PredictType is the issue type of a message, analysed as q: the most
// common type among its nearest past conversations when there are any, else
// the model's nearest type.
func (e *Engine) PredictType(tenantID int64, q *retrieval.Query, neighbours []Neighbour) int64 {
	k := e.tenant(tenantID)
	votes := map[int64]float64{}
	best, bestVotes := int64(0), 0.0
	for i, n := range neighbours {
		if t, ok := k.model.TypeOf(n.ID); ok {
			votes[t] += 1 / float64(i+1) // nearer neighbours weigh more
			if votes[t] > bestVotes || votes[t] == bestVotes && t < best {
				best, bestVotes = t, votes[t]
			}
		}
	}
	if best != 0 {
		return best
	}
	t, _ := k.model.PredictVec(q.Type)
	return t
}

// Conversation returns what the engine knows of one conversation: its
// issue type and its attempts with their solutions' records.
func (e *Engine) Conversation(tenantID, conversationID int64) (*IssueType, []AttemptInfo) {
	k := e.tenant(tenantID)
	k.mu.RLock()
	defer k.mu.RUnlock()
	a := k.analyses[conversationID]
	if a == nil {
		return nil, nil
	}
	typeID := a.issueTypeID
	out := make([]AttemptInfo, 0, len(a.attempts))
	for _, at := range a.attempts {
		out = append(out, AttemptInfo{Attempt: at, Solution: k.solutionInfo(typeID, at.SolutionID)})
	}
	return k.typeInfo(typeID), out
}

// AttemptInfo is an attempt with its solution.
type AttemptInfo struct {
	fathom.Attempt
	Solution SolutionInfo
}

func escalationPoint(seqs [][]fathom.Outcome) int {
	return stats.EscalationPoint(seqs, escalationThreshold, escalationMinObs)
}
