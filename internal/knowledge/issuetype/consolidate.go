package issuetype

import (
	"cmp"
	"slices"
)

// Consolidate re-weighs every document under the current document
// frequencies, compacts removed documents away, and re-partitions the
// neighbour graph into types by Louvain modularity. Types keep their ids
// where they keep their members: each new partition inherits the id of the
// old type it shares most documents with, largest overlaps first, so a merge
// keeps the larger type's id and a split gives the smaller part a new one.
//
// Its cost is roughly linear in the documents held, but only the
// re-weighing and the copy of the graph hold the write lock; Louvain runs
// on that copy with no lock held, so reads and assignments proceed
// meanwhile. Documents assigned during that time keep their types, and
// documents assigned since the copy are re-voted by their neighbours once
// the new partition is in. Assign calls Consolidate itself unless
// DisableAutoConsolidate is set; concurrent calls run one at a time.
func (m *Model) Consolidate() {
	m.ConsolidateOutside(inPlace)
}

// inPlace runs a consolidation's partition where it is: the caller holds
// no lock of its own.
func inPlace(partition func()) { partition() }

// ConsolidateOutside is Consolidate with its slow part — the re-weighing
// and Louvain on the graph's copy — run through outside, which must
// call partition once: a caller that holds a lock of its own,
// one its readers wait on, releases it there and takes it again after, so
// that its readers wait at most for the re-weighing (which holds the
// model's lock) and for the types' move after, not for the partition.
func (m *Model) ConsolidateOutside(outside func(partition func())) {
	m.consMu.Lock()
	defer m.consMu.Unlock()
	m.consolidate(outside)
}

// consolidate is ConsolidateOutside; m.consMu must be held and m.mu not.
func (m *Model) consolidate(outside func(partition func())) {
	var (
		epoch, n int
		comm     []int32
	)
	partition := func() {
		m.mu.Lock()
		m.pending = 0
		m.compact()
		epoch, n = m.epoch, len(m.docs)
		var g graph[float32]
		var texts []uint64
		if n > 0 {
			g = m.graph()
			texts = make([]uint64, n)
			for i := range m.docs {
				texts[i] = m.docs[i].hash
			}
		}
		m.mu.Unlock()
		if n > 0 {
			same, k := sameText(texts)
			comm = louvain(g, same, k, m.cfg.Resolution) // the slowest part, lock-free
		}
	}
	outside(partition)
	if n == 0 {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.epoch != epoch {
		return // reloaded meanwhile: the partition is of other documents
	}
	m.version++
	m.changes++
	m.relabel(comm)
	// Documents that arrived meanwhile voted among the old types; let them
	// vote again among the new ones.
	for s := n; s < len(m.docs); s++ {
		if d := &m.docs[s]; !d.dead {
			if typ, _ := m.vote(d.nn, d.typ); typ != d.typ && typ != 0 {
				m.retype(d, typ)
			}
		}
	}
}

// retype moves d to type typ, keeping the type sizes.
func (m *Model) retype(d *doc, typ int64) {
	if m.sizes[d.typ]--; m.sizes[d.typ] <= 0 {
		delete(m.sizes, d.typ)
	}
	d.typ = typ
	m.sizes[typ]++
}

// compact drops dead slots, remaps neighbour lists, re-weighs vectors and
// rebuilds the inverted index.
func (m *Model) compact() {
	m.thawLocked() // the lists are rebuilt: a frozen view ends
	slot := make([]int32, len(m.docs))
	kept := m.docs[:0]
	keptDense := m.denses[:0] // moved down alike, in place
	for i, d := range m.docs {
		slot[i] = -1
		if !d.dead {
			slot[i] = int32(len(kept))
			kept = append(kept, d)
			if m.denses != nil {
				dv := m.denseAt(int32(i))
				keptDense = append(keptDense, dv)
				if w, to := m.signWords, len(keptDense)-1; dv != nil && to < i {
					copy(m.signs[to*w:(to+1)*w], m.signs[i*w:(i+1)*w])
				}
			}
		} else if len(kept) == i {
			m.unsaved(i) // the first removed slot: later ones move down
		}
	}
	clear(m.docs[len(kept):])
	m.docs = kept
	if m.denses != nil {
		if len(keptDense) < len(m.denses) {
			clear(m.denses[len(keptDense):])
		}
		m.denses = keptDense
	}
	m.epoch++
	m.gone = m.gone[:0]
	for i := range m.docs {
		d := &m.docs[i]
		nn := d.nn[:0]
		for _, n := range d.nn {
			if s := slot[n.slot]; s >= 0 {
				nn = append(nn, neighbour{s, n.sim})
			}
		}
		d.nn = nn
		m.slotOf[d.id] = int32(i)
	}
	// On every core, as a load does: the same weights and lists as one
	// document at a time in slot order (docs/benchmarks.md, "A chunk's
	// neighbour searches ahead").
	m.weighAndIndex()
}

// sameText numbers the documents by their texts' hashes, in slot order:
// documents of one text share a number. It returns the number of each and
// how many there are. The consolidation reads the hashes under the model's
// lock, right after its compaction (so no removed document is left), and
// groups them outside it (4 ms at 100,000 documents).
func sameText(texts []uint64) ([]int32, int) {
	group := make([]int32, len(texts))
	first := make(map[uint64]int32, len(texts))
	for i, h := range texts {
		g, ok := first[h]
		if !ok {
			g = int32(len(first))
			first[h] = g
		}
		group[i] = g
	}
	return group, len(first)
}

// graph returns the symmetrised neighbour graph.
func (m *Model) graph() graph[float32] {
	n := len(m.docs)
	g := graph[float32]{start: make([]int32, n+1)}
	for i := range m.docs {
		for _, nb := range m.docs[i].nn {
			g.start[i+1]++
			g.start[nb.slot+1]++
		}
	}
	for i := range n {
		g.start[i+1] += g.start[i]
	}
	g.adj = make([]int32, g.start[n])
	g.w = make([]float32, g.start[n])
	fill := slices.Clone(g.start[:n])
	for i := range m.docs {
		for _, nb := range m.docs[i].nn {
			g.adj[fill[i]], g.w[fill[i]] = nb.slot, nb.sim
			fill[i]++
			g.adj[fill[nb.slot]], g.w[fill[nb.slot]] = int32(i), nb.sim
			fill[nb.slot]++
		}
	}
	return g
}

// relabel gives each community a type id, inheriting old ids by overlap.
func (m *Model) relabel(comm []int32) {
	type overlap struct {
		comm  int32
		typ   int64
		count int
	}
	counts := map[[2]int64]int{}
	k := int32(0)
	for i, c := range comm {
		if m.docs[i].dead {
			k = max(k, c+1)
			continue // removed while Louvain ran
		}
		counts[[2]int64{int64(c), m.docs[i].typ}]++
		k = max(k, c+1)
	}
	pairs := make([]overlap, 0, len(counts))
	for key, n := range counts {
		pairs = append(pairs, overlap{int32(key[0]), key[1], n})
	}
	slices.SortFunc(pairs, func(a, b overlap) int {
		if c := cmp.Compare(b.count, a.count); c != 0 {
			return c
		}
		if c := cmp.Compare(a.typ, b.typ); c != 0 {
			return c
		}
		return cmp.Compare(a.comm, b.comm)
	})
	id := make([]int64, k)
	used := map[int64]bool{}
	for _, p := range pairs {
		if id[p.comm] == 0 && !used[p.typ] {
			id[p.comm] = p.typ
			used[p.typ] = true
		}
	}
	for c := range id {
		if id[c] == 0 {
			id[c] = m.nextID
			m.nextID++
		}
	}
	clear(m.sizes)
	for i, c := range comm {
		if !m.docs[i].dead {
			m.docs[i].typ = id[c]
		}
	}
	for i := range m.docs {
		if d := &m.docs[i]; !d.dead {
			m.sizes[d.typ]++
		}
	}
}
