package knowledge

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
)

// trainIssues plays rounds conversations of each issue (with its fixes'
// rates replaced by rate when rate > 0) into a fresh engine and settles it.
func trainIssues(t testing.TB, issues []routineIssue, rounds int, rate float64, seed uint64) (*Engine, *search.Index) {
	t.Helper()
	e, ix := New(issuetype.Config{}), search.NewIndex()
	r := rand.New(rand.NewPCG(seed, 1))
	now := time.Now()
	ids := map[string]int64{}
	var drafts []*Draft
	id := int64(0)
	for range rounds {
		for _, issue := range issues {
			if rate > 0 {
				issue.rates = []float64{rate, rate}
			}
			id++
			msgs, resolved := routineConversation(issue, r)
			for j := range msgs {
				msgs[j].CreatedAt = now
			}
			d := storedDraft(e, ids, id, msgs, resolved, now)
			ix.Upsert(id, msgs[0].Content)
			if drafts = append(drafts, d); len(drafts) == 20 {
				e.Apply(1, drafts)
				drafts = nil
			}
		}
	}
	e.Apply(1, drafts)
	e.Settle(1)
	e.tenant(1).mu.Lock()
	e.tenant(1).recount() // Settle consolidates only past 200 assignments
	e.tenant(1).mu.Unlock()
	return e, ix
}

// TestEstimatorNeedsData: with fewer conversations than the leave-one-out
// needs, the James–Stein shrink stands.
func TestEstimatorNeedsData(t *testing.T) {
	e, _ := trainIssues(t, routineIssues, 5, 0, 3) // 30 conversations
	if got := e.tenant(1).est; got.nearStrength != 0 {
		t.Fatalf("estimator fitted on 30 conversations: %+v", got)
	}
}

// TestEstimatorPoolsWhenNeighboursSayNothing: when every fix works at the
// same rate whatever the issue, what a conversation's neighbours did says
// nothing more than the records of their issue types, which hold many more
// attempts: the leave-one-out chooses a strong pull to the types'
// estimate, not the James–Stein shrink, which trusts a chance sample of
// neighbours as soon as it strays by more than its noise. The choice is
// the same when the tenant is fitted again.
func TestEstimatorPoolsWhenNeighboursSayNothing(t *testing.T) {
	e, _ := trainIssues(t, routineIssues, 60, 0.5, 7)
	k := e.tenant(1)
	k.mu.Lock()
	defer k.mu.Unlock()
	got := k.est
	t.Logf("fitted: %+v", got)
	if got.conversations < minFitConversations {
		t.Fatalf("fitted on %d conversations, want at least %d", got.conversations, minFitConversations)
	}
	if got.nearStrength < 8 {
		t.Errorf("neighbours that say nothing kept a strength of %v, want at least 8", got.nearStrength)
	}
	k.recount()
	if k.est != got {
		t.Errorf("refit gave %+v, then %+v", got, k.est)
	}
}

// TestEdgeProbabilityLeavesOut: a type's record without one conversation's
// attempts is the record the other conversations would have made.
func TestEdgeProbabilityLeavesOut(t *testing.T) {
	k := newTenantKnowledge(nil)
	k.types[1] = &typeCounts{weightedSuccesses: 6e6, weightedDecided: 10e6} // tallies count millionths
	k.overall[9] = &weightedCounts{success: 5e6, failure: 3e6}
	k.edges[edgeKey{1, 9}] = &edgeCounts{success: 5, failure: 3, weighted: weightedCounts{success: 5e6, failure: 3e6}}
	out := &heldAnalysis{issueTypeID: 1, attempts: []fathom.Attempt{
		{SolutionID: 9, Outcome: fathom.OutcomeFailure, Confidence: 1},
		{SolutionID: 9, Outcome: fathom.OutcomeSuccess, Confidence: 0.5},
		{SolutionID: 4, Outcome: fathom.OutcomeSuccess, Confidence: 1},
	}}
	prior := k.edgePrior(1, 9)
	cases := []struct {
		name string
		out  *heldAnalysis
		want float64
	}{
		{"whole record", nil, weightedProbability(5, 3, prior)},
		{"without the conversation", out, weightedProbability(4.5, 2, prior)},
		{"another type's conversation", &heldAnalysis{issueTypeID: 2, attempts: out.attempts}, weightedProbability(5, 3, prior)},
	}
	for _, c := range cases {
		if got := k.edgeProbability(1, 9, c.out); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: %.6f, want %.6f", c.name, got, c.want)
		}
	}
}

// TestTypesEstimateWeighting: the neighbours' types weigh by the
// neighbours' weights, or, flat, by how many neighbours each holds: one
// near neighbour of type 1 against four far ones of type 2.
func TestTypesEstimateWeighting(t *testing.T) {
	k := newTenantKnowledge(nil)
	for _, typ := range []int64{1, 2} {
		k.types[typ] = &typeCounts{weightedSuccesses: 5e6, weightedDecided: 10e6}
	}
	k.overall[9] = &weightedCounts{success: 10e6, failure: 10e6}
	k.edges[edgeKey{1, 9}] = &edgeCounts{success: 18, failure: 2, weighted: weightedCounts{success: 18e6, failure: 2e6}}
	k.edges[edgeKey{2, 9}] = &edgeCounts{success: 2, failure: 18, weighted: weightedCounts{success: 2e6, failure: 18e6}}
	nb := &neighbourhood{types: map[int64]float64{1: 1, 2: 4 * 0.05}, typeCounts: map[int64]float64{1: 1, 2: 4}}
	p1, p2 := k.edgeProbability(1, 9, nil), k.edgeProbability(2, 9, nil)
	if got, want := k.typesEstimate(nb, 9, 0.5, nil, false), (p1+0.2*p2)/1.2; math.Abs(got-want) > 1e-12 {
		t.Errorf("weighted: %.4f, want %.4f", got, want)
	}
	if got, want := k.typesEstimate(nb, 9, 0.5, nil, true), (p1+4*p2)/5; math.Abs(got-want) > 1e-12 {
		t.Errorf("flat: %.4f, want %.4f", got, want)
	}
	if got := k.typesEstimate(&neighbourhood{}, 9, 0.42, nil, true); got != 0.42 {
		t.Errorf("no typed neighbour: %.4f, want the fallback", got)
	}
}

// TestNearEstimate: with a strength the estimate is a Beta posterior
// centred on the types' estimate; without, the James–Stein shrink.
func TestNearEstimate(t *testing.T) {
	c := nearCounts{success: 6, failure: 2}
	if got, want := (estimator{nearStrength: 8}).nearEstimate(c, 0.7, 0.5), (6+8*0.5)/(8+8.0); math.Abs(got-want) > 1e-12 {
		t.Errorf("strength 8: %.4f, want %.4f", got, want)
	}
	if got, want := (estimator{}).nearEstimate(c, 0.7, 0.5), shrink(0.5, 0.7, 8+neighbourPriorStrength); got != want {
		t.Errorf("James–Stein: %.4f, want %.4f", got, want)
	}
}

// BenchmarkFitEstimator measures one refit (run at each recount) on a
// tenant of 1,200 conversations.
func BenchmarkFitEstimator(b *testing.B) {
	e, _ := trainIssues(b, routineIssues, 200, 0, 5)
	k := e.tenant(1)
	k.mu.Lock()
	defer k.mu.Unlock()
	held := k.inIDOrder()
	for b.Loop() {
		k.fitEstimator(held)
	}
}

// BenchmarkSimilarRecommend measures one similarity request with its
// recommendation on that tenant: what the estimator adds runs per query.
func BenchmarkSimilarRecommend(b *testing.B) {
	e, ix := trainIssues(b, routineIssues, 200, 0, 5)
	queries := []string{"buffering keeps interrupting films on the TV app", "charged twice for my subscription plan",
		"prescription refill approval is taking forever", "can't pick a seat on my flight"}
	i := 0
	for b.Loop() {
		e.Similar(1, SimilarParams{Index: ix, Message: queries[i%len(queries)], Limit: 5, MinSimilarity: 0.1})
		i++
	}
}
