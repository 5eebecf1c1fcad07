package solution

import (
	"cmp"
	"math"
	"slices"
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
	// Outcomes counts each solution's attempts that worked and that did
	// not (pending and unknown ones aside), over all issue types.
	Outcomes map[string]Outcomes
}

// Outcomes are the attempts of a solution that worked and that did not.
type Outcomes struct{ Success, Failure int }

// Pair is two solution keys, in either order.
type Pair struct{ A, B string }

// The evidence MergeByUsage asks for before it calls two solutions one
// action.
const (
	// minUses is the attempts, and the attempts of other solutions in the
	// same conversations, each side needs: below that, "never together" is
	// no evidence.
	minUses = 8
	// minTypeSim is the cosine of the two sides' issue-type counts: one
	// action's phrasings are chosen for the same issues.
	minTypeSim = 0.7
	// minPeerSim is the cosine of the two sides' conversation peers (the
	// other solutions tried in the same conversations): one action's
	// phrasings are tried before and after the same other actions, where
	// two actions for different issues that happen to share a learned
	// issue type are tried among different ones.
	minPeerSim = 0.5
	// minExpected is the conversations that would have tried both sides
	// were they two actions (see oneAction) below which their never
	// meeting says nothing: Poisson(3) is 0 one time in twenty.
	minExpected = 3
	// minExpectedAlike replaces minExpected for sides whose objects are
	// alike (minObjectSim, idf-weighted cosine): the words then carry part
	// of the evidence ("order a new card", "request a replacement card").
	minExpectedAlike = 0.5
	minObjectSim     = 0.5
	// minPeersUnalike is minUses for the peers of sides whose objects are
	// not alike: with nothing but their use to go on, a few conversations
	// apart are too often two actions of two issues that one learned type
	// holds.
	minPeersUnalike = 20
	// maxOutcomeZ bounds how far apart, in standard errors, the two
	// sides' success rates may be (about one pair of one action in twenty
	// is further apart by chance).
	maxOutcomeZ = 2
	// maxTogether is the share of those expected meetings that may be
	// seen: an agent rarely proposes one action twice in a conversation,
	// while two actions for one issue are tried one after the other.
	maxTogether = 0.1
)

// usageGroup is a set of solutions found to be one action, while
// MergeByUsage runs.
type usageGroup struct {
	keys  []string
	types map[int64]float64
	uses  float64
	escal bool
	// worked and failed count its attempts' outcomes.
	worked, failed float64
	// peerTotal is the conversations its members shared with any other
	// solution (counted once per other solution), whatever groups form.
	peerTotal float64
	objects   map[string]float64 // idf-weighted object features, made on first use
}

// usageMerge is one run of MergeByUsage.
type usageMerge struct {
	groups map[string]*usageGroup        // by the key that founded them
	root   map[string]string             // founding key → the group it joined
	peers  map[string]map[string]float64 // conversations that tried both, by founding keys
	// peerWeight is the idf of each solution as a peer: one tried with
	// every other (a greeting read as a proposal, a universal first step)
	// says nothing about which action a solution is.
	peerWeight map[string]float64
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

// MergeByUsage merges solutions that the conversations use as one action
// although their phrasings differ ("order a replacement card", "send you a
// new card"): tried for the same issue types, among the same other
// actions, and never in one conversation where two actions would have met
// several times. The last condition keeps apart distinct actions for one
// issue, which agents try one after the other. An escalation never merges
// with a fix. The largest solution of a group keeps its key; the others
// become its aliases. It returns the keys merged away, each mapped to its
// survivor.
func (m *Model) MergeByUsage(use Usage) map[string]string {
	m.mu.Lock()
	defer m.mu.Unlock()
	u := &usageMerge{groups: map[string]*usageGroup{}, root: map[string]string{}, peers: map[string]map[string]float64{}}
	group := func(key string) *usageGroup {
		key = m.resolve(key)
		c := m.clusters[key]
		if c == nil {
			return nil
		}
		g := u.groups[key]
		if g == nil {
			g = &usageGroup{keys: []string{key}, types: map[int64]float64{}, escal: 2*c.Escalations > c.Size}
			u.groups[key], u.root[key] = g, key
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
	for key, o := range use.Outcomes {
		if g := group(key); g != nil {
			g.worked += float64(o.Success)
			g.failed += float64(o.Failure)
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

	u.peerWeight = make(map[string]float64, len(u.peers))
	for k, ps := range u.peers {
		u.peerWeight[k] = math.Log(float64(1+len(u.peers)) / float64(len(ps)))
	}
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
	for _, c := range cands {
		ra, rb := u.find(c.a), u.find(c.b)
		if ra == rb {
			continue
		}
		ga, gb := u.groups[ra], u.groups[rb]
		if ok, _ := m.oneAction(u, ga, gb); !ok {
			continue // no longer, now that a side grew
		}
		ga.keys = append(ga.keys, gb.keys...)
		for t, n := range gb.types {
			ga.types[t] += n
		}
		ga.uses += gb.uses
		ga.worked += gb.worked
		ga.failed += gb.failed
		ga.peerTotal += gb.peerTotal
		ga.objects = nil
		u.root[rb] = ra
	}
	merged := map[string]string{}
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
				m.absorb(survivor, m.clusters[k])
				merged[k] = survivor.Key
			}
		}
	}
	if len(merged) > 0 {
		m.epoch++
	}
	return merged
}

// weighPeers returns a peer vector (by group) times each group's peer
// weight: that of its founding member, the first key.
func (u *usageMerge) weighPeers(v map[string]float64) map[string]float64 {
	out := make(map[string]float64, len(v))
	for r, n := range v {
		out[r] = n * u.peerWeight[r]
	}
	return out
}

// candidatePairs lists the pairs of groups with enough uses that share a
// main issue type (one holding a fifth of a side's uses, or its largest):
// sides of one action have alike type counts, so they share one, and
// comparing only those keeps the step near linear in the solutions.
func (u *usageMerge) candidatePairs() [][2]string {
	byType := map[int64][]string{}
	for k, g := range u.groups {
		if g.uses < minUses {
			continue
		}
		top, topN := int64(0), -1.0
		for t, n := range g.types {
			if n > topN || n == topN && t < top {
				top, topN = t, n
			}
			if n >= g.uses/5 {
				byType[t] = append(byType[t], k)
			}
		}
		if topN < g.uses/5 {
			byType[top] = append(byType[top], k)
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
// alike their use is.
func (m *Model) oneAction(u *usageMerge, a, b *usageGroup) (bool, float64) {
	if a.escal != b.escal || a.uses < minUses || b.uses < minUses {
		return false, 0
	}
	typeSim := cosine(a.types, b.types)
	if typeSim < minTypeSim || !sameOutcomes(a, b) {
		return false, 0
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
	need, mass := float64(minExpected), float64(minPeersUnalike)
	if m.objectSim(a, b) >= minObjectSim {
		need, mass = minExpectedAlike, minUses
	}
	if expected < need || min(ta, tb) < mass || together > maxTogether*expected {
		return false, 0
	}
	peerSim := cosine(u.weighPeers(pa), u.weighPeers(pb))
	if peerSim < minPeerSim {
		return false, 0
	}
	return true, typeSim * peerSim
}

// sameOutcomes tells whether two groups' success rates could be one rate:
// users react to one action alike. Two proportions more than maxOutcomeZ
// standard errors apart are two actions.
func sameOutcomes(a, b *usageGroup) bool {
	na, nb := a.worked+a.failed, b.worked+b.failed
	if na == 0 || nb == 0 {
		return true
	}
	pooled := (a.worked + b.worked) / (na + nb)
	se := math.Sqrt(pooled * (1 - pooled) * (1/na + 1/nb))
	if se == 0 {
		return true
	}
	return math.Abs(a.worked/na-b.worked/nb) <= maxOutcomeZ*se
}

// cosine is the cosine of two vectors (counts or weights).
func cosine[K comparable](a, b map[K]float64) float64 {
	var dot, na, nb float64
	for k, x := range a {
		dot += x * b[k]
		na += x * x
	}
	for _, y := range b {
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// objectSim is the cosine of two groups' object features, weighed by idf.
func (m *Model) objectSim(a, b *usageGroup) float64 {
	return cosine(m.groupObjects(a), m.groupObjects(b))
}

func (m *Model) groupObjects(g *usageGroup) map[string]float64 {
	if g.objects != nil {
		return g.objects
	}
	raw := map[string]float64{}
	for _, k := range g.keys {
		c := m.clusters[k]
		for f, w := range c.Features {
			raw[f] += w
		}
		for _, o := range c.Other {
			for f, w := range o.Features {
				raw[f] += w
			}
		}
	}
	g.objects = m.weigh(raw)
	return g.objects
}
