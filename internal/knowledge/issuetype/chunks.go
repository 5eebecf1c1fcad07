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
//     lists, but a tenth of the size of the documents);
//   - PartDense: the documents' embeddings (dense.go), chunkSlots slots per
//     chunk, written when their content changed; no chunk at all when no
//     document has one, so a model without embeddings saves what it did
//     before they existed, and a model saved before loads without them.
const (
	PartHeader = "header"
	PartDocs   = "docs"
	PartGraph  = "graph"
	PartTypes  = "types"
	PartDense  = "dense"
)

// Parts lists the parts of a saved model in the order LoadChunks reads them.
var Parts = []string{PartHeader, PartDocs, PartGraph, PartTypes, PartDense}

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
	denseChunks := 0
	if m.dense > 0 {
		denseChunks = chunks
	}
	sv = &Saving{Counts: map[string]int{PartHeader: 1, PartDocs: chunks, PartGraph: chunks, PartTypes: chunks, PartDense: denseChunks}}
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
	for _, part := range []string{PartGraph, PartTypes, PartDense} {
		old := m.save.hashes[part]
		for c := range sv.Counts[part] {
			lo, hi := c*chunkSlots, min(n, (c+1)*chunkSlots)
			switch part {
			case PartGraph:
				buf = m.appendGraph(buf[:0], lo, hi)
			case PartTypes:
				buf = m.appendTypes(buf[:0], lo, hi)
			default:
				buf = m.appendDense(buf[:0], lo, hi)
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
	b = m.appendFeatures(b)
	return m.appendSurfaces(b)
}

// appendDocs writes slots [lo, hi): 0 for a removed document; else 1 or 2
// (2 when counts follow), id, text hash, and feature ids as gaps from the
// previous one.
func (m *Model) appendDocs(b []byte, lo, hi int) []byte {
	var counts []uint16
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
		k, gaps, _ := d.vec.parts()
		b = binary.AppendUvarint(b, uint64(k))
		b = append(b, gaps...) // held as stored
		counts = d.counts.dense(counts, k)
		for _, c := range counts {
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

// appendDense writes the embeddings of slots [lo, hi): each one's length
// in bytes (0 without one) and its bytes as held (dense.go).
func (m *Model) appendDense(b []byte, lo, hi int) []byte {
	for s := lo; s < hi; s++ {
		dv := m.denseAt(int32(s))
		b = binary.AppendUvarint(b, uint64(len(dv)))
		b = append(b, dv...)
	}
	return b
}

// LoadChunks replaces the model's state with a model saved by SaveChunks,
// whose parts scan reads, chunk after chunk in order. Chunks are decoded as
// they arrive, so loading never holds the whole saved model twice. It
// reports false, leaving the model unchanged, when there is no saved
// header; on error the model is unchanged too.
func (m *Model) LoadChunks(scan func(part string, fn func(data []byte) error) error) (bool, error) {
	l := &chunkLoader{fresh: NewModel(m.cfg), hashes: map[string][]uint64{}}
	for _, part := range Parts {
		l.part, l.n = part, 0
		if err := scan(part, l.chunk); err != nil {
			return false, err
		}
		if part == PartHeader && l.n == 0 {
			return false, nil
		}
		// No embeddings: none held, or saved before they were.
		if l.n != l.want(part) && (part != PartDense || l.n != 0) {
			return true, errCorrupt
		}
	}
	fresh, err := l.finish()
	if err != nil {
		return true, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.adopt(fresh)
	m.save.stored, m.save.changes = true, m.changes
	m.save.docs, m.save.hashes = fresh.save.docs, fresh.save.hashes
	return true, nil
}

// chunkLoader decodes a saved model part after part. Removed slots are
// dropped, so slots after the first of them are renumbered, and their
// chunks will be written again by the next save.
type chunkLoader struct {
	fresh  *Model
	part   string
	n      int     // chunks of part seen
	slots  int     // stored slots, from the header
	slot   []int32 // stored slot → slot now, -1 if removed
	dead   int     // first removed stored slot, or slots
	hashes map[string][]uint64
	dim    int // the embeddings' dimension, once one is read
	// The documents' vectors and neighbour lists are cut from slabs
	// rather than allocated one by one: a start allocated two small
	// objects per document, whose allocation and marking cost more than
	// decoding them. A slab lives as long as any of its documents does
	// (they leave only when removed, which is rare).
	vecs   []byte
	nns    []neighbour
	counts []uint16 // decodeDoc's scratch
}

// slabSize is the size, in elements, of the slabs a loader cuts from.
const slabSize = 64 << 10

// cut returns a slice of n elements from the front of *slab (a new slab
// when it has no room), with no capacity beyond them, so that appending
// to it never writes over its neighbour's elements.
func cut[T any](slab *[]T, n int) []T {
	if cap(*slab)-len(*slab) < n {
		*slab = make([]T, 0, max(slabSize, n))
	}
	lo := len(*slab)
	*slab = (*slab)[:lo+n]
	return (*slab)[lo : lo+n : lo+n]
}

// want is the number of chunks part must have.
func (l *chunkLoader) want(part string) int {
	if part == PartHeader {
		return 1
	}
	return (l.slots + chunkSlots - 1) / chunkSlots
}

// chunk decodes the next chunk of l.part.
func (l *chunkLoader) chunk(data []byte) error {
	n := l.n
	l.n++
	if n >= l.want(l.part) {
		return errCorrupt
	}
	lo, hi := n*chunkSlots, min(l.slots, (n+1)*chunkSlots)
	r := reader{b: data}
	switch l.part {
	case PartHeader:
		l.header(&r)
	case PartDocs:
		l.docs(&r, lo, hi)
	case PartGraph:
		l.graph(&r, lo, hi)
	case PartTypes:
		l.types(&r, lo, hi)
	case PartDense:
		l.dense(&r, lo, hi)
	}
	if r.err != nil || len(r.b) != 0 {
		return errCorrupt
	}
	if l.part == PartGraph || l.part == PartTypes || l.part == PartDense {
		l.hashes[l.part] = append(l.hashes[l.part], maphash.Bytes(chunkSeed, data))
	}
	return nil
}

func (l *chunkLoader) header(r *reader) {
	if r.byte() != chunkFormat {
		r.fail()
		return
	}
	f := l.fresh
	f.nextID = r.varint()
	slots := r.uvarint()
	if slots > math.MaxInt32 {
		r.fail()
		return
	}
	l.slots = int(slots)
	f.readFeatures(r)
	f.readSurfaces(r)
	l.slot = make([]int32, 0, min(l.slots, 1<<20)) // grown by the documents actually read
	// Sized for every stored slot, removed ones included (few): growing
	// it by append left up to a quarter of it unused. The map is sized
	// once too: grown an insert at a time, it took a fifth of decoding the
	// documents (0.08 of 0.41 CPU-s at 200,000).
	stored := min(l.slots, 1<<22)
	f.docs = make([]doc, 0, stored)
	f.slotOf = make(map[int64]int32, stored)
	l.dead = l.slots
}

func (l *chunkLoader) docs(r *reader, lo, hi int) {
	f := l.fresh
	for s := lo; s < hi && r.err == nil; s++ {
		d, live := decodeDoc(r, len(f.feats), &l.vecs, &l.counts)
		if !live {
			l.slot = append(l.slot, -1)
			l.dead = min(l.dead, s)
			continue
		}
		l.slot = append(l.slot, int32(len(f.docs)))
		f.slotOf[d.id] = int32(len(f.docs))
		f.docs = append(f.docs, d)
	}
}

func (l *chunkLoader) graph(r *reader, lo, hi int) {
	for s := lo; s < hi && r.err == nil; s++ {
		k := r.count()
		var nn []neighbour
		if at := l.slot[s]; at >= 0 && k > 0 {
			nn = cut(&l.nns, k)[:0]
		}
		for range k {
			nb, sim := r.uvarint(), math.Float32frombits(r.u32())
			if nb >= uint64(l.slots) {
				r.fail()
				return
			}
			if at := l.slot[nb]; at >= 0 && nn != nil {
				nn = append(nn, neighbour{at, sim})
			}
		}
		if at := l.slot[s]; at >= 0 {
			l.fresh.docs[at].nn = nn
		}
	}
}

func (l *chunkLoader) types(r *reader, lo, hi int) {
	f := l.fresh
	for s := lo; s < hi && r.err == nil; s++ {
		typ := r.varint()
		if at := l.slot[s]; at >= 0 {
			f.docs[at].typ = typ
			f.sizes[typ]++
		}
	}
}

// dense reads the embeddings of slots [lo, hi), all of one dimension.
func (l *chunkLoader) dense(r *reader, lo, hi int) {
	for s := lo; s < hi && r.err == nil; s++ {
		k := r.count()
		if k == 0 {
			continue
		}
		b := r.take(k)
		if k <= 4 || (l.dim != 0 && k-4 != l.dim) {
			r.fail()
			return
		}
		l.dim = k - 4
		if at := l.slot[s]; at >= 0 {
			dv := cut(&l.vecs, k)
			copy(dv, b)
			l.fresh.putDense(at, dv)
		}
	}
}

// finish weighs and indexes the loaded documents.
func (l *chunkLoader) finish() (*Model, error) {
	f := l.fresh
	if len(l.slot) != l.slots {
		return nil, errCorrupt
	}
	f.reindex()
	f.save.docs = l.dead
	if l.dead == l.slots { // slots unchanged: the stored chunks are these
		f.save.hashes = l.hashes
	}
	return f, nil
}

// decodeDoc reads one slot of appendDocs, its vector cut from slab (and its
// counts read through scratch); live is false for a removed one.
func decodeDoc(r *reader, features int, slab *[]byte, scratch *[]uint16) (d doc, live bool) {
	flag := r.byte()
	if flag > 2 {
		r.err = errCorrupt
	}
	if flag == 0 || r.err != nil {
		return doc{dead: true}, false
	}
	d = doc{id: r.varint(), hash: r.u64()}
	k := r.count()
	// The gaps are held as they are stored: find where they end while
	// checking them, and copy them out of the chunk.
	end, ok := gapsEnd(r.b, k, features)
	if !ok {
		r.fail()
		return doc{dead: true}, false
	}
	gaps := r.take(end)
	d.vec = docVecOfGaps(cut(slab, docVecLen(len(gaps), k))[:0], gaps, k)
	if flag == 2 {
		counts := (*scratch)[:0]
		for range k {
			counts = append(counts, uint16(r.uvarint()))
		}
		*scratch = counts
		d.counts = packRepeats(counts)
	}
	return d, r.err == nil
}
