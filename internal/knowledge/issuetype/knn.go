package issuetype

import (
	"math"
	"slices"

	"github.com/fathom-oss/fathom/internal/signbits"
)

// Neighbour search is two-stage so that its cost does not grow with the
// documents held. Stage one walks the posting lists of the query's rarest
// features only, within a budget of postings, and keeps the documents with
// the highest partial dot products; stage two scores those candidates (and
// the graph neighbours of the best of them) exactly from their vectors.
// Common features are skipped in stage one because they link a query to a
// large share of all documents while saying little about which are close;
// they still count fully in the exact scores of stage two.
const (
	// maxDFShare is the document frequency, as a share of the documents
	// held, above which a feature's postings are not walked (unless the
	// query has too few rarer features to fill minPostings).
	maxDFShare = 0.04
	// minPostings is walked even through common features, so that a query
	// made only of common words still finds candidates.
	minPostings = 2_000
	// maxPostings bounds stage one's work per query.
	maxPostings = 16_000
	// rescored is how many stage-one candidates are scored exactly.
	rescored = 100
	// expandFrom is how many of the best exact candidates contribute their
	// graph neighbours as further candidates: a neighbour of a close
	// document is likely close too, even when it shares only common
	// features with the query.
	expandFrom = 5
)

// scorer is one neighbour search's working memory. It is pooled because
// its arrays grow with the model.
type scorer struct {
	acc     []float32 // slot → partial dot product so far
	touched []int32   // slots with a non-zero acc
	q       []float32 // feature id → query weight, zero elsewhere
	qids    []uint32  // the query's features, to clear q
	order   []uint64  // query feature indexes (low half) by posting-list length (high half)
	heap    []neighbour
	keys    []uint64 // best's heap, as rank keys
	mark    []uint32 // slot → stamp of the last search that scored it
	stamp   uint32
	cands   []neighbour // exact scores of every candidate, for link
	qd      denseVec    // the query's embedding, nil without one
	dheap   []neighbour // gatherDense's heap
	qsigns  []uint64    // the query's embedding's signs
	pre     signbits.Preselector
	first   byte // keeps neighbours' early reads of the candidates
	// packed and v are a search ahead's query (Frozen.vectorOf).
	packed []uint64
	v      sparse
	idf    idfMemo
}

// getScorer returns a zeroed scorer sized for the model's slots and
// features.
func (m *Model) getScorer() *scorer {
	sc, _ := m.scratch.Get().(*scorer)
	if sc == nil {
		sc = &scorer{}
	}
	sc.acc = grow(sc.acc, len(m.docs)+1)
	sc.mark = grow(sc.mark, len(m.docs)+1)
	sc.q = grow(sc.q, len(m.feats)+1)
	if sc.stamp++; sc.stamp == 0 { // wrapped: old marks could collide
		clear(sc.mark)
		sc.stamp = 1
	}
	return sc
}

// grow returns s with length at least n, keeping its (zero) contents and
// doubling its capacity when it must reallocate, so a model that grows by
// one document per Assign does not reallocate per Assign.
func grow[T any](s []T, n int) []T {
	if len(s) >= n {
		return s
	}
	if cap(s) >= n {
		return s[:cap(s)]
	}
	return append(s[:cap(s)], make([]T, 2*n+64-cap(s))...)
}

// gather walks the postings of v's rarer features (stage one) in the
// index posts of live documents, leaving partial dot products in sc.acc
// for the slots in sc.touched. Removed documents are accumulated too:
// best skips them once each, not once per posting.
func (sc *scorer) gather(posts []postings, live int, v sparse) {
	// Rarest first, ties in the query's order: each feature's list length
	// above its index, in one integer, sorted by slices.Sort (a comparison
	// closure reading the lists was a third of this stage).
	sc.order = sc.order[:0]
	for i, id := range v.ids {
		if int(id) < len(posts) && posts[id].n > 0 {
			sc.order = append(sc.order, uint64(posts[id].n)<<32|uint64(i))
		}
	}
	slices.Sort(sc.order)
	limit := max(minPostings, int(maxDFShare*float64(live)))
	walked := 0
	for _, o := range sc.order {
		i := int(uint32(o))
		list := &posts[v.ids[i]]
		n := int(list.n)
		if walked >= minPostings && (n > limit || walked+n > maxPostings) {
			break // the rest are commoner still
		}
		walked += n
		w := v.w[i] / weightScale
		b, slot := list.b, int32(0)
		// Each slot is written to touched, and kept there (t grows by
		// one) only if its sum was zero: no branch waits on the read
		// of acc, a cache miss, so the reads of a list's entries
		// overlap instead of each mispredicted branch discarding them.
		acc, t := sc.acc, slices.Grow(sc.touched, n)
		nt := len(t)
		t = t[:cap(t)]
		for p := 0; p < len(b); {
			var g uint32
			g, p = gap(b, p)
			slot += int32(g)
			q := uint16(b[p]) | uint16(b[p+1])<<8
			p += 2
			a := acc[slot]
			t[nt] = slot
			if a == 0 {
				nt++
			}
			acc[slot] = a + w*float32(q)
		}
		sc.touched = t[:nt]
	}
}

// neighbours returns v's k most similar documents, best first (ties to the
// older document). The exact scores of all candidates stay in sc.cands for
// link; call reset before reusing sc otherwise.
func (sc *scorer) neighbours(m *Model, v sparse, k int) []neighbour {
	sc.gather(m.posts, m.live, v)
	sc.best(m.gone)
	return sc.rescore(m, v, k)
}

// best keeps in sc.heap the rescored documents of sc.touched with the
// highest partial scores, leaving out those removed (in removed).
func (sc *scorer) best(removed gone) {
	// Keep the best partial scores in a min-heap whose root is the worst,
	// each as one integer that orders as better does (see rankKey): the
	// same heap, moved by integer comparisons.
	h := sc.keys[:0]
	for _, s := range sc.touched {
		if removed.has(s) {
			continue // removed document
		}
		k := rankKey(s, sc.acc[s])
		switch {
		case len(h) < rescored:
			h = append(h, k)
			keyUp(h, len(h)-1)
		case k > h[0]:
			h[0] = k
			keyDown(h, 0)
		}
	}
	sc.keys = h
	sc.heap = sc.heap[:0]
	for _, k := range h {
		sc.heap = append(sc.heap, neighbour{slot: int32(^uint32(k)), sim: math.Float32frombits(uint32(k >> 32))})
	}
}

// rankKey is n's place in better's order as one integer: a larger key is
// a better neighbour. A partial score is a sum of non-negative products,
// so its bits order as its value does; the slot is complemented so that
// the older document of two equal scores ranks higher.
func rankKey(slot int32, sim float32) uint64 {
	return uint64(math.Float32bits(sim))<<32 | uint64(^uint32(slot))
}

// keyUp and keyDown maintain a min-heap of rank keys, as heapUp and
// heapDown do of neighbours.
func keyUp(h []uint64, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h[p] <= h[i] {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func keyDown(h []uint64, i int) {
	for {
		w, l := i, 2*i+1
		if l < len(h) && h[w] > h[l] {
			w = l
		}
		if r := l + 1; r < len(h) && h[w] > h[r] {
			w = r
		}
		if w == i {
			return
		}
		h[i], h[w] = h[w], h[i]
		i = w
	}
}

// rescore scores exactly the candidates in sc.heap, the documents placed
// while the index is frozen (which its posting lists lack, see ahead.go),
// the embeddings' candidates and the graph neighbours of the best, and
// returns v's k most similar, best first.
func (sc *scorer) rescore(m *Model, v sparse, k int) []neighbour {
	h := sc.heap
	for i, id := range v.ids {
		sc.q[id] = v.w[i]
	}
	sc.qids = append(sc.qids[:0], v.ids...)
	sc.cands = sc.cands[:0]
	// The candidates' vectors are read first, in a loop whose iterations
	// do not wait for each other, so that their cache misses overlap
	// instead of each exact score waiting for its own (−10 % CPU in
	// BenchmarkNeighbours, the same scores).
	var first byte
	for _, n := range h {
		first ^= touchLines(m.docs[n.slot].vec)
	}
	for _, s := range m.held {
		first ^= touchLines(m.docs[s].vec)
	}
	sc.first = first
	for _, n := range h {
		sc.offer(m, n.slot)
	}
	for _, s := range m.held {
		sc.offer(m, s)
	}
	sc.gatherDense(m)
	// Expand through the graph from the best exact candidates.
	top := make([]neighbour, 0, max(k, expandFrom)+1)
	for _, c := range sc.cands {
		top = insertNeighbour(top, c, max(k, expandFrom))
	}
	for _, t := range top[:min(expandFrom, len(top))] {
		for _, nb := range m.docs[t.slot].nn {
			if n, ok := sc.offer(m, nb.slot); ok {
				top = insertNeighbour(top, n, max(k, expandFrom))
			}
		}
	}
	out := top[:0]
	for _, n := range top[:min(k, len(top))] {
		if n.sim > 0 {
			out = append(out, n)
		}
	}
	return out
}

// touchLines reads a byte of every cache line of v (its ids and its
// weights are read in two streams when it is scored), and its last.
func touchLines(v docVec) byte {
	var x byte
	for j := 0; j < len(v); j += 64 {
		x ^= v[j]
	}
	if len(v) > 0 {
		x ^= v[len(v)-1]
	}
	return x
}

// offer scores the document in slot s exactly against the query in sc.q
// and sc.qd, once per search, and records it in sc.cands.
func (sc *scorer) offer(m *Model, s int32) (neighbour, bool) {
	sim, ok := sc.sparseSim(m, s)
	if !ok {
		return neighbour{}, false
	}
	n := neighbour{s, sim}
	if sc.qd != nil {
		n.sim = m.combine(n.sim, sc.qd, m.denseAt(s))
	}
	sc.cands = append(sc.cands, n)
	return n, true
}

// sparseSim is the cosine of the sparse vectors of the query and of the
// document in slot s, and whether s is to be scored: not when this search
// scored it already, nor when it was removed. It marks s scored.
func (sc *scorer) sparseSim(m *Model, s int32) (float32, bool) {
	if sc.mark[s] == sc.stamp {
		return 0, false
	}
	sc.mark[s] = sc.stamp
	d := &m.docs[s]
	if d.dead {
		return 0, false
	}
	k, gaps, ws := d.vec.parts()
	var dot float32
	id, p := uint32(0), 0
	for i := range k {
		var g uint32
		g, p = gap(gaps, p)
		id += g
		dot += sc.q[id] * float32(uint16(ws[2*i])|uint16(ws[2*i+1])<<8)
	}
	return min(dot/weightScale, 1), true
}

// better orders neighbours: more similar first, then older.
func better(a, b neighbour) bool {
	return a.sim > b.sim || (a.sim == b.sim && a.slot < b.slot)
}

// heapUp and heapDown maintain a min-heap under better: the root is the
// worst neighbour kept.
func heapUp(h []neighbour, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !better(h[p], h[i]) {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func heapDown(h []neighbour, i int) {
	for {
		w, l := i, 2*i+1
		if l < len(h) && better(h[w], h[l]) {
			w = l
		}
		if r := l + 1; r < len(h) && better(h[w], h[r]) {
			w = r
		}
		if w == i {
			return
		}
		h[i], h[w] = h[w], h[i]
		i = w
	}
}

// insertNeighbour inserts n into the sorted list nn, keeping at most k.
func insertNeighbour(nn []neighbour, n neighbour, k int) []neighbour {
	if len(nn) == k && !better(n, nn[k-1]) {
		return nn
	}
	i, _ := slices.BinarySearchFunc(nn, n, func(a, b neighbour) int {
		if better(a, b) {
			return -1
		}
		return 1
	})
	nn = slices.Insert(nn, i, n)
	if len(nn) > k {
		nn = nn[:k]
	}
	return nn
}

// link offers the new document in slot s as a neighbour to every candidate
// its search scored exactly, then resets sc. Keeping the graph symmetric in
// this way lets old documents gain better neighbours as the tenant grows.
func (sc *scorer) link(m *Model, s int32) {
	k := m.cfg.Neighbours
	for _, c := range sc.cands {
		n := neighbour{s, c.sim}
		d := &m.docs[c.slot]
		if n.sim > 0 && (len(d.nn) < k || better(n, d.nn[len(d.nn)-1])) {
			d.nn = insertNeighbour(d.nn, n, k)
		}
	}
	sc.reset()
}

// reset zeroes what a search accumulated.
func (sc *scorer) reset() {
	for _, s := range sc.touched {
		sc.acc[s] = 0
	}
	sc.touched = sc.touched[:0]
	for _, id := range sc.qids {
		sc.q[id] = 0
	}
	sc.qids = sc.qids[:0]
	if sc.stamp++; sc.stamp == 0 {
		clear(sc.mark)
		sc.stamp = 1
	}
	sc.cands = sc.cands[:0]
	sc.qd = nil
}

// vote returns the type with the most neighbour similarity among the live
// documents of nn and its share of the total; ties go to prefer, then to the
// type of the nearer neighbour (nn is best first), so that no tie depends
// on how the type ids were numbered (a partition's history numbers them).
func (m *Model) vote(nn []neighbour, prefer int64) (int64, float64) {
	type tally struct {
		typ int64
		w   float64
	}
	var tallies []tally
	var total float64
	for _, n := range nn {
		d := &m.docs[n.slot]
		if d.dead {
			continue
		}
		total += float64(n.sim)
		i := slices.IndexFunc(tallies, func(t tally) bool { return t.typ == d.typ })
		if i < 0 {
			i = len(tallies)
			tallies = append(tallies, tally{d.typ, 0})
		}
		tallies[i].w += float64(n.sim)
	}
	var best int64
	var bestW float64
	for _, t := range tallies {
		if t.w > bestW || (t.w == bestW && t.typ == prefer) { // tallies are in nn's order
			best, bestW = t.typ, t.w
		}
	}
	if total == 0 {
		return prefer, 0
	}
	return best, bestW / total
}

// index adds document s to the inverted index. Slots only grow between
// compactions, so posting lists stay sorted by slot.
func (m *Model) index(s int32) {
	for len(m.posts) < len(m.feats) {
		m.posts = append(m.posts, postings{})
	}
	k, gaps, ws := m.docs[s].vec.parts()
	id, p := uint32(0), 0
	for i := range k {
		var g uint32
		g, p = gap(gaps, p)
		id += g
		m.posts[id].add(s, uint16(ws[2*i])|uint16(ws[2*i+1])<<8)
	}
}

// removeLocked forgets the document in slot s: its slot stays dead, and
// its postings are skipped, until the next compaction. m.mu must be held for
// writing.
func (m *Model) removeLocked(s int32) {
	d := &m.docs[s]
	k, gaps, _ := d.vec.parts()
	id, p := uint32(0), 0
	for range k {
		var g uint32
		g, p = gap(gaps, p)
		id += g
		m.feats[id].df--
	}
	m.gone.set(s)
	if dv := m.denseAt(s); dv != nil {
		m.dropDense(dv)
		m.denses[s] = nil
	}
	if m.sizes[d.typ]--; m.sizes[d.typ] <= 0 {
		delete(m.sizes, d.typ)
	}
	delete(m.slotOf, d.id)
	*d = doc{dead: true}
	m.live--
	m.changes++
	m.unsaved(int(s))
}
