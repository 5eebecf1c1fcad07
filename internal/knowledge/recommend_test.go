package knowledge

import (
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// TestRankScoreOrdersEvidence: one success in one attempt never outranks
// 38 in 45 (the rank ignores the type's rate); more evidence of the same
// rate ranks higher; a higher rate with solid evidence ranks higher.
func TestRankScoreOrdersEvidence(t *testing.T) {
	cases := []struct{ hiS, hiF, loS, loF int }{
		{38, 7, 1, 0},
		{38, 7, 26, 10},
		{20, 0, 2, 0},
		{9, 1, 1, 0},
		{3, 0, 1, 0},
	}
	for _, c := range cases {
		if hi, lo := rankScore(c.hiS, c.hiF), rankScore(c.loS, c.loF); hi <= lo {
			t.Errorf("%d/%d scores %.3f, not above %d/%d at %.3f", c.hiS, c.hiS+c.hiF, hi, c.loS, c.loS+c.loF, lo)
		}
	}
}

func TestPriorMeanIsSmoothed(t *testing.T) {
	k := newTenantKnowledge(nil)
	if got := k.priorMean(1); got != 0.5 {
		t.Fatalf("unknown type prior = %v, want 0.5", got)
	}
	k.types[1] = &typeCounts{successes: 1, decided: 1, weightedSuccesses: 1e6, weightedDecided: 1e6} // tallies count millionths
	if got := k.priorMean(1); got != 2.0/3 {
		t.Fatalf("one success prior = %v, want 2/3", got)
	}
}

// TestPosterior: without evidence the estimate is the neighbourhood's
// rate; evidence moves it towards the action's own rate; the rank score is
// below the mean and rises with more evidence of the same rate.
func TestPosterior(t *testing.T) {
	cases := []struct {
		name                string
		successes, failures float64
		prior, min, max     float64
	}{
		{"no evidence", 0, 0, 0.6, 0.6, 0.6},
		{"works nearby", 12, 1, 0.5, 0.8, 0.9},
		{"fails nearby", 1, 12, 0.7, 0.1, 0.3},
		{"one success", 1, 0, 0.5, 0.66, 0.67},
	}
	for _, c := range cases {
		mean, lower := posterior(c.successes, c.failures, c.prior)
		if mean < c.min-1e-9 || mean > c.max+1e-9 {
			t.Errorf("%s: mean %.3f, want in [%v, %v]", c.name, mean, c.min, c.max)
		}
		if lower >= mean {
			t.Errorf("%s: rank score %.3f not below mean %.3f", c.name, lower, mean)
		}
	}
	_, thin := posterior(3, 1, 0.5)
	_, solid := posterior(30, 10, 0.5)
	if thin >= solid {
		t.Errorf("3 in 4 ranks %.3f, not below 30 in 40 at %.3f", thin, solid)
	}
}

// TestAttemptsWeighedByConfidence: two actions with the same raw record
// nearby, five successes and five failures each, differ by which outcomes
// the users stated: the one whose successes were stated ranks first and
// is shown as likelier to work.
func TestAttemptsWeighedByConfidence(t *testing.T) {
	k := knowledgeWith("stated_success", "stated_failure")
	var neighbours []Neighbour
	for i := range 10 {
		id := int64(100 + i)
		first, second := fathom.OutcomeSuccess, fathom.OutcomeFailure
		if i%2 == 1 {
			first, second = second, first
		}
		conf := func(o fathom.Outcome) float64 {
			if o == fathom.OutcomeSuccess {
				return 1
			}
			return 0.2
		}
		neighbours = append(neighbours, k.neighbour(id, 0.8,
			fathom.Attempt{SolutionID: 1, Outcome: first, Confidence: conf(first)},
			fathom.Attempt{SolutionID: 2, Outcome: second, Confidence: 1.2 - conf(second)}))
	}
	got := k.withNeighbours(7, nil, neighbours, nil)
	slices.SortFunc(got, compareActions)
	if len(got) != 2 || got[0].Key != "stated_success" {
		t.Fatalf("actions %+v, want stated_success first", got)
	}
	if hi, lo := got[0].Stats.SuccessProbability, got[1].Stats.SuccessProbability; hi < 0.6 || lo > 0.4 {
		t.Errorf("probabilities %.3f and %.3f, want above 0.6 and below 0.4", hi, lo)
	}
}

// TestWithNeighbours: a type whose record favours one action (it mixes two
// issues) ranks first, for a message, the action its nearest conversations
// say works, recommends an action only the neighbours tried, and drops the
// type's action that no nearby conversation tried.
func TestWithNeighbours(t *testing.T) {
	k := knowledgeWith("reset_password", "contact_bank", "update_app")
	var neighbours []Neighbour
	for i := range 10 {
		id := int64(100 + i)
		outcome := fathom.OutcomeSuccess
		if i == 9 {
			outcome = fathom.OutcomeFailure
		}
		at := []fathom.Attempt{{SolutionID: 2, Outcome: outcome}}
		if i < 3 {
			at = append(at, fathom.Attempt{SolutionID: 3, Outcome: fathom.OutcomeSuccess})
		}
		neighbours = append(neighbours, k.neighbour(id, 0.8-0.01*float64(i), at...))
	}
	actions := []SolutionInfo{ // the type's record: 1 looks best overall
		{Solution: fathom.Solution{ID: 1, Key: "reset_password"}, Stats: EdgeStats{SuccessCount: 45, FailureCount: 5, TotalAttempts: 50, SuccessProbability: 0.9}},
		{Solution: fathom.Solution{ID: 2, Key: "contact_bank"}, Stats: EdgeStats{SuccessCount: 40, FailureCount: 60, TotalAttempts: 100, SuccessProbability: 0.4}},
	}
	got := k.withNeighbours(7, actions, neighbours, nil)
	if len(got) != 2 || got[0].ID != 2 || got[1].ID != 3 {
		t.Fatalf("actions %+v, want contact_bank and the neighbours' update_app, without reset_password", got)
	}
	if p := got[0].Stats.SuccessProbability; p < 0.7 {
		t.Errorf("contact_bank probability %.3f, want the neighbours' 9 in 10 to lift it above 0.7", p)
	}
	if st := got[0].Stats; st.Neighbours != 10 || st.NeighbourSuccesses != 9 {
		t.Errorf("contact_bank evidence %d/%d nearby, want 9/10", st.NeighbourSuccesses, st.Neighbours)
	}
}

// TestRareActionsNearbyAreDropped: an action that worked in the only two
// neighbours that tried it, out of ten, is another issue's fix, not one
// to recommend above the action most neighbours tried.
func TestRareActionsNearbyAreDropped(t *testing.T) {
	k := knowledgeWith("common_fix", "rare_fix")
	var neighbours []Neighbour
	for i := range 10 {
		id := int64(100 + i)
		outcome := fathom.OutcomeSuccess
		if i%3 == 0 {
			outcome = fathom.OutcomeFailure
		}
		at := []fathom.Attempt{{SolutionID: 1, Outcome: outcome, Confidence: 1}}
		if i >= 8 {
			at = []fathom.Attempt{{SolutionID: 2, Outcome: fathom.OutcomeSuccess, Confidence: 1}}
		}
		neighbours = append(neighbours, k.neighbour(id, 0.8, at...))
	}
	got := k.withNeighbours(7, nil, neighbours, nil)
	if len(got) != 1 || got[0].Key != "common_fix" {
		t.Fatalf("actions %+v, want common_fix alone", got)
	}
}

// TestPriorLearnsFromOtherTypes: two fixes with one success each in a new
// type are not shown alike when one worked ten times in another type and
// the other failed ten times there.
func TestPriorLearnsFromOtherTypes(t *testing.T) {
	k := newTenantKnowledge(nil)
	id := int64(0)
	add := func(typeID, solutionID int64, o fathom.Outcome) {
		id++
		k.count(id, hold(&fathom.Analysis{ConversationID: id, IssueTypeID: typeID,
			Attempts: []fathom.Attempt{{SolutionID: solutionID, Outcome: o, Confidence: 1}}}), 1)
	}
	for range 10 {
		add(1, 1, fathom.OutcomeSuccess)
		add(1, 2, fathom.OutcomeFailure)
	}
	add(2, 1, fathom.OutcomeSuccess)
	add(2, 2, fathom.OutcomeSuccess)
	good, bad := k.edgeStats(2, 1), k.edgeStats(2, 2)
	if good.SuccessProbability <= bad.SuccessProbability+0.1 {
		t.Errorf("new type: %.3f for the fix that works elsewhere, %.3f for the one that fails elsewhere; want the first clearly higher",
			good.SuccessProbability, bad.SuccessProbability)
	}
	if good.SuccessCount != 1 || bad.SuccessCount != 1 {
		t.Errorf("counts shown %d and %d, want each type's own", good.SuccessCount, bad.SuccessCount)
	}
}

// knowledgeWith returns tenant knowledge holding one solution per key,
// numbered from 1 in order.
func knowledgeWith(keys ...string) *tenantKnowledge {
	k := newTenantKnowledge(nil)
	for i, key := range keys {
		k.addSolution(&fathom.Solution{ID: int64(i + 1), Key: key, Description: key})
	}
	return k
}

// neighbour records conversation id's attempts and returns it as a
// neighbour at similarity sim.
func (k *tenantKnowledge) neighbour(id int64, sim float64, attempts ...fathom.Attempt) Neighbour {
	k.analyses[id] = hold(&fathom.Analysis{ConversationID: id, Attempts: attempts})
	return Neighbour{ID: id, Similarity: sim}
}
