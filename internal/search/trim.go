package search

import "slices"

// Trim gives back the memory that growing the index left unused: append
// doubles a slice when it fills, so after a bulk load (the start-up's
// RebuildIndex) posting lists and the per-document arrays hold up to as
// much spare capacity as content, about a fifth of the index at 100k
// conversations. Later additions grow the trimmed slices again as usual.
func (ix *Index) Trim() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for t, list := range ix.posts {
		if cap(list) > len(list) {
			ix.posts[t] = slices.Clone(list)
		}
	}
	ix.posts = slices.Clone(ix.posts)
	ix.df = slices.Clone(ix.df)
	ix.ids = slices.Clone(ix.ids)
	ix.lens = slices.Clone(ix.lens)
	ix.tags = slices.Clone(ix.tags)
	ix.terms = slices.Clone(ix.terms)
	ix.fwd = slices.Clone(ix.fwd)
	ix.fwdStart = slices.Clone(ix.fwdStart)
}

// Trim trims every tenant's index (see Index.Trim).
func (c *Catalog) Trim() {
	c.mu.RLock()
	indexes := make([]*Index, 0, len(c.indexes))
	for _, ix := range c.indexes {
		indexes = append(indexes, ix)
	}
	c.mu.RUnlock()
	for _, ix := range indexes {
		ix.Trim()
	}
}
