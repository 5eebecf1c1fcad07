package issuetype

import "encoding/binary"

// docVec is a held document's weighted feature vector, packed: the feature
// ids, ascending, as uvarint gaps from the previous id (from 0), and one
// weight per id. The gaps take 1–3 bytes where an id took 4: a document's
// ids are spread over the whole dictionary, but a hundred of them leave
// gaps of a few thousand at most. The gaps are laid out as PartDocs stores
// them, so saving and loading copy them as they are.
type docVec struct {
	gaps []byte
	w    []float32
}

// packIDs returns ids (ascending) as gaps.
func packIDs(ids []uint32) []byte {
	n, prev := 0, uint32(0)
	for _, id := range ids {
		n += uvarintLen(id - prev)
		prev = id
	}
	b := make([]byte, 0, n)
	prev = 0
	for _, id := range ids {
		b = binary.AppendUvarint(b, uint64(id-prev))
		prev = id
	}
	return b
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
	id, p := uint32(0), 0
	for range v.w {
		var g uint32
		g, p = gap(v.gaps, p)
		id += g
		buf = append(buf, id)
	}
	return buf
}

// dot is the dot product of the query vector q with v.
func (v docVec) dot(q sparse) float64 {
	var s float64
	id, p, j := uint32(0), 0, 0
	for i := 0; i < len(v.w) && j < len(q.ids); i++ {
		var g uint32
		g, p = gap(v.gaps, p)
		id += g
		for j < len(q.ids) && q.ids[j] < id {
			j++
		}
		if j < len(q.ids) && q.ids[j] == id {
			s += float64(q.w[j]) * float64(v.w[i])
			j++
		}
	}
	return s
}

// checkGaps reports whether b holds exactly k uvarint gaps whose ids stay
// below features, as a stored document must.
func checkGaps(b []byte, k, features int) bool {
	id, p := uint64(0), 0
	for range k {
		g, n := binary.Uvarint(b[p:])
		if n <= 0 || g > uint64(features) {
			return false
		}
		p += n
		if id += g; id >= uint64(features) {
			return false
		}
	}
	return p == len(b)
}
