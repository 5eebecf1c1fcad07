package search

import "sync"

// Catalog holds one Index per tenant id, created on first use. It is safe
// for concurrent use. Keeping tenants in separate indexes means a search can
// never see another tenant's documents and each tenant's BM25 statistics
// reflect only its own conversations.
type Catalog struct {
	mu      sync.RWMutex
	indexes map[int64]*Index
}

// NewCatalog returns an empty Catalog.
func NewCatalog() *Catalog {
	return &Catalog{indexes: map[int64]*Index{}}
}

// For returns tenantID's Index, creating an empty one on first use.
func (c *Catalog) For(tenantID int64) *Index {
	c.mu.RLock()
	ix, ok := c.indexes[tenantID]
	c.mu.RUnlock()
	if ok {
		return ix
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if ix, ok = c.indexes[tenantID]; !ok { // another caller may have won
		ix = NewIndex()
		c.indexes[tenantID] = ix
	}
	return ix
}
