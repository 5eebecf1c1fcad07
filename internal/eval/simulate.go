package eval

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// The recommendation simulation: each intent of a domain gets a few
// candidate fixes with hidden success rates (and sometimes an escalation),
// and every opening of the domain starts a support conversation in which
// the agent greets, asks for details, tries the candidates in random order
// and the user reacts, in the words of one pool (pool.go).
//
// Intents that share vocabulary are paired and given the same candidates
// with different best ones, so that an engine which lumps them together
// cannot find both best actions.

// Plan is an intent's simulated candidates and their hidden success rates.
type Plan struct {
	Intent  string
	Actions []Action  // fixes
	Rates   []float64 // hidden success rate of each fix
	// Escalation is tried after every fix failed; nil when the intent has
	// none.
	Escalation *Action
	// Partner is the intent that shares this one's candidates, if any.
	Partner string
	// Draw is the world the plan was drawn in, less one (see World): the
	// simulated conversations' random streams depend on it, so that
	// another world is another course of every conversation as well as
	// other fixes and rates.
	Draw uint64
}

// World numbers one draw of the simulation: which fixes each intent has,
// their hidden success rates, and the random course of every simulated
// conversation and held-out query. World 1 is the one every figure of
// docs/evaluation.md was measured in unless it says otherwise (plans of
// seed 77); the others measure how much a figure owes to one draw.
type World int

// Plans draws the candidates of every intent of train in world w.
func (w World) Plans(train []Example) map[string]Plan {
	return w.plansFrom(train, simActions)
}

// plansFrom is PlansFrom in world w.
func (w World) plansFrom(train []Example, actions []Action) map[string]Plan {
	draw := uint64(max(w, 1) - 1)
	out := PlansFrom(train, 77+draw*1_000_003, actions)
	for k, p := range out {
		p.Draw = draw
		out[k] = p
	}
	return out
}

// Best is the fix with the highest hidden rate.
func (p Plan) Best() string {
	best := 0
	for i, r := range p.Rates {
		if r > p.Rates[best] {
			best = i
		}
	}
	return p.Actions[best].ID
}

// Rate is the hidden success rate of an action for the intent, and
// whether the action is one of its fixes.
func (p Plan) Rate(action string) (float64, bool) {
	for i, a := range p.Actions {
		if a.ID == action {
			return p.Rates[i], true
		}
	}
	return 0, false
}

// IsEscalation tells whether an action id is one of the simulation's
// escalations.
func IsEscalation(id string) bool {
	for _, list := range [][]Action{simActions, retailActions} {
		for _, a := range list {
			if a.ID == id {
				return a.Escalation
			}
		}
	}
	return false
}

// rates draws n hidden success rates, best first: a best fix between 0.75
// and 0.92, each next one 0.20–0.30 below (never under 0.05), so the best
// action is well defined and the rates spread over the whole range.
func rates(n int, r *rand.Rand) []float64 {
	out := make([]float64, n)
	out[0] = 0.75 + 0.17*r.Float64()
	for i := 1; i < n; i++ {
		out[i] = max(0.05, out[i-1]-0.20-0.10*r.Float64())
	}
	return out
}

// Plans draws the candidates of every intent of train from the
// simulation's actions, from a fixed seed so every run simulates the same
// world. Intents are paired by the overlap of their vocabularies (see
// pairs); a pair shares its candidates but not its best one.
func Plans(train []Example, seed uint64) map[string]Plan {
	return PlansFrom(train, seed, simActions)
}

// PlansFrom is Plans drawing from another list of actions (a domain whose
// support team does other things, such as the retailer of abcd).
func PlansFrom(train []Example, seed uint64, actions []Action) map[string]Plan {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var fixes, escalations []Action
	for _, a := range actions {
		if a.Escalation {
			escalations = append(escalations, a)
		} else {
			fixes = append(fixes, a)
		}
	}
	partner := pairs(train)
	out := map[string]Plan{}
	for _, intent := range Intents(train) {
		if _, done := out[intent]; done {
			continue
		}
		n := 3 + r.IntN(2)
		p := Plan{Intent: intent, Rates: rates(n, r)}
		for _, k := range r.Perm(len(fixes))[:n] {
			p.Actions = append(p.Actions, fixes[k])
		}
		if r.IntN(2) == 0 {
			p.Escalation = &escalations[r.IntN(len(escalations))]
		}
		out[intent] = p
		if other, ok := partner[intent]; ok {
			q := Plan{Intent: other, Actions: p.Actions, Rates: slices.Clone(p.Rates), Partner: intent, Escalation: p.Escalation}
			// The partner's best is another of the same candidates.
			k := 1 + r.IntN(n-1)
			q.Rates[0], q.Rates[k] = q.Rates[k], q.Rates[0]
			p.Partner = other
			out[intent], out[other] = p, q
		}
	}
	return out
}

// pairs matches intents whose vocabularies overlap most (Jaccard index of
// the words used in at least two of an intent's openings), greedily, until
// half of the intents are paired.
func pairs(train []Example) map[string]string {
	count := map[string]map[string]int{}
	for _, ex := range train {
		if count[ex.Intent] == nil {
			count[ex.Intent] = map[string]int{}
		}
		seen := map[string]bool{}
		for _, w := range words(ex.Text) {
			if !seen[w] {
				seen[w] = true
				count[ex.Intent][w]++
			}
		}
	}
	vocab := map[string]map[string]bool{}
	for intent, c := range count {
		vocab[intent] = map[string]bool{}
		for w, n := range c {
			if n >= 2 {
				vocab[intent][w] = true
			}
		}
	}
	type pair struct {
		a, b    string
		overlap float64
	}
	intents := Intents(train)
	var all []pair
	for i, a := range intents {
		for _, b := range intents[i+1:] {
			all = append(all, pair{a, b, jaccard(vocab[a], vocab[b])})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].overlap > all[j].overlap })
	out := map[string]string{}
	for _, p := range all {
		if len(out) >= len(intents)/2 {
			break
		}
		if out[p.a] == "" && out[p.b] == "" {
			out[p.a], out[p.b] = p.b, p.a
		}
	}
	return out
}

// words are the lower-cased words of three letters or more: short words
// are mostly function words, which every intent shares.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if len(w) >= 3 {
			out = append(out, w)
		}
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	inter, union := 0, len(a)
	for w := range b {
		if a[w] {
			inter++
		} else {
			union++
		}
	}
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// Turn is a simulated message.
type Turn struct {
	Role, Content string
	// Action is the simulated action an assistant turn performs, "" for
	// greetings, questions and closings.
	Action string
}

// SimAttempt is an attempt in a simulated conversation and its true outcome.
type SimAttempt struct {
	Action  string
	Turn    int
	Success bool
}

// Simulated is one conversation of the simulation.
type Simulated struct {
	Intent   string
	Turns    []Turn
	Attempts []SimAttempt // fixes only
	Resolved bool
}

// The shares of the multi-turn noise.
const (
	greetShare  = 0.5  // the first agent message opens with a greeting
	askShare    = 0.4  // the agent first asks for a detail
	askAgain    = 0.15 // the agent asks for a detail before a later fix
	hedgedShare = 0.2  // the user hesitates before saying how it went
	closeShare  = 0.3  // after a fix worked, a closing exchange
	escalate    = 0.8  // after every tried fix failed, an intent with an escalation escalates
)

// Simulate plays one conversation in the words of pool: the user opens
// with opening; the agent tries up to three of the intent's fixes in
// random order until one works (each at its hidden rate), then escalates
// when it has an escalation and all failed.
func Simulate(p Plan, pool Pool, opening string, r *rand.Rand) Simulated {
	w := specOf(pool).talk
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	s := Simulated{Intent: p.Intent, Turns: []Turn{{Role: "user", Content: opening}}}
	greeting := ""
	if r.Float64() < greetShare {
		greeting = pick(w.greetings) + " "
	}
	say := func(text, action string) {
		s.Turns = append(s.Turns, Turn{Role: "assistant", Content: greeting + text, Action: action})
		greeting = ""
	}
	user := func(text string) { s.Turns = append(s.Turns, Turn{Role: "user", Content: text}) }
	if r.Float64() < askShare {
		say(pick(w.asks), "")
		user(pick(w.answers))
	}
	order := r.Perm(len(p.Actions))
	for i, k := range order[:min(3, len(order))] {
		if i > 0 && r.Float64() < askAgain {
			say(pick(w.asks), "")
			user(pick(w.answers))
		}
		a := p.Actions[k]
		ok := r.Float64() < p.Rates[k]
		s.Attempts = append(s.Attempts, SimAttempt{Action: a.ID, Turn: len(s.Turns), Success: ok})
		say(pick(a.Phrasings(pool)), a.ID)
		hedged := r.Float64() < hedgedShare
		switch {
		case ok && hedged:
			user(pick(w.hedgedSuccess))
		case ok:
			user(pick(w.success))
		case hedged:
			user(pick(w.hedgedFailure))
		default:
			user(pick(w.failure))
		}
		if ok {
			s.Resolved = true
			if r.Float64() < closeShare {
				say(pick(w.closings), "")
				user(pick(w.farewells))
			}
			return s
		}
	}
	if p.Escalation != nil && r.Float64() < escalate {
		say(pick(p.Escalation.Phrasings(pool)), p.Escalation.ID)
		user(pick(w.handedOver))
	}
	return s
}

// SimulateTraining plays scale conversations per training opening in the
// words of pool, each from its own fixed seed: what LoadSimulated tracks.
// The j-th conversation opens with train[j%len(train)] and is seeded by j,
// so scale 1 plays the simulation every earlier figure was measured on,
// and a larger scale adds conversations (the same openings, other
// attempts and outcomes) without changing the first ones. A scale below 1
// counts as 1.
func SimulateTraining(train []Example, plans map[string]Plan, pool Pool, scale int) []Simulated {
	sims := make([]Simulated, len(train)*max(1, scale))
	for j := range sims {
		ex := train[j%len(train)]
		p := plans[ex.Intent]
		sims[j] = Simulate(p, pool, ex.Text, trainingSeed(j, p.Draw))
	}
	return sims
}

// trainingSeed is the random source of the j-th simulated training
// conversation of the world draw+1 (held-out conversations use another
// stream, heldOutSeed).
func trainingSeed(j int, draw uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(j), 1+2*draw))
}

// heldOutSeed is the random source of the i-th held-out conversation of
// the world draw+1.
func heldOutSeed(i int, draw uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(i), 2+2*draw))
}

// String shows a simulated conversation, for debugging.
func (s Simulated) String() string {
	out := s.Intent + ":"
	for _, t := range s.Turns {
		out += fmt.Sprintf("\n  %s: %s", t.Role, t.Content)
		if t.Action != "" {
			out += "  [" + t.Action + "]"
		}
	}
	return out
}
