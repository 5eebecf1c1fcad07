package issuetype

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
)

// formatVersion is the first byte of a marshalled model; bump it when the
// layout or the features change, and old models must be rebuilt.
const formatVersion = 1

// MarshalBinary encodes the model's documents, dictionary, neighbour graph
// and type ids (not its Config, which belongs to the caller), so a server
// can store it and reload it without replaying every conversation.
func (m *Model) MarshalBinary() ([]byte, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b := []byte{formatVersion}
	b = binary.AppendVarint(b, m.nextID)
	b = binary.AppendUvarint(b, uint64(len(m.feats)))
	for _, f := range m.feats {
		b = binary.LittleEndian.AppendUint64(b, f.key)
		b = append(b, f.kind)
		b = binary.AppendUvarint(b, uint64(f.df))
		b = appendString(b, f.stem)
	}
	stems := make([]string, 0, len(m.surf))
	for s := range m.surf {
		stems = append(stems, s)
	}
	slices.Sort(stems) // deterministic output
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
	// Live documents only, with neighbour slots renumbered to match.
	slot := make([]int32, len(m.docs))
	n := int32(0)
	for i, d := range m.docs {
		slot[i] = -1
		if !d.dead {
			slot[i], n = n, n+1
		}
	}
	b = binary.AppendUvarint(b, uint64(n))
	for _, d := range m.docs {
		if d.dead {
			continue
		}
		b = binary.AppendVarint(b, d.id)
		b = binary.LittleEndian.AppendUint64(b, d.hash)
		b = binary.AppendVarint(b, d.typ)
		b = binary.AppendUvarint(b, uint64(len(d.vec.ids)))
		for k, id := range d.vec.ids {
			tf := float32(1)
			if d.counts != nil {
				tf = tfWeight(float32(d.counts[k]))
			}
			b = binary.AppendUvarint(b, uint64(id))
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(tf))
		}
		live := 0
		for _, nb := range d.nn {
			if slot[nb.slot] >= 0 {
				live++
			}
		}
		b = binary.AppendUvarint(b, uint64(live))
		for _, nb := range d.nn {
			if s := slot[nb.slot]; s >= 0 {
				b = binary.AppendUvarint(b, uint64(s))
				b = binary.LittleEndian.AppendUint32(b, math.Float32bits(nb.sim))
			}
		}
	}
	return b, nil
}

// errCorrupt reports undecodable input to UnmarshalBinary.
var errCorrupt = errors.New("issuetype: corrupt or incompatible model encoding")

// UnmarshalBinary replaces the model's state with data from MarshalBinary,
// keeping its Config. On error the model is left unchanged.
func (m *Model) UnmarshalBinary(data []byte) error {
	if len(data) == 0 || data[0] != formatVersion {
		return errCorrupt
	}
	r := reader{b: data[1:]}
	fresh := NewModel(m.cfg)
	fresh.nextID = r.varint()
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
	nd := r.count()
	fresh.docs = make([]doc, 0, nd)
	for range nd {
		d := doc{id: r.varint(), hash: r.u64(), typ: r.varint()}
		k := r.count()
		d.vec = sparse{ids: make([]uint32, k), w: make([]float32, k)}
		d.counts = make([]uint16, k)
		for i := range k {
			// tf = 1 + ln(count): the count back from the weight.
			d.vec.ids[i] = uint32(r.uvarint())
			tf := math.Float32frombits(r.u32())
			d.counts[i] = countOf(float32(math.Round(math.Exp(float64(tf) - 1))))
			if int(d.vec.ids[i]) >= nf {
				r.err = errCorrupt
			}
		}
		d.counts = compactCounts(d.counts)
		for range r.count() {
			s, sim := int32(r.uvarint()), math.Float32frombits(r.u32())
			if s < 0 || int(s) >= nd {
				r.err = errCorrupt
			}
			d.nn = append(d.nn, neighbour{s, sim})
		}
		if r.err != nil {
			return r.err
		}
		fresh.slotOf[d.id] = int32(len(fresh.docs))
		fresh.sizes[d.typ]++
		fresh.docs = append(fresh.docs, d)
	}
	if r.err != nil || len(r.b) != 0 {
		return errCorrupt
	}
	fresh.live = len(fresh.docs)
	fresh.allocPostings()
	tab := newIDFTable(fresh.live)
	for i := range fresh.docs {
		fresh.weigh(&fresh.docs[i], tab)
		fresh.index(int32(i))
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.dict, m.feats, m.surf = fresh.dict, fresh.feats, fresh.surf
	m.docs, m.slotOf, m.posts, m.live, m.sizes = fresh.docs, fresh.slotOf, fresh.posts, fresh.live, fresh.sizes
	m.nextID, m.pending = fresh.nextID, 0
	m.epoch++ // slots changed: a consolidation in flight must not apply
	m.version++
	m.changes++
	// Stored in another form: the next save writes everything.
	m.save.stored, m.save.docs, m.save.hashes = false, 0, nil
	return nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}
