package solution

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// Usage is what a tenant's analysed conversations say about how its
// solutions are used, by solution key (keys merged away are followed to
// their survivors here). It is the evidence MergeByUsage reads.
type Usage struct {
	// Types counts each solution's attempts per issue type.
	Types map[string]map[int64]int
	// Together counts, per pair of solutions, the conversations in which
	// both were attempted.
	Together map[Pair]int
	// Outcomes counts, per issue type, each solution's attempts that
	// worked and that did not (pending and unknown ones aside).
	Outcomes map[string]map[int64]Outcomes
}

// Outcomes are the attempts of a solution that worked and that did not.
type Outcomes struct{ Success, Failure int }

// Pair is two solution keys, in either order.
type Pair struct{ A, B string }

// The evidence MergeByUsage asks for before it calls two solutions one
// action. The evidence is a log Bayes factor, in nats, of "one action"
// over "two actions" (see oneAction).
const (
	// minUses is the attempts each side needs to be compared at all.
	minUses = 3
	// minEvidence is the evidence a pair needs: odds of e^3 ≈ 20 to 1.
	minEvidence = 3
	// countPrior is the concentration of the symmetric Dirichlet priors
	// under which issue types and peers are compared.
	countPrior = 0.5
	// maxTogether is the share of the expected meetings (see oneAction)
	// that one action's phrasings meet: an agent rarely proposes one
	// action twice in a conversation, while two actions for one issue are
	// tried one after the other. Seen more often, they are two.
	maxTogether = 0.1
	// wordWeight is the evidence, per unit of cosine, of the words of the
	// two sides' kept phrasings (see wordVector): the same action is
	// worded with some of the same words beyond its verb and object
	// ("I've changed it on our records, the old address…", "address
	// amended on file").
	wordWeight = 10
)

// outcomeCounts are attempts that worked and that failed.
type outcomeCounts struct{ worked, failed float64 }

// usageGroup is a set of solutions found to be one action, while
// MergeByUsage runs.
type usageGroup struct {
	keys  []string
	types map[int64]float64
	uses  float64
	escal bool
	// outcomes count its attempts that worked and failed, per issue type.
	outcomes map[int64]outcomeCounts
	// peerTotal is the conversations its members shared with any other
	// solution (counted once per other solution), whatever groups form.
	peerTotal float64
	// words counts the content words of its members' kept phrasings;
	// wordVec is them weighed by idf, made on first use.
	words, wordVec map[string]float64
	// verbs are the stems of its members' verbs and particles.
	verbs map[string]bool
}

// usageMerge is one run of MergeByUsage.
type usageMerge struct {
	groups map[string]*usageGroup        // by the key that founded them
	root   map[string]string             // founding key → the group it joined
	peers  map[string]map[string]float64 // conversations that tried both, by founding keys
	// wordDF counts the solutions whose kept phrasings hold a word.
	wordDF map[string]float64
}

func (u *usageMerge) find(k string) string {
	for u.root[k] != k {
		k = u.root[k]
	}
	return k
}

// peerVector is a group's peers by the group they are now in, without
// the groups in skip, and their total.
func (u *usageMerge) peerVector(g *usageGroup, skip ...string) (map[string]float64, float64) {
	out, total := map[string]float64{}, 0.0
	for _, k := range g.keys {
		for p, n := range u.peers[k] {
			r := u.find(p)
			if slices.Contains(skip, r) {
				continue
			}
			out[r] += n
			total += n
		}
	}
	return out, total
}

// MergeByUsage groups solutions that the conversations use as one action
// although their phrasings differ ("order a replacement card", "send you a
// new card"): tried for the same issue types, among the same other
// actions, with the same success rate in each issue type, and never in one
// conversation where two actions would have met; their phrasings' words,
// beyond the verbs both share, add to that evidence (see oneAction). Never meeting and alike success
// rates keep apart distinct actions for one issue, which agents try one
// after the other. An escalation never joins a fix.
//
// use counts the attempts by the solutions their proposals were grouped
// into by their words (Base), not by their groups: the grouping is made
// afresh from those solutions every time, so a group formed on the
// evidence of a few conversations parts again when more say otherwise,
// and what is grouped in the end does not depend on how often it ran.
// The largest solution of a group keeps its key (the first by key among
// equals), and Resolve takes the others' keys to it. It returns the keys
// whose group changed, each mapped to the key it now resolves to.
func (m *Model) MergeByUsage(use Usage) map[string]string {
	m.mu.Lock()
	defer m.mu.Unlock()
	u := m.newUsageMerge(use, m.base)
	// Passes until one merges nothing: a pair is weighed by its peers as
	// grouped so far, and two phrasings of one action look apart while
	// the actions tried around them are still split into their phrasings.
	for range maxPasses {
		if !u.mergePass(m) {
			break
		}
	}
	group := map[string]string{}
	for r, g := range u.groups {
		if u.find(r) != r || len(g.keys) < 2 {
			continue
		}
		survivor := m.clusters[g.keys[0]]
		for _, k := range g.keys[1:] {
			if c := m.clusters[k]; c.Size > survivor.Size || c.Size == survivor.Size && c.Key < survivor.Key {
				survivor = c
			}
		}
		for _, k := range g.keys {
			if k != survivor.Key {
				group[k] = survivor.Key
			}
		}
	}
	return m.regroup(group)
}

// maxPasses bounds the passes of one MergeByUsage.
const maxPasses = 16

// mergePass joins, most evident first, the pairs of groups found to be
// one action, and reports whether it joined any.
func (u *usageMerge) mergePass(m *Model) bool {
	type candidate struct {
		a, b  string
		score float64
	}
	var cands []candidate
	for _, pair := range u.candidatePairs() {
		if ok, score := m.oneAction(u, u.groups[pair[0]], u.groups[pair[1]]); ok {
			cands = append(cands, candidate{pair[0], pair[1], score})
		}
	}
	slices.SortStableFunc(cands, func(x, y candidate) int { return cmp.Compare(y.score, x.score) })
	joined := false
	for _, c := range cands {
		ra, rb := u.find(c.a), u.find(c.b)
		if ra == rb {
			continue
		}
		ga, gb := u.groups[ra], u.groups[rb]
		if ok, _ := m.oneAction(u, ga, gb); !ok {
			continue // no longer, now that a side grew
		}
		ga.join(gb)
		u.root[rb] = ra
		joined = true
	}
	return joined
}

// join adds gb's evidence to ga's.
func (ga *usageGroup) join(gb *usageGroup) {
	ga.keys = append(ga.keys, gb.keys...)
	for t, n := range gb.types {
		ga.types[t] += n
	}
	ga.uses += gb.uses
	for t, o := range gb.outcomes {
		c := ga.outcomes[t]
		c.worked, c.failed = c.worked+o.worked, c.failed+o.failed
		ga.outcomes[t] = c
	}
	ga.peerTotal += gb.peerTotal
	ga.wordVec = nil
	for v := range gb.verbs {
		ga.verbs[v] = true
	}
	for w, n := range gb.words {
		ga.words[w] += n
	}
}

// Alike weighs, for each pair of solutions that share a main issue type
// (as MergeByUsage compares them) and may be one action, the evidence that
// they are: oneAction's log Bayes factor, in nats, whatever its size.
// Pairs ruled out (an escalation and a fix, a side with fewer than minUses
// attempts, two that met as two actions do) are absent. It merges nothing:
// the ranking pools the evidence of pairs too weakly alike to merge (see
// the knowledge package's alike.go).
func (m *Model) Alike(use Usage) map[Pair]float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	u := m.newUsageMerge(use, m.resolve)
	out := map[Pair]float64{}
	for _, pair := range u.candidatePairs() {
		if score, ok := u.evidence(u.groups[pair[0]], u.groups[pair[1]]); ok && !math.IsNaN(score) {
			out[Pair{A: pair[0], B: pair[1]}] = score
		}
	}
	return out
}

// newUsageMerge gathers use by the keys resolve takes its keys to; m.mu
// held.
func (m *Model) newUsageMerge(use Usage, resolve func(string) string) *usageMerge {
	u := &usageMerge{groups: map[string]*usageGroup{}, root: map[string]string{}, peers: map[string]map[string]float64{}, wordDF: map[string]float64{}}
	group := func(key string) *usageGroup {
		key = resolve(key)
		c := m.clusters[key]
		if c == nil {
			return nil
		}
		g := u.groups[key]
		if g == nil {
			g = &usageGroup{keys: []string{key}, types: map[int64]float64{}, outcomes: map[int64]outcomeCounts{}, escal: 2*c.Escalations > c.Size,
				words: sampleWords(c), verbs: verbWords(c)}
			u.groups[key], u.root[key] = g, key
			for w := range g.words {
				u.wordDF[w]++
			}
		}
		return g
	}
	for key, byType := range use.Types {
		if g := group(key); g != nil {
			for t, n := range byType {
				g.types[t] += float64(n)
				g.uses += float64(n)
			}
		}
	}
	for key, byType := range use.Outcomes {
		if g := group(key); g != nil {
			for t, o := range byType {
				c := g.outcomes[t]
				c.worked += float64(o.Success)
				c.failed += float64(o.Failure)
				g.outcomes[t] = c
			}
		}
	}
	for p, n := range use.Together {
		ga, gb := group(p.A), group(p.B)
		if ga == nil || gb == nil || ga == gb || n <= 0 {
			continue
		}
		a, b := ga.keys[0], gb.keys[0]
		if u.peers[a] == nil {
			u.peers[a] = map[string]float64{}
		}
		if u.peers[b] == nil {
			u.peers[b] = map[string]float64{}
		}
		u.peers[a][b] += float64(n)
		u.peers[b][a] += float64(n)
		ga.peerTotal += float64(n)
		gb.peerTotal += float64(n)
	}
	return u
}

// topTypes is how many of a group's largest issue types count as its main
// ones. Where the issue types are fine, one action's uses spread over many
// with none holding a fifth, and two phrasings of it need not have the same
// largest: one largest type each kept such pairs from ever being weighed.
const topTypes = 3

// mainTypes are the issue types holding a fifth of g's uses, and its
// topTypes largest (the lower id first among equals).
func mainTypes(g *usageGroup) []int64 {
	ts := sortedKeys(g.types)
	slices.SortStableFunc(ts, func(a, b int64) int { return cmp.Compare(g.types[b], g.types[a]) })
	out := ts[:min(topTypes, len(ts))]
	for _, t := range ts[len(out):] {
		if g.types[t] >= g.uses/5 {
			out = append(out, t)
		}
	}
	return out
}

// candidatePairs lists the pairs of groups with enough uses that share a
// main issue type (one holding a fifth of a side's uses, or one of its
// topTypes largest): sides of one action have alike type counts, so they
// share one, and comparing only those keeps the step near linear in the
// solutions.
func (u *usageMerge) candidatePairs() [][2]string {
	byType := map[int64][]string{}
	for k, g := range u.groups {
		if g.uses < minUses || u.find(k) != k {
			continue
		}
		for _, t := range mainTypes(g) {
			byType[t] = append(byType[t], k)
		}
	}
	seen := map[[2]string]bool{}
	var out [][2]string
	for _, keys := range byType {
		for i, a := range keys {
			for _, b := range keys[i+1:] {
				p := [2]string{min(a, b), max(a, b)}
				if !seen[p] {
					seen[p] = true
					out = append(out, p)
				}
			}
		}
	}
	slices.SortFunc(out, func(x, y [2]string) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	return out
}

// oneAction tells whether two groups are used as one action, and how
// strong the evidence is: log Bayes factors of "one action" over "two
// actions", summed. Two actions may be two for the same issues (agents
// try them one after the other) or two for different issues; the evidence
// is the smaller of the two comparisons, plus the words' (wordWeight): a
// few conversations then suffice when the usage and the words agree, where
// fixed thresholds on each measure asked for 8–20 conversations per side.
func (m *Model) oneAction(u *usageMerge, a, b *usageGroup) (bool, float64) {
	score, ok := u.evidence(a, b)
	return ok && score >= minEvidence, score
}

// evidence is oneAction's log Bayes factor of "one action" over "two
// actions"; ok is false when the pair is ruled out whatever the factor: an
// escalation and a fix, a side with fewer than minUses attempts, or two
// that met more often than one action's phrasings do.
func (u *usageMerge) evidence(a, b *usageGroup) (score float64, ok bool) {
	if a.escal != b.escal || a.uses < minUses || b.uses < minUses {
		return 0, false
	}
	ra, rb := u.find(a.keys[0]), u.find(b.keys[0])
	pa, ta := u.peerVector(a, ra)
	pb, tb := u.peerVector(b, rb)
	together := pa[rb]
	delete(pa, rb)
	delete(pb, ra)
	ta, tb = ta-together, tb-together
	// The conversations that would have tried both if they were two
	// actions: the sides' peer mass paired at random within their
	// neighbourhood (themselves and their peers), as a configuration model
	// pairs stubs.
	hood := ta + tb + 2*together
	for p := range pa {
		hood += u.groups[p].peerTotal
	}
	for p := range pb {
		if _, dup := pa[p]; !dup {
			hood += u.groups[p].peerTotal
		}
	}
	expected := ta * tb / max(1, hood/2)
	if together > maxTogether*expected {
		return 0, false
	}
	// Against two actions for the same issues, only their never meeting
	// and their alike success rates speak; against two actions for
	// different issues, their issue types and peers speak too. The words
	// of their phrasings speak against both.
	sameIssue := sameRates(a.outcomes, b.outcomes) + apart(together, expected)
	otherIssue := sameIssue + sameCounts(a.types, b.types) + sameCounts(pa, pb)
	return min(sameIssue, otherIssue) + wordWeight*u.wordCosine(a, b), true
}

// sameCounts is the log Bayes factor of two count vectors being drawn from
// one distribution rather than from two, each under a symmetric Dirichlet
// prior over the keys either holds.
func sameCounts[K cmp.Ordered](x, y map[K]float64) float64 {
	union := make(map[K]bool, len(x)+len(y))
	for k := range x {
		union[k] = true
	}
	for k := range y {
		union[k] = true
	}
	keys := sortedKeys(union) // in order: see order.go
	logB := func(v func(K) float64) float64 {
		sum, total := 0.0, 0.0
		for _, k := range keys {
			sum += lgamma(countPrior + v(k))
			total += countPrior + v(k)
		}
		return sum - lgamma(total)
	}
	return logB(func(k K) float64 { return x[k] + y[k] }) - logB(func(k K) float64 { return x[k] }) -
		logB(func(k K) float64 { return y[k] }) + logB(func(K) float64 { return 0 })
}

// sameRates is the log Bayes factor of two groups' attempts having one
// success rate in each issue type both were tried for, rather than one
// rate each, under uniform Beta priors: users react to one action alike
// for one issue, while two actions for one issue seldom work equally
// often.
func sameRates(x, y map[int64]outcomeCounts) float64 {
	var out float64
	for _, t := range sortedKeys(x) { // in order: see order.go
		a := x[t]
		b, ok := y[t]
		if !ok {
			continue
		}
		out += logBeta(1+a.worked+b.worked, 1+a.failed+b.failed) - logBeta(1+a.worked, 1+a.failed) - logBeta(1+b.worked, 1+b.failed)
	}
	return out
}

// apart is the log Bayes factor of two groups meeting together times
// where expected meetings were due were they two actions, as one action
// (met maxTogether as often) rather than two, both Poisson.
func apart(together, expected float64) float64 {
	if expected <= 0 {
		return 0
	}
	return together*math.Log(maxTogether) + (1-maxTogether)*expected
}

func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

func logBeta(a, b float64) float64 { return lgamma(a) + lgamma(b) - lgamma(a+b) }

// Cosine is the cosine of two vectors (counts or weights), summed over
// their keys in order (see order.go).
func Cosine[K cmp.Ordered](a, b map[K]float64) float64 {
	ka := sortedKeys(a)
	d, na, nb := dot(ka, a, b), dot(ka, a, a), dot(sortedKeys(b), b, b)
	if na == 0 || nb == 0 {
		return 0
	}
	return d / math.Sqrt(na*nb)
}

// sampleWords counts the content words of a solution's kept phrasings.
func sampleWords(c *cluster) map[string]float64 {
	out := map[string]float64{}
	for _, mb := range c.Sample {
		for _, w := range textproc.Terms(mb.Text) {
			out[w]++
		}
	}
	return out
}

// wordCosine is the cosine of two groups' words beyond the verbs they
// share. Two solutions under one verb were grouped by that verb and found
// apart by their objects (Consolidate); the verb both phrasings share is
// why they were compared, not evidence that they are one action, and
// counted it let "book it for you" (an apartment viewing) and "book that
// for you" (a ride) meet on the verb alone, once early proposals left
// little else to weigh.
func (u *usageMerge) wordCosine(a, b *usageGroup) float64 {
	va, vb := u.wordVector(a), u.wordVector(b)
	var shared []string
	for v := range a.verbs {
		if b.verbs[v] {
			shared = append(shared, v)
		}
	}
	if len(shared) == 0 {
		return Cosine(va, vb)
	}
	return Cosine(without(va, shared), without(vb, shared))
}

// without is v less the keys in drop.
func without(v map[string]float64, drop []string) map[string]float64 {
	out := make(map[string]float64, len(v))
	for k, x := range v {
		if !slices.Contains(drop, k) {
			out[k] = x
		}
	}
	return out
}

// verbWords are the stems of a solution's verbs and particles.
func verbWords(c *cluster) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(c.Verb) {
		out[w] = true
	}
	for v := range c.Other {
		for _, w := range strings.Fields(v) {
			out[w] = true
		}
	}
	return out
}

// wordVector is a group's words weighed by their idf over the solutions.
func (u *usageMerge) wordVector(g *usageGroup) map[string]float64 {
	if g.wordVec != nil {
		return g.wordVec
	}
	n := float64(len(u.groups))
	g.wordVec = make(map[string]float64, len(g.words))
	for w, tf := range g.words {
		g.wordVec[w] = (1 + math.Log(tf)) * math.Log((n+1)/max(1, u.wordDF[w]))
	}
	return g.wordVec
}
