package knowledge

import (
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
)

// Several servers on one database: one of them analyses a tenant at a time
// and saves what it learned; the others follow. A follower never learns on
// its own (no Analyze, no consolidation): it reloads the saved model
// (ReloadModel) and counts the stored analyses (Follow), so that every
// server answers from the same model.

// ReloadModel replaces the tenant's issue-type model, type names and
// learned solutions by what was saved, keeping the analyses it holds, and
// recounts them under the reloaded types. Readers holding the previous
// state finish on it.
func (e *Engine) ReloadModel(tenantID int64, src Saved) error {
	fresh := newTenantKnowledge(issuetype.NewModel(e.cfg))
	if err := fresh.restore(src, tenantID); err != nil {
		return err
	}
	// A follower migrates nothing: the server that analyses does.
	fresh.migrate, fresh.retire = false, false
	e.mu.Lock()
	defer e.mu.Unlock()
	if old := e.tenants[tenantID]; old != nil {
		old.mu.RLock()
		analyses := make(map[int64]*heldAnalysis, len(old.analyses))
		for id, a := range old.analyses {
			c := *a
			analyses[id] = &c
		}
		fresh.assigned = old.assigned
		old.mu.RUnlock()
		fresh.analyses = analyses
	}
	fresh.mu.Lock()
	fresh.dropUnanalysed()
	fresh.recount()
	fresh.mu.Unlock()
	fresh.touchNames()
	e.tenants[tenantID] = fresh
	return nil
}

// DropUnanalysed removes from the tenant's model the conversations it has
// no analysis of, and recounts: a model saved before a conversation was
// deleted still holds it, and one saved by an analysis whose conversation
// moved on meanwhile holds a placement nothing stored. Every server drops
// them alike, so that all hold the same documents.
func (e *Engine) DropUnanalysed(tenantID int64) {
	k := e.tenant(tenantID)
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.dropUnanalysed() {
		k.recount()
		k.touchNames()
	}
}

// dropUnanalysed removes the model's documents without an analysis and
// reports whether there were any; k.mu held.
func (k *tenantKnowledge) dropUnanalysed() bool {
	dropped := false
	for _, id := range k.model.DocIDs() {
		if _, ok := k.analyses[id]; !ok {
			k.model.Remove(id)
			dropped = true
		}
	}
	return dropped
}

// Follow records analyses another server stored, with the solutions they
// point at, and forgets removed conversations. Counts change incrementally,
// as Apply's do; the issue type is the model's when it holds the
// conversation (the stored one otherwise, until the model is reloaded).
func (e *Engine) Follow(tenantID int64, solutions []*fathom.Solution, analyses []*fathom.Analysis, removed []int64) {
	k := e.tenant(tenantID)
	for _, id := range removed {
		k.model.Remove(id)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	defer k.touchNames()
	for _, s := range solutions {
		ss := k.addSolution(s)
		ss.Description, ss.Escalation = s.Description, s.Escalation
		ss.refresh()
	}
	touched := map[int64]bool{}
	for _, id := range removed {
		if old, ok := k.analyses[id]; ok {
			k.count(id, old, -1)
			delete(k.analyses, id)
			touched[old.issueTypeID] = true
		}
	}
	for _, stored := range analyses {
		id, a := stored.ConversationID, hold(stored)
		k.canonicalise(a)
		if t, ok := k.model.TypeOf(id); ok {
			a.issueTypeID = t
		}
		if old, ok := k.analyses[id]; ok {
			k.count(id, old, -1)
			touched[old.issueTypeID] = true
		}
		k.analyses[id] = a
		k.count(id, a, 1)
		touched[a.issueTypeID] = true
	}
	for id := range touched {
		if tc := k.types[id]; tc != nil {
			tc.refresh()
		}
	}
}

// PinNames names the tenant's types that have no pinned name yet, as the
// first read showing them would: the server that analyses calls it before
// saving, so that the names its followers load are the ones it shows.
func (e *Engine) PinNames(tenantID int64) {
	k := e.tenant(tenantID)
	k.mu.RLock()
	defer k.mu.RUnlock()
	k.namesMu.Lock()
	defer k.namesMu.Unlock()
	if k.namesStale {
		k.nameNewTypes()
		k.namesStale = false
	}
}

// Forget drops everything the engine holds of the tenant, so that the next
// Restore starts afresh (a follower that fell too far behind the feed).
func (e *Engine) Forget(tenantID int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.tenants, tenantID)
}
