package solution

import (
	"slices"
	"testing"
)

// conversation is a simulated conversation for usage tests: its issue
// type and the proposals tried in it, in order.
type conversation struct {
	typeID int64
	turns  []string
}

// learn assigns every proposal of convs and returns the usage the engine
// would report for them.
func learn(t *testing.T, m *Model, convs []conversation) Usage {
	t.Helper()
	u := Usage{Types: map[string]map[int64]int{}, Together: map[Pair]int{}}
	for _, c := range convs {
		var keys []string
		for _, turn := range c.turns {
			keys = append(keys, m.Assign(proposal(t, turn)))
		}
		tally(u, c.typeID, keys)
	}
	return u
}

// tally counts, in u, each of the solutions one conversation of type typ
// tried (once per try) and each pair of distinct ones tried together.
func tally(u Usage, typ int64, keys []string) {
	var distinct []string
	for _, k := range keys {
		if u.Types[k] == nil {
			u.Types[k] = map[int64]int{}
		}
		u.Types[k][typ]++
		if !slices.Contains(distinct, k) {
			distinct = append(distinct, k)
		}
	}
	for i, x := range distinct {
		for _, y := range distinct[i+1:] {
			u.Together[Pair{A: min(x, y), B: max(x, y)}]++
		}
	}
}

const (
	order    = "I have ordered a replacement card."
	request  = "I've requested a new card for you."
	freeze   = "Please freeze your card."
	check    = "Please check the expiry date."
	transfer = "I'll transfer you to our card team."
	update   = "Please update the app."
	clearApp = "Please clear the app cache."

	bookViewing = "There is still a viewing available at that time. Would you like me to book it for you?"
	bookRide    = "I found a ride for you from the hospital. Should I book that for you?"
	payFee      = "Please pay the application fee."
	enjoyRide   = "Enjoy your ride!"
)

// cycle repeats variants n times each, in turn.
func cycle(n int, variants ...conversation) []conversation {
	var out []conversation
	for range n {
		out = append(out, variants...)
	}
	return out
}

// fineTypes is a and b each tried, before freezing and checking the card,
// four times in each of eight issue types, and twice more in type 1 (a)
// or type 8 (b).
func fineTypes(a, b string) []conversation {
	var out []conversation
	for typ := int64(1); typ <= 8; typ++ {
		for range 4 {
			out = append(out, conversation{typ, []string{a, freeze, check}}, conversation{typ, []string{b, freeze, check}})
		}
	}
	for range 2 {
		out = append(out, conversation{1, []string{a, freeze, check}}, conversation{8, []string{b, freeze, check}})
	}
	return out
}

func TestMergeByUsage(t *testing.T) {
	lostCard := func(first string) conversation { return conversation{1, []string{first, freeze, check}} }
	tests := []struct {
		name        string
		convs       []conversation
		same, apart [][2]string         // proposals whose solutions must end as one, or stay two
		outcomes    map[string]Outcomes // by proposal
	}{{
		name: "phrasings of one action merge across verbs",
		// Ordering and requesting a card are never tried together, for
		// the same issue, among the same other actions.
		convs: cycle(15, lostCard(order), lostCard(request), conversation{2, []string{update, clearApp}}),
		same:  [][2]string{{order, request}},
		apart: [][2]string{{order, freeze}, {freeze, check}, {order, update}, {update, clearApp}},
	}, {
		name: "phrasings of one action merge when the issue types are fine",
		// Spread over eight issue types, none holding a fifth of either
		// side's uses, and each side's largest type another.
		convs: fineTypes(order, request),
		same:  [][2]string{{order, request}},
		apart: [][2]string{{order, freeze}, {freeze, check}},
	}, {
		name: "actions tried together stay apart",
		convs: cycle(15, conversation{1, []string{order, request, freeze}}, conversation{1, []string{request, check}},
			conversation{1, []string{order, check}}),
		apart: [][2]string{{order, request}},
	}, {
		name:  "an escalation never merges with a fix",
		convs: cycle(15, lostCard(order), lostCard(transfer)),
		apart: [][2]string{{order, transfer}},
	}, {
		name: "actions for different issues stay apart",
		// Never together, among the same other actions, but for different
		// issue types.
		convs: cycle(15, lostCard(order), conversation{2, []string{update, freeze, check}}),
		apart: [][2]string{{order, update}},
	}, {
		name: "actions among different other actions stay apart",
		// Never together, for one issue type (two issues the types lump
		// together), but each tried among its own other actions.
		convs: cycle(15, conversation{1, []string{order, freeze}}, conversation{1, []string{update, clearApp}}),
		apart: [][2]string{{order, update}, {freeze, clearApp}},
	}, {
		name: "one verb on different objects does not meet on the verb",
		// "Book it for you" and "book that for you" hold no word but their
		// verb, under which their objects were already found apart; early
		// on (a few conversations, the issue types not yet apart) the
		// verb alone merged a viewing and a ride.
		convs: cycle(4, conversation{1, []string{bookViewing, payFee}}, conversation{1, []string{bookRide, enjoyRide}}),
		apart: [][2]string{{bookViewing, bookRide}},
	}, {
		name:     "actions users react to differently stay apart",
		convs:    cycle(15, lostCard(order), lostCard(request)),
		outcomes: map[string]Outcomes{order: {Success: 14, Failure: 1}, request: {Success: 2, Failure: 13}},
		apart:    [][2]string{{order, request}},
	}, {
		name:  "never together means nothing without enough conversations",
		convs: cycle(2, lostCard(order), lostCard(request)),
		apart: [][2]string{{order, request}},
	}, {
		name: "never together means nothing when they would rarely have met",
		// Their neighbours are mostly tried with each other, so two
		// distinct actions among them would seldom meet either.
		convs: append(cycle(8, lostCard(order), lostCard(request)), cycle(300, conversation{1, []string{freeze, check}})...),
		apart: [][2]string{{order, request}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewModel(Config{})
			u := learn(t, m, tt.convs)
			if tt.outcomes != nil {
				u.Outcomes = map[string]map[int64]Outcomes{}
				for p, o := range tt.outcomes {
					u.Outcomes[m.Assign(proposal(t, p))] = map[int64]Outcomes{1: o}
				}
			}
			m.MergeByUsage(u)
			key := func(p string) string { return m.Resolve(m.Assign(proposal(t, p))) }
			for _, p := range tt.same {
				if a, b := key(p[0]), key(p[1]); a != b {
					t.Errorf("%q (%s) and %q (%s): two solutions, want one", p[0], a, p[1], b)
				}
			}
			for _, p := range tt.apart {
				if a, b := key(p[0]), key(p[1]); a == b {
					t.Errorf("%q and %q: one solution %s, want two", p[0], p[1], a)
				}
			}
		})
	}
}

// TestMergedVerbsPersist: once grouped, a new proposal with the other
// verb resolves to the group, before and after the model is saved and
// loaded, and the larger solution's key survives.
func TestMergedVerbsPersist(t *testing.T) {
	m := NewModel(Config{})
	lostCard := func(first string) conversation { return conversation{1, []string{first, freeze, check}} }
	convs := cycle(15, lostCard(order), lostCard(order), lostCard(request))
	merged := m.MergeByUsage(learn(t, m, convs))
	survivor := m.Resolve(m.Assign(proposal(t, order)))
	if survivor != "order_replacement_card" || merged["request_new_card"] != survivor {
		t.Fatalf("merged %v, survivor %q; want request_new_card into order_replacement_card", merged, survivor)
	}
	back := reload(t, m)
	for name, model := range map[string]*Model{"before saving": m, "after loading": back} {
		if got := model.Resolve(model.Assign(proposal(t, "Let me request a new card for you."))); got != survivor {
			t.Errorf("%s: a new request phrasing went to %q, want %q", name, got, survivor)
		}
		if s, _ := model.Get(survivor); len(s.Members) < 2 {
			t.Errorf("%s: members %v", name, s.Members)
		}
		if s, _ := model.Get("request_new_card"); s.Key != survivor || s.Size != 47 {
			t.Errorf("%s: request_new_card reads as %s of size %d, want %s of 47", name, s.Key, s.Size, survivor)
		}
	}
	if n := back.Len(); n != 3 {
		t.Errorf("after loading: %d solutions, want 3 (order, freeze, check)", n)
	}
}

// TestUsageGroupsRevisable: a group formed on the first conversations
// parts when later ones say the two are two actions, and what is grouped
// in the end is what one usage merge over all the conversations groups.
func TestUsageGroupsRevisable(t *testing.T) {
	lostCard := func(first string) conversation { return conversation{1, []string{first, freeze, check}} }
	early := cycle(15, lostCard(order), lostCard(request))
	// Later, agents try both in one conversation, as two actions.
	late := cycle(15, conversation{1, []string{order, request, freeze}}, conversation{1, []string{request, check}},
		conversation{1, []string{order, check}})
	m := NewModel(Config{})
	u := learn(t, m, early)
	m.MergeByUsage(u)
	key := func(p string) string { return m.Resolve(m.Assign(proposal(t, p))) }
	if key(order) != key(request) {
		t.Fatalf("early: %s and %s, want one group", key(order), key(request))
	}
	more := learn(t, m, late)
	for k, byType := range more.Types {
		if u.Types[k] == nil {
			u.Types[k] = map[int64]int{}
		}
		for typ, n := range byType {
			u.Types[k][typ] += n
		}
	}
	for p, n := range more.Together {
		u.Together[p] += n
	}
	changed := m.MergeByUsage(u)
	if a, b := key(order), key(request); a == b {
		t.Errorf("late: one group %s, want the two apart again", a)
	}
	if len(changed) == 0 {
		t.Error("late: no key reported as moved")
	}
	if n := m.Len(); n != 4 {
		t.Errorf("late: %d solutions, want 4 (order, request, freeze, check)", n)
	}
}

// TestAlike: Alike weighs, without merging, the pairs MergeByUsage
// compares: one action's two wordings have strong evidence of being one;
// pairs tried together, and an escalation with a fix, are absent.
func TestAlike(t *testing.T) {
	lostCard := func(first string) conversation { return conversation{1, []string{first, freeze, check}} }
	m := NewModel(Config{})
	u := learn(t, m, cycle(15, lostCard(order), lostCard(request), lostCard(transfer),
		conversation{1, []string{update, freeze, check}}))
	key := func(p string) string { return m.Resolve(m.Assign(proposal(t, p))) }
	evidence := func(a, b string) (float64, bool) {
		x, y := key(a), key(b)
		ev, ok := m.Alike(u)[Pair{A: min(x, y), B: max(x, y)}]
		return ev, ok
	}
	one, ok := evidence(order, request)
	if !ok || one < minEvidence {
		t.Fatalf("one action's wordings: evidence %.2f (present %v), want at least %v", one, ok, minEvidence)
	}
	if _, ok := evidence(order, freeze); ok {
		t.Error("actions tried together are weighed, want them absent")
	}
	if _, ok := evidence(order, transfer); ok {
		t.Error("an escalation and a fix are weighed, want them absent")
	}
	if key(order) == key(request) {
		t.Error("Alike merged two solutions")
	}
}
