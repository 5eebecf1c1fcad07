package knowledge

import (
	"maps"
	"slices"
)

// Size is how much the engine holds, for monitoring.
type Size struct {
	Tenants   int // tenants with knowledge in memory
	Documents int // conversations in the tenants' issue-type models
}

// Size adds up the tenants' issue-type models. It takes no tenant's lock
// (a recount after a consolidation holds one for a while), only each
// model's read lock for one number: a consolidation's long part runs
// without it.
func (e *Engine) Size() Size {
	e.mu.Lock()
	tenants := slices.Collect(maps.Values(e.tenants))
	e.mu.Unlock()
	sz := Size{Tenants: len(tenants)}
	for _, k := range tenants {
		sz.Documents += k.model.Len()
	}
	return sz
}
