package knowledge

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/assoc"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/knowledge/phrase"
	"github.com/fathom-oss/fathom/internal/knowledge/solution"
)

// tenantKnowledge is one tenant's knowledge. mu guards everything but the
// model, which has its own lock.
type tenantKnowledge struct {
	model *issuetype.Model

	mu        sync.RWMutex
	solutions map[int64]*solutionState
	byKey     map[string]int64
	analyses  map[int64]*heldAnalysis // by conversation id
	edges     map[edgeKey]*edgeCounts
	// overall is each solution's weighted record across all issue types:
	// part of the prior of its record in any one type.
	overall map[int64]*weightedCounts
	// together counts, per pair of solutions (lower id first), the
	// conversations that tried both: what the learner's MergeByUsage reads.
	together map[[2]int64]int
	// openEnds tallies how each solution's attempts end (handover.go).
	openEnds map[int64]*openEnd
	types    map[int64]*typeCounts
	assigned int // assignments since the last consolidation
	// typesGen counts the consolidations of the types (changed with k.mu
	// held, read without: learning the associations does not wait for a
	// recount); assoc is the term association model learned as of
	// assocGen (see association.go).
	typesGen atomic.Uint64
	assoc    atomic.Pointer[assoc.Model]
	assocGen atomic.Uint64
	// countGen changes with every count; routineMu guards routineCache,
	// the routine moves as of routineGen (see routine.go).
	countGen     uint64
	routineMu    sync.Mutex
	routineGen   uint64
	routineCache map[int64]RoutineEvidence
	// handOverCache, also under routineMu, holds the hand-overs learned
	// from the conversations' structure as of handOverGen (see
	// handover.go).
	handOverGen   uint64
	handOverCache map[int64]bool
	// learner groups the tenant's proposals into solutions; its keys are
	// the solutions' keys.
	learner *solution.Model
	// embed gives proposals their vectors; nil for none (see
	// Engine.SolutionsByMeaning).
	embed ProposalEmbedder
	// est is how the tenant's evidence is shrunk and ranked, fitted at
	// every recount (see estimator.go).
	est estimator
	// alike holds, for pairs of solutions that may be one action worded
	// two ways, the probability that they are (see alike.go), learned at
	// every recount.
	alike map[int64]map[int64]float64
	// migrate is set when the stored solutions were learned under another
	// solution.Version (or none): every conversation is read again once,
	// and retire stays set until the solutions no attempt uses are
	// deleted, after that re-reading drained (retireDue).
	migrate, retire, retireDue bool
	// replaced is set, under mu, when InstallModel put another state in
	// this one's place (see Engine.locked).
	replaced bool

	// names pins each type's name the first time it is shown: the model
	// derives names from a type's current words, which drift, but a name
	// is an address (/issues/{name}) and must not move.

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

// weightedCounts are successes and failures with each attempt counted at
// its confidence (see attemptWeight).
type weightedCounts struct{ success, failure tally }

// tally is a sum of fractional amounts kept in millionths. Floating-point
// sums depend on the order of their terms, and servers count one tenant's
// analyses in different orders (each its own changes first); whole
// millionths add up alike in any order, so they answer alike.
type tally int64

// add counts v (rounded to a millionth) sign times.
func (t *tally) add(v float64, sign int) { *t += tally(sign) * tally(math.Round(v*1e6)) }

// value is the sum.
func (t tally) value() float64 { return float64(t) / 1e6 }

// edgeCounts is the record of one solution for one issue type.
type edgeCounts struct {
	success, failure, pending, unknown int
	// weighted are success and failure with each attempt counted at its
	// confidence: what the success probability uses.
	weighted   weightedCounts
	minutesSum tally // over resolved conversations it fixed
	minutesN   int
	// afterSuccess counts the attempts made after an earlier attempt of
	// the same conversation had worked: what the routine guard reads (see
	// routine.go).
	afterSuccess int
}

// typeCounts is what an issue type's conversations say.
type typeCounts struct {
	conversations, resolved int
	successes, decided      int   // over all its attempts: the prior of its solutions
	weightedSuccesses       tally // successes and decided with each attempt
	weightedDecided         tally // counted at its confidence
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
		analyses: map[int64]*heldAnalysis{}, edges: map[edgeKey]*edgeCounts{}, overall: map[int64]*weightedCounts{}, together: map[[2]int64]int{}, types: map[int64]*typeCounts{}, openEnds: map[int64]*openEnd{},
		names: map[int64]typeName{}, taken: map[string]bool{}, namesStale: true, descriptions: map[int64]string{},
		learner: solution.NewModel(solution.Config{}), est: defaultEstimator}
}

// canonical returns the solution id a stored attempt counts under: its own,
// or that of the solution its solution was merged into; k.mu held.
func (k *tenantKnowledge) canonical(id int64) int64 {
	ss := k.solutions[id]
	if ss == nil {
		return id
	}
	key := k.learner.Resolve(ss.Key)
	if key == ss.Key {
		return id
	}
	if to, ok := k.byKey[key]; ok {
		return to
	}
	return id
}

// canonicalise points an analysis's attempts at the solutions they count
// under; k.mu held.
func (k *tenantKnowledge) canonicalise(a *heldAnalysis) {
	for i := range a.attempts {
		a.point(i, k.canonical(a.origin(i)))
	}
}

// count adds (sign 1) or removes (sign -1) the contribution of the
// analysis of conversation id under its issue type; k.mu must be held for
// writing.
func (k *tenantKnowledge) count(id int64, a *heldAnalysis, sign int) {
	tc := k.types[a.issueTypeID]
	if tc == nil {
		if sign < 0 {
			return
		}
		tc = &typeCounts{symptoms: map[string]int{}, causes: map[string]int{}, sequences: map[int64][]fathom.Outcome{}}
		k.types[a.issueTypeID] = tc
	}
	tc.conversations += sign
	if a.resolved {
		tc.resolved += sign
	}
	for _, at := range a.attempts {
		w := attemptWeight(at)
		switch at.Outcome {
		case fathom.OutcomeSuccess:
			tc.successes += sign
			tc.decided += sign
			tc.weightedSuccesses.add(w, sign)
			tc.weightedDecided.add(w, sign)
		case fathom.OutcomeFailure:
			tc.decided += sign
			tc.weightedDecided.add(w, sign)
		}
	}
	bump(tc.symptoms, a.symptomList(), sign)
	bump(tc.causes, a.causeList(), sign)
	if sign > 0 && len(a.attempts) > 0 {
		seq := make([]fathom.Outcome, len(a.attempts))
		for i, at := range a.attempts {
			seq[i] = at.Outcome
		}
		tc.sequences[id] = seq
	} else if sign < 0 {
		delete(tc.sequences, id)
	}
	solved := false // an earlier attempt of this conversation worked
	for _, at := range a.attempts {
		key := edgeKey{a.issueTypeID, at.SolutionID}
		e := k.edges[key]
		if e == nil {
			e = &edgeCounts{}
			k.edges[key] = e
		}
		if solved {
			e.afterSuccess += sign
		}
		solved = solved || at.Outcome == fathom.OutcomeSuccess
		w := attemptWeight(at)
		o := k.overall[at.SolutionID]
		if o == nil && sign > 0 && (at.Outcome == fathom.OutcomeSuccess || at.Outcome == fathom.OutcomeFailure) {
			o = &weightedCounts{}
			k.overall[at.SolutionID] = o
		}
		switch at.Outcome {
		case fathom.OutcomeSuccess:
			e.success += sign
			e.weighted.success.add(w, sign)
			if o != nil {
				o.success.add(w, sign)
			}
			if a.resolved && a.minutes > 0 {
				e.minutesSum.add(a.minutes, sign)
				e.minutesN += sign
			}
		case fathom.OutcomeFailure:
			e.failure += sign
			e.weighted.failure.add(w, sign)
			if o != nil {
				o.failure.add(w, sign)
			}
		case fathom.OutcomePending:
			e.pending += sign
		default:
			e.unknown += sign
		}
		if e.success+e.failure+e.pending+e.unknown == 0 {
			delete(k.edges, key)
		}
	}
	k.countTogether(a, sign)
	k.countOpenEnds(a, sign)
	k.countGen++
	if tc.conversations == 0 {
		delete(k.types, a.issueTypeID)
	}
}

// countTogether adds (sign 1) or removes (sign -1) the pairs of distinct
// solutions an analysis tried; k.mu held for writing.
func (k *tenantKnowledge) countTogether(a *heldAnalysis, sign int) {
	if len(a.attempts) < 2 {
		return
	}
	ids := make([]int64, 0, len(a.attempts))
	for _, at := range a.attempts {
		if !slices.Contains(ids, at.SolutionID) {
			ids = append(ids, at.SolutionID)
		}
	}
	for i, x := range ids {
		for _, y := range ids[i+1:] {
			p := [2]int64{min(x, y), max(x, y)}
			if k.together[p] += sign; k.together[p] <= 0 {
				delete(k.together, p)
			}
		}
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
	k.edges, k.overall, k.types, k.together = map[edgeKey]*edgeCounts{}, map[int64]*weightedCounts{}, map[int64]*typeCounts{}, map[[2]int64]int{}
	k.openEnds = map[int64]*openEnd{}
	held, types := k.inIDOrder(), k.model.TypeTable()
	for _, h := range held {
		k.canonicalise(h.a)
		if t, ok := types.Of(h.id); ok {
			h.a.issueTypeID = t
		}
		k.count(h.id, h.a, 1)
	}
	for _, tc := range k.types {
		tc.refresh()
	}
	k.fitEstimator(held)
	k.learnAlike()
}

// idHeld is a held analysis and its conversation's id.
type idHeld struct {
	id int64
	a  *heldAnalysis
}

// inIDOrder lists the held analyses in conversation id order, the order a
// start reads (and allocates) them in: a walk of the list goes through
// memory in order, where one of the map goes to its random places (the
// counts of a start's recount took a third less time so). No count
// depends on the order: they are integers (tallies, for the weights).
// k.mu held.
func (k *tenantKnowledge) inIDOrder() []idHeld {
	held := make([]idHeld, 0, len(k.analyses))
	for id, a := range k.analyses {
		held = append(held, idHeld{id, a})
	}
	slices.SortFunc(held, func(x, y idHeld) int { return cmp.Compare(x.id, y.id) })
	return held
}

// usage is what the analyses say about how the solutions are used, for
// the learner's MergeByUsage; k.mu held. Routine moves (routine.go) are
// left out: a greeting read as a proposal sits on the turns of whatever
// fix the extraction missed there, and a fix merged into it would be
// hidden with it.
func (k *tenantKnowledge) usage() solution.Usage {
	u := solution.Usage{Types: map[string]map[int64]int{}, Together: map[solution.Pair]int{}, Outcomes: map[string]map[int64]solution.Outcomes{}}
	routine := k.routineMoves()
	for e, c := range k.edges {
		ss := k.solutions[e.solutionID]
		if ss == nil {
			continue
		}
		if _, ok := routine[e.solutionID]; ok {
			continue
		}
		addUse(&u, ss.Key, e.typeID, c.success+c.failure+c.pending+c.unknown, solution.Outcomes{Success: c.success, Failure: c.failure})
	}
	for p, n := range k.together {
		sa, sb := k.solutions[p[0]], k.solutions[p[1]]
		if sa == nil || sb == nil {
			continue
		}
		if _, ok := routine[p[0]]; ok {
			continue
		}
		if _, ok := routine[p[1]]; ok {
			continue
		}
		u.Together[solution.Pair{A: min(sa.Key, sb.Key), B: max(sa.Key, sb.Key)}] += n
	}
	return u
}

// baseUsage is usage by the solutions the attempts' words put them in
// (the learner's Base of each attempt's stored solution), not by the usage
// groups those are in now: what the learner's MergeByUsage groups afresh
// at each consolidation. Routine moves are left out, as in usage; k.mu
// held.
func (k *tenantKnowledge) baseUsage() solution.Usage {
	u := solution.Usage{Types: map[string]map[int64]int{}, Together: map[solution.Pair]int{}, Outcomes: map[string]map[int64]solution.Outcomes{}}
	routine := k.routineMoves()
	baseOf := map[int64]string{} // by stored solution id
	var keys []string
	for _, a := range k.analyses {
		keys = keys[:0]
		for i, at := range a.attempts {
			if _, ok := routine[at.SolutionID]; ok {
				continue
			}
			key, ok := baseOf[a.origin(i)]
			if !ok {
				if ss := k.solutions[a.origin(i)]; ss != nil {
					key = k.learner.Base(ss.Key)
				}
				baseOf[a.origin(i)] = key
			}
			if key == "" {
				continue
			}
			var o solution.Outcomes
			switch at.Outcome {
			case fathom.OutcomeSuccess:
				o.Success = 1
			case fathom.OutcomeFailure:
				o.Failure = 1
			}
			addUse(&u, key, a.issueTypeID, 1, o)
			if !slices.Contains(keys, key) {
				keys = append(keys, key)
			}
		}
		for i, x := range keys {
			for _, y := range keys[i+1:] {
				u.Together[solution.Pair{A: min(x, y), B: max(x, y)}]++
			}
		}
	}
	return u
}

// addUse counts n attempts of the solution key in issue type typeID, o
// of them with an outcome, in u.
func addUse(u *solution.Usage, key string, typeID int64, n int, o solution.Outcomes) {
	byType := u.Types[key]
	if byType == nil {
		byType = map[int64]int{}
		u.Types[key] = byType
	}
	byType[typeID] += n
	outcomes := u.Outcomes[key]
	if outcomes == nil {
		outcomes = map[int64]solution.Outcomes{}
		u.Outcomes[key] = outcomes
	}
	sum := outcomes[typeID]
	sum.Success, sum.Failure = sum.Success+o.Success, sum.Failure+o.Failure
	outcomes[typeID] = sum
}
