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
// their weight (see Weighted). Extra terms that are function words, or
// common in a large index (see commonExtra), are ignored. They take part
// in the first stage only (they make documents match), and not in the query's self-score: a document's similarity is
// still measured against the query as asked, so expanding a query never
// lowers the similarity of the documents that match it, and a document
// matching only extra terms scores a fraction of what their weight would
// give a query term. With no extra terms it is SearchTerms.
func (ix *Index) SearchExpanded(terms []string, extra []Weighted, limit int, minSimilarity float64) (hits []Hit, total int) {
	return ix.search(terms, extra, limit, minSimilarity)
}

// scoreExtra adds every live document's BM25 score for the extra terms
// into sc.scores, as scoreContent does for the query's own. ix.mu must be
// held.
func (ix *Index) scoreExtra(sc *scratch, p bm25Params, extra []Weighted, tracked bool) {
	for _, x := range extra {
		if !ix.scoresExtra(x) {
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
		if ix.scoresExtra(x) {
			n += len(ix.posts[ix.dict[x.Term]])
		}
	}
	return n
}

// commonExtra is the share of the documents above which an extra term is
// not scored in a large index: weighted a fraction of a query term, a term
// that common adds next to nothing to a score (its idf is under ln 17 ≈
// 2.8), yet walking its postings is most of an expanded search's cost. A
// list of up to cheapExtra postings costs a few microseconds whatever its
// share, so in a small index (where one issue's words are a large share)
// every extra term is scored.
const (
	commonExtra = 16
	cheapExtra  = 2048
)

// scoresExtra reports whether the extra term x is scored: a content term
// of positive weight held by at most cheapExtra documents or 1 in
// commonExtra live ones. ix.mu must be held.
func (ix *Index) scoresExtra(x Weighted) bool {
	if x.Weight <= 0 || !textproc.Decides(x.Term) {
		return false
	}
	t, ok := ix.dict[x.Term]
	return ok && ix.df[t] > 0 && int(ix.df[t]) <= max(cheapExtra, ix.live/commonExtra)
}

// eachChunk is how many document slots EachDocument reads per hold of the
// read lock.
const eachChunk = 2048

// EachDocument calls fn with every live document's id and its distinct
// terms, in the index's order. It holds the read lock only while it copies
// a chunk of documents, not while fn runs, so a walk of a large index
// (which a caller may spend a second on) never holds writers up for long;
// the price is that the walk is no snapshot: a document changed or
// compacted meanwhile may be seen in either version, missed or seen twice,
// which suits the statistics it is for. terms is reused between calls and
// must not be retained; its strings may be.
func (ix *Index) EachDocument(fn func(id int64, terms []string)) {
	type doc struct {
		id     int64
		lo, hi int
	}
	var docs []doc
	var buf []string
	for next := 0; ; {
		docs, buf = docs[:0], buf[:0]
		ix.mu.RLock()
		end := min(next+eachChunk, len(ix.ids))
		for d := next; d < end; d++ {
			if ix.lens[d] == dead {
				continue
			}
			lo := len(buf)
			for _, t := range ix.fwd[ix.fwdStart[d]:ix.fwdStart[d+1]] {
				buf = append(buf, ix.terms[t])
			}
			docs = append(docs, doc{ix.ids[d], lo, len(buf)})
		}
		ix.mu.RUnlock()
		for _, d := range docs {
			fn(d.id, buf[d.lo:d.hi:d.hi])
		}
		if end <= next {
			return
		}
		next = end
	}
}
