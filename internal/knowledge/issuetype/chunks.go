package issuetype

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
	"sync"
)

// A model is saved in parts, each a sequence of numbered chunks, so that a
// save rewrites only what changed since the last one instead of the whole
// model (539 MB at a million documents):
//   - PartHeader (one chunk): the counters, the feature dictionary and the
//     surface words, rewritten at every save (a few MB at 1M documents);
//   - PartDocs: each document's id, text hash, feature ids and counts,
//     chunkSlots slots per chunk. A document's entry never changes after it
//     is assigned, so only chunks with new (or removed) slots are written;
//   - PartGraph and PartTypes: neighbour lists and type ids, chunkSlots
//     slots per chunk, written when their content changed (every graph
//     chunk after a large load, since new documents enter old documents'
//     lists, but a tenth of the size of the documents).
const (
	PartHeader = "header"
	PartDocs   = "docs"
	PartGraph  = "graph"
	PartTypes  = "types"
)

// Parts lists the parts of a saved model in the order LoadChunks reads them.
var Parts = []string{PartHeader, PartDocs, PartGraph, PartTypes}

// chunkSlots is the number of document slots per chunk of PartDocs,
// PartGraph and PartTypes.
const chunkSlots = 1024

// chunkFormat is the first byte of the header chunk; bump it when the
// layout or the features change, and old models must be rebuilt.
const chunkFormat = 2

// Chunk is one stored piece of a model.
type Chunk struct {
	Part string
	N    int // position in the part, from 0
	Data []byte
}

// Saving is what a save must write: the chunks that changed, and the number
// of chunks each part now has (stored chunks numbered from it on must go).
type Saving struct {
	Chunks []Chunk
	Counts map[string]int
}

// saveState is what the model knows of its stored copy. Fields other than
// mu are guarded by Model.mu.
type saveState struct {
	mu      sync.Mutex // one save at a time
	stored  bool       // a save or load happened: the fields below hold
	docs    int        // slots [0, docs) are stored as they are in PartDocs
	low     int        // lowest slot renumbered or removed since the save in flight began
	hashes  map[string][]uint64
	changes uint64 // Model.changes when the stored copy was taken
}

// chunkSeed hashes chunk contents to tell which changed; hashes never leave
// the process, so a per-process seed is fine.
var chunkSeed = maphash.MakeSeed()

// unsaved records that slot s and every later slot no longer match their
// stored chunks; m.mu is held for writing.
func (m *Model) unsaved(s int) {
	m.save.docs = min(m.save.docs, s)
	m.save.low = min(m.save.low, s)
}

// SaveChunks hands write the chunks changed since the last successful save
// and, once write returns nil, takes them as stored. write must store them
// durably (or fail); it runs without the model's lock, so assignments and
// reads proceed meanwhile. Nothing is written when nothing changed.
func (m *Model) SaveChunks(write func(*Saving) error) error {
	m.save.mu.Lock()
	defer m.save.mu.Unlock()
	m.mu.RLock()
	if m.save.stored && m.changes == m.save.changes {
		m.mu.RUnlock()
		return nil
	}
	sv, hashes, n, changes := m.changedChunks()
	m.save.low = math.MaxInt // only this save writes it, and under save.mu
	m.mu.RUnlock()
	if err := write(sv); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.save.stored, m.save.changes, m.save.hashes = true, changes, hashes
	m.save.docs = min(n, m.save.low)
	return nil
}

// changedChunks encodes what changed since the last save; m.mu is held.
func (m *Model) changedChunks() (sv *Saving, hashes map[string][]uint64, slots int, changes uint64) {
	n := len(m.docs)
	chunks := (n + chunkSlots - 1) / chunkSlots
	sv = &Saving{Counts: map[string]int{PartHeader: 1, PartDocs: chunks, PartGraph: chunks, PartTypes: chunks}}
	sv.Chunks = append(sv.Chunks, Chunk{PartHeader, 0, m.appendHeader(nil)})
	from := 0
	if m.save.stored {
		from = m.save.docs / chunkSlots
	}
	for c := from; c < chunks; c++ {
		sv.Chunks = append(sv.Chunks, Chunk{PartDocs, c, m.appendDocs(nil, c*chunkSlots, min(n, (c+1)*chunkSlots))})
	}
	hashes = map[string][]uint64{}
	var buf []byte
	for _, part := range []string{PartGraph, PartTypes} {
		old := m.save.hashes[part]
		for c := range chunks {
			lo, hi := c*chunkSlots, min(n, (c+1)*chunkSlots)
			if part == PartGraph {
				buf = m.appendGraph(buf[:0], lo, hi)
			} else {
				buf = m.appendTypes(buf[:0], lo, hi)
			}
			h := maphash.Bytes(chunkSeed, buf)
			hashes[part] = append(hashes[part], h)
			if c >= len(old) || old[c] != h {
				sv.Chunks = append(sv.Chunks, Chunk{part, c, slices.Clone(buf)})
			}
		}
	}
	return sv, hashes, n, m.changes
}

func (m *Model) appendHeader(b []byte) []byte {
	b = append(b, chunkFormat)
	b = binary.AppendVarint(b, m.nextID)
	b = binary.AppendUvarint(b, uint64(len(m.docs)))
	b = binary.AppendUvarint(b, uint64(len(m.feats)))
	for _, f := range m.feats {
		b = binary.LittleEndian.AppendUint64(b, f.key)
		b = append(b, f.kind)
		b = binary.AppendUvarint(b, uint64(f.df))
		b = appendString(b, f.stem)
	}
	return m.appendSurfaces(b)
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

// appendDocs writes slots [lo, hi): 0 for a removed document; else 1 or 2
// (2 when counts follow), id, text hash, and feature ids as gaps from the
// previous one.
func (m *Model) appendDocs(b []byte, lo, hi int) []byte {
	for _, d := range m.docs[lo:hi] {
		switch {
		case d.dead:
			b = append(b, 0)
			continue
		case d.counts == nil:
			b = append(b, 1)
		default:
			b = append(b, 2)
		}
		b = binary.AppendVarint(b, d.id)
		b = binary.LittleEndian.AppendUint64(b, d.hash)
		b = binary.AppendUvarint(b, uint64(len(d.vec.ids)))
		prev := uint32(0)
		for _, id := range d.vec.ids {
			b = binary.AppendUvarint(b, uint64(id-prev))
			prev = id
		}
		for _, c := range d.counts {
			b = binary.AppendUvarint(b, uint64(c))
		}
	}
	return b
}

// appendGraph writes the neighbour lists of slots [lo, hi).
func (m *Model) appendGraph(b []byte, lo, hi int) []byte {
	for _, d := range m.docs[lo:hi] {
		b = binary.AppendUvarint(b, uint64(len(d.nn)))
		for _, nb := range d.nn {
			b = binary.AppendUvarint(b, uint64(nb.slot))
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(nb.sim))
		}
	}
	return b
}

// appendTypes writes the type of slots [lo, hi), 0 for removed ones.
func (m *Model) appendTypes(b []byte, lo, hi int) []byte {
	for _, d := range m.docs[lo:hi] {
		b = binary.AppendVarint(b, d.typ)
	}
	return b
}

// LoadChunks replaces the model's state with a model saved by SaveChunks,
// whose parts scan reads, chunk after chunk in order. It reports false,
// leaving the model unchanged, when there is no saved header; on error the
// model is unchanged too.
func (m *Model) LoadChunks(scan func(part string, fn func(data []byte) error) error) (bool, error) {
	parts := map[string][][]byte{}
	for _, part := range Parts {
		err := scan(part, func(data []byte) error {
			parts[part] = append(parts[part], data)
			return nil
		})
		if err != nil {
			return false, err
		}
	}
	if len(parts[PartHeader]) == 0 {
		return false, nil
	}
	fresh, err := m.decodeChunks(parts)
	if err != nil {
		return true, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.dict, m.feats, m.surf = fresh.dict, fresh.feats, fresh.surf
	m.docs, m.slotOf, m.posts, m.live, m.sizes = fresh.docs, fresh.slotOf, fresh.posts, fresh.live, fresh.sizes
	m.nextID, m.pending = fresh.nextID, 0
	m.epoch++ // slots changed: a consolidation in flight must not apply
	m.version++
	m.changes++
	m.save.stored, m.save.changes = true, m.changes
	m.save.docs, m.save.hashes = fresh.save.docs, fresh.save.hashes
	return true, nil
}

// decodeChunks builds a model from saved parts. Removed slots are dropped,
// so slots after the first of them are renumbered, and their chunks will be
// written again by the next save.
func (m *Model) decodeChunks(parts map[string][][]byte) (*Model, error) {
	hdr := parts[PartHeader]
	if len(hdr) != 1 || len(hdr[0]) == 0 || hdr[0][0] != chunkFormat {
		return nil, errCorrupt
	}
	r := reader{b: hdr[0][1:]}
	fresh := NewModel(m.cfg)
	fresh.nextID = r.varint()
	slots := int(r.uvarint())
	nf := r.count()
	fresh.feats = make([]featInfo, 0, nf)
	for range nf {
		f := featInfo{key: r.u64(), kind: r.byte(), df: uint32(r.uvarint()), stem: r.string()}
		if f.kind > kindGram {
			r.err = errCorrupt
		}
		fresh.dict[f.key] = uint32(len(fresh.feats))
		fresh.feats = append(fresh.feats, f)
	}
	for range r.count() {
		s := r.string()
		words := map[string]uint32{}
		for range r.count() {
			w := r.string()
			words[w] = uint32(r.uvarint())
		}
		fresh.surf[s] = words
	}
	chunks := (slots + chunkSlots - 1) / chunkSlots
	if r.err != nil || len(r.b) != 0 || len(parts[PartDocs]) != chunks || len(parts[PartGraph]) != chunks || len(parts[PartTypes]) != chunks {
		return nil, errCorrupt
	}
	slot := make([]int32, slots) // stored slot → slot now, -1 if removed
	firstDead := slots
	for c := range chunks {
		lo, hi := c*chunkSlots, min(slots, (c+1)*chunkSlots)
		docs, graph, types := reader{b: parts[PartDocs][c]}, reader{b: parts[PartGraph][c]}, reader{b: parts[PartTypes][c]}
		for s := lo; s < hi; s++ {
			d, live := decodeDoc(&docs, nf)
			nn := make([]neighbour, graph.count())
			for i := range nn {
				nn[i] = neighbour{int32(graph.uvarint()), math.Float32frombits(graph.u32())}
				if nn[i].slot < 0 || int(nn[i].slot) >= slots {
					graph.err = errCorrupt
				}
			}
			typ := types.varint()
			slot[s] = -1
			if !live {
				firstDead = min(firstDead, s)
				continue
			}
			d.nn, d.typ = nn, typ
			slot[s] = int32(len(fresh.docs))
			fresh.slotOf[d.id] = slot[s]
			fresh.sizes[d.typ]++
			fresh.docs = append(fresh.docs, d)
		}
		for _, x := range []reader{docs, graph, types} {
			if x.err != nil || len(x.b) != 0 {
				return nil, errCorrupt
			}
		}
	}
	for i := range fresh.docs {
		d := &fresh.docs[i]
		nn := d.nn[:0]
		for _, n := range d.nn {
			if s := slot[n.slot]; s >= 0 {
				nn = append(nn, neighbour{s, n.sim})
			}
		}
		d.nn = nn
	}
	fresh.live = len(fresh.docs)
	tab := newIDFTable(fresh.live)
	for i := range fresh.docs {
		fresh.weigh(&fresh.docs[i], tab)
		fresh.index(int32(i))
	}
	fresh.save.docs = firstDead
	if firstDead == slots { // slots unchanged: the stored chunks are these
		fresh.save.hashes = map[string][]uint64{}
		for _, part := range []string{PartGraph, PartTypes} {
			for _, data := range parts[part] {
				fresh.save.hashes[part] = append(fresh.save.hashes[part], maphash.Bytes(chunkSeed, data))
			}
		}
	}
	return fresh, nil
}

// decodeDoc reads one slot of appendDocs; live is false for a removed one.
func decodeDoc(r *reader, features int) (d doc, live bool) {
	flag := r.byte()
	if flag > 2 {
		r.err = errCorrupt
	}
	if flag == 0 || r.err != nil {
		return doc{dead: true}, false
	}
	d = doc{id: r.varint(), hash: r.u64()}
	k := r.count()
	d.vec = sparse{ids: make([]uint32, k), w: make([]float32, k)}
	prev := uint64(0)
	for i := range k {
		prev += r.uvarint()
		if prev >= uint64(features) {
			r.err = errCorrupt
		}
		d.vec.ids[i] = uint32(prev)
	}
	if flag == 2 {
		d.counts = make([]uint16, k)
		for i := range k {
			d.counts[i] = uint16(r.uvarint())
		}
	}
	return d, r.err == nil
}
