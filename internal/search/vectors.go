package search

import (
	"math"
	"slices"
	"sync"

	"github.com/fathom-oss/fathom/internal/signbits"
)

// Vectors is one tenant's dense vectors, one per conversation, kept
// int8-quantised (a byte per dimension and a float32 scale per vector, a
// quarter of float32) with their sign bits, searched by a scan (see
// Nearest). Vectors must be L2-normalised; similarities are cosines
// clamped to [0, 1]. It is safe for concurrent use.
type Vectors struct {
	mu   sync.RWMutex
	dim  int
	ids  []int64
	tags []uint32 // the caller's version of what each vector embeds
	// stamps are the caller's version of the record whose text each
	// vector embeds (0: unknown), so that a start can tell a vector
	// current without reading the text (see UpsertStamped).
	stamps []uint32
	scales []float32
	data   []int8 // len(ids) × dim
	// bits holds each vector's signs, words() uint64s a vector: a
	// Hamming distance on them preselects the candidates of a large set's
	// search, which the int8 cosine then ranks (see Nearest).
	bits []uint64
	pos  map[int64]int
}

// words is how many uint64s hold one vector's signs.
func (s *Vectors) words() int { return signbits.Words(s.dim) }

// grow appends room for one vector.
func (s *Vectors) grow() {
	s.data = append(s.data, make([]int8, s.dim)...)
	s.bits = append(s.bits, make([]uint64, s.words())...)
}

// setBits records the signs of vector i from its int8 components.
func (s *Vectors) setBits(i int) {
	w := s.words()
	signbits.Set(s.bits[i*w:(i+1)*w], s.data[i*s.dim:(i+1)*s.dim])
}

// NewVectors returns an empty set.
func NewVectors() *Vectors { return &Vectors{pos: map[int64]int{}} }

// quantise maps v onto int8 with one scale: x ≈ q × scale.
func quantise(v []float32, out []int8) float32 {
	var m float32
	for _, x := range v {
		m = max(m, float32(math.Abs(float64(x))))
	}
	if m == 0 {
		clear(out)
		return 0
	}
	scale := m / 127
	for i, x := range v {
		out[i] = int8(math.Round(float64(x / scale)))
	}
	return scale
}

// Upsert sets id's vector, tagged with tag. The first vector fixes the
// dimension; a vector of another dimension is refused (false): one set
// holds one space.
func (s *Vectors) Upsert(id int64, tag uint32, v []float32) bool {
	return s.UpsertStamped(id, tag, 0, v)
}

// UpsertStamped is Upsert recording stamp, the version of the record
// whose text v embeds (see Stamp).
func (s *Vectors) UpsertStamped(id int64, tag, stamp uint32, v []float32) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.ids) == 0 {
		s.dim = len(v)
	}
	if len(v) != s.dim || len(v) == 0 {
		return false
	}
	i, ok := s.pos[id]
	if !ok {
		i = len(s.ids)
		s.pos[id] = i
		s.ids = append(s.ids, id)
		s.tags = append(s.tags, 0)
		s.stamps = append(s.stamps, 0)
		s.scales = append(s.scales, 0)
		s.grow()
	}
	s.scales[i] = quantise(v, s.data[i*s.dim:(i+1)*s.dim])
	s.setBits(i)
	s.tags[i], s.stamps[i] = tag, stamp
	return true
}

// Reset empties the set, for vectors of another space, and returns the
// ids it held.
func (s *Vectors) Reset() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := s.ids
	s.dim, s.ids, s.tags, s.stamps, s.scales, s.data, s.bits = 0, nil, nil, nil, nil, nil, nil
	clear(s.pos)
	return ids
}

// Delete removes id's vector, if any.
func (s *Vectors) Delete(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.pos[id]
	if !ok {
		return
	}
	last := len(s.ids) - 1
	if i != last {
		s.ids[i], s.tags[i], s.stamps[i], s.scales[i] = s.ids[last], s.tags[last], s.stamps[last], s.scales[last]
		copy(s.data[i*s.dim:(i+1)*s.dim], s.data[last*s.dim:])
		w := s.words()
		copy(s.bits[i*w:(i+1)*w], s.bits[last*w:])
		s.pos[s.ids[i]] = i
	}
	delete(s.pos, id)
	s.ids, s.tags, s.stamps, s.scales, s.data = s.ids[:last], s.tags[:last], s.stamps[:last], s.scales[:last], s.data[:last*s.dim]
	s.bits = s.bits[:last*s.words()]
}

// Tag returns the tag of id's vector, and whether it has one.
func (s *Vectors) Tag(id int64) (uint32, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := s.pos[id]
	if !ok {
		return 0, false
	}
	return s.tags[i], true
}

// Stamp returns the stamp id's vector was stored with, and whether it has
// a vector.
func (s *Vectors) Stamp(id int64) (uint32, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := s.pos[id]
	if !ok {
		return 0, false
	}
	return s.stamps[i], true
}

// SetStamp records that id's vector, tagged tag, embeds the text of the
// record's version stamp too (it changed without changing its text). It
// reports whether it changed anything: not when id has no vector, one of
// another tag, or that stamp already.
func (s *Vectors) SetStamp(id int64, tag, stamp uint32) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.pos[id]
	if !ok || s.tags[i] != tag || s.stamps[i] == stamp {
		return false
	}
	s.stamps[i] = stamp
	return true
}

// Vector returns id's vector (as held: dequantised, of unit length to
// within the rounding) and its tag, and whether it has one.
func (s *Vectors) Vector(id int64) ([]float32, uint32, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := s.pos[id]
	if !ok {
		return nil, 0, false
	}
	v := make([]float32, s.dim)
	for j, x := range s.data[i*s.dim : (i+1)*s.dim] {
		v[j] = float32(x) * s.scales[i]
	}
	return v, s.tags[i], true
}

// IDs returns the ids that have a vector, in no particular order.
func (s *Vectors) IDs() []int64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.ids)
}

// Len is how many vectors the set holds.
func (s *Vectors) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.ids)
}

// Bytes is the memory the vectors take, without the map's overhead.
func (s *Vectors) Bytes() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return cap(s.data) + 4*cap(s.scales) + 4*cap(s.tags) + 4*cap(s.stamps) + 8*cap(s.ids) + 8*cap(s.bits)
}

// query is q quantised, for integer dot products.
type query struct {
	v     []int8
	scale float32
}

func (s *Vectors) quantised(q []float32) (query, bool) {
	if len(q) != s.dim || s.dim == 0 {
		return query{}, false
	}
	qq := query{v: make([]int8, s.dim)}
	qq.scale = quantise(q, qq.v)
	return qq, qq.scale != 0
}

func (s *Vectors) cosine(q query, i int) float64 {
	row := s.data[i*s.dim : (i+1)*s.dim]
	return min(max(float64(signbits.Dot(row, q.v))*float64(q.scale)*float64(s.scales[i]), 0), 1)
}

// Nearest returns up to k ids nearest to q, nearest first (ties: newer id
// first), with their cosine as Similarity (and Score); none when q is of
// another dimension or zero. A large set is searched in two steps (see
// signbits.Want): the Hamming distance between sign bits (a popcount a
// word: 4 at 256 dimensions) preselects the candidates, and only those are
// ranked by their int8 cosine; the scan costs a sixtieth of the cosine's.
func (s *Vectors) Nearest(q []float32, k int) []Hit {
	s.mu.RLock()
	defer s.mu.RUnlock()
	qq, ok := s.quantised(q)
	if !ok || k <= 0 {
		return nil
	}
	sel := newSelector(k, 0, 1, make([]candidate, 0, k))
	consider := func(i int) {
		if c := s.cosine(qq, i); c > 0 {
			sel.offer(0, s.ids[i], float32(c))
		}
	}
	if want := signbits.Want(len(s.ids), k); want == 0 {
		for i := range s.ids {
			consider(i)
		}
	} else {
		for _, i := range s.preselect(qq, want) {
			consider(i)
		}
	}
	return sel.hits()
}

// preselect returns the indexes of the want vectors whose signs differ
// least from q's (ties at the cut taken in index order).
func (s *Vectors) preselect(q query, want int) []int {
	w := s.words()
	qb := make([]uint64, w)
	signbits.Set(qb, q.v)
	var p signbits.Preselector
	p.Begin(qb, len(s.ids), s.dim)
	for i := range s.ids {
		p.Offer(i, s.bits[i*w:(i+1)*w])
	}
	return p.Nearest(want)
}

// Similarity writes to out, for each of ids, its cosine to q (0 for an id
// without a vector), reusing out.
func (s *Vectors) Similarity(q []float32, ids []int64, out []float64) []float64 {
	out = append(out[:0], make([]float64, len(ids))...)
	s.mu.RLock()
	defer s.mu.RUnlock()
	qq, ok := s.quantised(q)
	if !ok {
		return out
	}
	for n, id := range ids {
		if i, ok := s.pos[id]; ok {
			out[n] = s.cosine(qq, i)
		}
	}
	return out
}
