package knowledge

import (
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// TestAlikeWordingsRankTogether: an action worded two ways, each wording
// working in the two nearest conversations that tried it, ranks below
// another action that worked in three of three while its wordings are
// apart, and above it once the two are known to be one action: its four of
// four then count together. Its probability rises with them, and each
// wording still shows its own neighbours.
func TestAlikeWordingsRankTogether(t *testing.T) {
	k := knowledgeWith("order_card", "send_new_card", "freeze_card")
	var neighbours []Neighbour
	for i, solution := range []int64{1, 1, 2, 2, 3, 3, 3} {
		id := int64(100 + i)
		neighbours = append(neighbours, k.neighbour(id, 0.8,
			fathom.Attempt{SolutionID: solution, Outcome: fathom.OutcomeSuccess, Confidence: 1}))
		k.analyses[id].resolved = true
	}
	rank := func() []SolutionInfo {
		got := k.withNeighbours(7, nil, neighbours, nil)
		slices.SortFunc(got, compareActions)
		return got
	}
	apart := rank()
	if len(apart) != 3 || apart[0].Key != "freeze_card" {
		t.Fatalf("wordings apart: %+v, want freeze_card first", apart)
	}
	k.alike = map[int64]map[int64]float64{1: {2: 1}, 2: {1: 1}}
	together := rank()
	if len(together) != 3 || together[0].Key == "freeze_card" || together[2].Key != "freeze_card" {
		t.Fatalf("wordings alike: %+v, want both wordings before freeze_card", together)
	}
	for _, a := range together {
		if a.Stats.Neighbours != 2 && a.Key != "freeze_card" {
			t.Errorf("%s: %d neighbours shown, want its own 2", a.Key, a.Stats.Neighbours)
		}
	}
	before := slices.IndexFunc(apart, func(s SolutionInfo) bool { return s.Key == "order_card" })
	if p, q := together[0].Stats.SuccessProbability, apart[before].Stats.SuccessProbability; p <= q {
		t.Errorf("order_card probability %.3f with its other wording, want above %.3f alone", p, q)
	}
}

// TestAlikeWeight: the merge's threshold is even odds; more evidence is
// likelier, none is the prior's one in twenty.
func TestAlikeWeight(t *testing.T) {
	if w := alikeWeight(3); w != 0.5 {
		t.Errorf("3 nats: %.3f, want 0.5", w)
	}
	if w := alikeWeight(0); w < 0.04 || w > 0.05 {
		t.Errorf("no evidence: %.3f, want the prior odds of 1 to 20", w)
	}
	if alikeWeight(6) <= alikeWeight(4) || alikeWeight(-2) >= alikeWeight(0) {
		t.Error("weight not increasing with the evidence")
	}
}
