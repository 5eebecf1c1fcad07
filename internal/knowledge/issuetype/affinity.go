package issuetype

import (
	"slices"
	"sync"
)

// affinityLadder are the Louvain resolutions, below the partition's own (4),
// at which the graph of the types is partitioned again (see Affinity).
var affinityLadder = []float64{2, 1}

// Affinity relates the issue types of one partition by the coarser
// partitions of the same graph: the graph of the types (their documents'
// similarity graph with each type's documents as one node) is partitioned
// again by Louvain at each resolution of affinityLadder, and two types'
// affinity is the share of those partitions that hold them together.
// Types split from one issue, which a finer resolution cut apart, come
// together at the first coarser ones; types that only a very coarse
// partition joins are barely related, and those in different components
// of the graph not at all. A type is at 1 with itself.
type Affinity struct {
	index  map[int64]int32 // type id → node
	groups [][]int32       // per resolution, each node's community
}

// Of returns the affinity of types a and b, in [0, 1].
func (af *Affinity) Of(a, b int64) float64 {
	if a == b {
		return 1
	}
	if af == nil || len(af.groups) == 0 {
		return 0
	}
	i, ok := af.index[a]
	j, ok2 := af.index[b]
	if !ok || !ok2 {
		return 0
	}
	n := 0
	for _, g := range af.groups {
		if g[i] == g[j] {
			n++
		}
	}
	return float64(n) / float64(len(af.groups))
}

// affinityCache is the Affinity of the types as of a partition (see
// Model.affinityLocked).
type affinityCache struct {
	mu    sync.Mutex
	parts int
	af    *Affinity
}

// affinityLocked returns the affinity of the current partition, computed
// once a partition (counted by m.parts) from the graph as it then is:
// types founded since have no affinity with others until the next. m.mu
// is held, for reading at least.
func (m *Model) affinityLocked() *Affinity {
	c := &m.affCache
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.af != nil && c.parts == m.parts {
		return c.af
	}
	af := &Affinity{index: map[int64]int32{}}
	var comm []int32 // each slot's node, -1 when dead
	for i := range m.docs {
		d := &m.docs[i]
		if d.dead {
			comm = append(comm, -1)
			continue
		}
		k, ok := af.index[d.typ]
		if !ok {
			k = int32(len(af.index))
			af.index[d.typ] = k
		}
		comm = append(comm, k)
	}
	if len(af.index) > 1 {
		g := m.typeGraph(comm, len(af.index))
		for _, gamma := range affinityLadder {
			af.groups = append(af.groups, louvain(g, gamma))
		}
	}
	c.af, c.parts = af, m.parts
	return af
}

// typeGraph returns the symmetrised similarity graph with the documents
// of each node of comm (-1: none) as one node, k nodes in all.
func (m *Model) typeGraph(comm []int32, k int) graph[float64] {
	w := make([]map[int32]float64, k)
	for i := range w {
		w[i] = map[int32]float64{}
	}
	for i := range m.docs {
		a := comm[i]
		if a < 0 {
			continue
		}
		for _, nb := range m.docs[i].nn {
			if b := comm[nb.slot]; b >= 0 {
				w[a][b] += float64(nb.sim)
				w[b][a] += float64(nb.sim)
			}
		}
	}
	g := graph[float64]{start: make([]int32, 1, k+1)}
	for a := range w {
		nbs := make([]int32, 0, len(w[a]))
		for b := range w[a] {
			nbs = append(nbs, b)
		}
		slices.Sort(nbs)
		for _, b := range nbs {
			g.adj = append(g.adj, b)
			g.w = append(g.w, w[a][b])
		}
		g.start = append(g.start, int32(len(g.adj)))
	}
	return g
}
