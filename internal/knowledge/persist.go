package knowledge

import (
	"errors"
	"fmt"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/knowledge/solution"
)

// The kinds under which a tenant's knowledge is saved: the issue-type
// model (in chunks, one kind per part: ModelKind+"/"+part; or whole, by
// earlier versions, under ModelKind), its pinned type names, and the
// learned solutions (package solution).
const (
	ModelKind     = "issuetype"
	NamesKind     = "issuetype-names"
	SolutionsKind = "solutions"
)

// Saved reads back what a tenant's knowledge was saved as (see SaveTx).
type Saved interface {
	// Chunks calls fn with each chunk saved under kind, in order.
	Chunks(kind string, fn func([]byte) error) error
	// Blob returns what was saved under kind; found is false when nothing was.
	Blob(kind string) (blob []byte, found bool, err error)
	// Solutions lists the tenant's stored solutions.
	Solutions() ([]*fathom.Solution, error)
}

// Restore rebuilds a tenant's issue-type model, type names and solutions
// from what was saved. Its analyses follow, one RestoreAnalysis each, and
// then Restored.
func (e *Engine) Restore(tenantID int64, src Saved) error {
	return e.tenant(tenantID).restore(src, tenantID)
}

// restore loads the tenant's saved model, type names and solutions into k;
// start-up (Restore) and a follower (ReloadModel) load alike.
func (k *tenantKnowledge) restore(src Saved, tenantID int64) error {
	if err := restoreModel(src, tenantID, k.model); err != nil {
		return err
	}
	blob, found, err := src.Blob(NamesKind)
	if err != nil {
		return err
	}
	if found {
		if k.names, err = decodeNames(blob); err != nil {
			return fmt.Errorf("load issue type names of tenant %d: %w", tenantID, err)
		}
		for _, nm := range k.names {
			k.taken[nm.Name] = true
		}
	}
	return k.restoreSolutions(src, tenantID)
}

// RestoreAnalysis records a stored analysis of the tenant.
func (e *Engine) RestoreAnalysis(tenantID int64, a *fathom.Analysis) {
	k := e.tenant(tenantID)
	k.mu.Lock()
	k.analyses[a.ConversationID] = hold(a)
	k.mu.Unlock()
}

// Restored counts the statistics of a tenant whose analyses are restored.
func (e *Engine) Restored(tenantID int64) {
	k := e.tenant(tenantID)
	k.mu.Lock()
	k.recount()
	k.mu.Unlock()
}

// restoreModel loads a tenant's issue-type model: saved in chunks, or whole
// by earlier versions (the next save stores it in chunks).
func restoreModel(src Saved, tenantID int64, m *issuetype.Model) error {
	found, err := m.LoadChunks(func(part string, fn func([]byte) error) error {
		return src.Chunks(ModelKind+"/"+part, fn)
	})
	if err != nil {
		return fmt.Errorf("load issue types of tenant %d: %w", tenantID, err)
	}
	if found {
		return nil
	}
	blob, found, err := src.Blob(ModelKind)
	if err != nil || !found {
		return err
	}
	if err := m.UnmarshalBinary(blob); err != nil {
		return fmt.Errorf("load issue types of tenant %d: %w", tenantID, err)
	}
	return nil
}

// restoreSolutions loads the learned solutions and the stored ones. Stored
// solutions learned under another solution.Version (or before solutions
// were learned) are kept for the attempts that still point at them, but
// the tenant is marked for migration: Stale then lists every conversation,
// and once they are analysed again the solutions no attempt uses retire.
func (k *tenantKnowledge) restoreSolutions(src Saved, tenantID int64) error {
	blob, found, err := src.Blob(SolutionsKind)
	switch {
	case err != nil:
		return err
	case found:
		err = k.learner.UnmarshalBinary(blob)
		if errors.Is(err, solution.ErrVersion) {
			k.migrate, k.retire = true, true
		} else if err != nil {
			return fmt.Errorf("load solutions of tenant %d: %w", tenantID, err)
		}
	default:
		k.migrate, k.retire = true, true
	}
	sols, err := src.Solutions()
	if err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(sols) == 0 {
		k.migrate, k.retire = false, false // nothing learned before: nothing to migrate
	}
	for _, s := range sols {
		k.addSolution(s)
		if k.migrate {
			continue
		}
		// Solutions stored after the model was last saved (before a
		// crash) come back from their description.
		if ph, action, ok := attempt.Read(s.Description); ok {
			k.learner.Seed(s.Key, solution.Proposal{Phrase: ph, Text: action, Escalation: s.Escalation})
		}
	}
	return nil
}

// Solutions are the draft's solutions, one per attempt, to be stored
// (created when new, their description and escalation brought up to what
// was learned) before its analysis; Bind then takes the stored rows.
func (d *Draft) Solutions() []*fathom.Solution { return d.templates }

// Bind points the draft's attempts at their stored solutions, in the order
// of Solutions.
func (d *Draft) Bind(stored []*fathom.Solution) {
	for i, s := range stored {
		d.Analysis.Attempts[i].SolutionID = s.ID
		d.templates[i] = s
	}
}

// SaveTx writes, inside one transaction, part of a tenant's saved knowledge.
type SaveTx interface {
	PutChunk(kind string, n int, data []byte) error
	// TrimChunks drops the chunks of kind from the count-th on.
	TrimChunks(kind string, count int) error
	PutBlob(kind string, blob []byte) error
	DeleteBlob(kind string) error
	// DeleteUnusedSolutions deletes the tenant's solutions no attempt uses
	// and returns their ids.
	DeleteUnusedSolutions() ([]int64, error)
}

// SaveModel saves what changed in the tenant's issue-type model since its
// last save (see issuetype.Model.SaveChunks), its pinned type names and its
// learned solutions. write runs its function in one transaction; it is
// called once per group of chunks, or once when no chunk changed.
func (e *Engine) SaveModel(tenantID int64, write func(func(SaveTx) error) error) error {
	k := e.tenant(tenantID)
	k.namesMu.Lock()
	names, err := encodeNames(k.names)
	k.namesMu.Unlock()
	if err != nil {
		return err
	}
	// The names and the learned solutions are small: they are written with
	// every save, in the same transaction as the model's changed chunks.
	// What the transaction retired is forgotten in memory only once write
	// returns: write may run its function again after a conflict, and only
	// the committed run counts.
	var retired []int64
	putRest := func(tx SaveTx) (err error) {
		if err := tx.PutBlob(NamesKind, names); err != nil {
			return err
		}
		retired, err = k.saveSolutions(tx)
		return err
	}
	wrote := false
	err = k.model.SaveChunks(func(sv *issuetype.Saving) error {
		wrote = true
		err := write(func(tx SaveTx) error {
			for _, c := range sv.Chunks {
				if err := tx.PutChunk(ModelKind+"/"+c.Part, c.N, c.Data); err != nil {
					return err
				}
			}
			for part, count := range sv.Counts {
				if err := tx.TrimChunks(ModelKind+"/"+part, count); err != nil {
					return err
				}
			}
			// The model saved whole by earlier versions, now superseded.
			if err := tx.DeleteBlob(ModelKind); err != nil {
				return err
			}
			return putRest(tx)
		})
		if err == nil {
			k.forgetRetired(retired)
		}
		return err
	})
	if err != nil || wrote {
		return err
	}
	if err := write(putRest); err != nil {
		return err
	}
	k.forgetRetired(retired)
	return nil
}

// saveSolutions writes the learned solutions and, while a migration is
// under way, retires the stored solutions no attempt uses any more (safe at
// any point: a solution an attempt still points at stays). It returns the
// ids retired (nil when none were due), for forgetRetired once committed.
func (k *tenantKnowledge) saveSolutions(tx SaveTx) ([]int64, error) {
	blob, err := k.learner.MarshalBinary()
	if err != nil {
		return nil, err
	}
	if err := tx.PutBlob(SolutionsKind, blob); err != nil {
		return nil, err
	}
	k.mu.Lock()
	retire := k.retire
	k.mu.Unlock()
	if !retire {
		return nil, nil
	}
	retired, err := tx.DeleteUnusedSolutions()
	if err != nil {
		return nil, err
	}
	if retired == nil {
		retired = []int64{} // retired none, but retiring ran
	}
	return retired, nil
}

// forgetRetired drops from memory the solutions a committed save retired;
// nil means retiring did not run.
func (k *tenantKnowledge) forgetRetired(retired []int64) {
	if retired == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, id := range retired {
		if ss := k.solutions[id]; ss != nil {
			delete(k.byKey, ss.Key)
			delete(k.solutions, id)
		}
	}
	if k.retireDue {
		k.retire, k.retireDue = false, false
	}
}
