package eval

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// openings is a small made-up domain: two intents that share most words
// and one that does not.
var openings = []Example{
	{"my card payment was declined at the shop", "declined"},
	{"card payment declined again today", "declined"},
	{"the shop declined my card payment", "declined"},
	{"my card payment is pending for days", "pending"},
	{"card payment still pending at the shop", "pending"},
	{"pending card payment not gone through", "pending"},
	{"I forgot my password and cannot log in", "password"},
	{"password reset email never came", "password"},
	{"can't log in, password not accepted", "password"},
}

func TestPlansAreDeterministicAndPairSharedVocabulary(t *testing.T) {
	p1 := Plans(openings, 1)
	p2 := Plans(append(append([]Example{}, openings[3:]...), openings[:3]...), 1)
	for _, intent := range Intents(openings) {
		if p1[intent].Best() != p2[intent].Best() || len(p1[intent].Actions) < 3 {
			t.Fatalf("plans differ or too small: %+v %+v", p1[intent], p2[intent])
		}
		for _, a := range p1[intent].Actions {
			if a.Escalation {
				t.Errorf("%s: escalation %s among the fixes", intent, a.ID)
			}
		}
	}
	d, p := p1["declined"], p1["pending"]
	if d.Partner != "pending" || p.Partner != "declined" {
		t.Fatalf("declined and pending share their words but are not paired: %q %q", d.Partner, p.Partner)
	}
	if d.Actions[0].ID != p.Actions[0].ID || d.Best() == p.Best() {
		t.Errorf("a pair must share candidates with different best ones: %s vs %s", d.Best(), p.Best())
	}
}

// TestWorlds: world 1 is the simulation every earlier figure was measured
// in (plans of seed 77, the first random streams); another world draws
// other fixes and rates and another course of each conversation.
func TestWorlds(t *testing.T) {
	one, two := World(1).Plans(openings), World(2).Plans(openings)
	seed77 := Plans(openings, 77)
	differ := false
	for _, intent := range Intents(openings) {
		if !reflect.DeepEqual(one[intent], seed77[intent]) {
			t.Fatalf("%s: world 1 is not the plans of seed 77: %+v %+v", intent, one[intent], seed77[intent])
		}
		differ = differ || !reflect.DeepEqual(one[intent].Rates, two[intent].Rates)
	}
	if !differ {
		t.Fatal("world 2 draws the rates of world 1")
	}
	if !reflect.DeepEqual(SimulateTraining(openings, one, PoolDevelop, 1), SimulateTraining(openings, seed77, PoolDevelop, 1)) {
		t.Error("world 1's conversations are not those of seed 77's plans")
	}
	// The same plans in another world's streams: the conversations differ.
	moved := map[string]Plan{}
	for k, p := range one {
		p.Draw = 1
		moved[k] = p
	}
	if reflect.DeepEqual(SimulateTraining(openings, one, PoolDevelop, 1), SimulateTraining(openings, moved, PoolDevelop, 1)) {
		t.Error("world 2's conversations follow world 1's random streams")
	}
}

// TestPoolsAreDisjoint: no wording appears in two pools (all of them,
// pairwise), so nothing tuned on one pool has seen another's words, and
// every pool has the same shape.
func TestPoolsAreDisjoint(t *testing.T) {
	wordings := func(p Pool) [][]string {
		w := specOf(p).talk
		l := [][]string{w.success, w.failure, w.hedgedSuccess, w.hedgedFailure, w.handedOver, w.greetings, w.asks, w.answers, w.closings, w.farewells}
		for _, a := range append(slices.Clip(simActions), retailOnly...) {
			l = append(l, a.Phrasings(p))
		}
		return l
	}
	shape := wordings(PoolDevelop)
	owner := map[string]Pool{}
	for _, p := range Pools {
		l := wordings(p)
		for i := range l {
			if len(l[i]) < len(shape[i]) {
				t.Errorf("pool %s: list %d has %d wordings, fewer than the develop pool's %d", p, i, len(l[i]), len(shape[i]))
			}
		}
		for _, a := range append(slices.Clip(simActions), retailOnly...) {
			if len(a.Phrasings(p)) == 0 {
				t.Errorf("%s has an empty %s pool", a.ID, p)
			}
		}
		seen := map[string]bool{}
		for _, ws := range l {
			for _, s := range ws {
				k := strings.ToLower(s)
				if q, ok := owner[k]; ok && q != p {
					t.Errorf("%q is in pools %s and %s", s, q, p)
				}
				if seen[k] {
					continue
				}
				seen[k] = true
				owner[k] = p
			}
		}
	}
}

// TestSimulateLabelsTurns: every attempt points at the assistant turn that
// performs it, and a conversation is resolved exactly when its last fix
// worked.
func TestSimulateLabelsTurns(t *testing.T) {
	plans := Plans(openings, 3)
	for i, ex := range openings {
		for _, pool := range Pools {
			s := Simulate(plans[ex.Intent], pool, ex.Text, rand.New(rand.NewPCG(uint64(i), 9)))
			if s.Turns[0].Content != ex.Text || len(s.Attempts) == 0 {
				t.Fatalf("bad conversation:\n%s", s)
			}
			for _, at := range s.Attempts {
				if tu := s.Turns[at.Turn]; tu.Role != "assistant" || tu.Action != at.Action {
					t.Fatalf("attempt %+v points at %+v", at, tu)
				}
			}
			if last := s.Attempts[len(s.Attempts)-1]; s.Resolved != last.Success {
				t.Fatalf("resolved %v but last attempt %+v:\n%s", s.Resolved, last, s)
			}
		}
	}
}

// TestParsePool: every registered pool parses to itself, under a name
// that is lower case, one word and its own; nothing else parses.
func TestParsePool(t *testing.T) {
	seen := map[Pool]bool{}
	for _, s := range pools {
		p := s.name
		if got, ok := ParsePool(string(p)); got != p || !ok {
			t.Errorf("ParsePool(%q) = %q, %v; want %q, true", p, got, ok, p)
		}
		if p == "" || strings.ToLower(string(p)) != string(p) || strings.ContainsAny(string(p), " |,") || seen[p] {
			t.Errorf("pool name %q is empty, not lower case, not one word or registered twice", p)
		}
		if s.provenance == "" || (p == PoolDevelop) != (s.byID == nil) {
			t.Errorf("pool %s needs a provenance, and wordings by action id unless it is develop", p)
		}
		seen[p] = true
		for _, wrong := range []string{strings.ToUpper(string(p[:1])) + string(p[1:]), " " + string(p), string(p) + "s"} {
			if got, ok := ParsePool(wrong); got != "" || ok {
				t.Errorf("ParsePool(%q) = %q, %v; want \"\", false", wrong, got, ok)
			}
		}
	}
	for _, wrong := range []string{"", "hidden"} {
		if got, ok := ParsePool(wrong); got != "" || ok {
			t.Errorf("ParsePool(%q) = %q, %v; want \"\", false", wrong, got, ok)
		}
	}
	if len(Pools) != len(pools) || Pools[0] != PoolDevelop {
		t.Errorf("Pools = %v: want every registered pool, develop first", Pools)
	}
}

// TestScoreCountsUnmappedTops: a query whose first fix maps to no
// simulated action, or that got no fix, is wrong per query but leaves the
// intent's best action to the queries that had a mapped top.
func TestScoreCountsUnmappedTops(t *testing.T) {
	plan := Plan{Intent: "lost", Actions: []Action{simActions[0], simActions[1]}, Rates: []float64{0.9, 0.5}}
	plans := map[string]Plan{"lost": plan}
	best := plan.Best()
	mapping := map[string]string{"order_card": best}
	test := []Example{{Text: "I lost my card", Intent: "lost"}, {Text: "my card is gone", Intent: "lost"}, {Text: "card missing", Intent: "lost"}}
	answers := []Answer{
		NewAnswer([]string{"order_card"}, []bool{false}, []float64{0.8}, false, mapping),
		NewAnswer([]string{"say_hello", "order_card"}, []bool{false, false}, []float64{0.9, 0.8}, false, mapping),
		NewAnswer(nil, nil, nil, true, mapping),
	}
	m := RecommendMetrics{Pool: PoolDevelop}
	m.Score(test, plans, answers)
	third := 1.0 / 3
	if m.BestAction != 1 || m.TopIsBest != third || m.UnmappedTop != third || m.NoFix != third {
		t.Errorf("best action %v, per query %v, unmapped top %v, no fix %v; want 1 and a third each", m.BestAction, m.TopIsBest, m.UnmappedTop, m.NoFix)
	}
}

// TestMissKinds: each intent's result names its best fix, what its
// queries put first, and the kind of miss: none, the partner's best, one
// of its own other fixes, or a fix never tried for it.
func TestMissKinds(t *testing.T) {
	a, b, c, d := simActions[0], simActions[1], simActions[2], simActions[3]
	plans := map[string]Plan{
		"lost":    {Intent: "lost", Actions: []Action{a, b}, Rates: []float64{0.9, 0.5}, Partner: "stolen"},
		"stolen":  {Intent: "stolen", Actions: []Action{a, b}, Rates: []float64{0.5, 0.9}, Partner: "lost"},
		"expired": {Intent: "expired", Actions: []Action{c, b}, Rates: []float64{0.9, 0.5}},
		"pin":     {Intent: "pin", Actions: []Action{c, d}, Rates: []float64{0.9, 0.5}},
	}
	test := []Example{{Text: "q1", Intent: "lost"}, {Text: "q2", Intent: "stolen"}, {Text: "q3", Intent: "expired"}, {Text: "q4", Intent: "pin"}}
	tops := []string{a.ID, a.ID, b.ID, a.ID} // lost right; stolen has lost's best; expired its own lesser fix; pin one never tried
	answers := make([]Answer, len(tops))
	for i, top := range tops {
		answers[i] = Answer{Top: top, Probs: map[string]float64{top: 0.7}}
	}
	m := RecommendMetrics{Pool: PoolDevelop}
	m.Score(test, plans, answers)
	want := map[string]string{"lost": "none", "stolen": "partner-best", "expired": "own-fix", "pin": "off-plan"}
	if len(m.PerIntent) != len(want) {
		t.Fatalf("%d intents, want %d", len(m.PerIntent), len(want))
	}
	for _, r := range m.PerIntent {
		if r.Miss != want[r.Intent] || r.Best != plans[r.Intent].Best() || r.Tops[tops[slices.IndexFunc(test, func(e Example) bool { return e.Intent == r.Intent })]] != 1 {
			t.Errorf("%s: %+v, want miss %s", r.Intent, r, want[r.Intent])
		}
	}
	if m.BestAction != 0.25 {
		t.Errorf("best action %v, want one intent of four", m.BestAction)
	}
}

// TestScaleAddsConversations: a larger scale keeps the conversations of
// scale 1 as they were (earlier figures stay comparable), opens the added
// ones with the same openings, plays them otherwise, and lowers the
// ceiling's probability error, which is what the scale is for.
func TestScaleAddsConversations(t *testing.T) {
	var train []Example
	for range 4 {
		train = append(train, openings...)
	}
	plans := Plans(train, 77)
	one := SimulateTraining(train, plans, PoolDevelop, 1)
	many := SimulateTraining(train, plans, PoolDevelop, 20)
	if len(one) != len(train) || len(many) != 20*len(train) {
		t.Fatalf("%d and %d conversations for %d openings", len(one), len(many), len(train))
	}
	differ := 0
	for j, s := range many {
		if j < len(one) && s.String() != one[j].String() {
			t.Fatalf("conversation %d changed with the scale:\n%s\n%s", j, s, one[j])
		}
		if s.Turns[0].Content != train[j%len(train)].Text {
			t.Fatalf("conversation %d opens with %q", j, s.Turns[0].Content)
		}
		if j >= len(one) && s.String() != many[j%len(train)].String() {
			differ++
		}
	}
	if differ < len(many)/2 {
		t.Errorf("only %d of %d added conversations differ from their opening's first", differ, len(many)-len(one))
	}
	if b1, b20 := OracleBound(one, plans), OracleBound(many, plans); b20.RMSE >= b1.RMSE {
		t.Errorf("ceiling RMSE %.3f at scale 20, %.3f at scale 1", b20.RMSE, b1.RMSE)
	}
}
