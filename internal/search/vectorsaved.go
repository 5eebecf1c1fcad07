package search

import (
	"encoding/binary"
	"fmt"
	"math"
)

// vectorFormat is the version of AppendRange's encoding of vectors: 2
// added each vector's stamp; LoadRange reads format 1 too, with stamps 0
// (unknown).
const vectorFormat = 2

// AppendRange appends to dst the vectors of ids in [lo, hi) as bytes that
// LoadRange reads back: a format byte, the dimension and count, then each
// vector's id (from lo), tag, stamp, scale and int8 components. A range
// without vectors encodes as nothing (dst unchanged).
func (s *Vectors) AppendRange(dst []byte, lo, hi int64) []byte {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var in []int
	for id := lo; id < hi; id++ {
		if i, ok := s.pos[id]; ok {
			in = append(in, i)
		}
	}
	if len(in) == 0 {
		return dst
	}
	dst = append(dst, vectorFormat)
	dst = binary.AppendUvarint(dst, uint64(s.dim))
	dst = binary.AppendUvarint(dst, uint64(len(in)))
	for _, i := range in {
		dst = binary.AppendUvarint(dst, uint64(s.ids[i]-lo))
		dst = binary.LittleEndian.AppendUint32(dst, s.tags[i])
		dst = binary.LittleEndian.AppendUint32(dst, s.stamps[i])
		dst = binary.LittleEndian.AppendUint32(dst, math.Float32bits(s.scales[i]))
		for _, x := range s.data[i*s.dim : (i+1)*s.dim] {
			dst = append(dst, byte(x))
		}
	}
	return dst
}

// LoadRange adds the vectors of a range encoded by AppendRange (lo as
// given to it) for which keep(id, tag) is true, and returns how many it
// added. A vector the set holds already is kept: set since the save, it
// is the newer. Nothing is added if data is malformed, of another format, or of
// another dimension than the set's vectors.
func (s *Vectors) LoadRange(data []byte, lo int64, keep func(id int64, tag uint32) bool) (int, error) {
	return s.LoadRangeStamped(data, lo, func(id int64, tag, _ uint32) bool { return keep(id, tag) })
}

// LoadRangeStamped is LoadRange with each vector's stamp given to keep
// too (0 for format 1), so a caller may take only the vectors of the
// records it holds at that stamp.
func (s *Vectors) LoadRangeStamped(data []byte, lo int64, keep func(id int64, tag, stamp uint32) bool) (int, error) {
	return s.LoadRangeOver(data, lo, func(id int64, tag, stamp uint32, held bool, _ uint32) bool {
		return !held && keep(id, tag, stamp)
	})
}

// LoadRangeOver is LoadRangeStamped where keep decides over the vectors
// the set holds too: held says whether it holds one of id, heldStamp is
// that one's stamp, and a saved vector kept replaces it (a server taking
// another's vector of a newer text than its own). It returns how many
// vectors it added or replaced. keep runs under the set's lock: it must
// not call the set.
func (s *Vectors) LoadRangeOver(data []byte, lo int64, keep func(id int64, tag, stamp uint32, held bool, heldStamp uint32) bool) (int, error) {
	if len(data) == 0 {
		return 0, nil
	}
	bad := func(what string) (int, error) { return 0, fmt.Errorf("search: saved vectors: %s", what) }
	format := data[0]
	if format != 1 && format != vectorFormat {
		return bad(fmt.Sprintf("format %d", format))
	}
	head := 8 // tag and scale
	if format >= 2 {
		head = 12 // tag, stamp and scale
	}
	p := data[1:]
	uv := func() (uint64, bool) {
		v, n := binary.Uvarint(p)
		if n <= 0 {
			return 0, false
		}
		p = p[n:]
		return v, true
	}
	dim, ok1 := uv()
	count, ok2 := uv()
	if !ok1 || !ok2 || dim == 0 || dim > 1<<16 || count > uint64(len(p)) {
		return bad("header")
	}
	type rec struct {
		id    int64
		tag   uint32
		stamp uint32
		scale float32
		v     []int8
	}
	recs := make([]rec, 0, count)
	for range count {
		off, ok := uv()
		if !ok || len(p) < head+int(dim) {
			return bad("truncated")
		}
		r := rec{id: lo + int64(off), tag: binary.LittleEndian.Uint32(p), scale: math.Float32frombits(binary.LittleEndian.Uint32(p[head-4:]))}
		if format >= 2 {
			r.stamp = binary.LittleEndian.Uint32(p[4:])
		}
		r.v = make([]int8, dim)
		for j := range r.v {
			r.v[j] = int8(p[head+j])
		}
		p = p[head+int(dim):]
		recs = append(recs, r)
	}
	if len(p) != 0 {
		return bad("trailing bytes")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.ids) > 0 && s.dim != int(dim) {
		return bad(fmt.Sprintf("dimension %d, the set's is %d", dim, s.dim))
	}
	s.dim = int(dim)
	added := 0
	for _, r := range recs {
		i, held := s.pos[r.id]
		var heldStamp uint32
		if held {
			heldStamp = s.stamps[i]
		}
		if !keep(r.id, r.tag, r.stamp, held, heldStamp) {
			continue
		}
		if held {
			s.tags[i], s.stamps[i], s.scales[i] = r.tag, r.stamp, r.scale
		} else {
			i = len(s.ids)
			s.pos[r.id] = i
			s.ids, s.tags, s.stamps, s.scales = append(s.ids, r.id), append(s.tags, r.tag), append(s.stamps, r.stamp), append(s.scales, r.scale)
			s.grow()
		}
		copy(s.data[i*s.dim:(i+1)*s.dim], r.v)
		s.setBits(i)
		added++
	}
	return added, nil
}
