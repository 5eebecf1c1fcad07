package knowledge

import (
	"cmp"
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// TestAnotherIssuesFixIsNotRecommended: the seven nearest conversations
// of a message tried own_fix (five worked) and the three next ones, a
// little farther, tried other_fix, which worked every time: another issue,
// with its own repertoire, sharing the message's words. The nearest say
// what the issue is, so own_fix is recommended and other_fix, which none
// of them tried, is not (on similarity alone it would be, and first); and
// other_fix comes first when the other issue's conversations are the
// nearest.
func TestAnotherIssuesFixIsNotRecommended(t *testing.T) {
	k := knowledgeWith("own_fix", "other_fix")
	var neighbours []Neighbour
	for i := range 10 {
		id := int64(100 + i)
		at := fathom.Attempt{SolutionID: 1, Outcome: fathom.OutcomeSuccess, Confidence: 1}
		if i == 1 || i == 3 {
			at.Outcome = fathom.OutcomeFailure
		}
		sim := 0.8 - 0.01*float64(i)
		if i >= 7 {
			at, sim = fathom.Attempt{SolutionID: 2, Outcome: fathom.OutcomeSuccess, Confidence: 1}, 0.805-0.01*float64(i)
		}
		neighbours = append(neighbours, k.neighbour(id, sim, at))
	}
	got := k.withNeighbours(7, nil, neighbours, nil)
	if len(got) != 1 || got[0].Key != "own_fix" {
		t.Fatalf("actions %+v, want own_fix alone", got)
	}

	// The same conversations, the other issue's now the nearest: other_fix
	// first.
	for i := range neighbours {
		neighbours[i].Similarity = 1.5 - neighbours[i].Similarity
	}
	slices.SortFunc(neighbours, func(a, b Neighbour) int { return cmp.Compare(b.Similarity, a.Similarity) })
	got = k.withNeighbours(7, nil, neighbours, nil)
	slices.SortFunc(got, compareActions)
	if len(got) == 0 || got[0].Key != "other_fix" {
		t.Fatalf("other issue nearest: actions %+v, want other_fix first", got)
	}
}

// TestAgreementFactor: the first three neighbours count whole; after them a
// neighbour counts by the share of the evidence seen that tried its
// fixes, or a solution that may be the same action.
func TestAgreementFactor(t *testing.T) {
	k := knowledgeWith("a", "b", "c")
	var g agreement
	one := map[int64]bool{1: true}
	if f := g.factor(k, map[int64]bool{2: true}); f != 1 {
		t.Errorf("first neighbour counts %.2f, want 1", f)
	}
	for range 3 {
		g.add(one, 1)
	}
	if f := g.factor(k, one); f != 1 {
		t.Errorf("a neighbour that tried the nearest's fix counts %.2f, want 1", f)
	}
	if f := g.factor(k, map[int64]bool{2: true}); f != minAgreement {
		t.Errorf("a neighbour that tried none of the nearest's fixes counts %.2f, want %.2f", f, minAgreement)
	}
	if f := g.factor(k, map[int64]bool{2: true, 1: true}); f != 1 {
		t.Errorf("a neighbour that tried one of them counts %.2f, want 1", f)
	}
	k.alike = map[int64]map[int64]float64{1: {3: 0.1}, 3: {1: 0.1}}
	if f, want := g.factor(k, map[int64]bool{3: true}), 0.1/agreementShare; f < want-1e-9 || f > want+1e-9 {
		t.Errorf("a neighbour that tried a look-alike at 0.1 counts %.3f, want %.3f", f, want)
	}
}

// TestDiscountedNeighboursDoNotTeachTheIssue: the four nearest
// conversations of a message tried own_fix, which worked; the sixteen next,
// a little farther and each less near, are another issue's, which tried only
// other_fix and had it work every time. Each of those is discounted, as it
// tried none of the nearest's fixes; were they still to count, at their
// discounted weight, in what the issue is taken to try, the other issue would
// soon agree with itself, count whole again and, by its number, put
// other_fix first. The nearest say what the issue is: own_fix first.
func TestDiscountedNeighboursDoNotTeachTheIssue(t *testing.T) {
	k := knowledgeWith("own_fix", "other_fix")
	var neighbours []Neighbour
	for i := range 20 {
		at := fathom.Attempt{SolutionID: 1, Outcome: fathom.OutcomeSuccess, Confidence: 1}
		if i >= 4 {
			at.SolutionID = 2
		}
		neighbours = append(neighbours, k.neighbour(int64(100+i), 0.8-0.01*float64(i), at))
		k.analyses[int64(100+i)].resolved = true // fixes, not hand-overs
	}
	got := k.withNeighbours(7, nil, neighbours, nil)
	slices.SortFunc(got, compareActions)
	if len(got) == 0 || got[0].Key != "own_fix" {
		t.Fatalf("actions %+v, want own_fix first", got)
	}
}

// TestAgreementReference: a neighbour counts in what the issue is taken to
// try by how far its agreement rises above the floor: whole when it agrees,
// not at all when it tried none of the nearer ones' fixes, although its
// evidence still counts at the floor.
func TestAgreementReference(t *testing.T) {
	k := knowledgeWith("a", "b")
	var g agreement
	one, two := map[int64]bool{1: true}, map[int64]bool{2: true}
	for i := range 3 {
		g.weigh(k, 0.9-0.01*float64(i), one, 1)
	}
	if w := g.weigh(k, 0.8, two, 1); w != minAgreement {
		t.Errorf("a neighbour that tried none of the nearest's fixes counts %.2f, want %.2f", w, minAgreement)
	}
	g.weigh(k, 0.7, one, 1) // releases the one before
	if g.tried[2] != 0 || g.total != 3 {
		t.Errorf("after a disagreeing neighbour the reference holds %.2f of b in %.2f, want 0 in 3", g.tried[2], g.total)
	}
}
