package eval

import (
	"math/rand/v2"
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

// TestPoolsAreDisjoint: no wording appears in both pools, so nothing
// tuned on the develop pool has seen the report pool's words.
func TestPoolsAreDisjoint(t *testing.T) {
	develop := map[string]bool{}
	for _, a := range simActions {
		for _, s := range a.Develop {
			develop[strings.ToLower(s)] = true
		}
	}
	dt := talks[PoolDevelop]
	for _, l := range [][]string{dt.success, dt.failure, dt.hedgedSuccess, dt.hedgedFailure, dt.handedOver, dt.greetings, dt.asks, dt.answers, dt.closings, dt.farewells} {
		for _, s := range l {
			develop[strings.ToLower(s)] = true
		}
	}
	rt := talks[PoolReport]
	report := [][]string{rt.success, rt.failure, rt.hedgedSuccess, rt.hedgedFailure, rt.handedOver, rt.greetings, rt.asks, rt.answers, rt.closings, rt.farewells}
	for _, a := range simActions {
		if len(a.Develop) == 0 || len(a.Report) == 0 {
			t.Errorf("%s has an empty pool", a.ID)
		}
		report = append(report, a.Report)
	}
	for _, l := range report {
		for _, s := range l {
			if develop[strings.ToLower(s)] {
				t.Errorf("%q is in both pools", s)
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
		for _, pool := range []Pool{PoolDevelop, PoolReport} {
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
