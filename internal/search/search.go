package search

import (
	"slices"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// Hit is one ranked document.
type Hit struct {
	ID         int64
	Score      float64 // raw BM25 score; comparable only within one search
	Similarity float64 // Score relative to the query's own score, in [0, 1]
}

// Search ranks documents for query and returns up to limit hits with
// Similarity >= minSimilarity, best first (ties broken by higher id = newer
// first), and total = the number of documents with Similarity >=
// minSimilarity (can exceed limit). Only documents sharing at least one term
// with the query are candidates, so a minSimilarity <= 0 counts the matching
// documents, not all of them. limit <= 0 returns no hits but still counts.
// A query without terms (empty, or only stopwords) returns no hits and 0.
//
// Scoring is Okapi BM25 (k1 = 1.2, b = 0.75, idf = ln(1 + (N − df + 0.5) /
// (df + 0.5)) over the live documents). A query term repeated qtf times has
// its contribution multiplied by qtf (BM25's query-side factor with k3 → ∞),
// so "card card fee" leans towards card.
//
// Similarity is Score divided by the self-score of the query: the BM25 score
// the query's own bag of terms would get as a document of its own length in
// this collection, capped at 1. A document equal to the query in terms scores
// 1; one matching only some query terms scores below 1, by how much those
// terms weigh. Terms absent from the index count in the self-score (with
// df = 0, as the rarest possible), since no document can match them.
func (ix *Index) Search(query string, limit int, minSimilarity float64) (hits []Hit, total int) {
	q := newBag(textproc.Terms(query))
	if len(q) == 0 {
		return nil, 0
	}
	qlen := 0
	for _, t := range q {
		qlen += int(t.n)
	}

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.live == 0 || ix.totalLen == 0 {
		return nil, 0 // nothing can match
	}
	n := float64(ix.live)
	avgdl := float64(ix.totalLen) / n
	// BM25's length normalisation per posting reduces to tf / (tf + c0 + c1·dl).
	c0, c1 := k1*(1-b), k1*b/avgdl

	sc := ix.getScratch()
	defer ix.scratch.Put(sc)
	var self float64
	for _, qt := range q {
		qtf := float64(qt.n)
		t, ok := ix.dict[qt.term]
		df := 0.0
		if ok {
			df = float64(ix.df[t])
		}
		w := qtf * idf(n, df)
		self += w * tfWeight(qtf, float64(qlen), avgdl)
		if df == 0 {
			continue
		}
		w *= k1 + 1
		for _, p := range ix.posts[t] {
			dl := ix.lens[p.doc]
			if dl == dead {
				continue
			}
			tf := float64(p.tf)
			// Each contribution is positive, so a zero score means untouched.
			if sc.scores[p.doc] == 0 {
				sc.touched = append(sc.touched, p.doc)
			}
			sc.scores[p.doc] += float32(w * tf / (tf + c0 + c1*float64(dl)))
		}
	}
	return ix.collect(sc, self, limit, minSimilarity)
}

// collect selects the top limit touched documents, counts those above the
// threshold and leaves sc's scores zeroed for reuse.
func (ix *Index) collect(sc *scratch, self float64, limit int, minSimilarity float64) ([]Hit, int) {
	top := sc.top[:0]
	total := 0
	for _, d := range sc.touched {
		s := sc.scores[d]
		sc.scores[d] = 0
		if min(1, float64(s)/self) < minSimilarity {
			continue
		}
		total++
		c := candidate{score: s, id: ix.ids[d]}
		switch {
		case len(top) < limit:
			top = append(top, c)
			siftUp(top, len(top)-1)
		case limit > 0 && c.better(top[0]):
			top[0] = c
			siftDown(top, 0)
		}
	}
	sc.top = top[:0]
	if len(top) == 0 {
		return nil, total
	}
	slices.SortFunc(top, func(x, y candidate) int {
		if x.better(y) {
			return -1
		}
		return 1 // candidates are distinct: ids are unique
	})
	hits := make([]Hit, len(top))
	for i, c := range top {
		hits[i] = Hit{ID: c.id, Score: float64(c.score), Similarity: min(1, float64(c.score)/self)}
	}
	return hits, total
}

// scratch is per-search working memory, pooled so a search over 100k
// documents does not allocate 400 KB.
type scratch struct {
	scores  []float32 // by doc number; all zero between searches
	touched []uint32  // docs with a non-zero score, in first-touch order
	top     []candidate
}

// getScratch returns zeroed scratch big enough for every current doc number.
// ix.mu must be held.
func (ix *Index) getScratch() *scratch {
	sc, _ := ix.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	if len(sc.scores) < len(ix.ids) {
		sc.scores = make([]float32, len(ix.ids)+len(ix.ids)/4) // room to grow
	}
	sc.touched = sc.touched[:0]
	return sc
}
