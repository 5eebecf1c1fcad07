package search

import (
	"math"
	"math/rand/v2"
	"testing"
)

func unit(v []float32) []float32 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	for i := range v {
		v[i] /= float32(math.Sqrt(s))
	}
	return v
}

func TestVectors(t *testing.T) {
	t.Parallel()
	s := NewVectors()
	s.Upsert(1, unit([]float32{1, 0, 0}))
	s.Upsert(2, unit([]float32{1, 1, 0}))
	s.Upsert(3, unit([]float32{0, 0, 1}))
	if s.Upsert(4, []float32{1, 0}) {
		t.Error("a vector of another dimension is taken")
	}
	got := s.Nearest(unit([]float32{1, 0.1, 0}), 2)
	if len(got) != 2 || got[0].ID != 1 || got[1].ID != 2 {
		t.Fatalf("Nearest = %+v, want 1 then 2", got)
	}
	if math.Abs(got[0].Similarity-0.995) > 0.01 {
		t.Errorf("cosine %.3f, want about 0.995", got[0].Similarity)
	}
	s.Delete(1)
	if s.Has(1) || s.Len() != 2 {
		t.Errorf("Delete left %d vectors", s.Len())
	}
	got = s.Nearest(unit([]float32{1, 0.1, 0}), 5)
	if len(got) != 1 || got[0].ID != 2 { // 3 is orthogonal: no similarity
		t.Errorf("after Delete: %+v", got)
	}
	sim := s.Similarity(unit([]float32{0, 0, 1}), []int64{3, 1, 2}, nil)
	if sim[0] < 0.99 || sim[1] != 0 || sim[2] != 0 {
		t.Errorf("Similarity = %v", sim)
	}
	if s.Nearest([]float32{1, 0}, 3) != nil {
		t.Error("a query of another dimension finds vectors")
	}
}

// Quantisation keeps the order of a brute-force float search closely
// enough: the nearest by float cosine is within the int8 top 3.
func TestVectorsQuantisedOrder(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	const n, dim = 2000, 64
	s := NewVectors()
	vecs := make([][]float32, n)
	for i := range vecs {
		v := make([]float32, dim)
		for j := range v {
			v[j] = float32(r.NormFloat64())
		}
		vecs[i] = unit(v)
		s.Upsert(int64(i), vecs[i])
	}
	misses := 0
	for range 50 {
		q := make([]float32, dim)
		for j := range q {
			q[j] = float32(r.NormFloat64())
		}
		q = unit(q)
		best, bestC := 0, -2.0
		for i, v := range vecs {
			var c float64
			for j := range v {
				c += float64(v[j]) * float64(q[j])
			}
			if c > bestC {
				best, bestC = i, c
			}
		}
		found := false
		for _, h := range s.Nearest(q, 3) {
			found = found || h.ID == int64(best)
		}
		if !found {
			misses++
		}
	}
	if misses > 1 {
		t.Errorf("the float nearest is missing from the int8 top 3 in %d of 50 queries", misses)
	}
}

// BenchmarkVectorsNearest: one query against 100k vectors of 256
// dimensions (potion-base-8M's), the brute-force cost per similarity.
func BenchmarkVectorsNearest(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	const n, dim = 100_000, 256
	s := NewVectors()
	v := make([]float32, dim)
	for i := range n {
		for j := range v {
			v[j] = float32(r.NormFloat64())
		}
		s.Upsert(int64(i), unit(v))
	}
	q := make([]float32, dim)
	for j := range q {
		q[j] = float32(r.NormFloat64())
	}
	q = unit(q)
	b.ReportMetric(float64(s.Bytes())/n, "bytes/vector")
	b.ResetTimer()
	for b.Loop() {
		s.Nearest(q, 150)
	}
}
