package solution

import (
	"math"
	"strings"

	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
)

// A proposal may come with a vector: an embedding of its object phrase
// (EmbedText), given by the caller (the model embeds nothing itself). A
// solution keeps the sum of its members' vectors, whose direction is
// their mean's. A proposal and a solution that both have one, or two
// solutions at a consolidation, are then as similar as
//
//	(1 − DenseWeight) × cosine of their weighted words + DenseWeight × cosine of their vectors
//
// (the vectors' cosine clamped at 0), so that two phrasings of one action
// that share no word ("restart the router", "restart the wifi") can meet
// by meaning. Without a vector on either side, or with DenseWeight 0, the
// similarity is the words' alone, exactly as in a model that never saw
// one. Vectors of another dimension than the solution's (another model)
// are never compared.
//
// The verb still decides which solutions a proposal is compared with: a
// vector cannot make "check the card" and "freeze the card" one action.

// EmbedText is the text of a proposal whose embedding the model expects
// as its Vector: its object phrase ("" for a proposal without one, which
// takes no vector). The verb is left out: only solutions of one verb are
// compared, and a word every compared phrase shares would only pull their
// vectors together.
func EmbedText(p attempt.Phrase) string {
	return strings.Join(p.Object, " ")
}

// dense is a solution's summed member vectors and how many members gave
// one; its norm is cached for the count it was taken at.
type dense struct {
	Sum   []float32 `json:"dense,omitempty"`
	Count int       `json:"dense_n,omitempty"`

	norm      float64
	normCount int
}

// addVector sums in a member's vector (of unit length), unless it is empty or
// of another dimension than those already summed.
func (d *dense) addVector(v []float32) { d.add(v, 1) }

// mergeDense sums in another solution's vectors.
func (d *dense) mergeDense(o *dense) { d.add(o.Sum, o.Count) }

// add sums in sum, the sum of n vectors, unless n is 0 or its dimension
// is not that of the vectors already summed.
func (d *dense) add(sum []float32, n int) {
	if n == 0 || len(sum) == 0 || (d.Count > 0 && len(sum) != len(d.Sum)) {
		return
	}
	if d.Count == 0 {
		d.Sum = make([]float32, len(sum))
	}
	for i, x := range sum {
		d.Sum[i] += x
	}
	d.Count += n
}

// length is the summed vector's norm.
func (d *dense) length() float64 {
	if d.normCount != d.Count {
		d.norm, d.normCount = math.Sqrt(dotF32(d.Sum, d.Sum)), d.Count
	}
	return d.norm
}

// cosine is the cosine of the summed vector and v, whose norm is vnorm,
// clamped to [0, 1]; ok is false when either is missing or their
// dimensions differ.
func (d *dense) cosine(v []float32, vnorm float64) (float64, bool) {
	if d.Count == 0 || len(v) != len(d.Sum) {
		return 0, false
	}
	n := d.length() * vnorm
	if n == 0 {
		return 0, false
	}
	return min(max(dotF32(d.Sum, v)/n, 0), 1), true
}

// mixDense is the similarity of a proposal or solution with vector v (or
// nil) of norm vnorm and a solution whose vectors are d, from their words'
// similarity.
func (m *Model) mixDense(sparse float64, v []float32, vnorm float64, d *dense) float64 {
	w := m.cfg.DenseWeight
	if w <= 0 || len(v) == 0 {
		return sparse
	}
	c, ok := d.cosine(v, vnorm)
	if !ok {
		return sparse
	}
	return (1-w)*sparse + w*c
}

// dotF32 is the dot product of two vectors of one length, summed in
// float64 in index order (so the same on every run).
func dotF32(a, b []float32) float64 {
	var s float64
	for i, x := range a {
		s += float64(x) * float64(b[i])
	}
	return s
}
