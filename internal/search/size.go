package search

// Size is how much a Catalog holds, for monitoring.
type Size struct {
	Tenants   int // indexes
	Documents int // live documents
	Terms     int // dictionary entries, including terms only deleted documents used
	Postings  int // postings, including those of deleted documents not yet compacted away
}

// Size adds up the tenants' indexes. Each index's read lock is held only
// to read four numbers, so a scrape never waits behind more than one
// write.
func (c *Catalog) Size() Size {
	indexes := c.all()
	sz := Size{Tenants: len(indexes)}
	for _, ix := range indexes {
		ix.mu.RLock()
		sz.Documents += ix.live
		sz.Terms += len(ix.terms)
		sz.Postings += ix.postings
		ix.mu.RUnlock()
	}
	return sz
}
