package knowledge

import (
	"github.com/fathom-oss/fathom/internal/knowledge/assoc"
	"github.com/fathom-oss/fathom/internal/search"
)

// A tenant's term associations (see package assoc) are learned from its
// search index and its issue types, both in memory: they are derived from
// state the server rebuilds at every start, cost one pass over the index
// to learn, and so are learned again rather than saved. They change only
// with the types, so they are learned after each consolidation of the
// types or a tenth more conversations (and at start, and when a follower
// reloads the model), never in a
// similarity request, which reads the last model learned without a lock.

// associations is the configuration of every tenant's association model.
var associations = assoc.Config{}

// LearnAssociations learns the tenant's term associations from ix, its
// search index, and its issue types, when the types were consolidated
// since they were last learned or the typed conversations grew by a tenth
// (at least one) since: the cost of learning, one pass over the index, is
// then amortised over the conversations that called for it. It reports
// whether it learned them.
func (e *Engine) LearnAssociations(tenantID int64, ix *search.Index) bool {
	k := e.tenant(tenantID)
	gen := k.typesGen.Load()
	a := k.assoc.Load()
	if a != nil && k.assocGen.Load() == gen {
		if n := k.model.Len(); n < a.Typed+max(1, a.Typed/10) {
			return false
		}
	}
	k.learnAssociations(gen, ix)
	return true
}

// RelearnAssociations learns the tenant's term associations from ix and
// its issue types whatever was learned before: a start learns them while
// the statistics are counted, and again for a tenant whose model then
// loses conversations (DropUnanalysed).
func (e *Engine) RelearnAssociations(tenantID int64, ix *search.Index) {
	k := e.tenant(tenantID)
	gen := k.typesGen.Load()
	k.learnAssociations(gen, ix)
}

// learnAssociations learns the associations as of the types' generation gen.
func (k *tenantKnowledge) learnAssociations(gen uint64, ix *search.Index) {
	k.assoc.Store(assoc.Learn(ix.EachDocument, k.model.TypeTable().Of, associations))
	k.assocGen.Store(gen)
}

// Associations is the tenant's association model, nil until learned.
func (e *Engine) Associations(tenantID int64) *assoc.Model { return e.tenant(tenantID).assoc.Load() }
