package knowledge

import (
	"maps"
	"sync"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/knowledge/phrase"
)

// tenantKnowledge is one tenant's knowledge. mu guards everything but the
// model, which has its own lock.
type tenantKnowledge struct {
	model *issuetype.Model

	mu        sync.RWMutex
	solutions map[int64]*solutionState
	byKey     map[string]int64
	analyses  map[int64]*fathom.Analysis // by conversation id
	edges     map[edgeKey]*edgeCounts
	types     map[int64]*typeCounts
	assigned  int // assignments since the last consolidation
	// names pins each type's name the first time it is shown: the model
	// derives names from a type's current words, which drift, but a name
	// is an address (/issues/{name}) and must not move.
	// exemplars hold one attempt per solution key, to merge new keys
	// that mean the same action into an existing solution.
	exemplars map[string]attempt.Attempt

	namesMu      sync.Mutex
	names        map[int64]typeName
	taken        map[string]bool
	namesStale   bool             // types may exist that have no pinned name yet
	descriptions map[int64]string // describeType's cache, cleared by touchNames
}

// typeName is a type's pinned name. Description is no longer pinned (it
// follows the type's symptoms and fixes, see describeType); the field stays
// so stored names of every version decode.
type typeName struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// name returns the pinned name of a type, naming every type that has none
// yet on first use (see nameNewTypes), with its current description; k.mu
// must be held.
func (k *tenantKnowledge) name(id int64) (typeName, bool) {
	k.namesMu.Lock()
	defer k.namesMu.Unlock()
	if _, ok := k.names[id]; !ok && k.namesStale {
		k.nameNewTypes()
		k.namesStale = false
	}
	n, ok := k.names[id]
	if ok {
		n.Description = k.describeType(id, n.Name)
	}
	return n, ok
}

// touchNames notes that new types may have appeared and that descriptions
// may have changed.
func (k *tenantKnowledge) touchNames() {
	k.namesMu.Lock()
	k.namesStale = true
	clear(k.descriptions)
	k.namesMu.Unlock()
}

type edgeKey struct{ typeID, solutionID int64 }

// edgeCounts is the record of one solution for one issue type.
type edgeCounts struct {
	success, failure, pending, unknown int
	minutesSum                         float64 // over resolved conversations it fixed
	minutesN                           int
}

// typeCounts is what an issue type's conversations say.
type typeCounts struct {
	conversations, resolved int
	successes, decided      int // over all its attempts: the prior of its solutions
	symptoms, causes        map[string]int
	sequences               map[int64][]fathom.Outcome // attempt outcomes per conversation, for the escalation point
	topSymptoms, topCauses  []string                   // kept current by refresh
}

// solutionState is a solution with what its attempts taught about it.
type solutionState struct {
	fathom.Solution
	steps, prerequisites, indicators map[string]int
	top                              fathom.Solution // Solution with the top lists, kept current by refresh
}

// Phrase maps are capped: past maxPhrases entries only the keepPhrases most
// frequent stay, so a stream of one-off phrases cannot grow them without end
// (the rare ones never reach a top list anyway).
const (
	maxPhrases  = 1024
	keepPhrases = 256
)

func (tc *typeCounts) refresh() {
	tc.topSymptoms, tc.topCauses = topOf(tc.symptoms, 5), topOf(tc.causes, 5)
}

func (ss *solutionState) refresh() {
	ss.top = ss.Solution
	ss.top.Steps, ss.top.Prerequisites, ss.top.SuccessIndicators = topOf(ss.steps, 5), topOf(ss.prerequisites, 3), topOf(ss.indicators, 3)
}

// topOf returns the n most frequent phrases and prunes m past its cap.
func topOf(m map[string]int, n int) []string {
	if len(m) > maxPhrases {
		keep := phrase.Top(m, keepPhrases)
		kept := make(map[string]int, len(keep))
		for _, p := range keep {
			kept[p] = m[p]
		}
		clear(m)
		maps.Copy(m, kept)
	}
	return phrase.Top(m, n)
}

func newTenantKnowledge(model *issuetype.Model) *tenantKnowledge {
	return &tenantKnowledge{model: model, solutions: map[int64]*solutionState{}, byKey: map[string]int64{},
		analyses: map[int64]*fathom.Analysis{}, edges: map[edgeKey]*edgeCounts{}, types: map[int64]*typeCounts{},
		names: map[int64]typeName{}, taken: map[string]bool{}, namesStale: true, descriptions: map[int64]string{},
		exemplars: map[string]attempt.Attempt{}}
}

// mergeThreshold is the action similarity at which a new key joins an
// existing solution: above it, phrasings the synonym tables missed ("enable
// online payments" and "enable payments") become one solution, while
// distinct actions on the same object stay apart.
const mergeThreshold = 0.6

// solutionKey returns the key an attempt is counted under: its own when
// known, else the most similar known solution's at or above the merge
// threshold, else its own, which becomes known.
func (k *tenantKnowledge) solutionKey(a attempt.Attempt) string {
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, ok := k.exemplars[a.Key]; ok {
		return a.Key
	}
	best, bestSim := "", mergeThreshold
	for key, ex := range k.exemplars {
		if s := attempt.ActionSimilarity(a, ex); s >= bestSim && (s > bestSim || key < best) {
			best, bestSim = key, s
		}
	}
	if best != "" {
		return best
	}
	k.exemplars[a.Key] = a
	return a.Key
}

// count adds (sign 1) or removes (sign -1) an analysis's contribution
// under its IssueTypeID; k.mu must be held for writing.
func (k *tenantKnowledge) count(a *fathom.Analysis, sign int) {
	tc := k.types[a.IssueTypeID]
	if tc == nil {
		if sign < 0 {
			return
		}
		tc = &typeCounts{symptoms: map[string]int{}, causes: map[string]int{}, sequences: map[int64][]fathom.Outcome{}}
		k.types[a.IssueTypeID] = tc
	}
	tc.conversations += sign
	if a.Resolved {
		tc.resolved += sign
	}
	for _, at := range a.Attempts {
		switch at.Outcome {
		case fathom.OutcomeSuccess:
			tc.successes += sign
			tc.decided += sign
		case fathom.OutcomeFailure:
			tc.decided += sign
		}
	}
	bump(tc.symptoms, a.Symptoms, sign)
	bump(tc.causes, a.Causes, sign)
	if sign > 0 && len(a.Attempts) > 0 {
		seq := make([]fathom.Outcome, len(a.Attempts))
		for i, at := range a.Attempts {
			seq[i] = at.Outcome
		}
		tc.sequences[a.ConversationID] = seq
	} else if sign < 0 {
		delete(tc.sequences, a.ConversationID)
	}
	for _, at := range a.Attempts {
		key := edgeKey{a.IssueTypeID, at.SolutionID}
		e := k.edges[key]
		if e == nil {
			e = &edgeCounts{}
			k.edges[key] = e
		}
		switch at.Outcome {
		case fathom.OutcomeSuccess:
			e.success += sign
			if a.Resolved && a.MinutesToResolve > 0 {
				e.minutesSum += float64(sign) * a.MinutesToResolve
				e.minutesN += sign
			}
		case fathom.OutcomeFailure:
			e.failure += sign
		case fathom.OutcomePending:
			e.pending += sign
		default:
			e.unknown += sign
		}
		if e.success+e.failure+e.pending+e.unknown == 0 {
			delete(k.edges, key)
		}
	}
	if tc.conversations == 0 {
		delete(k.types, a.IssueTypeID)
	}
}

func bump(m map[string]int, phrases []string, sign int) {
	for _, p := range phrases {
		if m[p] += sign; m[p] <= 0 {
			delete(m, p)
		}
	}
}

// recount re-derives every count after the model moved conversations
// between types (a consolidation); k.mu must be held for writing.
func (k *tenantKnowledge) recount() {
	k.edges, k.types = map[edgeKey]*edgeCounts{}, map[int64]*typeCounts{}
	for id, a := range k.analyses {
		if t, ok := k.model.TypeOf(id); ok {
			a.IssueTypeID = t
		}
		k.count(a, 1)
	}
	for _, tc := range k.types {
		tc.refresh()
	}
}
