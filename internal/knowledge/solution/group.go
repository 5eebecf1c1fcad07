package solution

import (
	"maps"
	"slices"
)

// regroup replaces the usage groups with group (solution key → its
// group's key) and returns the keys whose group changed, each mapped to
// the key it now resolves to; m.mu held.
func (m *Model) regroup(group map[string]string) map[string]string {
	changed := map[string]string{}
	for k, g := range group {
		if m.group[k] != g {
			changed[k] = g
		}
	}
	for k := range m.group {
		if _, ok := group[k]; !ok {
			changed[k] = k
		}
	}
	m.group = group
	m.grouped = map[string][]string{}
	for _, k := range slices.Sorted(maps.Keys(group)) {
		g := group[k]
		if m.grouped[g] == nil {
			m.grouped[g] = []string{g}
		}
		m.grouped[g] = append(m.grouped[g], k)
	}
	return changed
}

// rebase brings the usage groups up to a consolidation that merged
// solutions: a merged-away key's place goes to the solution it merged
// into, unless that one has a group of its own; m.mu held.
func (m *Model) rebase() {
	group := map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(m.group)) {
		k2, g := m.base(k), m.base(m.group[k])
		if _, taken := group[k2]; k2 == g || taken {
			continue
		}
		group[k2] = g
	}
	// A group's key must not be grouped under another's.
	var drop []string
	for k, g := range group {
		if _, ok := group[g]; ok {
			drop = append(drop, k)
		}
	}
	for _, k := range drop {
		delete(group, k)
	}
	m.regroup(group)
}
