package issuetype

import (
	"encoding/binary"
	"math"

	"github.com/fathom-oss/fathom/internal/signbits"
)

// A document's features may have a dense part: an embedding of its
// conversation given by the caller (the model embeds nothing itself). Two
// documents that both have one are as similar as
//
//	(1 − DenseWeight) × cosine of their sparse vectors + DenseWeight × cosine of their embeddings
//
// (the embeddings' cosine clamped at 0), which is the cosine of vectors
// made of both parts, each scaled by the square root of its share. A
// document or query without an embedding is compared by its sparse vector
// alone, exactly as in a model that never saw one, so a model given no
// embeddings computes what it always did.
//
// The similarity enters everything the model derives from similarities:
// the neighbour graph (each document's edges), the vote that places a new
// document, the threshold at which it founds a type, Louvain's partition
// at each consolidation, and prediction. The neighbour search proposes,
// beside the sparse candidates, the documents with the closest embeddings
// (a scan of the int8 vectors, past signbits.ExactScan documents of only
// those the sign bits preselect: see gatherDense), so two conversations
// that share no word are found by meaning.

// denseVec is an embedding as the model holds it: a little-endian float32
// scale, then one int8 per dimension (component ≈ int8 × scale), a
// quarter of float32. nil for a document without one.
type denseVec []byte

// newDenseVec quantises v (expected of unit length; it is normalised here
// so that a caller's rounding does not tilt the weights); nil for an empty
// or zero vector.
func newDenseVec(v []float32) denseVec {
	var ss, m float64
	for _, x := range v {
		ss += float64(x) * float64(x)
		m = max(m, math.Abs(float64(x)))
	}
	if len(v) == 0 || ss == 0 {
		return nil
	}
	norm := math.Sqrt(ss)
	scale := m / norm / 127
	b := binary.LittleEndian.AppendUint32(make([]byte, 0, 4+len(v)), math.Float32bits(float32(scale)))
	for _, x := range v {
		b = append(b, byte(int8(math.Round(float64(x)/norm/scale))))
	}
	return b
}

// dim is the vector's dimension.
func (d denseVec) dim() int { return max(len(d)-4, 0) }

// cosine is the cosine of two embeddings of one dimension, clamped to
// [0, 1]; 0 when either is missing or they differ in dimension.
func (d denseVec) cosine(e denseVec) float32 {
	if len(d) <= 4 || len(d) != len(e) {
		return 0
	}
	// The kernel of search.Vectors' scan: the scan of every document's
	// embedding is the dense part's cost.
	dot := signbits.Dot(d[4:], e[4:])
	s := math.Float32frombits(binary.LittleEndian.Uint32(d)) * math.Float32frombits(binary.LittleEndian.Uint32(e))
	return min(max(float32(dot)*s, 0), 1)
}

// combine is the similarity of two documents (or a query and a document)
// from their sparse cosine and their embeddings, see above.
func (m *Model) combine(sparse float32, a, b denseVec) float32 {
	if a == nil || b == nil || len(a) != len(b) {
		return sparse
	}
	return m.mix(sparse, a.cosine(b))
}

// mix is the similarity of two documents both with an embedding, from
// their sparse cosine and their embeddings' (clamped) cosine.
func (m *Model) mix(sparse, dense float32) float32 {
	w := float32(m.cfg.DenseWeight)
	return (1-w)*sparse + w*dense
}

// denseFor returns the embedding a new document or query of dimension
// len(v) may use: nil when it has none, or when the model's documents
// have embeddings of another dimension (another space: never compared).
func (m *Model) denseFor(v []float32) denseVec {
	d := newDenseVec(v)
	if d == nil || (m.dim != 0 && d.dim() != m.dim) {
		return nil
	}
	return d
}

// holdDense records that a document of the model took embedding d.
func (m *Model) holdDense(d denseVec) {
	if d != nil {
		m.dim = d.dim()
		m.dense++
	}
}

// dropDense records that a document's embedding d left the model.
func (m *Model) dropDense(d denseVec) {
	if d != nil {
		if m.dense--; m.dense == 0 {
			m.dim = 0
		}
	}
}

// gatherDense offers (scores exactly) the rescored documents whose
// embeddings are closest to the query's, sc.qd; nothing when the query or
// the model has none. Past signbits.ExactScan embeddings it ranks only
// those whose signs agree most with the query's (signbits.Want of them:
// 1,024), as search.Vectors does: a popcount a 64 dimensions a document
// instead of a multiply-add a dimension.
func (sc *scorer) gatherDense(m *Model) {
	if sc.qd == nil || m.dense == 0 {
		return
	}
	h := sc.dheap[:0]
	consider := func(s int, dv denseVec) {
		n := neighbour{int32(s), sc.qd.cosine(dv)}
		switch {
		case n.sim <= 0:
		case len(h) < rescored:
			h = append(h, n)
			heapUp(h, len(h)-1)
		case better(n, h[0]):
			h[0] = n
			heapDown(h, 0)
		}
	}
	if want := signbits.Want(m.dense, rescored); want == 0 {
		for s, dv := range m.denses {
			if dv != nil && !m.docs[s].dead && sc.mark[s] != sc.stamp {
				consider(s, dv)
			}
		}
	} else {
		for _, s := range sc.preselect(m, want) {
			consider(s, m.denses[s])
		}
	}
	sc.dheap = h
	// Scored as offer would, with the embeddings' cosine the heap holds.
	for _, n := range h {
		if sim, ok := sc.sparseSim(m, n.slot); ok {
			sc.cands = append(sc.cands, neighbour{n.slot, m.mix(sim, n.sim)})
		}
	}
}

// preselect returns the slots of the want documents not yet scored whose
// embeddings' signs differ least from the query's (see signbits).
func (sc *scorer) preselect(m *Model, want int) []int {
	w := m.signWords
	sc.qsigns = grow(sc.qsigns, w)[:w]
	signbits.Set(sc.qsigns, sc.qd[4:])
	p := &sc.pre
	p.Begin(sc.qsigns, len(m.denses), m.dim)
	for s, dv := range m.denses {
		if dv != nil && !m.docs[s].dead && sc.mark[s] != sc.stamp {
			p.Offer(s, m.signs[s*w:(s+1)*w])
		}
	}
	return p.Nearest(want)
}

// SetDense gives document docID the embedding v when it has none (an
// embedding that arrived after the document was placed: a remote provider
// answers later), and links it again: its neighbours are searched with
// the embedding, and it is offered as a neighbour to the documents found.
// Its type stays until the next consolidation re-partitions the graph. It
// reports whether anything changed: not for an unknown document, one that
// has an embedding already, or a vector of another dimension than the
// model's others.
func (m *Model) SetDense(docID int64, v []float32) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.slotOf[docID]
	if !ok || m.denseAt(s) != nil {
		return false
	}
	return m.setDenseLocked(s, m.denseFor(v))
}

// setDenseLocked is SetDense for the document in slot s, which has no
// embedding; nothing happens when dv is nil. m.mu is held for writing.
func (m *Model) setDenseLocked(s int32, dv denseVec) bool {
	if dv == nil {
		return false
	}
	d := &m.docs[s]
	m.putDense(s, dv)
	m.holdDense(dv)
	// Its own old edges go: the search below gives it new ones, and the
	// documents it reaches get it again at the new similarity.
	v := sparse{ids: d.vec.appendIDs(nil), w: d.vec.appendWeights(nil)}
	sc := m.getScorer()
	sc.mark[s] = sc.stamp // not its own neighbour
	sc.qd = dv
	d.nn = sc.neighbours(m, v, m.cfg.Neighbours)
	for _, c := range sc.cands {
		o := &m.docs[c.slot]
		if i := indexNeighbour(o.nn, s); i >= 0 {
			o.nn = append(o.nn[:i:i], o.nn[i+1:]...)
		}
	}
	sc.link(m, s)
	m.scratch.Put(sc)
	m.changes++
	return true
}

// indexNeighbour is the position of slot s in nn, -1 if absent.
func indexNeighbour(nn []neighbour, s int32) int {
	for i, n := range nn {
		if n.slot == s {
			return i
		}
	}
	return -1
}

// HasDense reports whether document docID has an embedding.
func (m *Model) HasDense(docID int64) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	s, ok := m.slotOf[docID]
	return ok && m.denseAt(s) != nil
}

// denseAt is the embedding of the document in slot s, nil if it has none.
func (m *Model) denseAt(s int32) denseVec {
	if int(s) < len(m.denses) {
		return m.denses[s]
	}
	return nil
}

// putDense sets the embedding of slot s, growing denses to the slots,
// and its signs (see signsOf).
func (m *Model) putDense(s int32, dv denseVec) {
	if int(s) >= len(m.denses) {
		m.denses = append(m.denses, make([]denseVec, len(m.docs)-len(m.denses))...)
	}
	m.denses[s] = dv
	if dv == nil {
		return
	}
	w := signbits.Words(dv.dim())
	if w != m.signWords {
		// Another space: every embedding of the old one has left (see
		// denseFor), so their rows are dropped.
		m.signs, m.signWords = nil, w
	}
	if n := len(m.denses) * w; len(m.signs) < n {
		m.signs = grow(m.signs, n)
	}
	signbits.Set(m.signs[int(s)*w:(int(s)+1)*w], dv[4:])
}
