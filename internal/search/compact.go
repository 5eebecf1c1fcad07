package search

import "slices"

// maybeCompact compacts the index once tombstones make up more than a quarter
// of its postings or document slots. Compaction costs O(size), and at least a
// quarter of that size was deleted since the last one, so the cost per
// deletion is amortised O(1). ix.mu must be held for writing.
func (ix *Index) maybeCompact() {
	deadDocs := len(ix.ids) - ix.live
	if ix.deadPost*4 > ix.postings || deadDocs*4 > len(ix.ids) {
		ix.compact()
	}
}

// compact drops tombstoned documents and terms no live document uses,
// renumbering both densely. Every array is rewritten in place, which is safe
// because new numbers never exceed old ones. ix.mu must be held for writing.
func (ix *Index) compact() {
	docMap := make([]uint32, len(ix.ids)) // old doc → new doc, or dead
	n := uint32(0)
	for d, l := range ix.lens {
		if l == dead {
			docMap[d] = dead
			continue
		}
		docMap[d] = n
		ix.ids[n], ix.lens[n], ix.tags[n] = ix.ids[d], l, ix.tags[d]
		n++
	}

	termMap := make([]uint32, len(ix.posts)) // old term → new term, or dead
	nt := uint32(0)
	for t, list := range ix.posts {
		if ix.df[t] == 0 {
			termMap[t] = dead
			continue
		}
		kept := list[:0]
		for _, p := range list {
			if p.tf != 0 {
				p.doc = docMap[p.doc]
				kept = append(kept, p)
			}
		}
		if cap(kept) > 2*len(kept)+8 {
			kept = slices.Clone(kept) // give back memory of long-gone postings
		}
		termMap[t] = nt
		ix.posts[nt], ix.df[nt], ix.terms[nt] = kept, ix.df[t], ix.terms[t]
		nt++
	}
	clear(ix.posts[nt:]) // let the garbage collector have dropped lists
	clear(ix.terms[nt:])
	ix.posts, ix.df, ix.terms = ix.posts[:nt], ix.df[:nt], ix.terms[:nt]

	// Rebuild rather than edit the maps: Go maps never shrink.
	dict := make(map[string]uint32, nt)
	for term, t := range ix.dict {
		if m := termMap[t]; m != dead {
			dict[term] = m
		}
	}
	ix.dict = dict

	// fwdStart[d+1] is read before anything can overwrite it: writes go to
	// fwdStart[docMap[d']+1] for d' ≤ d, and docMap[d'] ≤ d'.
	w, start := uint32(0), uint32(0)
	for d, nd := range docMap {
		end := ix.fwdStart[d+1]
		if nd != dead {
			for _, t := range ix.fwd[start:end] {
				ix.fwd[w] = termMap[t]
				w++
			}
			ix.fwdStart[nd+1] = w
		}
		start = end
	}
	ix.fwd = ix.fwd[:w]
	ix.fwdStart = ix.fwdStart[:n+1]
	ix.ids, ix.lens, ix.tags = ix.ids[:n], ix.lens[:n], ix.tags[:n]

	docOf := make(map[int64]uint32, n)
	for d, id := range ix.ids {
		docOf[id] = uint32(d)
	}
	ix.docOf = docOf
	ix.postings, ix.deadPost = int(w), 0
}
