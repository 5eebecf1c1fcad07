package retrieval

import "github.com/fathom-oss/fathom/internal/search"

// Proposer is a Scorer that also proposes candidates of its own, which
// BM25 cannot find: conversations near the query in meaning that share no
// word with it. Rank fuses its candidates with BM25's before reranking.
type Proposer interface {
	Scorer
	Propose(q *Query, k int) []search.Hit
}

// Dense scores and proposes by the cosine of the query's embedding to the
// conversations' (a tenant's search.Vectors). The fusion is a weighted
// sum of normalised scores: a candidate's similarity is (1−Config.Extra)
// × its lexical similarity (the weighted mean of BM25, wording and type
// evidence, each in [0, 1]) + Config.Extra × its cosine; a candidate
// proposed by Dense alone enters with a BM25 similarity of 0.
type Dense struct {
	Vectors *search.Vectors
	Vec     []float32 // the query's embedding, L2-normalised
}

// Score returns each id's cosine to the query, 0 without a vector.
func (d Dense) Score(_ *Query, ids []int64, out []float64) []float64 {
	return d.Vectors.Similarity(d.Vec, ids, out)
}

// Propose returns the k conversations nearest to the query.
func (d Dense) Propose(_ *Query, k int) []search.Hit { return d.Vectors.Nearest(d.Vec, k) }

// fuse appends to BM25's candidates those of more it lacks, with a BM25
// similarity of 0. BM25's stay first, in their order: the type vote reads
// the top of that list.
func fuse(bm25, more []search.Hit) []search.Hit {
	if len(more) == 0 {
		return bm25
	}
	seen := make(map[int64]bool, len(bm25))
	for _, h := range bm25 {
		seen[h.ID] = true
	}
	out := bm25[:len(bm25):len(bm25)]
	for _, h := range more {
		if !seen[h.ID] {
			out = append(out, search.Hit{ID: h.ID})
		}
	}
	return out
}
