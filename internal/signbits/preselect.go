// Package signbits preselects the candidates of a scan of int8-quantised
// vectors by the signs of their components: the Hamming distance between
// two vectors' sign bits tracks the angle between them, and costs a
// popcount a 64 dimensions where their cosine costs a multiply-add a
// dimension. A search keeps the rows nearest by sign and ranks only those
// by cosine. The package holds the bits, the cut and the int8 dot product
// the kept rows are ranked by (Dot), not the vectors: the search index's
// vector set (search.Vectors) and the issue-type model's embeddings
// (issuetype/dense.go) keep their vectors their own way and share this
// preselection and kernel.
package signbits

import "math/bits"

// A set of more rows than ExactScan is searched in two steps: the
// preselection keeps max(Factor × k, Min) rows for a search of the k
// nearest, and only those are ranked by cosine. Sign agreement tracks the
// angle, so the true nearest are almost always among the kept
// (search.TestVectorsPreselectRecall).
const (
	ExactScan = 8192
	Factor    = 8
	Min       = 1024
)

// Want is how many of n rows a search of the k nearest preselects, 0 when
// it should rank them all (n too small for the preselection to pay).
func Want(n, k int) int {
	want := max(Factor*k, Min)
	if n <= max(ExactScan, want) {
		return 0
	}
	return want
}

// Words is how many uint64s hold the signs of a vector of dim components.
func Words(dim int) int { return (dim + 63) / 64 }

// Set writes v's signs to out, which holds Words(len(v)) words: bit j is
// set when v[j] > 0 (a byte is read as an int8).
func Set[E int8 | byte](out []uint64, v []E) {
	clear(out)
	for j, x := range v {
		if int8(x) > 0 {
			out[j/64] |= 1 << (j % 64)
		}
	}
}

// Skip is the distance of a row the preselection must not keep.
const Skip = ^uint16(0)

// Preselector picks, among rows of sign bits, those nearest a query's.
// Its buffers are kept from one search to the next; it is not safe for
// concurrent use.
type Preselector struct {
	q     []uint64
	dist  []uint16 // row → distance to q, Skip when not offered
	count []int    // distance → rows offered at it
	out   []int
}

// Begin starts a search of up to n rows of vectors of dim components for
// the query whose signs are q (Words(dim) words, kept until the next
// Begin); no row is offered yet.
func (p *Preselector) Begin(q []uint64, n, dim int) {
	p.q = q
	p.dist = resize(p.dist, n)
	for i := range p.dist {
		p.dist[i] = Skip
	}
	p.count = resize(p.count, dim+1)
	clear(p.count)
}

// Offer makes row i, whose signs are row, a candidate.
func (p *Preselector) Offer(i int, row []uint64) {
	q := p.q[:len(row)]
	d := 0
	for j, b := range row {
		d += bits.OnesCount64(b ^ q[j])
	}
	p.dist[i] = uint16(d)
	p.count[d]++
}

// Nearest returns the indexes of the want offered rows whose signs differ
// least from the query's, in index order (ties at the cut taken in index
// order); every offered row when fewer were. The slice is reused by the
// next call.
func (p *Preselector) Nearest(want int) []int {
	// The cut: the smallest distance below which fewer than want lie.
	cut, below := 0, 0
	for cut < len(p.count) && below+p.count[cut] < want {
		below += p.count[cut]
		cut++
	}
	atCut := want - below // how many at the cut distance to take
	out := p.out[:0]
	for i, d := range p.dist {
		switch {
		case d == Skip:
		case int(d) < cut:
			out = append(out, i)
		case int(d) == cut && atCut > 0:
			out = append(out, i)
			atCut--
		}
	}
	p.out = out
	return out
}

// resize returns s with length n, reusing its array when it is large
// enough.
func resize[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}
