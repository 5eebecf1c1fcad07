package search

import (
	"math"
	"slices"
	"testing"
)

// build indexes docs in id order, so tests are deterministic.
func build(docs map[int64]string) *Index {
	ix := NewIndex()
	ids := make([]int64, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		ix.Upsert(id, docs[id])
	}
	return ix
}

func hitIDs(hits []Hit) []int64 {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids
}

// support is a small collection where "card" is common and "refund" rare.
var support = map[int64]string{
	1: "My card payment was declined at the shop",
	2: "How do I top up my card?",
	3: "I want a refund for this order",
	4: "My card has not arrived yet",
	5: "Card stuck in the ATM, please help",
	6: "Which currencies can I hold on my card?",
}

func TestSearchRanking(t *testing.T) {
	tests := []struct {
		name      string
		docs      map[int64]string
		edit      func(ix *Index)
		query     string
		limit     int
		minSim    float64
		wantIDs   []int64 // exact order; nil means only wantTotal is checked
		wantTotal int
	}{
		{name: "exact match first", docs: support, query: "my card payment was declined at the shop",
			limit: 1, wantIDs: []int64{1}, wantTotal: 5},
		{name: "rare term beats common term", docs: support, query: "card refund",
			limit: 2, wantIDs: []int64{3, 4}, wantTotal: 6},
		{name: "limit caps hits not total", docs: support, query: "card",
			limit: 2, wantIDs: []int64{4, 5}, wantTotal: 5}, // the shortest (stopwords count in the length)
		{name: "limit zero only counts", docs: support, query: "card", limit: 0, wantTotal: 5},
		{name: "minSimilarity filters hits and total", docs: support, query: "card declined",
			limit: 10, minSim: 0.5, wantIDs: []int64{1}, wantTotal: 1},
		{name: "no match", docs: support, query: "mortgage", limit: 10},
		{name: "stopwords only", docs: support, query: "what is it and why", limit: 10},
		{name: "empty query", docs: support, query: "", limit: 10},
		{name: "empty index", docs: nil, query: "card", limit: 10},
		{name: "ties broken by newer id", docs: map[int64]string{3: "lost card", 9: "lost card", 5: "lost card"},
			query: "lost card", limit: 10, wantIDs: []int64{9, 5, 3}, wantTotal: 3},
		{name: "delete removes hit and total", docs: support, edit: func(ix *Index) { ix.Delete(3) },
			query: "refund", limit: 10, wantIDs: nil, wantTotal: 0},
		{name: "delete unknown id is no-op", docs: support, edit: func(ix *Index) { ix.Delete(42) },
			query: "refund", limit: 10, wantIDs: []int64{3}, wantTotal: 1},
		{name: "upsert replaces text", docs: support, edit: func(ix *Index) { ix.Upsert(3, "exchange rate question") },
			query: "refund exchange", limit: 10, wantIDs: []int64{3}, wantTotal: 1},
		{name: "function words order the content matches", // 2 is shorter, but 1 asks where
			docs:  map[int64]string{1: "where is my new card", 2: "how long for card", 3: "where is my refund"},
			query: "where is my card", limit: 10, wantIDs: []int64{1, 2}, wantTotal: 2},
		{name: "function words alone match nothing",
			docs:  map[int64]string{1: "why is it so", 2: "card fee"},
			query: "why is the card blocked", limit: 10, wantIDs: []int64{2}, wantTotal: 1},
		{name: "a negation alone matches nothing", // the vendor's example: a password conversation shares only "not"
			docs:  map[int64]string{1: "I forgot my password and cannot log in", 2: "the payment failed twice", 3: "nothing else"},
			query: "their payment is not going through", limit: 10, wantIDs: []int64{2}, wantTotal: 1},
		{name: "negations order the content matches", // both mention the card; only 2 says it does not work
			docs:  map[int64]string{1: "card works fine now", 2: "card does not work"},
			query: "card not working", limit: 10, wantIDs: []int64{2, 1}, wantTotal: 2},
		{name: "repeated query term weighs more",
			docs:  map[int64]string{1: "card problem", 2: "fee problem", 3: "other thing", 4: "more things"},
			query: "card card fee", limit: 10, wantIDs: []int64{1, 2}, wantTotal: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := build(tt.docs)
			if tt.edit != nil {
				tt.edit(ix)
			}
			hits, total := ix.Search(tt.query, tt.limit, tt.minSim)
			if total != tt.wantTotal {
				t.Errorf("total = %d, want %d (hits %+v)", total, tt.wantTotal, hits)
			}
			if tt.wantIDs != nil && !slices.Equal(hitIDs(hits), tt.wantIDs) {
				t.Errorf("hits = %v, want %v (%+v)", hitIDs(hits), tt.wantIDs, hits)
			}
			if len(hits) > max(tt.limit, 0) {
				t.Errorf("%d hits exceed limit %d", len(hits), tt.limit)
			}
			for i, h := range hits {
				if h.Similarity < tt.minSim || h.Similarity < 0 || h.Similarity > 1 || h.Score <= 0 {
					t.Errorf("hit %+v out of range", h)
				}
				if i > 0 && h.Score > hits[i-1].Score {
					t.Errorf("hits not sorted: %+v", hits)
				}
			}
		})
	}
}

func TestSimilarity(t *testing.T) {
	ix := build(support)
	for id, text := range support {
		hits, _ := ix.Search(text, 1, 0)
		if len(hits) == 0 || hits[0].ID != id || math.Abs(hits[0].Similarity-1) > 1e-6 {
			t.Errorf("searching doc %d's own text: %+v, want it first with similarity 1", id, hits)
		}
	}
	// A longer, term-heavier document can out-score the query itself; the
	// similarity is capped rather than exceeding 1.
	ix.Upsert(7, "card card card card")
	hits, _ := ix.Search("card", 1, 0)
	if len(hits) != 1 || hits[0].ID != 7 || hits[0].Similarity != 1 {
		t.Errorf("Search(card) = %+v, want doc 7 with similarity capped at 1", hits)
	}
	// Matching part of a query gives a similarity strictly between 0 and 1.
	hits, _ = ix.Search("refund order mortgage", 1, 0)
	if len(hits) != 1 || hits[0].ID != 3 || !(hits[0].Similarity > 0 && hits[0].Similarity < 1) {
		t.Errorf("partial match = %+v, want doc 3 with similarity in (0,1)", hits)
	}
}

func TestLenAndCatalog(t *testing.T) {
	ix := NewIndex()
	ix.Upsert(1, "hello")
	ix.Upsert(1, "hello again")
	ix.Upsert(2, "") // an empty document still counts
	if n := ix.Len(); n != 2 {
		t.Errorf("Len = %d, want 2", n)
	}
	ix.Delete(1)
	ix.Delete(1)
	if n := ix.Len(); n != 1 {
		t.Errorf("Len after delete = %d, want 1", n)
	}

	c := NewCatalog()
	a, b := c.For(1), c.For(2)
	if a == b || c.For(1) != a {
		t.Fatal("Catalog.For must return one distinct Index per tenant")
	}
	a.Upsert(1, "card declined")
	if hits, total := b.Search("card", 10, 0); len(hits) != 0 || total != 0 {
		t.Errorf("tenant 2 sees tenant 1's documents: %+v", hits)
	}
}
