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

// reindex weighs and indexes a freshly decoded model's documents. The
// weighing, a document at a time with nothing shared but what it reads,
// runs on every core (it is most of a start's model load); the posting
// lists are filled in slot order after it, as one document's index would.
func (m *Model) reindex() {
	m.live = len(m.docs)
	for _, dv := range m.denses {
		m.holdDense(dv)
	}
	workers := min(runtime.GOMAXPROCS(0), 1+len(m.docs)/weighShare)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(m.docs)/workers, (w+1)*len(m.docs)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			tab := newIDFTable(m.live) // its cache is filled as it is read
			var buf weighBuf
			for i := lo; i < hi; i++ {
				m.weigh(&m.docs[i], tab, &buf)
			}
		}()
	}
	m.allocPostings(workers) // reads the documents' features, not their weights
	wg.Wait()
	m.indexAll(workers)
}

// indexAll fills the posting lists of every document, sized by
// allocPostings, on workers goroutines: each walks every document in slot
// order and adds the entries of its own features (share). Each list gets
// its entries in slot order, as one document at a time would add them.
func (m *Model) indexAll(workers int) {
	for len(m.posts) < len(m.feats) {
		m.posts = append(m.posts, postings{})
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for s := range m.docs {
				k, gaps, ws := m.docs[s].vec.parts()
				id, p := uint32(0), 0
				for i := range k {
					var g uint32
					g, p = gap(gaps, p)
					id += g
					if share(int(id), workers) == w {
						m.posts[id].add(int32(s), uint16(ws[2*i])|uint16(ws[2*i+1])<<8)
					}
				}
			}
		})
	}
	wg.Wait()
}

// adopt replaces m's state with that of the decoded model fresh, keeping
// m's Config; the caller holds m.mu for writing and then sets what m
// knows of its stored copy.
func (m *Model) adopt(fresh *Model) {
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
