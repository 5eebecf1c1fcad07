package knowledge

import (
	"strings"
	"sync"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/knowledge/phrase"
	"github.com/fathom-oss/fathom/internal/knowledge/solution"
)

// Engine holds every tenant's knowledge.
type Engine struct {
	cfg issuetype.Config
	mu  sync.Mutex
	// solCfg configures each tenant's solution model, and embed, when
	// set, gives its proposals their vectors (see SolutionsByMeaning).
	solCfg  solution.Config
	embed   ProposalEmbedder
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
		k = e.newTenant()
		e.tenants[id] = k
	}
	return k
}

// Stale lists, per tenant, the analysed conversations that must be
// analysed again: those the issue-type model does not hold (analysed after
// the model was last saved, before a crash), and all of a tenant whose
// solutions are migrating (see restoreSolutions). A migrating tenant is
// listed once: the call clears its mark, so it is made once, after Restore.
func (e *Engine) Stale() map[int64][]int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := map[int64][]int64{}
	for tid, k := range e.tenants {
		k.mu.Lock()
		types := k.model.TypeTable()
		for id := range k.analyses {
			if _, ok := types.Of(id); !ok || k.migrate {
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
	return e.AnalyzeDense(c, msgs, nil, now, feedback...)
}

// AnalyzeDense is Analyze for a conversation with an embedding of its text
// (nil for none): the issue-type model places it by its words and its
// embedding together (issuetype.Model.AssignDense).
func (e *Engine) AnalyzeDense(c *fathom.Conversation, msgs []fathom.Message, dense []float32, now time.Time, feedback ...fathom.Feedback) *Draft {
	return e.AnalyzeReading(c, msgs, dense, now, ReadConversation(c, msgs), feedback...)
}

// Reading is what the analysis of a conversation reads from its own text
// and nothing else: the features of its opening for the issue-type model,
// its attempts and their outcomes as the words say, the confirmations of
// those that worked, its symptoms and causes. It depends on no tenant's
// state, so the readings of a batch's next conversations can be made on
// other goroutines while the engine places the earlier ones in order
// (AnalyzeReading): the drafts are the same as Analyze's.
type Reading struct {
	opening   issuetype.Features
	notes     string
	causes    []string
	attempts  []attempt.Attempt
	confirmed [][]string // per attempt: the reply confirming a success
	symptoms  []string
}

// ReadConversation makes a conversation's Reading. It reads no engine's
// state and may run on any goroutine.
func ReadConversation(c *fathom.Conversation, msgs []fathom.Message) *Reading {
	r := &Reading{opening: issuetype.Featurise(strings.Join(fathom.Opening(msgs), "\n"))}
	var diagnoses []string
	for _, m := range msgs {
		if m.Role != fathom.RoleUser {
			diagnoses = append(diagnoses, m.Content)
		}
	}
	if !c.NotesGenerated {
		r.notes = c.ResolutionNotes
		r.causes = phrase.Causes([]string{r.notes}, diagnoses, 2)
	} else {
		r.causes = phrase.Causes(nil, diagnoses, 2)
	}
	r.attempts = attempt.Extract(msgs, c.Status == fathom.StatusResolved, r.notes)
	r.confirmed = make([][]string, len(r.attempts))
	for i, at := range r.attempts {
		if at.Outcome == "success" {
			r.confirmed[i] = confirmations(msgs, at.Turn)
		}
	}
	firstProposal := len(msgs)
	if len(r.attempts) > 0 {
		firstProposal = r.attempts[0].Turn
	}
	r.symptoms = Symptoms(msgs, firstProposal, 3)
	return r
}

// FreezePlacement freezes the tenant's issue-type index for the placement
// of a batch of conversations (issuetype.Model.Freeze), so that the stage
// of their neighbour searches that reads only the index can run ahead of
// their placement, on other goroutines (Reading.SearchAhead); the view's
// Thaw ends it, once the batch is placed. What the batch's placements
// learn depends on the batch, not on which goroutine searched. Nil when
// the index is frozen already.
func (e *Engine) FreezePlacement(tenantID int64) *issuetype.Frozen {
	return e.tenant(tenantID).model.Freeze()
}

// SearchAhead searches the opening of the read conversation in the frozen
// view f (nothing for nil), ahead of its placement by AnalyzeReading.
func (r *Reading) SearchAhead(f *issuetype.Frozen) { f.Search(&r.opening) }

// AnalyzeReading is AnalyzeDense for a conversation already read (r, from
// ReadConversation of the same conversation and messages, used once):
// what depends on the tenant's state — the placement in the issue-type
// model, the solutions the attempts are learned under, the feedback —
// runs here, in the order the conversations are given.
func (e *Engine) AnalyzeReading(c *fathom.Conversation, msgs []fathom.Message, dense []float32, now time.Time, r *Reading, feedback ...fathom.Feedback) *Draft {
	k := e.tenant(c.TenantID)
	resolved := c.Status == fathom.StatusResolved
	a := fathom.Analysis{ConversationID: c.ID, TenantID: c.TenantID, Resolved: resolved, AnalyzedAt: now}
	a.IssueTypeID = k.model.AssignFeatures(c.ID, r.opening, dense).TypeID
	a.Causes = r.causes
	if resolved && c.ResolvedAt != nil && len(msgs) > 0 {
		a.MinutesToResolve = c.ResolvedAt.Sub(msgs[0].CreatedAt).Minutes()
	}
	d := &Draft{}
	known := k.knownAttempts(c.ID)
	for i, at := range r.attempts {
		// A proposal learned from an earlier analysis of this conversation
		// (it grew, or was resolved) keeps its solution and is not learned
		// twice.
		key, ok := known[turnAction{at.Turn, at.Action}]
		if !ok {
			key = k.learner.Assign(k.proposal(at.Phrase, at.Action, at.Escalation))
		}
		// The attempt is stored under the solution its words put it in;
		// the usage group that solution is in is followed when it is
		// counted and read (see tenantKnowledge.canonical).
		sol, _ := k.learner.Own(key)
		a.Attempts = append(a.Attempts, fathom.Attempt{Turn: at.Turn, Action: at.Action,
			Outcome: fathom.Outcome(at.Outcome), Confidence: at.Confidence})
		d.templates = append(d.templates, &fathom.Solution{TenantID: c.TenantID, Key: sol.Key,
			Description: sol.Description, Escalation: sol.Escalation, Steps: at.Steps,
			Prerequisites: at.Prerequisites, CreatedAt: now})
		d.learned = append(d.learned, learned{steps: at.Steps, prerequisites: at.Prerequisites, indicators: r.confirmed[i]})
	}
	a.Symptoms = r.symptoms
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
	if old == nil || len(old.attempts) == 0 {
		return nil
	}
	out := make(map[turnAction]string, len(old.attempts))
	for i, at := range old.attempts {
		ss := k.solutions[old.origin(i)]
		if ss == nil {
			continue
		}
		if s, ok := k.learner.Own(ss.Key); ok {
			out[turnAction{at.Turn, at.Action}] = s.Key
		}
	}
	return out
}

// AttachVector gives a conversation the issue-type model holds without an
// embedding the embedding dense (issuetype.Model.SetDense): one that
// arrived after the conversation was analysed. It reports whether the
// model changed (saved with the model's next save).
func (e *Engine) AttachVector(tenantID, conversationID int64, dense []float32) bool {
	return e.tenant(tenantID).model.SetDense(conversationID, dense)
}

// Apply records committed drafts in the tenant's knowledge, and
// consolidates its issue types when enough new conversations arrived. It
// reports whether the model should be saved.
func (e *Engine) Apply(tenantID int64, drafts []*Draft) (consolidated bool) {
	return e.ApplyBeside(tenantID, drafts, nil)
}

// ApplyBeside is Apply that, when it consolidates the issue types, calls
// moved (unless nil) as soon as the types have moved, before the
// statistics are recounted under them: what reads the types alone, as
// the term associations do (LearnAssociations), can then be learned on
// a goroutine of its own beside the recount and the model's save, from
// the same types and the same generation as after them.
func (e *Engine) ApplyBeside(tenantID int64, drafts []*Draft, moved func()) (consolidated bool) {
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
		id, a := d.Analysis.ConversationID, hold(&d.Analysis)
		k.canonicalise(a)
		if old, ok := k.analyses[id]; ok {
			k.count(id, old, -1)
			touchedTypes[old.issueTypeID] = true
		}
		k.analyses[id] = a
		k.count(id, a, 1)
		touchedTypes[a.issueTypeID] = true
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
		k.consolidate(moved)
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
	if len(k.learner.MergeByUsage(k.baseUsage())) > 0 {
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
	k.consolidate(nil)
	return true
}

// partitioning, when set (by a test), is called where a consolidation
// partitions the types' graph.
var partitioning func(k *tenantKnowledge)

// consolidate merges and splits types and recounts; k.mu is held for
// writing, and released while the model re-weighs and partitions its
// graph: readers (similarity, the types' pages) then go on with the types
// and counts as they were, and wait only for the types' move and the
// recount (and, for what reads the model, its re-weighing). What
// changes meanwhile — a conversation removed, feedback — is under k.mu
// as ever, and the recount reads it. moved, unless nil, is called once
// the types have moved, before the recount.
func (k *tenantKnowledge) consolidate(moved func()) {
	k.assigned = 0
	k.model.ConsolidateOutside(func(partition func()) {
		k.mu.Unlock()
		defer k.mu.Lock()
		if partitioning != nil {
			partitioning(k)
		}
		partition()
	})
	// Once the types moved: associations learned as of the new generation
	// (read without k.mu) are learned from the consolidated types.
	k.typesGen.Add(1)
	if moved != nil {
		moved()
	}
	k.recount()
	// A reader may have pinned names while the consolidation ran; the
	// types it just made need theirs.
	k.touchNames()
}

// Remove forgets a deleted conversation.
func (e *Engine) Remove(tenantID, conversationID int64) {
	k := e.locked(tenantID)
	defer k.mu.Unlock()
	k.model.Remove(conversationID)
	if old, ok := k.analyses[conversationID]; ok {
		defer k.touchNames() // its type's description may change
		k.count(conversationID, old, -1)
		delete(k.analyses, conversationID)
		if tc := k.types[old.issueTypeID]; tc != nil {
			tc.refresh()
		}
	}
}
