package issuetype

import "slices"

// Stage one of the neighbour search (gather: the postings walked, the
// best partial scores kept) is most of a placement's cost and reads only
// the inverted index. While a batch of documents is placed in order, the
// index can be frozen (Freeze): the documents placed meanwhile are held
// out of its posting lists and new features out of its dictionary, so
// that stage one of the batch's later documents can run ahead, on other
// goroutines, against the index as it stood when the batch began
// (Frozen.Search). Their placement, in order, scores those candidates
// exactly with the document's own weights, as it does today, and every
// document held since the freeze besides (at most a batch of them), so
// a document still finds its batch's earlier documents. Thaw indexes the
// held documents.
//
// What is learned depends on the batches, not on which goroutine
// searched or when: a document whose search no goroutine made ahead is
// searched in the same frozen view at its placement. Stage one's query
// weights are those of the frozen view (a feature's frequency is its
// posting list's length there), so a placement in a batch can differ
// slightly from one made alone; the exact scores, the graph and the vote
// are the same computations as outside a batch.

// Frozen is a model's index as it stood when Freeze was called, for the
// neighbour searches made ahead of a batch's placement. Its Search is safe
// for concurrent use, also with the model's own calls.
type Frozen struct {
	m       *Model
	dict    map[uint64]uint32 // not written while the view lives
	posts   []postings        // nor these
	removed gone              // a copy
	live    int
	slots   int
	thawed  bool // under m.viewMu: the view is over, Search does nothing
}

// Freeze freezes the model's index for a batch of placements and returns
// the view searches ahead read (see Frozen.Search); its Thaw ends it. It
// returns nil when the index is frozen already (the batch's placements
// then search the view in force).
func (m *Model) Freeze() *Frozen {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.frozen != nil {
		return nil
	}
	m.frozen = &Frozen{m: m, dict: m.dict, posts: m.posts, removed: slices.Clone(m.gone),
		live: m.live, slots: len(m.docs)}
	m.fresh = map[uint64]uint32{}
	return m.frozen
}

// Thaw ends the view (nothing for nil, or a view ended already): the
// documents placed since the freeze join the posting lists, and their
// new features the dictionary. An automatic consolidation that fell due
// while frozen runs then (see Config.DisableAutoConsolidate).
func (f *Frozen) Thaw() {
	if f == nil {
		return
	}
	m := f.m
	m.mu.Lock()
	if m.frozen == f {
		m.thawLocked()
	}
	due := m.consolidationDue()
	m.mu.Unlock()
	if due && m.consMu.TryLock() { // else one is running: it will do
		m.consolidate(inPlace)
		m.consMu.Unlock()
	}
}

// thawLocked ends the view in force, if any; m.mu is held for writing.
func (m *Model) thawLocked() {
	if m.frozen == nil {
		return
	}
	m.viewMu.Lock() // no search is reading the dictionary or the lists
	m.frozen.thawed = true
	for key, id := range m.fresh {
		m.dict[key] = id
	}
	m.viewMu.Unlock()
	m.frozen, m.fresh = nil, nil
	for _, s := range m.held {
		m.index(s) // in slot order, as they were placed
	}
	m.held = m.held[:0]
}

// Search runs stage one of the neighbour search of x in the view, for its
// placement in the batch (AssignFeatures); nothing when f is nil or
// thawed. It may run on any goroutine, before x's placement.
func (f *Frozen) Search(x *Features) {
	if f == nil {
		return
	}
	f.m.viewMu.RLock()
	defer f.m.viewMu.RUnlock()
	if !f.thawed {
		f.search(x)
	}
}

// noID marks a feature the dictionary lacks in Features.ids.
const noID = ^uint32(0)

// search is stage one of x's search in the view, leaving its candidates
// and its features' ids in x; m.viewMu is held.
func (f *Frozen) search(x *Features) {
	sc, _ := f.m.scratch.Get().(*scorer)
	if sc == nil {
		sc = &scorer{}
	}
	x.ids = make([]uint32, len(x.ex.feats))
	v := f.vectorOf(sc, x.ex, x.ids)
	sc.acc = grow(sc.acc, f.slots+1)
	sc.gather(f.posts, f.live, v)
	sc.best(f.removed)
	x.ahead = make([]int32, len(sc.heap))
	for i, n := range sc.heap {
		x.ahead[i] = n.slot
	}
	x.view = f
	sc.reset()
	f.m.scratch.Put(sc)
}

// vectorOf weighs ex as weighInto does, with each feature's frequency
// taken as its posting list's length in the view (removed documents
// count until a compaction) and the documents as the live ones at the
// freeze; features the view does not index are dropped. It leaves the
// ids of ex's features in ids (noID for those the dictionary lacks), and
// the vector in sc's memory.
func (f *Frozen) vectorOf(sc *scorer, ex extracted, ids []uint32) sparse {
	// Each feature's id above its kind and count, sorted by id.
	packed := sc.packed[:0]
	for i, r := range ex.feats {
		id, ok := f.dict[r.key]
		if !ok {
			ids[i] = noID
			continue
		}
		ids[i] = id
		if int(id) < len(f.posts) && f.posts[id].n > 0 {
			packed = append(packed, uint64(id)<<17|uint64(r.kind)<<16|uint64(countOf(r.n)))
		}
	}
	slices.Sort(packed)
	sc.packed = packed
	v := sparse{ids: grow(sc.v.ids[:0], len(packed))[:len(packed)], w: grow(sc.v.w[:0], len(packed))[:len(packed)]}
	sc.v = v
	var ss [2]float64
	sc.idf.reset(float64(f.live))
	for i, p := range packed {
		id, kind, tf := uint32(p>>17), p>>16&1, tfOf(uint16(p))
		w := tf * sc.idf.get(uint32(f.posts[id].n))
		v.ids[i], v.w[i] = id, w
		ss[kind] += float64(w) * float64(w)
	}
	scale := kindScales(ss, f.m.cfg.WordWeight)
	for i, p := range packed {
		v.w[i] *= scale[p>>16&1]
	}
	return v
}

// neighboursAhead is neighbours for x placed while the index is frozen:
// stage one as searched in the view (here, if no goroutine did it ahead),
// then the exact scores of neighbours with v, x's weights under the
// model's current frequencies. m.mu is held for writing.
func (sc *scorer) neighboursAhead(m *Model, x *Features, v sparse, k int) []neighbour {
	if x.view != m.frozen {
		m.viewMu.RLock()
		m.frozen.search(x)
		m.viewMu.RUnlock()
	}
	sc.heap = sc.heap[:0]
	for _, s := range x.ahead {
		sc.heap = append(sc.heap, neighbour{slot: s})
	}
	return sc.rescore(m, v, k)
}
