package knowledge

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/knowledge/phrase"
	"github.com/fathom-oss/fathom/internal/knowledge/solution"
	"github.com/fathom-oss/fathom/internal/store"
)

// modelKind and namesKind name the issue-type model and its pinned type
// names in the knowledge_models table.
const (
	modelKind = "issuetype"
	namesKind = "issuetype-names"
	// solutionsKind names the learned solutions (package solution).
	solutionsKind = "solutions"
)

// Engine holds every tenant's knowledge.
type Engine struct {
	cfg     issuetype.Config
	mu      sync.Mutex
	tenants map[int64]*tenantKnowledge
}

// New returns an empty engine. The engine consolidates issue types itself
// (so that it can recount its statistics right after), on the model's own
// schedule: once max(200, 10% of the documents) assignments have passed.
func New(cfg issuetype.Config) *Engine {
	cfg.DisableAutoConsolidate = true
	return &Engine{cfg: cfg, tenants: map[int64]*tenantKnowledge{}}
}

// Model is the tenant's issue-type model, for retrieval.
func (e *Engine) Model(tenantID int64) *issuetype.Model { return e.tenant(tenantID).model }

func (e *Engine) tenant(id int64) *tenantKnowledge {
	e.mu.Lock()
	defer e.mu.Unlock()
	k := e.tenants[id]
	if k == nil {
		k = newTenantKnowledge(issuetype.NewModel(e.cfg))
		e.tenants[id] = k
	}
	return k
}

// Load rebuilds every tenant's knowledge from the store.
func (e *Engine) Load(ctx context.Context, st store.Reader) (int, error) {
	tenants, err := st.TenantList(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, t := range tenants {
		k := e.tenant(t.ID)
		if err := loadModel(ctx, st, t.ID, k.model); err != nil {
			return n, err
		}
		if blob, err := st.KnowledgeModelGet(ctx, t.ID, namesKind); err == nil {
			if k.names, err = decodeNames(blob); err != nil {
				return n, fmt.Errorf("load issue type names of tenant %d: %w", t.ID, err)
			}
			for _, nm := range k.names {
				k.taken[nm.Name] = true
			}
		} else if !errors.Is(err, store.ErrNotFound) {
			return n, err
		}
		if err := k.loadSolutions(ctx, st, t.ID); err != nil {
			return n, err
		}
		var after int64
		for {
			got := 0
			err := st.AnalysisScan(ctx, t.ID, after, 5000, func(a *fathom.Analysis) error {
				k.mu.Lock()
				k.analyses[a.ConversationID] = a
				k.mu.Unlock()
				after, got = a.ConversationID, got+1
				return nil
			})
			if err != nil {
				return n, err
			}
			if n += got; got == 0 {
				break
			}
		}
		k.mu.Lock()
		k.recount()
		k.mu.Unlock()
	}
	return n, nil
}

// loadSolutions loads the learned solutions and the stored ones. Stored
// solutions learned under another solution.Version (or before solutions
// were learned) are kept for the attempts that still point at them, but
// the tenant is marked for migration: Stale then lists every conversation,
// and once they are analysed again the solutions no attempt uses retire.
func (k *tenantKnowledge) loadSolutions(ctx context.Context, st store.Reader, tenantID int64) error {
	blob, err := st.KnowledgeModelGet(ctx, tenantID, solutionsKind)
	switch {
	case err == nil:
		err = k.learner.UnmarshalBinary(blob)
		if errors.Is(err, solution.ErrVersion) {
			k.migrate, k.retire = true, true
		} else if err != nil {
			return fmt.Errorf("load solutions of tenant %d: %w", tenantID, err)
		}
	case errors.Is(err, store.ErrNotFound):
		k.migrate, k.retire = true, true
	default:
		return err
	}
	sols, err := st.SolutionList(ctx, tenantID)
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

// Stale lists, per tenant, the analysed conversations that must be
// analysed again: those the issue-type model does not hold (analysed after
// the model was last saved, before a crash), and all of a tenant whose
// solutions are migrating (see loadSolutions).
func (e *Engine) Stale() map[int64][]int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := map[int64][]int64{}
	for tid, k := range e.tenants {
		k.mu.Lock()
		for id := range k.analyses {
			if _, ok := k.model.TypeOf(id); !ok || k.migrate {
				out[tid] = append(out[tid], id)
			}
		}
		k.migrate = false
		k.mu.Unlock()
	}
	return out
}

// Tenants lists the tenants the engine knows.
func (e *Engine) Tenants() []int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	ids := make([]int64, 0, len(e.tenants))
	for id := range e.tenants {
		ids = append(ids, id)
	}
	return ids
}

// addSolution indexes a solution; k.mu held.
func (k *tenantKnowledge) addSolution(s *fathom.Solution) *solutionState {
	if ss, ok := k.solutions[s.ID]; ok {
		return ss
	}
	ss := &solutionState{Solution: *s, steps: map[string]int{}, prerequisites: map[string]int{}, indicators: map[string]int{}}
	for _, x := range s.Steps {
		ss.steps[x]++
	}
	for _, x := range s.Prerequisites {
		ss.prerequisites[x]++
	}
	for _, x := range s.SuccessIndicators {
		ss.indicators[x]++
	}
	ss.refresh()
	k.solutions[s.ID], k.byKey[s.Key] = ss, s.ID
	return ss
}

// Draft is the analysis of one conversation before it is stored.
type Draft struct {
	Analysis  fathom.Analysis
	templates []*fathom.Solution // one per attempt, by key
	learned   []learned          // one per attempt
}

// learned is what one attempt teaches about its solution.
type learned struct {
	steps, prerequisites, indicators []string
}

// Analyze derives a conversation's issue type, attempts, symptoms and
// causes. It places the conversation in the tenant's issue-type model at
// once (the model is itself derived state, rebuilt from text if lost).
// feedback, the conversation's explicit feedback oldest first, overrides
// the outcomes read from the text (see applyFeedback).
func (e *Engine) Analyze(c *fathom.Conversation, msgs []fathom.Message, now time.Time, feedback ...fathom.Feedback) *Draft {
	k := e.tenant(c.TenantID)
	var diagnoses []string
	for _, m := range msgs {
		if m.Role != fathom.RoleUser {
			diagnoses = append(diagnoses, m.Content)
		}
	}
	resolved := c.Status == fathom.StatusResolved
	a := fathom.Analysis{ConversationID: c.ID, TenantID: c.TenantID, Resolved: resolved, AnalyzedAt: now}
	a.IssueTypeID = k.model.Assign(c.ID, strings.Join(fathom.Opening(msgs), "\n")).TypeID
	notes := ""
	if !c.NotesGenerated {
		notes = c.ResolutionNotes
		a.Causes = phrase.Causes([]string{notes}, diagnoses, 2)
	} else {
		a.Causes = phrase.Causes(nil, diagnoses, 2)
	}
	if resolved && c.ResolvedAt != nil && len(msgs) > 0 {
		a.MinutesToResolve = c.ResolvedAt.Sub(msgs[0].CreatedAt).Minutes()
	}
	d := &Draft{}
	known := k.knownAttempts(c.ID)
	for _, at := range attempt.Extract(msgs, resolved, notes) {
		// A proposal learned from an earlier analysis of this conversation
		// (it grew, or was resolved) keeps its solution and is not learned
		// twice.
		key, ok := known[turnAction{at.Turn, at.Action}]
		if !ok {
			key = k.learner.Assign(solution.Proposal{Phrase: at.Phrase, Text: at.Action, Escalation: at.Escalation})
		}
		sol, _ := k.learner.Summary(key)
		a.Attempts = append(a.Attempts, fathom.Attempt{Turn: at.Turn, Action: at.Action,
			Outcome: fathom.Outcome(at.Outcome), Confidence: at.Confidence})
		d.templates = append(d.templates, &fathom.Solution{TenantID: c.TenantID, Key: sol.Key,
			Description: sol.Description, Escalation: sol.Escalation, Steps: at.Steps,
			Prerequisites: at.Prerequisites, CreatedAt: now})
		l := learned{steps: at.Steps, prerequisites: at.Prerequisites}
		if at.Outcome == "success" {
			l.indicators = confirmations(msgs, at.Turn)
		}
		d.learned = append(d.learned, l)
	}
	firstProposal := len(msgs)
	if len(a.Attempts) > 0 {
		firstProposal = a.Attempts[0].Turn
	}
	a.Symptoms = Symptoms(msgs, firstProposal, 3)
	d.Analysis = a
	k.applyFeedback(d, c, msgs, feedback)
	return d
}

type turnAction struct {
	turn   int
	action string
}

// knownAttempts returns the solution keys of the attempts of the
// conversation's current analysis that the learner knows, by turn and
// action (solutions of another version of the learner are not known, so a
// migrating conversation is learned afresh).
func (k *tenantKnowledge) knownAttempts(conversationID int64) map[turnAction]string {
	k.mu.RLock()
	defer k.mu.RUnlock()
	old := k.analyses[conversationID]
	if old == nil || len(old.Attempts) == 0 {
		return nil
	}
	out := make(map[turnAction]string, len(old.Attempts))
	for _, at := range old.Attempts {
		ss := k.solutions[at.SolutionID]
		if ss == nil {
			continue
		}
		if s, ok := k.learner.Summary(ss.Key); ok {
			out[turnAction{at.Turn, at.Action}] = s.Key
		}
	}
	return out
}

// Store writes a draft in tx: its solutions (created when new, their
// description and escalation brought up to what was learned) and the
// analysis, replacing the conversation's earlier one.
func (e *Engine) Store(ctx context.Context, tx store.Tx, d *Draft) error {
	for i, tpl := range d.templates {
		s, err := tx.SolutionUpsert(ctx, tpl)
		if err != nil {
			return err
		}
		if s.Description != tpl.Description || s.Escalation != tpl.Escalation {
			s.Description, s.Escalation = tpl.Description, tpl.Escalation
			if err := tx.SolutionUpdate(ctx, s); err != nil {
				return err
			}
		}
		d.Analysis.Attempts[i].SolutionID = s.ID
		d.templates[i] = s
	}
	return tx.AnalysisReplace(ctx, &d.Analysis)
}

// Apply records committed drafts in the tenant's knowledge, and
// consolidates its issue types when enough new conversations arrived. It
// reports whether the model should be saved.
func (e *Engine) Apply(tenantID int64, drafts []*Draft) (consolidated bool) {
	k := e.tenant(tenantID)
	k.mu.Lock()
	defer k.mu.Unlock()
	// Under k.mu, so no reader names the types before they are counted.
	defer k.touchNames()
	touchedSolutions, touchedTypes := map[*solutionState]bool{}, map[int64]bool{}
	for _, d := range drafts {
		for i, s := range d.templates {
			ss := k.addSolution(s)
			ss.Description, ss.Escalation = s.Description, s.Escalation
			bump(ss.steps, d.learned[i].steps, 1)
			bump(ss.prerequisites, d.learned[i].prerequisites, 1)
			bump(ss.indicators, d.learned[i].indicators, 1)
			touchedSolutions[ss] = true
		}
		a := d.Analysis
		k.canonicalise(&a)
		if old, ok := k.analyses[a.ConversationID]; ok {
			k.count(old, -1)
			touchedTypes[old.IssueTypeID] = true
		}
		k.analyses[a.ConversationID] = &a
		k.count(&a, 1)
		touchedTypes[a.IssueTypeID] = true
	}
	for ss := range touchedSolutions {
		ss.refresh()
	}
	for id := range touchedTypes {
		if tc := k.types[id]; tc != nil {
			tc.refresh()
		}
	}
	merged := k.learner.Due() && k.consolidateSolutions()
	if k.assigned += len(drafts); k.assigned >= max(200, k.model.Len()/10) {
		k.consolidate()
		return true
	}
	return merged
}

// consolidateSolutions merges solutions the learner now finds alike and,
// if any merged, recounts under the survivors; k.mu is held. It reports
// whether the solutions changed (and should be saved).
func (k *tenantKnowledge) consolidateSolutions() bool {
	merged := len(k.learner.Consolidate()) > 0
	if merged {
		k.recount()
	}
	if len(k.learner.MergeByUsage(k.usage())) > 0 {
		k.recount()
		merged = true
	}
	if !merged {
		return false
	}
	for _, ss := range k.solutions {
		if s, ok := k.learner.Summary(ss.Key); ok && s.Key == ss.Key {
			ss.Description, ss.Escalation = s.Description, s.Escalation
			ss.refresh()
		}
	}
	return true
}

// Settle consolidates a tenant's issue types and solutions once its backlog is drained,
// if enough conversations were typed since the last consolidation (one in
// a hundred, at least 200, as for consolidations during a load): otherwise the last stretch of a load keeps the
// types a vote gave it until the next tenth of the tenant arrives.
func (e *Engine) Settle(tenantID int64) (consolidated bool) {
	k := e.tenant(tenantID)
	k.mu.Lock()
	defer k.mu.Unlock()
	// A migration's re-reading has drained: the next save retires the
	// solutions no attempt uses any more.
	k.retireDue = k.retire
	solutions := k.learner.DueWhenIdle() && k.consolidateSolutions()
	if k.assigned < max(200, k.model.Len()/100) {
		return k.retireDue || solutions
	}
	k.consolidate()
	return true
}

// consolidate merges and splits types and recounts; k.mu is held.
func (k *tenantKnowledge) consolidate() {
	k.assigned = 0
	k.model.Consolidate()
	k.recount()
	// A reader may have pinned names while the consolidation ran; the
	// types it just made need theirs.
	k.touchNames()
}

// Remove forgets a deleted conversation.
func (e *Engine) Remove(tenantID, conversationID int64) {
	k := e.tenant(tenantID)
	k.model.Remove(conversationID)
	k.mu.Lock()
	defer k.mu.Unlock()
	if old, ok := k.analyses[conversationID]; ok {
		defer k.touchNames() // its type's description may change
		k.count(old, -1)
		delete(k.analyses, conversationID)
		if tc := k.types[old.IssueTypeID]; tc != nil {
			tc.refresh()
		}
	}
}

// SaveModel stores what changed in the tenant's issue-type model since its
// last save (see issuetype.Model.SaveChunks), and its pinned type names, in
// one transaction of st.
func (e *Engine) SaveModel(ctx context.Context, st store.Store, tenantID int64, now time.Time) error {
	k := e.tenant(tenantID)
	k.namesMu.Lock()
	names, err := encodeNames(k.names)
	k.namesMu.Unlock()
	if err != nil {
		return err
	}
	// The names and the learned solutions are small: they are written with
	// every save, in the same transaction as the model's changed chunks.
	putRest := func(tx store.Tx) error {
		if err := tx.KnowledgeModelPut(ctx, tenantID, namesKind, names, now); err != nil {
			return err
		}
		return k.saveSolutions(ctx, tx, tenantID, now)
	}
	wrote := false
	err = k.model.SaveChunks(func(sv *issuetype.Saving) error {
		wrote = true
		return st.Write(ctx, func(tx store.Tx) error {
			for _, c := range sv.Chunks {
				err := tx.KnowledgeChunkPut(ctx, &store.KnowledgeChunkPutParams{TenantID: tenantID,
					Kind: modelKind + "/" + c.Part, Chunk: c.N, Data: c.Data, At: now})
				if err != nil {
					return err
				}
			}
			for part, count := range sv.Counts {
				if err := tx.KnowledgeChunkTrim(ctx, tenantID, modelKind+"/"+part, count); err != nil {
					return err
				}
			}
			// The model saved whole by earlier versions, now superseded.
			if err := tx.KnowledgeModelDelete(ctx, tenantID, modelKind); err != nil {
				return err
			}
			return putRest(tx)
		})
	})
	if err != nil || wrote {
		return err
	}
	return st.Write(ctx, putRest)
}

// loadModel loads a tenant's issue-type model: saved in chunks, or whole
// by earlier versions (the next save stores it in chunks).
func loadModel(ctx context.Context, st store.Reader, tenantID int64, m *issuetype.Model) error {
	found, err := m.LoadChunks(func(part string, fn func([]byte) error) error {
		return st.KnowledgeChunkScan(ctx, tenantID, modelKind+"/"+part, func(_ int, data []byte) error { return fn(data) })
	})
	if err != nil {
		return fmt.Errorf("load issue types of tenant %d: %w", tenantID, err)
	}
	if found {
		return nil
	}
	blob, err := st.KnowledgeModelGet(ctx, tenantID, modelKind)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil
	case err != nil:
		return err
	}
	if err := m.UnmarshalBinary(blob); err != nil {
		return fmt.Errorf("load issue types of tenant %d: %w", tenantID, err)
	}
	return nil
}

// saveSolutions writes the learned solutions and, while a migration is
// under way, retires the stored solutions no attempt uses any more (safe at
// any point: a solution an attempt still points at stays).
func (k *tenantKnowledge) saveSolutions(ctx context.Context, tx store.Tx, tenantID int64, now time.Time) error {
	blob, err := k.learner.MarshalBinary()
	if err != nil {
		return err
	}
	if err := tx.KnowledgeModelPut(ctx, tenantID, solutionsKind, blob, now); err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.retire {
		return nil
	}
	retired, err := tx.SolutionDeleteUnused(ctx, tenantID)
	if err != nil {
		return err
	}
	for _, id := range retired {
		if ss := k.solutions[id]; ss != nil {
			delete(k.byKey, ss.Key)
			delete(k.solutions, id)
		}
	}
	if k.retireDue {
		k.retire, k.retireDue = false, false
	}
	return nil
}
