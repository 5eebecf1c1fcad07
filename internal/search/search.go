package search

import "github.com/fathom-oss/fathom/internal/textproc"

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
	sc := ix.getScratch()
	defer ix.scratch.Put(sc)
	self, tracked := ix.accumulate(sc, q, qlen)
	sel := newSelector(limit, minSimilarity, 1/self, sc.top[:0])
	ix.collect(sc, &sel, tracked)
	sc.top = sel.top[:0]
	return sel.hits(), sel.total
}

// accumulate adds every live document's BM25 score for the query bag q
// (qlen terms long) into sc.scores and returns the query's self-score. If it
// returns tracked, sc.touched lists the documents scored. ix.mu must be held.
func (ix *Index) accumulate(sc *scratch, q []termFreq, qlen int) (self float64, tracked bool) {
	n := float64(ix.live)
	avgdl := float64(ix.totalLen) / n
	// BM25's length normalisation per posting reduces to tf / (tf + c0 + c1·dl).
	c0, c1 := k1*(1-b), k1*b/avgdl
	// Most postings have tf = 1 in a short document, whose weight per unit of
	// idf depends only on the length: tabulate it once instead of dividing
	// per posting (the result differs from dividing only by rounding).
	for dl := range sc.norm1 {
		sc.norm1[dl] = 1 / (1 + c0 + c1*float64(dl))
	}
	// Tracking which documents were touched pays when few are; when many
	// are, a sequential sweep of the scores is cheaper than the tracking's
	// unpredictable branch and the random reads it causes later.
	postings := 0
	for _, qt := range q {
		if t, ok := ix.dict[qt.term]; ok {
			postings += len(ix.posts[t])
		}
	}
	tracked = postings < len(ix.ids)/8

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
			var s float64
			switch {
			case p.tf == 0:
				continue // deleted
			case p.tf == 1 && int(p.dl) < len(sc.norm1):
				s = w * sc.norm1[p.dl]
			default:
				dl := float64(p.dl)
				if p.dl == longDoc {
					dl = float64(ix.lens[p.doc])
				}
				tf := float64(p.tf)
				s = w * tf / (tf + c0 + c1*dl)
			}
			// Each contribution is positive, so a zero score means untouched.
			if tracked && sc.scores[p.doc] == 0 {
				sc.touched = append(sc.touched, p.doc)
			}
			sc.scores[p.doc] += float32(s)
		}
	}
	return self, tracked
}

// collect offers the scored documents to sel and zeroes sc.scores for the
// next search. ix.mu must be held.
func (ix *Index) collect(sc *scratch, sel *selector, tracked bool) {
	if tracked {
		for _, d := range sc.touched {
			sel.offer(ix.ids[d], sc.scores[d])
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
			floor = sel.push(ix.ids[d], x)
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
