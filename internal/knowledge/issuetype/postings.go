package issuetype

import (
	"encoding/binary"
	"math"
)

// postings is one feature's posting list, packed: for each document holding
// the feature, in slot order, the gap from the previous slot as a uvarint
// and the document's weight for the feature as a 16-bit fraction of 1
// (weights of unit vectors never exceed 1). It takes 3–4 bytes an entry
// where a slot and a float32 took 8: the lists of common features, which
// hold most entries, have gaps of one byte.
//
// The weights are only the first, approximate stage of the neighbour
// search (see gather): they choose which documents are scored exactly,
// from their float32 vectors, so rounding them to 1/65,535 (a relative
// error under 0.05% for the weights of the rarer features that stage one
// walks) moves no neighbour on banking77.
//
// Removed documents keep their entries until the next compaction; searches
// skip them through Model.gone, so removing needs no scan of the lists.
type postings struct {
	b    []byte
	n    int32 // entries
	last int32 // slot of the last entry
}

// weightScale maps a weight in [0, 1] onto the uint16 stored.
const weightScale = math.MaxUint16

// quantise rounds a weight to its stored form.
func quantise(w float32) uint16 {
	return uint16(min(max(w, 0), 1)*weightScale + 0.5)
}

// add appends slot's entry, with its weight as docVec holds it; slots only
// grow between compactions.
func (l *postings) add(slot int32, w uint16) {
	prev := l.last
	if l.n == 0 {
		prev = 0
	}
	if need := len(l.b) + uvarintLen(uint32(slot-prev)) + 2; need > cap(l.b) {
		// Grow by an eighth instead of append's doubling: most lists
		// are short and grow by a few entries between consolidations,
		// and doubling left a third of the index's memory unused.
		grown := make([]byte, len(l.b), need+len(l.b)/8+8)
		copy(grown, l.b)
		l.b = grown
	}
	l.b = binary.AppendUvarint(l.b, uint64(slot-prev))
	l.b = binary.LittleEndian.AppendUint16(l.b, w)
	l.n++
	l.last = slot
}

// gone is a bit per slot: set for removed documents until the next
// compaction drops their slots.
type gone []uint64

func (g gone) has(s int32) bool {
	i := int(s >> 6)
	return i < len(g) && g[i]&(1<<(uint(s)&63)) != 0
}

// set marks slot s, growing g as needed.
func (g *gone) set(s int32) {
	for int(s>>6) >= len(*g) {
		*g = append(*g, 0)
	}
	(*g)[s>>6] |= 1 << (uint(s) & 63)
}
