package search

import (
	"cmp"
	"slices"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// scoreFunctionWords is Search's second stage (see Search): it adds the
// BM25 scores of the terms of q that do not decide a match (function words
// and negations, see textproc.Decides) to the best documents of the
// first stage, top, joining top with each function word's posting list by
// galloping search, a few probes per document. It sorts top by document,
// leaving it to be sorted by score. ix.mu must be held.
func (ix *Index) scoreFunctionWords(sc *scratch, p bm25Params, q []termFreq, top []candidate) {
	slices.SortFunc(top, func(a, b candidate) int { return cmp.Compare(a.doc, b.doc) })
	for _, qt := range q {
		list, w, ok := ix.queryTerm(p, qt)
		if !ok || textproc.Decides(qt.term) {
			continue
		}
		i := 0
		for j := range top {
			if i = gallop(list, i, top[j].doc); i == len(list) {
				break
			}
			if post := list[i]; post.doc == top[j].doc && post.tf != 0 {
				top[j].score += float32(ix.weight(sc, p, post, w))
			}
		}
	}
}

// gallop returns the index of the first posting of list at or after i whose
// document is d or later, or len(list): exponential then binary search, so
// a join that skips far costs the logarithm of the skip.
func gallop(list []posting, i int, d uint32) int {
	if i >= len(list) || list[i].doc >= d {
		return i
	}
	lo, step := i, 1 // list[lo].doc < d
	for lo+step < len(list) && list[lo+step].doc < d {
		lo += step
		step *= 2
	}
	hi := min(lo+step, len(list)-1) + 1
	j, _ := slices.BinarySearchFunc(list[lo+1:hi], d, func(p posting, d uint32) int { return cmp.Compare(p.doc, d) })
	return lo + 1 + j
}
