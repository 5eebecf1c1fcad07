package issuetype

import "slices"

// graph is an undirected weighted graph in compressed sparse row form: the
// neighbours of node i are adj[start[i]:start[i+1]] with weights w, and every
// edge appears in both directions. A self-loop holds weight internal to an
// aggregated node. The documents' graph holds their float32 similarities
// as they are (half the memory of the biggest transient a consolidation
// makes); aggregated graphs hold float64 sums.
type graph[W float32 | float64] struct {
	start []int32
	adj   []int32
	w     []W
}

// louvainLevels bounds aggregation rounds and maxSweeps the local-moving
// sweeps per round; both are reached only on pathological graphs.
const (
	louvainLevels = 8
	maxSweeps     = 16
)

// louvain partitions g's nodes into communities by the Louvain method:
// greedy modularity-improving moves of single nodes, then the same on the
// graph of communities, until nothing moves. gamma is the resolution: larger
// values give more, smaller communities. Nodes are visited in index order
// and ties keep the current community, so the result is deterministic.
// It starts from the k communities of start (numbered from 0 in node
// order), whose nodes stay together: the consolidation starts each group
// of documents of one text as one (sameText), since n copies of one text
// each link to the same earliest copies, and at a resolution above 1 that
// star, moved one node at a time, joins nothing. With one node each
// (k == len(start)) the first level moves g's own nodes.
// It returns a community number in [0, communities) per node.
func louvain(g graph[float32], start []int32, k int, gamma float64) []int32 {
	comm := slices.Clone(start)
	var next graph[float64]
	done, level := false, 0
	if k == len(start) {
		next, done = louvainLevel(g, comm, gamma, true)
		level++
	} else {
		next = aggregate(g, comm, k)
	}
	for ; level < louvainLevels && !done; level++ {
		next, done = louvainLevel(next, comm, gamma, false)
	}
	return comm
}

// louvainLevel moves g's nodes between communities, maps comm through
// the move, and returns the graph of the communities, or done when no
// further level can change anything.
func louvainLevel[W float32 | float64](g graph[W], comm []int32, gamma float64, first bool) (next graph[float64], done bool) {
	local, moved := moveNodes(g, gamma)
	if !moved && !first {
		return next, true
	}
	k := renumber(local)
	for i := range comm {
		comm[i] = local[comm[i]]
	}
	if k == len(g.start)-1 {
		return next, true
	}
	return aggregate(g, local, k), false
}

// moveNodes runs local moving from singleton communities and reports
// whether any node changed community.
func moveNodes[W float32 | float64](g graph[W], gamma float64) ([]int32, bool) {
	n := len(g.start) - 1
	comm := make([]int32, n)
	deg := make([]float64, n)
	tot := make([]float64, n)
	var m2 float64
	for i := range n {
		comm[i] = int32(i)
		for e := g.start[i]; e < g.start[i+1]; e++ {
			deg[i] += float64(g.w[e])
		}
		tot[i] = deg[i]
		m2 += deg[i]
	}
	if m2 == 0 {
		return comm, false
	}
	link := make([]float64, n) // weight from the current node to each community
	var seen []int32
	movedAny := false
	for sweep := 0; sweep < maxSweeps; sweep++ {
		moved := false
		for i := range n {
			ci := comm[i]
			// Each neighbour's community is written to seen, and kept
			// (ns grows by one) only if it is new: no branch waits on
			// the read of link, a cache miss, so the reads of a node's
			// edges overlap.
			seen = slices.Grow(append(seen[:0], ci), int(g.start[i+1]-g.start[i]))
			t, ns := seen[:cap(seen)], 1
			link[ci] = 0
			for e := g.start[i]; e < g.start[i+1]; e++ {
				j := g.adj[e]
				if int(j) == i {
					continue
				}
				c := comm[j]
				l := link[c]
				t[ns] = c
				if l == 0 && c != ci {
					ns++
				}
				link[c] = l + float64(g.w[e])
			}
			seen = t[:ns]
			tot[ci] -= deg[i]
			scale := gamma * deg[i] / m2
			best, bestGain := ci, link[ci]-scale*tot[ci]
			for _, c := range seen[1:] {
				if gain := link[c] - scale*tot[c]; gain > bestGain {
					best, bestGain = c, gain
				}
			}
			for _, c := range seen {
				link[c] = 0
			}
			tot[best] += deg[i]
			if best != ci {
				comm[i], moved = best, true
			}
		}
		if !moved {
			break
		}
		movedAny = true
	}
	return comm, movedAny
}

// renumber maps community labels onto 0..k-1 in order of first appearance
// and returns k.
func renumber(comm []int32) int {
	// Labels are node numbers of the same graph, so a slice maps them
	// (a map of a million labels takes about five times the memory).
	m := make([]int32, len(comm))
	for i := range m {
		m[i] = -1
	}
	k := int32(0)
	for i, c := range comm {
		if m[c] < 0 {
			m[c] = k
			k++
		}
		comm[i] = m[c]
	}
	return int(k)
}

// aggregate returns the graph whose nodes are the k communities of g, with
// edge weights summed.
func aggregate[W float32 | float64](g graph[W], comm []int32, k int) graph[float64] {
	members := make([][]int32, k)
	for i, c := range comm {
		members[c] = append(members[c], int32(i))
	}
	out := graph[float64]{start: make([]int32, 1, k+1)}
	acc := make([]float64, k)
	var seen []int32
	for c := range k {
		seen = seen[:0]
		for _, i := range members[c] {
			for e := g.start[i]; e < g.start[i+1]; e++ {
				d := comm[g.adj[e]]
				if acc[d] == 0 {
					seen = append(seen, d)
				}
				acc[d] += float64(g.w[e])
			}
		}
		for _, d := range seen {
			out.adj = append(out.adj, d)
			out.w = append(out.w, acc[d])
			acc[d] = 0
		}
		out.start = append(out.start, int32(len(out.adj)))
	}
	return out
}
