package solution

import (
	"testing"

	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
)

// BenchmarkAssign measures placing one proposal in a tenant that already
// has a few hundred solutions; analysis runs it for every attempt.
func BenchmarkAssign(b *testing.B) {
	verbs := []string{"check", "update", "reset", "cancel", "order", "freeze", "contact", "restart"}
	nouns := []string{"card", "app", "password", "account", "order", "bank", "phone", "router", "email", "address",
		"payment", "subscription", "device", "settings", "cache", "profile", "balance", "pin", "limit", "transfer"}
	mods := []string{"", "new", "replacement", "online", "mobile", "default", "home", "debit"}
	var ps []Proposal
	for i := range 2000 {
		ph := attempt.Phrase{Verb: verbs[i%len(verbs)], Object: []string{nouns[(i/7)%len(nouns)]}, Base: true}
		if m := mods[(i/3)%len(mods)]; m != "" {
			ph.Object = append([]string{m}, ph.Object...)
		}
		ps = append(ps, Proposal{Phrase: ph, Text: ph.Verb + " the thing"})
	}
	m := NewModel(Config{})
	for _, p := range ps {
		m.Assign(p)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.Assign(ps[i%len(ps)])
		i++
	}
}
