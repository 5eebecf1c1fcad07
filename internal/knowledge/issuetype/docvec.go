package issuetype

import "encoding/binary"

// docVec is a held document's weighted feature vector, packed in one
// slice: the number of features k as a uvarint; the feature ids, ascending,
// as uvarint gaps from the previous id (from 0); then k weights, each a
// little-endian uint16 fraction of 1 (the vector has unit length, so no
// weight exceeds 1). A feature takes 3–5 bytes where an id and a float32
// weight took 8: a document's hundred-odd ids leave gaps of a few thousand
// at most, and the weights keep four to five significant digits, which is
// all the neighbour search can tell apart (see docs/benchmarks.md for what
// rounding them moved on banking77). The gaps are laid out as PartDocs
// stores them, so saving and loading copy them as they are.
type docVec []byte

// newDocVec returns a vector of the features ids (ascending) with zero
// weights; see setWeights.
func newDocVec(ids []uint32) docVec {
	n, prev := 0, uint32(0)
	for _, id := range ids {
		n += uvarintLen(id - prev)
		prev = id
	}
	k := len(ids)
	b := binary.AppendUvarint(make([]byte, 0, uvarintLen(uint32(k))+n+2*k), uint64(k))
	prev = 0
	for _, id := range ids {
		b = binary.AppendUvarint(b, uint64(id-prev))
		prev = id
	}
	return docVec(b[:len(b)+2*k])
}

// docVecLen is the length of a vector of k features whose ids take n
// bytes of gaps.
func docVecLen(n, k int) int { return uvarintLen(uint32(k)) + n + 2*k }

// docVecOfGaps returns a vector of k features whose ids are the stored
// gaps (checked by checkGaps), with zero weights, in dst's memory when it
// has room for docVecLen bytes of zeros.
func docVecOfGaps(dst, gaps []byte, k int) docVec {
	if n := docVecLen(len(gaps), k); cap(dst) < n {
		dst = make([]byte, 0, n)
	}
	b := binary.AppendUvarint(dst[:0], uint64(k))
	b = append(b, gaps...)
	return docVec(b[:len(b)+2*k])
}

// parts splits v into its feature count, its gaps and its weights.
// The count is read by gap, whose one-byte case (under 128 features) is
// inlined: binary.Uvarint's call was a third of the cost of parts, which
// the neighbour search pays for every candidate it scores.
func (v docVec) parts() (k int, gaps, w []byte) {
	if len(v) == 0 { // a removed document's
		return 0, nil, nil
	}
	n, p := gap(v, 0)
	k = int(n)
	return k, v[p : len(v)-2*k], v[len(v)-2*k:]
}

// len is the number of features of v.
func (v docVec) len() int {
	if len(v) == 0 {
		return 0
	}
	k, _ := gap(v, 0)
	return int(k)
}

// setWeights stores w (one per feature, in [0, 1]) rounded to 1/65,535,
// and leaves the rounded values in w.
func (v docVec) setWeights(w []float32) {
	_, _, ws := v.parts()
	for i, x := range w {
		q := quantise(x)
		binary.LittleEndian.PutUint16(ws[2*i:], q)
		w[i] = float32(q) / weightScale
	}
}

// appendWeights appends v's weights to buf.
func (v docVec) appendWeights(buf []float32) []float32 {
	k, _, ws := v.parts()
	for i := range k {
		buf = append(buf, float32(binary.LittleEndian.Uint16(ws[2*i:]))/weightScale)
	}
	return buf
}

// uvarintLen is the length of x as a uvarint.
func uvarintLen(x uint32) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

// gap decodes the uvarint at b[p:], returning it and the position after
// it. It trusts b (built by packIDs or checked by checkGaps): the common
// one- and two-byte cases are inlined into the scoring loops.
func gap(b []byte, p int) (uint32, int) {
	x := uint32(b[p])
	if x < 0x80 {
		return x, p + 1
	}
	return gapSlow(b, p)
}

func gapSlow(b []byte, p int) (uint32, int) {
	var x uint32
	for s := 0; ; s += 7 {
		c := b[p]
		p++
		x |= uint32(c&0x7f) << s
		if c < 0x80 {
			return x, p
		}
	}
}

// appendIDs appends v's feature ids to buf.
func (v docVec) appendIDs(buf []uint32) []uint32 {
	k, gaps, _ := v.parts()
	id, p := uint32(0), 0
	for range k {
		var g uint32
		g, p = gap(gaps, p)
		id += g
		buf = append(buf, id)
	}
	return buf
}

// dot is the dot product of the query vector q with v.
func (v docVec) dot(q sparse) float64 {
	k, gaps, ws := v.parts()
	var s float64
	id, p, j := uint32(0), 0, 0
	for i := 0; i < k && j < len(q.ids); i++ {
		var g uint32
		g, p = gap(gaps, p)
		id += g
		for j < len(q.ids) && q.ids[j] < id {
			j++
		}
		if j < len(q.ids) && q.ids[j] == id {
			w := uint16(ws[2*i]) | uint16(ws[2*i+1])<<8
			s += float64(q.w[j]) * float64(float32(w)/weightScale)
			j++
		}
	}
	return s
}

// checkGaps reports whether b holds exactly k uvarint gaps whose ids stay
// below features, as a stored document must.
func checkGaps(b []byte, k, features int) bool {
	end, ok := gapsEnd(b, k, features)
	return ok && end == len(b)
}

// gapsEnd reports where the k uvarint gaps at the start of b end, and
// whether they are whole and their ids stay below features: a load finds
// a stored document's gaps and checks them in one walk.
func gapsEnd(b []byte, k, features int) (int, bool) {
	id, p := uint64(0), 0
	for range k {
		var g uint64
		if p < len(b) && b[p] < 0x80 { // most gaps: one byte
			g = uint64(b[p])
			p++
		} else {
			var n int
			if g, n = binary.Uvarint(b[p:]); n <= 0 {
				return p, false
			}
			p += n
		}
		if g > uint64(features) {
			return p, false
		}
		if id += g; id >= uint64(features) {
			return p, false
		}
	}
	return p, true
}

// repeats lists the features of a document that occur more than once in
// its text, as (position in its vector, count) pairs; nil when every
// feature occurs once (most short texts). A count per feature took two
// bytes for every feature of a document for the sake of its few repeated
// ones.
type repeats []uint32

// packRepeats returns the counts other than 1, nil if there are none.
func packRepeats(counts []uint16) repeats {
	n := 0
	for _, c := range counts {
		if c != 1 {
			n += 2
		}
	}
	if n == 0 {
		return nil
	}
	r := make(repeats, 0, n)
	for i, c := range counts {
		if c != 1 {
			r = append(r, uint32(i), uint32(c))
		}
	}
	return r
}

// dense returns the count of each of k features in buf's memory; nil when
// r is nil (every count is 1).
func (r repeats) dense(buf []uint16, k int) []uint16 {
	if r == nil {
		return nil
	}
	buf = buf[:0]
	for range k {
		buf = append(buf, 1)
	}
	for i := 0; i+1 < len(r); i += 2 {
		buf[r[i]] = uint16(r[i+1])
	}
	return buf
}
