package knowledge

import (
	"fmt"
	"slices"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// Several servers on one database: one of them analyses a tenant at a time
// and saves what it learned; the others follow. A follower never learns on
// its own (no Analyze, no consolidation): it reloads the saved model
// (ReloadModel) and counts the stored analyses (Follow), so that every
// server answers from the same model.

// ReloadModel replaces the tenant's issue-type model, type names and
// learned solutions by what was saved, keeping the analyses it holds, and
// recounts them under the reloaded types (LoadModel, then InstallModel).
func (e *Engine) ReloadModel(tenantID int64, src Saved) error {
	m, err := e.LoadModel(tenantID, src)
	if err != nil {
		return err
	}
	e.InstallModel(tenantID, m)
	return nil
}

// LoadedModel is a tenant's saved model, type names and solutions, read by
// LoadModel and not yet in use.
type LoadedModel struct{ k *tenantKnowledge }

// LoadModel reads the tenant's saved model, type names and learned
// solutions without touching what the engine holds: the slow part of a
// reload (it reads and weighs every document), which therefore runs beside
// the counting of new analyses (Follow) instead of in front of it.
func (e *Engine) LoadModel(tenantID int64, src Saved) (*LoadedModel, error) {
	e.mu.Lock()
	fresh := e.newTenant()
	e.mu.Unlock()
	if err := fresh.restore(src, tenantID); err != nil {
		return nil, err
	}
	// A follower migrates nothing: the server that analyses does.
	fresh.migrate, fresh.retire = false, false
	return &LoadedModel{k: fresh}, nil
}

// InstallModel puts a loaded model in use, with the analyses the tenant's
// knowledge holds now, recounted under its types. Readers holding the
// previous state finish on it; a Follow, Remove or FollowNames waiting for
// it applies to the new state (see locked).
func (e *Engine) InstallModel(tenantID int64, m *LoadedModel) {
	fresh := m.k
	e.mu.Lock()
	defer e.mu.Unlock()
	if old := e.tenants[tenantID]; old != nil {
		// Held for writing until the swap: an analysis counted into the
		// old state after its analyses were copied would be lost.
		old.mu.Lock()
		defer old.mu.Unlock()
		fresh.analyses = make(map[int64]*heldAnalysis, len(old.analyses))
		for id, a := range old.analyses {
			c := *a
			fresh.analyses[id] = &c
		}
		fresh.assigned = old.assigned
		old.replaced = true
	}
	fresh.mu.Lock()
	fresh.dropUnanalysed()
	fresh.recount()
	fresh.mu.Unlock()
	fresh.touchNames()
	e.tenants[tenantID] = fresh
}

// locked returns the tenant's knowledge with its mu held for writing, the
// one in use: a state that InstallModel replaced while the caller waited
// for its lock is passed over.
func (e *Engine) locked(tenantID int64) *tenantKnowledge {
	for {
		k := e.tenant(tenantID)
		k.mu.Lock()
		if !k.replaced {
			return k
		}
		k.mu.Unlock()
	}
}

// DropUnanalysed removes from the tenant's model the conversations it has
// no analysis of, and recounts: a model saved before a conversation was
// deleted still holds it, and one saved by an analysis whose conversation
// moved on meanwhile holds a placement nothing stored. Every server drops
// them alike, so that all hold the same documents. It reports whether it
// removed any.
func (e *Engine) DropUnanalysed(tenantID int64) bool {
	k := e.tenant(tenantID)
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.dropUnanalysed() {
		return false
	}
	k.recount()
	k.touchNames()
	return true
}

// Unplaced lists, in ascending order, the conversations whose analysis the
// tenant's knowledge holds but whose issue-type model does not: those a
// server analysed after its last model save and died before the next,
// counted here from the change feed under the types they were stored
// with. Only a new placement puts them back in the model (and in the
// neighbourhoods of others); a restart does that for all of them
// (Stale), and the server that takes the tenant's analysis over does it
// without one.
func (e *Engine) Unplaced(tenantID int64) []int64 {
	e.mu.Lock()
	k := e.tenants[tenantID] // a tenant the engine does not know is not made
	e.mu.Unlock()
	if k == nil {
		return nil
	}
	k.mu.RLock()
	ids := make([]int64, 0, len(k.analyses))
	for id := range k.analyses {
		ids = append(ids, id)
	}
	k.mu.RUnlock()
	lacking := k.model.Lacking(ids)
	slices.Sort(lacking)
	return lacking
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
	k := e.locked(tenantID)
	defer k.mu.Unlock()
	for _, id := range removed {
		k.model.Remove(id)
	}
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
// saving, so that the names its followers load are the ones it shows. It
// reports whether it pinned any.
func (e *Engine) PinNames(tenantID int64) bool {
	k := e.tenant(tenantID)
	k.mu.RLock()
	defer k.mu.RUnlock()
	k.namesMu.Lock()
	defer k.namesMu.Unlock()
	if !k.namesStale {
		return false
	}
	before := len(k.names)
	k.nameNewTypes()
	k.namesStale = false
	return len(k.names) > before
}

// SaveNames hands put the tenant's pinned type names as SaveModel saves
// them (under NamesKind), to save them without the model.
func (e *Engine) SaveNames(tenantID int64, put func([]byte) error) error {
	k := e.tenant(tenantID)
	k.namesMu.Lock()
	blob, err := encodeNames(k.names)
	k.namesMu.Unlock()
	if err != nil {
		return err
	}
	return put(blob)
}

// Forget drops everything the engine holds of the tenant, so that the next
// Restore starts afresh (a follower that fell too far behind the feed).
func (e *Engine) Forget(tenantID int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.tenants, tenantID)
}

// FollowNames takes in the type names saved with the tenant's model
// (blob as saved under NamesKind), without the model: a type another
// server founded since the model in use was loaded is named, so the
// conversations Follow counted in it show it before the model that holds
// them is loaded. The analysing server pins every type's name before it
// saves (PinNames), so these are the names every server shows.
func (e *Engine) FollowNames(tenantID int64, blob []byte) error {
	names, err := decodeNames(blob)
	if err != nil {
		return fmt.Errorf("load issue type names of tenant %d: %w", tenantID, err)
	}
	k := e.locked(tenantID)
	defer k.mu.Unlock()
	k.namesMu.Lock()
	for id, nm := range names {
		if _, ok := k.names[id]; !ok {
			k.names[id], k.taken[nm.Name] = nm, true
		}
	}
	k.namesMu.Unlock()
	k.touchNames()
	return nil
}
