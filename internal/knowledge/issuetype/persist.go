package issuetype

import (
	"encoding/binary"
	"errors"
	"math"
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
	b = m.appendFeatures(b)
	b = m.appendSurfaces(b)
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
		b = binary.AppendUvarint(b, uint64(d.vec.len()))
		counts := d.counts.dense(nil, d.vec.len())
		for k, id := range d.vec.appendIDs(nil) {
			tf := float32(1)
			if counts != nil {
				tf = tfOf(counts[k])
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
	fresh.readFeatures(&r)
	nf := len(fresh.feats)
	fresh.readSurfaces(&r)
	nd := r.count()
	fresh.docs = make([]doc, 0, nd)
	for range nd {
		d := doc{id: r.varint(), hash: r.u64(), typ: r.varint()}
		k := r.count()
		ids := make([]uint32, k)
		counts := make([]uint16, k)
		for i := range k {
			// tf = 1 + ln(count): the count back from the weight.
			ids[i] = uint32(r.uvarint())
			tf := math.Float32frombits(r.u32())
			counts[i] = countOf(float32(math.Round(math.Exp(float64(tf) - 1))))
			if int(ids[i]) >= nf || (i > 0 && ids[i] <= ids[i-1]) {
				r.err = errCorrupt
			}
		}
		if r.err != nil {
			return r.err
		}
		d.vec = newDocVec(ids)
		d.counts = packRepeats(counts)
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
	fresh.reindex()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.adopt(fresh)
	// Stored in another form: the next save writes everything.
	m.save.stored, m.save.docs, m.save.hashes = false, 0, nil
	return nil
}
