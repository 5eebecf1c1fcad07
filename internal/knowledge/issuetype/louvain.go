package issuetype

// graph is an undirected weighted graph in compressed sparse row form: the
// neighbours of node i are adj[start[i]:start[i+1]] with weights w, and every
// edge appears in both directions. A self-loop holds weight internal to an
// aggregated node.
type graph struct {
	start []int32
	adj   []int32
	w     []float64
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
// It returns a community number in [0, communities) per node.
func louvain(g graph, gamma float64) []int32 {
	n := len(g.start) - 1
	comm := make([]int32, n)
	for i := range comm {
		comm[i] = int32(i)
	}
	for level := 0; level < louvainLevels; level++ {
		local, moved := moveNodes(g, gamma)
		if !moved && level > 0 {
			break
		}
		k := renumber(local)
		for i := range comm {
			comm[i] = local[comm[i]]
		}
		if k == len(g.start)-1 {
			break
		}
		g = aggregate(g, local, k)
	}
	return comm
}

// moveNodes runs local moving from singleton communities and reports
// whether any node changed community.
func moveNodes(g graph, gamma float64) ([]int32, bool) {
	n := len(g.start) - 1
	comm := make([]int32, n)
	deg := make([]float64, n)
	tot := make([]float64, n)
	var m2 float64
	for i := range n {
		comm[i] = int32(i)
		for e := g.start[i]; e < g.start[i+1]; e++ {
			deg[i] += g.w[e]
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
			seen = append(seen[:0], ci)
			link[ci] = 0
			for e := g.start[i]; e < g.start[i+1]; e++ {
				j := g.adj[e]
				if int(j) == i {
					continue
				}
				c := comm[j]
				if link[c] == 0 && c != ci {
					seen = append(seen, c)
				}
				link[c] += g.w[e]
			}
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
	m := make(map[int32]int32, len(comm))
	for i, c := range comm {
		r, ok := m[c]
		if !ok {
			r = int32(len(m))
			m[c] = r
		}
		comm[i] = r
	}
	return len(m)
}

// aggregate returns the graph whose nodes are the k communities of g, with
// edge weights summed.
func aggregate(g graph, comm []int32, k int) graph {
	members := make([][]int32, k)
	for i, c := range comm {
		members[c] = append(members[c], int32(i))
	}
	out := graph{start: make([]int32, 1, k+1)}
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
				acc[d] += g.w[e]
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
