package search

import "github.com/fathom-oss/fathom/internal/textproc"

// Weighted is a query term that counts Weight times a term of the query
// (a query term has weight 1 per occurrence): an expansion term, related
// to the query without being in it.
type Weighted struct {
	Term   string
	Weight float64
}

// SearchExpanded is SearchTerms with extra terms that score documents at
// their weight (see Weighted). Extra terms that are function words are
// ignored. They take part in the first stage only (they make documents
// match), and not in the query's self-score: a document's similarity is
// still measured against the query as asked, so expanding a query never
// lowers the similarity of the documents that match it, and a document
// matching only extra terms scores a fraction of what their weight would
// give a query term. With no extra terms it is SearchTerms.
func (ix *Index) SearchExpanded(terms []string, extra []Weighted, limit int, minSimilarity float64) (hits []Hit, total int) {
	if len(extra) == 0 {
		return ix.SearchTerms(terms, limit, minSimilarity)
	}
	return ix.search(terms, extra, limit, minSimilarity)
}

// scoreExtra adds every live document's BM25 score for the extra terms
// into sc.scores, as scoreContent does for the query's own. ix.mu must be
// held.
func (ix *Index) scoreExtra(sc *scratch, p bm25Params, extra []Weighted, tracked bool) {
	for _, x := range extra {
		if x.Weight <= 0 || !textproc.Decides(x.Term) {
			continue
		}
		list, w, ok := ix.queryTerm(p, termFreq{term: x.Term, n: 1})
		if !ok {
			continue
		}
		w *= x.Weight
		for _, post := range list {
			if post.tf == 0 {
				continue
			}
			if tracked && sc.scores[post.doc] == 0 {
				sc.touched = append(sc.touched, post.doc)
			}
			sc.scores[post.doc] += float32(ix.weight(sc, p, post, w))
		}
	}
}

// extraPostings counts the postings the extra terms will walk, so that
// scoreContent chooses its tracking knowing the whole work. ix.mu must be
// held.
func (ix *Index) extraPostings(extra []Weighted) int {
	n := 0
	for _, x := range extra {
		if t, ok := ix.dict[x.Term]; ok && x.Weight > 0 && textproc.Decides(x.Term) {
			n += len(ix.posts[t])
		}
	}
	return n
}

// EachDocument calls fn with every live document's id and its distinct
// terms, in the index's order, under the read lock (writers wait for the
// whole walk, which reads every document once). terms is reused between
// calls and must not be retained; its strings may be.
func (ix *Index) EachDocument(fn func(id int64, terms []string)) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var terms []string
	for d, id := range ix.ids {
		if ix.lens[d] == dead {
			continue
		}
		terms = terms[:0]
		for _, t := range ix.fwd[ix.fwdStart[d]:ix.fwdStart[d+1]] {
			terms = append(terms, ix.terms[t])
		}
		fn(id, terms)
	}
}
