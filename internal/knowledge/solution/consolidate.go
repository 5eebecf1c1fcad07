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
	for verb, keys := range m.byVerb {
		slices.Sort(keys)
		for {
			a, b, ok := m.closestPair(keys)
			if !ok {
				break
			}
			ca, cb := m.clusters[a], m.clusters[b]
			if cb.Size > ca.Size {
				ca, cb = cb, ca
			}
			for f, w := range cb.Features {
				ca.Features[f] += w
			}
			ca.Size += cb.Size
			ca.Escalations += cb.Escalations
			for _, mb := range cb.Sample {
				if len(ca.Sample) < m.cfg.SampleSize {
					ca.Sample = append(ca.Sample, mb)
				}
			}
			ca.desc = "" // chosen again among the merged members
			delete(m.clusters, cb.Key)
			m.alias[cb.Key] = ca.Key
			merged[cb.Key] = ca.Key
			keys = slices.DeleteFunc(keys, func(k string) bool { return k == cb.Key })
		}
		m.byVerb[verb] = keys
	}
	for from, to := range merged {
		merged[from] = m.resolve(to)
	}
	return merged
}

// closestPair returns the two most similar solutions among keys at or
// above the threshold.
func (m *Model) closestPair(keys []string) (string, string, bool) {
	if len(keys) < 2 {
		return "", "", false
	}
	vecs := make([]map[string]float64, len(keys))
	for i, k := range keys {
		vecs[i], _ = m.vector(m.clusters[k])
	}
	bi, bj, best := -1, -1, m.cfg.Threshold
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			s := similarity(vecs[i], vecs[j], len(m.clusters[keys[i]].Features) == 0, len(m.clusters[keys[j]].Features) == 0)
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
