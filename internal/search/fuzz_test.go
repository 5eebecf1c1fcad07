package search

import (
	"math"
	"testing"
)

// FuzzSearch feeds arbitrary queries and parameters to an index: whatever
// the input, results must be well-formed.
func FuzzSearch(f *testing.F) {
	ix := build(support)
	ix.Delete(2) // leave a tombstone in the way
	f.Add("my card was declined", 5, 0.2)
	f.Add("", 0, 0.0)
	f.Add("card card card refund", -3, 1.0)
	f.Add("\xff\xfe don’t", 1, math.NaN())
	f.Fuzz(func(t *testing.T, query string, limit int, minSim float64) {
		hits, total := ix.Search(query, limit, minSim)
		if len(hits) > max(limit, 0) || total < len(hits) || total > ix.Len() {
			t.Fatalf("Search(%q, %d, %v): %d hits, total %d", query, limit, minSim, len(hits), total)
		}
		for i, h := range hits {
			if !(h.Similarity >= minSim) || h.Similarity > 1 || h.Score <= 0 ||
				i > 0 && !(candidate{score: float32(hits[i-1].Score), id: hits[i-1].ID}).better(candidate{score: float32(h.Score), id: h.ID}) {
				t.Fatalf("Search(%q, %d, %v): bad hit %d in %+v", query, limit, minSim, i, hits)
			}
		}
	})
}
