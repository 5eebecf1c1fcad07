package solution

import (
	"slices"
	"strings"
)

// Due reports whether enough proposals arrived since the last
// consolidation: max(50, a tenth of all seen).
func (m *Model) Due() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.pending >= max(50, m.n/10)
}

// DueWhenIdle is Due for a tenant whose backlog has drained: enough
// proposals arrived since the last consolidation, max(50, one in a
// hundred of all seen), that the last stretch of a load should be
// consolidated now rather than when the next tenth arrives.
func (m *Model) DueWhenIdle() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.pending >= max(50, m.n/100)
}

// Consolidate re-weighs every solution under the current document
// frequencies and merges, within each verb, the pairs now at or above the
// threshold, most similar first: early proposals were placed under weights
// learned from few examples. The larger solution keeps its key (the older
// on ties); the other's key becomes an alias. It returns the keys merged
// away, each mapped to its survivor.
func (m *Model) Consolidate() map[string]string {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pending, m.epoch = 0, m.epoch+1
	merged := map[string]string{}
	verbs := make([]string, 0, len(m.byVerb))
	for verb := range m.byVerb {
		verbs = append(verbs, verb)
	}
	slices.Sort(verbs)
	for _, verb := range verbs {
		slices.Sort(m.byVerb[verb])
		for {
			a, b, ok := m.closestPair(verb, m.byVerb[verb])
			if !ok {
				break
			}
			ca, cb := m.clusters[a], m.clusters[b]
			if cb.Size > ca.Size {
				ca, cb = cb, ca
			}
			m.absorb(ca, cb)
			merged[cb.Key] = ca.Key
		}
	}
	for from, to := range merged {
		merged[from] = m.base(to)
	}
	if len(merged) > 0 {
		m.rebase()
	}
	return merged
}

// absorb merges cb into ca: its phrasings under every verb, its counts and
// sample; cb's key becomes an alias of ca's.
func (m *Model) absorb(ca, cb *cluster) {
	into := func(verb string, feats map[string]float64, size int) {
		dst := ca.featuresFor(verb)
		for f, w := range feats {
			dst[f] += w
		}
		if f := ca.Other[verb]; f != nil && verb != ca.Verb {
			f.Size += size - 1 // featuresFor counted one
		}
		keys := slices.DeleteFunc(m.byVerb[verb], func(k string) bool { return k == cb.Key })
		if !slices.Contains(keys, ca.Key) {
			keys = append(keys, ca.Key)
			slices.Sort(keys)
		}
		m.byVerb[verb] = keys
	}
	primary := cb.Size
	for _, f := range cb.Other {
		primary -= f.Size
	}
	into(cb.Verb, cb.Features, max(1, primary))
	for verb, f := range cb.Other {
		into(verb, f.Features, max(1, f.Size))
	}
	ca.mergeDense(&cb.dense)
	ca.Size += cb.Size
	ca.Escalations += cb.Escalations
	for _, mb := range cb.Sample {
		if len(ca.Sample) < m.cfg.SampleSize {
			ca.Sample = append(ca.Sample, mb)
		}
	}
	ca.desc, ca.vec.vec = "", nil // chosen again among the merged members
	delete(m.clusters, cb.Key)
	m.alias[cb.Key] = ca.Key
}

// closestPair returns the two most similar solutions among keys, by their
// phrasings under verb, at or above the threshold.
func (m *Model) closestPair(verb string, keys []string) (string, string, bool) {
	if len(keys) < 2 {
		return "", "", false
	}
	vecs := make([]*vecCache, len(keys))
	for i, k := range keys {
		vecs[i] = m.vectorFor(m.clusters[k], verb)
	}
	bi, bj, best := -1, -1, m.cfg.Threshold
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			ci := m.clusters[keys[i]]
			s := m.mixDense(similarity(vecs[i], vecs[j]), ci.Sum, ci.length(), &m.clusters[keys[j]].dense)
			if s > best || s == best && bi < 0 {
				bi, bj, best = i, j, s
			}
		}
	}
	if bi < 0 {
		return "", "", false
	}
	a, b := keys[bi], keys[bj]
	if strings.Compare(a, b) > 0 {
		a, b = b, a
	}
	return a, b, true
}
