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
// minSimilarity (can exceed limit). Only documents sharing at least one
// content term with the query are candidates, so a minSimilarity <= 0
// counts the matching documents, not all of them. limit <= 0 returns no
// hits but still counts. A query without content terms (empty, or only
// stopwords) returns no hits and 0.
//
// Scoring is Okapi BM25 (k1 = 1.2, b = 0.75, idf = ln(1 + (N − df + 0.5) /
// (df + 0.5)) over the live documents), in two stages. The query's content
// terms score every document and decide which match, which make the limit
// and the count (minSimilarity applies to this score). Its function words
// (stopwords, see textproc.AppendIndexTerms) are then added to the scores
// of the hits, which are ordered by the sum. "Where is my card" and "how
// long will my card take" share their topic, and the question word tells
// which of the card's conversations is closer, but a document sharing only
// "where is my" with a query is not similar to it. On banking77, with the
// issue-type reranking on top, function words raised top-1 from 0.838 to
// 0.850 and MRR from 0.872 to 0.883 on held-out training queries (0.854 to
// 0.873 and 0.888 to 0.903 on the test queries). They are kept out of the
// first stage because they are the commonest terms: walking their posting
// lists would cost several times the rest of the search, and scoring them
// in every matching document (as measured first) gave the same figures on
// the test queries and 0.3 points more top-1 and MRR on the held-out ones.
//
// A query term repeated qtf times has its contribution multiplied by qtf
// (BM25's query-side factor with k3 → ∞), so "card card fee" leans towards
// card. Document lengths count function words.
//
// Similarity is Score divided by the self-score of the query: the BM25 score
// the query's own bag of terms, function words included, would get as a
// document of its own length in this collection, capped at 1. A document
// equal to the query in terms scores 1; one matching only some query terms
// scores below 1, by how much those terms weigh. Terms absent from the
// index count in the self-score (with df = 0, as the rarest possible),
// since no document can match them.
func (ix *Index) Search(query string, limit int, minSimilarity float64) (hits []Hit, total int) {
	return ix.SearchTerms(Terms(query), limit, minSimilarity)
}

// SearchTerms is Search for a query already analysed by Terms, so that a
// caller analysing a query once for several purposes does not tokenise it
// again. terms is not retained or modified.
func (ix *Index) SearchTerms(terms []string, limit int, minSimilarity float64) (hits []Hit, total int) {
	return ix.search(terms, nil, limit, minSimilarity)
}

// search is SearchTerms with the extra terms of SearchExpanded.
func (ix *Index) search(terms []string, extra []Weighted, limit int, minSimilarity float64) (hits []Hit, total int) {
	q := newBag(terms)
	if !slices.ContainsFunc(q, func(t termFreq) bool { return textproc.Decides(t.term) }) {
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
	sc := ix.getScratch()
	defer ix.scratch.Put(sc)
	p := ix.params(sc, q, qlen)
	sel := newSelector(limit, minSimilarity, 1/p.self, sc.top[:0])
	tracked := ix.scoreContent(sc, p, q, ix.extraPostings(extra))
	ix.scoreExtra(sc, p, extra, tracked)
	ix.collect(sc, &sel, tracked)
	ix.scoreFunctionWords(sc, p, q, sel.top)
	sc.top = sel.top[:0]
	return sel.hits(), sel.total
}

// bm25Params are a search's constants.
type bm25Params struct {
	n, avgdl float64
	c0, c1   float64 // BM25's length normalisation is tf / (tf + c0 + c1·dl)
	self     float64 // the query's self-score; see Search
}

// params computes a search's constants for the query bag q (qlen terms
// long) and fills sc.norm1. ix.mu must be held.
func (ix *Index) params(sc *scratch, q []termFreq, qlen int) bm25Params {
	p := bm25Params{n: float64(ix.live)}
	p.avgdl = float64(ix.totalLen) / p.n
	p.c0, p.c1 = k1*(1-b), k1*b/p.avgdl
	// Most postings have tf = 1 in a short document, whose weight per unit of
	// idf depends only on the length: tabulate it once instead of dividing
	// per posting (the result differs from dividing only by rounding).
	for dl := range sc.norm1 {
		sc.norm1[dl] = 1 / (1 + p.c0 + p.c1*float64(dl))
	}
	for _, qt := range q {
		qtf := float64(qt.n)
		p.self += qtf * idf(p.n, float64(ix.docFreq(qt.term))) * tfWeight(qtf, float64(qlen), p.avgdl)
	}
	return p
}

// docFreq is the number of live documents containing term.
func (ix *Index) docFreq(term string) uint32 {
	if t, ok := ix.dict[term]; ok {
		return ix.df[t]
	}
	return 0
}

// queryTerm returns the postings of query term qt and its weight qtf × idf
// × (k1 + 1), or false if no live document holds it. ix.mu must be held.
func (ix *Index) queryTerm(p bm25Params, qt termFreq) (list []posting, w float64, ok bool) {
	t, ok := ix.dict[qt.term]
	if !ok || ix.df[t] == 0 {
		return nil, 0, false
	}
	return ix.posts[t], float64(qt.n) * idf(p.n, float64(ix.df[t])) * (k1 + 1), true
}

// weight is a posting's BM25 score for a query term of weight w (its qtf ×
// idf × (k1 + 1)).
func (ix *Index) weight(sc *scratch, p bm25Params, post posting, w float64) float64 {
	if post.tf == 1 && int(post.dl) < len(sc.norm1) {
		return w * sc.norm1[post.dl]
	}
	dl := float64(post.dl)
	if post.dl == longDoc {
		dl = float64(ix.lens[post.doc])
	}
	tf := float64(post.tf)
	return w * tf / (tf + p.c0 + p.c1*dl)
}

// scoreContent adds every live document's BM25 score for the content terms
// of q into sc.scores. If it returns tracked, sc.touched lists the
// documents scored. ix.mu must be held.
func (ix *Index) scoreContent(sc *scratch, p bm25Params, q []termFreq, extraPostings int) (tracked bool) {
	// Tracking which documents were touched pays when few are; when many
	// are, a sequential sweep of the scores is cheaper than the tracking's
	// unpredictable branch and the random reads it causes later. The
	// postings of expansion terms (see SearchExpanded), walked next, count.
	postings := extraPostings
	for _, qt := range q {
		if t, ok := ix.dict[qt.term]; ok && textproc.Decides(qt.term) {
			postings += len(ix.posts[t])
		}
	}
	tracked = postings < len(ix.ids)/8
	for _, qt := range q {
		list, w, ok := ix.queryTerm(p, qt)
		if !ok || !textproc.Decides(qt.term) {
			continue
		}
		for _, post := range list {
			if post.tf == 0 {
				continue // deleted
			}
			// Each contribution is positive, so a zero score means untouched.
			if tracked && sc.scores[post.doc] == 0 {
				sc.touched = append(sc.touched, post.doc)
			}
			sc.scores[post.doc] += float32(ix.weight(sc, p, post, w))
		}
	}
	return tracked
}

// collect offers the scored documents to sel and zeroes sc.scores for the
// next search. ix.mu must be held.
func (ix *Index) collect(sc *scratch, sel *selector, tracked bool) {
	if tracked {
		for _, d := range sc.touched {
			sel.offer(d, ix.ids[d], sc.scores[d])
			sc.scores[d] = 0
		}
		return
	}
	// This is sel.offer for every document, but with the count made
	// branch-free (a conditional increment) and the heap test rarely true
	// once the heap is full: a branch taken for a random 40% of documents
	// mispredicts often enough to dominate the search.
	scores := sc.scores[:len(ix.ids)]
	thr, floor, total := sel.thr, sel.floor, 0
	for d, x := range scores {
		inc := 0
		if x >= thr {
			inc = 1
		}
		total += inc
		if x >= floor {
			floor = sel.push(uint32(d), ix.ids[d], x)
		}
	}
	sel.total = total
	clear(scores)
}

// scratch is per-search working memory, pooled so a search over 100k
// documents does not allocate 400 KB.
type scratch struct {
	scores  []float32 // by doc number; all zero between searches
	touched []uint32  // docs with a non-zero score, in first-touch order
	top     []candidate
	norm1   [256]float64 // BM25 tf factor for tf = 1 by document length, over k1+1
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
