package knowledge

import (
	"fmt"
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/knowledge/assoc/assoctest"
	"github.com/fathom-oss/fathom/internal/knowledge/retrieval"
)

// typesOf returns how many types the tenant's model gives its first n
// conversations.
func typesOf(e *Engine, n int) int {
	seen := map[int64]bool{}
	for id := range n {
		if t, ok := e.Model(1).TypeOf(int64(id + 1)); ok {
			seen[t] = true
		}
	}
	return len(seen)
}

// TestSettleConsolidatesASmallTenant: a tenant of fewer than 200
// conversations has its types consolidated once its backlog drains, and
// again only once a tenth more were typed; one of fewer than 20, or whose
// openings are mostly copies, keeps the types its votes gave it.
func TestSettleConsolidatesASmallTenant(t *testing.T) {
	openings := assoctest.Connectivity(0) // 120 distinct openings
	e, _ := similarTenant(t, openings...)
	votes := typesOf(e, len(openings))
	if !e.Settle(1) {
		t.Fatalf("a tenant of %d conversations was not consolidated", len(openings))
	}
	if got := typesOf(e, len(openings)); got == votes {
		t.Errorf("%d types before and after the consolidation", got)
	}
	if e.Settle(1) {
		t.Error("consolidated again with nothing typed since")
	}

	few, _ := similarTenant(t, openings[:19]...)
	if few.Settle(1) {
		t.Error("a tenant of 19 conversations was consolidated")
	}

	var copies []string
	for i := range 60 {
		copies = append(copies, openings[i%4]+fmt.Sprint(" "[:i%2]))
	}
	c, _ := similarTenant(t, copies...)
	if c.Settle(1) {
		t.Error("a tenant of 60 conversations in 8 texts was consolidated")
	}
}

// TestSplitTypesStillFindTheParaphrase: once a small tenant's
// consolidation splits one issue into several types, a message predicted
// into one of them still finds, through the learned associations, a
// conversation of the issue that shares none of its words and sits in
// another: the types' evidence reaches the types split from the same
// issue (issuetype.Affinity) instead of ending at the type's border.
func TestSplitTypesStillFindTheParaphrase(t *testing.T) {
	openings := append(assoctest.Connectivity(0), "my laptop keeps disconnecting from the router constantly")
	target := int64(len(openings))
	e, ix := similarTenant(t, openings...)
	if !e.Settle(1) {
		t.Fatal("not consolidated")
	}
	e.LearnAssociations(1, ix)
	const query = "signal drops all the time" // no word of the target's
	q := retrieval.Analyse(query)
	predicted, _ := e.Model(1).PredictVec(q.Type)
	if tt, _ := e.Model(1).TypeOf(target); tt == predicted {
		t.Fatalf("the target is in the query's type %d: the test needs them apart", tt)
	}
	got := e.Similar(1, SimilarParams{Index: ix, Message: query, Limit: len(openings), MinSimilarity: 0.1})
	if !slices.ContainsFunc(got.Matches, func(h retrieval.Hit) bool { return h.ID == target }) {
		t.Errorf("%q did not find conversation %d across the split", query, target)
	}
}
