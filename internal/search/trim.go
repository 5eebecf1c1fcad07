package search

import "slices"

// Trim gives back the memory that growing the index left unused: append
// doubles a slice when it fills, so after a bulk load (the start-up's
// RebuildIndex) posting lists and the per-document arrays hold up to as
// much spare capacity as content, about a fifth of the index at 100k
// conversations (with Expect, what its predictions overshot). It ends the
// load Expect announced. Later additions grow the trimmed slices again as
// usual.
func (ix *Index) Trim() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.expect = 0
	for t, list := range ix.posts {
		ix.posts[t] = trimmed(list)
	}
	ix.posts = trimmed(ix.posts)
	ix.df = trimmed(ix.df)
	ix.ids = trimmed(ix.ids)
	ix.lens = trimmed(ix.lens)
	ix.tags = trimmed(ix.tags)
	ix.terms = trimmed(ix.terms)
	ix.fwd = trimmed(ix.fwd)
	ix.fwdStart = trimmed(ix.fwdStart)
}

// trimmed returns s without spare capacity: s itself when it has none.
func trimmed[T any](s []T) []T {
	if cap(s) == len(s) {
		return s
	}
	return slices.Clone(s)
}

// Trim trims every tenant's index (see Index.Trim).
func (c *Catalog) Trim() {
	for _, ix := range c.all() {
		ix.Trim()
	}
}
