package assoc_test

import (
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/knowledge/assoc"
	"github.com/fathom-oss/fathom/internal/knowledge/assoc/assoctest"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
)

// TestWordingsStayAssociatedAcrossASplit: "drops" and "disconnecting"
// are associated whether the openings share one type (the votes'
// types of a small tenant) or a consolidation split them into types of
// their own (251 conversations, consolidated at 200), where the types
// alone no longer link the two words.
func TestWordingsStayAssociatedAcrossASplit(t *testing.T) {
	for _, unrelated := range []int{0, 130} {
		ix, m := search.NewIndex(), issuetype.NewModel(issuetype.Config{})
		for i, o := range assoctest.Connectivity(unrelated) {
			ix.Upsert(int64(i+1), o)
			m.Assign(int64(i+1), o)
		}
		types := map[int64]bool{}
		for i := range 72 {
			typ, _ := m.TypeOf(int64(i + 1))
			types[typ] = true
		}
		am := assoc.Learn(ix.EachDocument, m.TypeTable().Of, assoc.Config{})
		drop, disconnect := search.Terms("drops")[0], search.Terms("disconnecting")[0]
		for a, b := range map[string]string{drop: disconnect, disconnect: drop} {
			if !slices.ContainsFunc(am.Neighbours(a), func(n assoc.Neighbour) bool { return n.Term == b }) {
				t.Errorf("%d unrelated, the issue in %d types: %q's neighbours %v lack %q", unrelated, len(types), a, am.Neighbours(a), b)
			}
		}
		if unrelated > 0 && len(types) < 2 {
			t.Errorf("%d unrelated: the issue kept one type; the test needs a split", unrelated)
		}
	}
}
