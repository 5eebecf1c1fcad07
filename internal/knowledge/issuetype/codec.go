package issuetype

import (
	"encoding/binary"
	"runtime"
	"slices"
	"sync"
)

// The encodings shared by the whole-model format (persist.go) and the
// chunked one (chunks.go): the feature dictionary and the surface words are
// laid out alike in both, and a decoded model is finished and installed
// alike.

// appendFeatures writes the feature dictionary: its length, then each
// feature's key, kind, document frequency and stem.
func (m *Model) appendFeatures(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(m.feats)))
	for _, f := range m.feats {
		b = binary.LittleEndian.AppendUint64(b, f.key)
		b = append(b, f.kind)
		b = binary.AppendUvarint(b, uint64(f.df))
		b = appendString(b, f.stem)
	}
	return b
}

// readFeatures reads what appendFeatures wrote into m's dictionary.
func (m *Model) readFeatures(r *reader) {
	nf := r.count()
	m.feats = make([]featInfo, 0, nf)
	for range nf {
		f := featInfo{key: r.u64(), kind: r.byte(), df: uint32(r.uvarint()), stem: r.string()}
		if f.kind > kindGram {
			r.err = errCorrupt
		}
		m.dict[f.key] = uint32(len(m.feats))
		m.feats = append(m.feats, f)
	}
}

// appendSurfaces writes the surface words of each stem, sorted so that the
// same model always encodes the same way.
func (m *Model) appendSurfaces(b []byte) []byte {
	stems := make([]string, 0, len(m.surf))
	for s := range m.surf {
		stems = append(stems, s)
	}
	slices.Sort(stems)
	b = binary.AppendUvarint(b, uint64(len(stems)))
	for _, s := range stems {
		b = appendString(b, s)
		words := make([]string, 0, len(m.surf[s]))
		for w := range m.surf[s] {
			words = append(words, w)
		}
		slices.Sort(words)
		b = binary.AppendUvarint(b, uint64(len(words)))
		for _, w := range words {
			b = appendString(b, w)
			b = binary.AppendUvarint(b, uint64(m.surf[s][w]))
		}
	}
	return b
}

// readSurfaces reads what appendSurfaces wrote into m.surf.
func (m *Model) readSurfaces(r *reader) {
	for range r.count() {
		s := r.string()
		words := map[string]uint32{}
		for range r.count() {
			w := r.string()
			words[w] = uint32(r.uvarint())
		}
		m.surf[s] = words
	}
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// weighShare is the fewest documents worth a core of reindex's weighing
// (a variable for the test that splits a small model).
var weighShare = 4096

// reindex weighs and indexes a freshly decoded model's documents, on
// every core: the documents are split into ranges of consecutive slots,
// one per worker, and each worker weighs the documents of its range and
// writes their postings straight into the part of each list that its
// range fills. Where each part begins, and the slot its first gap counts
// from, are known beforehand (postingPlan), so the lists come out as one
// document at a time in slot order would build them, without a second
// walk over the documents to index them or a worker reading documents
// whose postings it does not write.
func (m *Model) reindex() {
	m.live = len(m.docs)
	for _, dv := range m.denses {
		m.holdDense(dv)
	}
	m.weighAndIndex()
}

// weighAndIndex is reindex's weighing and indexing of every document,
// all live, under the current document frequencies: the posting lists are
// made anew. A consolidation's compaction does the same (compact).
func (m *Model) weighAndIndex() {
	workers := min(runtime.GOMAXPROCS(0), 1+len(m.docs)/weighShare)
	bounds := make([]int, workers+1)
	for w := range bounds {
		bounds[w] = w * len(m.docs) / workers
	}
	plan := m.planPostings(bounds)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			tab := newIDFTable(m.live) // its cache is filled as it is read
			var buf weighBuf
			at, prev := plan.at[w], plan.prev[w]
			for s := bounds[w]; s < bounds[w+1]; s++ {
				d := &m.docs[s]
				m.weigh(d, tab, &buf)
				_, _, ws := d.vec.parts()
				for i, id := range buf.v.ids {
					b := m.posts[id].b
					p := at[id]
					p += int32(binary.PutUvarint(b[p:], uint64(int32(s)-prev[id])))
					b[p], b[p+1] = ws[2*i], ws[2*i+1]
					at[id], prev[id] = p+2, int32(s)
				}
			}
		})
	}
	wg.Wait()
}

// postingPlan is where each worker of reindex writes in each list: at[w][id]
// is the offset in feature id's list of the first entry of worker w's range
// (advanced by the worker as it writes), prev[w][id] the slot that entry's
// gap counts from (the last slot before the range holding the feature, 0
// for none).
type postingPlan struct {
	at, prev [][]int32
}

// planPostings sizes every posting list for the documents that hold its
// feature, allocates it, and plans reindex's fill of the ranges of slots
// bounds[w]..bounds[w+1]: growing the lists one document at a time copied
// them over and over. Each range is measured on its own worker (its
// entries' sizes, but for its first entry of each feature, whose gap
// depends on the range before), then the ranges are put end to end.
func (m *Model) planPostings(bounds []int) postingPlan {
	workers, nf := len(bounds)-1, len(m.feats)
	type measure struct {
		size, n, first, last []int32
	}
	ms := make([]measure, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			mw := measure{make([]int32, nf), make([]int32, nf), make([]int32, nf), make([]int32, nf)}
			for s := bounds[w]; s < bounds[w+1]; s++ {
				k, gaps, _ := m.docs[s].vec.parts()
				id, p := uint32(0), 0
				for range k {
					var g uint32
					g, p = gap(gaps, p)
					id += g
					if mw.n[id] == 0 {
						mw.first[id] = int32(s)
					} else {
						mw.size[id] += int32(uvarintLen(uint32(int32(s)-mw.last[id]))) + 2
					}
					mw.n[id]++
					mw.last[id] = int32(s)
				}
			}
			ms[w] = mw
		})
	}
	wg.Wait()
	plan := postingPlan{at: make([][]int32, workers), prev: make([][]int32, workers)}
	for w := range workers {
		plan.at[w], plan.prev[w] = ms[w].first, ms[w].last // reused: each is read before it is written below
	}
	m.posts = make([]postings, nf)
	for id := range nf {
		size, n, last := int32(0), int32(0), int32(0)
		for w := range workers {
			mw := &ms[w]
			if mw.n[id] == 0 {
				plan.at[w][id], plan.prev[w][id] = size, last
				continue
			}
			first, wlast := mw.first[id], mw.last[id]
			plan.at[w][id], plan.prev[w][id] = size, last
			size += int32(uvarintLen(uint32(first-last))) + 2 + mw.size[id]
			n += mw.n[id]
			last = wlast
		}
		if n > 0 {
			m.posts[id] = postings{b: make([]byte, size), n: n, last: last}
		}
	}
	return plan
}

// adopt replaces m's state with that of the decoded model fresh, keeping
// m's Config; the caller holds m.mu for writing and then sets what m
// knows of its stored copy.
func (m *Model) adopt(fresh *Model) {
	m.thawLocked() // a frozen view of the old index ends
	m.dict, m.feats, m.surf = fresh.dict, fresh.feats, fresh.surf
	m.docs, m.slotOf, m.posts, m.live, m.sizes = fresh.docs, fresh.slotOf, fresh.posts, fresh.live, fresh.sizes
	m.gone = nil
	m.denses, m.dense, m.dim = fresh.denses, fresh.dense, fresh.dim
	m.signs, m.signWords = fresh.signs, fresh.signWords
	m.nextID, m.pending = fresh.nextID, 0
	m.epoch++ // slots changed: a consolidation in flight must not apply
	m.version++
	m.changes++
}
