package search

import (
	"maps"
	"slices"
	"sync"
)

// tenants holds one T per tenant id, made by fresh on first use. It is
// safe for concurrent use.
type tenants[T any] struct {
	mu    sync.RWMutex
	byID  map[int64]T
	fresh func() T
}

func newTenants[T any](fresh func() T) tenants[T] {
	return tenants[T]{byID: map[int64]T{}, fresh: fresh}
}

// For returns tenantID's T, creating an empty one on first use.
func (c *tenants[T]) For(tenantID int64) T {
	c.mu.RLock()
	t, ok := c.byID[tenantID]
	c.mu.RUnlock()
	if ok {
		return t
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if t, ok = c.byID[tenantID]; !ok { // another caller may have won
		t = c.fresh()
		c.byID[tenantID] = t
	}
	return t
}

// all returns every tenant's T, read under the lock only long enough to
// copy them.
func (c *tenants[T]) all() []T {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return slices.Collect(maps.Values(c.byID))
}

// Catalog holds one Index per tenant id, created on first use. Keeping
// tenants in separate indexes means a search can never see another
// tenant's documents and each tenant's BM25 statistics reflect only its
// own conversations.
type Catalog struct{ tenants[*Index] }

// NewCatalog returns an empty Catalog.
func NewCatalog() *Catalog { return &Catalog{newTenants(NewIndex)} }

// VectorCatalog holds one Vectors per tenant, created on first use.
type VectorCatalog struct{ tenants[*Vectors] }

// NewVectorCatalog returns an empty catalog.
func NewVectorCatalog() *VectorCatalog { return &VectorCatalog{newTenants(NewVectors)} }
