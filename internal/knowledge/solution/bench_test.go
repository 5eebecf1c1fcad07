package solution

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
)

// BenchmarkAssign measures placing one proposal in a tenant that already
// has a few hundred solutions; analysis runs it for every attempt.
func BenchmarkAssign(b *testing.B) { benchAssign(b, false) }

// BenchmarkAssignVectors is BenchmarkAssign with a 100-dimension vector
// on every proposal, weighed as solutions by meaning weigh them (the
// vectors given, not made: embedding is the caller's cost).
func BenchmarkAssignVectors(b *testing.B) { benchAssign(b, true) }

func benchAssign(b *testing.B, vectors bool) {
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
		p := Proposal{Phrase: ph, Text: ph.Verb + " the thing"}
		if vectors {
			p.Vector = benchVector(EmbedText(ph))
		}
		ps = append(ps, p)
	}
	cfg := Config{}
	if vectors {
		cfg.DenseWeight = 0.35
	}
	m := NewModel(cfg)
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

// benchVector is a unit vector of 100 dimensions drawn from a seed of
// text, the same for the same text.
func benchVector(text string) []float32 {
	var seed uint64
	for _, c := range text {
		seed = seed*31 + uint64(c)
	}
	r := rand.New(rand.NewPCG(seed, 7))
	v := make([]float32, 100)
	var ss float64
	for i := range v {
		v[i] = float32(r.NormFloat64())
		ss += float64(v[i]) * float64(v[i])
	}
	for i := range v {
		v[i] /= float32(math.Sqrt(ss))
	}
	return v
}

// BenchmarkMergeByUsage measures one usage merge over a tenant with 2,000
// solutions across 200 issue types and 100,000 conversations of three
// attempts, the size at which the engine runs it under the tenant's lock.
func BenchmarkMergeByUsage(b *testing.B) {
	m, u := benchUsage()
	b.ReportAllocs()
	for b.Loop() {
		m.MergeByUsage(u) // every pair tried together: nothing merges, all is compared
	}
}

// BenchmarkAlike measures the weighing of the same tenant's pairs, which
// the engine runs at every recount under the tenant's lock.
func BenchmarkAlike(b *testing.B) {
	m, u := benchUsage()
	b.ReportAllocs()
	for b.Loop() {
		m.Alike(u)
	}
}

// benchUsage is a model with 2,000 solutions across 200 issue types and
// the usage of 100,000 conversations of three attempts.
func benchUsage() (*Model, Usage) {
	const solutions, types, conversations = 2000, 200, 100_000
	m := NewModel(Config{})
	keys := make([]string, solutions)
	for i := range keys {
		keys[i] = m.Assign(Proposal{Phrase: attempt.Phrase{Verb: fmt.Sprintf("verb%d", i), Object: []string{fmt.Sprintf("noun%d", i%300)}, Base: true},
			Text: "do the thing"})
	}
	u := Usage{Types: map[string]map[int64]int{}, Together: map[Pair]int{}}
	r := rand.New(rand.NewPCG(1, 2))
	for range conversations {
		t := int64(r.IntN(types))
		// Each type's conversations draw from its own ten solutions.
		var tried []string
		for range 3 {
			k := keys[(int(t)*10+r.IntN(10))%solutions]
			if u.Types[k] == nil {
				u.Types[k] = map[int64]int{}
			}
			u.Types[k][t]++
			if !slices.Contains(tried, k) {
				tried = append(tried, k)
			}
		}
		for i, x := range tried {
			for _, y := range tried[i+1:] {
				u.Together[Pair{A: min(x, y), B: max(x, y)}]++
			}
		}
	}
	return m, u
}
