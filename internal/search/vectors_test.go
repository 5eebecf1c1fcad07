package search

import (
	"cmp"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/signbits"
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
	s.Upsert(1, 0, unit([]float32{1, 0, 0}))
	s.Upsert(2, 0, unit([]float32{1, 1, 0}))
	s.Upsert(3, 0, unit([]float32{0, 0, 1}))
	if s.Upsert(4, 0, []float32{1, 0}) {
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
	if _, has := s.Tag(1); has || s.Len() != 2 {
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
		s.Upsert(int64(i), 0, vecs[i])
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
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	s := NewVectors()
	v := make([]float32, dim)
	for i := range n {
		for j := range v {
			v[j] = float32(r.NormFloat64())
		}
		s.Upsert(int64(i), 0, unit(v))
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	q := make([]float32, dim)
	for j := range q {
		q[j] = float32(r.NormFloat64())
	}
	q = unit(q)
	for b.Loop() {
		s.Nearest(q, 150)
	}
	// After the loop: b.Loop drops metrics reported before it.
	b.ReportMetric(float64(s.Bytes())/n, "bytes/vector")
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "heap-bytes/vector")
}

// Saved by range and loaded back, the vectors rank alike and keep their
// tags; keep filters, and a range of another dimension is refused.
func TestVectorsSavedRange(t *testing.T) {
	t.Parallel()
	s := NewVectors()
	s.Upsert(4096, 7, unit([]float32{1, 0, 0}))
	s.Upsert(4100, 8, unit([]float32{1, 1, 0}))
	s.Upsert(9000, 9, unit([]float32{0, 0, 1})) // another range
	data := s.AppendRange(nil, 4096, 8192)
	if got := s.AppendRange(nil, 0, 4096); got != nil {
		t.Errorf("an empty range encodes as %v", got)
	}
	l := NewVectors()
	n, err := l.LoadRange(data, 4096, func(id int64, tag uint32) bool { return id != 4100 || tag == 8 })
	if err != nil || n != 2 || l.Len() != 2 {
		t.Fatalf("LoadRange = %d, %v; %d vectors", n, err, l.Len())
	}
	if tag, ok := l.Tag(4100); !ok || tag != 8 {
		t.Errorf("tag %d %v", tag, ok)
	}
	q := unit([]float32{1, 0.2, 0})
	a, b := s.Nearest(q, 2), l.Nearest(q, 2)
	if len(b) != 2 || a[0] != b[0] || a[1] != b[1] {
		t.Errorf("loaded vectors rank %v, saved %v", b, a)
	}
	// A vector set since the save is not replaced by the saved one.
	l.Delete(4096)
	l.Upsert(4096, 70, unit([]float32{0, 1, 0}))
	if n, err := l.LoadRange(data, 4096, func(int64, uint32) bool { return true }); err != nil || n != 0 {
		t.Errorf("LoadRange over held vectors = %d, %v", n, err)
	}
	if tag, _ := l.Tag(4096); tag != 70 {
		t.Errorf("the newer vector was replaced: tag %d", tag)
	}
	if n, _ := NewVectors().LoadRange(data, 4096, func(int64, uint32) bool { return false }); n != 0 {
		t.Errorf("keep refused all, %d loaded", n)
	}
	other := NewVectors()
	other.Upsert(1, 0, unit([]float32{1, 0}))
	if _, err := other.LoadRange(data, 4096, func(int64, uint32) bool { return true }); err == nil {
		t.Error("vectors of another dimension loaded")
	}
}

// Stamps are saved with their vectors; a range saved in format 1 (before
// stamps) loads with stamps 0, so its records are checked from their text.
func TestVectorsStamps(t *testing.T) {
	t.Parallel()
	s := NewVectors()
	s.UpsertStamped(5, 7, 70, unit([]float32{1, 0, 0}))
	s.Upsert(6, 8, unit([]float32{0, 1, 0}))
	if st, ok := s.Stamp(5); !ok || st != 70 {
		t.Fatalf("stamp %d %v", st, ok)
	}
	if s.SetStamp(5, 9, 71) || s.SetStamp(5, 7, 70) || !s.SetStamp(6, 8, 80) {
		t.Fatal("SetStamp: want a change only for the vector's tag and a new stamp")
	}
	data := s.AppendRange(nil, 0, 4096)
	l := NewVectors()
	if n, err := l.LoadRange(data, 0, func(int64, uint32) bool { return true }); n != 2 || err != nil {
		t.Fatalf("LoadRange = %d, %v", n, err)
	}
	for id, want := range map[int64]uint32{5: 70, 6: 80} {
		if st, _ := l.Stamp(id); st != want {
			t.Errorf("loaded stamp of %d: %d, want %d", id, st, want)
		}
	}
	if v, tag, ok := l.Vector(5); !ok || tag != 7 || v[0] < 0.99 || v[1] != 0 {
		t.Errorf("Vector(5) = %v %d %v", v, tag, ok)
	}
	// keep sees each vector's stamp; a vector held already is kept.
	st := NewVectors()
	st.UpsertStamped(6, 1, 1, unit([]float32{1, 0, 0}))
	seen := map[int64]uint32{}
	if n, err := st.LoadRangeStamped(data, 0, func(id int64, _, stamp uint32) bool { seen[id] = stamp; return true }); n != 1 || err != nil {
		t.Fatalf("LoadRangeStamped = %d, %v; want the one vector not held", n, err)
	}
	if len(seen) != 1 || seen[5] != 70 {
		t.Errorf("keep saw %v, want 5 at stamp 70 (6 is held)", seen)
	}
	if got, _ := st.Stamp(6); got != 1 {
		t.Errorf("held vector's stamp became %d", got)
	}
	// Format 1: the same without the stamps.
	old := []byte{1, 3, 1, 5, 7, 0, 0, 0}
	old = append(old, data[1+1+1+1+4+4:1+1+1+1+4+4+4+3]...) // scale and components of 5
	o := NewVectors()
	if n, err := o.LoadRange(old, 0, func(int64, uint32) bool { return true }); n != 1 || err != nil {
		t.Fatalf("format 1: %d, %v", n, err)
	}
	if st, ok := o.Stamp(5); !ok || st != 0 {
		t.Errorf("format 1 stamp %d %v, want 0", st, ok)
	}
	if v, _, _ := o.Vector(5); v[0] < 0.99 {
		t.Errorf("format 1 vector %v", v)
	}
}

// FuzzVectorsLoadRange: any bytes load or fail without panicking, and
// what loads is searchable.
func FuzzVectorsLoadRange(f *testing.F) {
	s := NewVectors()
	s.Upsert(3, 1, unit([]float32{1, 2, 3}))
	f.Add(s.AppendRange(nil, 0, 10))
	f.Add([]byte{1, 3, 1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		l := NewVectors()
		n, err := l.LoadRange(data, 0, func(int64, uint32) bool { return true })
		if err != nil {
			return
		}
		if n > 0 && l.dim > 0 {
			l.Nearest(make([]float32, l.dim), 3)
		}
	})
}

// A set past signbits.ExactScan vectors is searched through the sign-bit preselection: on
// clustered vectors (as embeddings of similar texts are), its top 10 are
// nearly those of the exact int8 scan, and the first is the same.
func TestVectorsPreselectRecall(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 8))
	const n, dim, clusters = 30_000, 256, 300
	centres := make([][]float32, clusters)
	for c := range centres {
		v := make([]float32, dim)
		for j := range v {
			v[j] = float32(r.NormFloat64())
		}
		centres[c] = unit(v)
	}
	near := func(c int, noise float64) []float32 {
		v := make([]float32, dim)
		for j := range v {
			v[j] = centres[c][j] + float32(noise*r.NormFloat64()/16)
		}
		return unit(v)
	}
	s := NewVectors()
	for i := range n {
		s.Upsert(int64(i), 0, near(i%clusters, 1))
	}
	if signbits.Want(n, 10) == 0 {
		t.Fatal("the set is small enough to be scanned exactly: the test proves nothing")
	}
	found, firsts := 0, 0
	const queries = 50
	for qn := range queries {
		q := near(qn*7%clusters, 1)
		qq, _ := s.quantised(q)
		exact := make([]Hit, 0, n)
		for i := range s.ids {
			exact = append(exact, Hit{ID: s.ids[i], Score: s.cosine(qq, i)})
		}
		slices.SortFunc(exact, func(a, b Hit) int { return cmp.Compare(b.Score, a.Score) })
		got := s.Nearest(q, 10)
		top := map[int64]bool{}
		for _, h := range exact[:10] {
			top[h.ID] = true
		}
		for _, h := range got {
			if top[h.ID] {
				found++
			}
		}
		if len(got) > 0 && got[0].ID == exact[0].ID {
			firsts++
		}
	}
	if recall := float64(found) / (10 * queries); recall < 0.95 || firsts < queries-1 {
		t.Errorf("recall@10 of the preselection %.3f (want ≥ 0.95), first right %d of %d", recall, firsts, queries)
	}
}

// LoadRangeOver lets keep replace a held vector (one of an older text
// than the saved one's) and keep another.
func TestVectorsLoadRangeOver(t *testing.T) {
	t.Parallel()
	saved := NewVectors()
	saved.UpsertStamped(5, 7, 70, unit([]float32{1, 0, 0}))
	saved.UpsertStamped(6, 8, 80, unit([]float32{0, 1, 0}))
	data := saved.AppendRange(nil, 0, 4096)
	s := NewVectors()
	s.UpsertStamped(5, 1, 10, unit([]float32{0, 0, 1}))
	s.UpsertStamped(6, 2, 20, unit([]float32{0, 0, 1}))
	n, err := s.LoadRangeOver(data, 0, func(id int64, _, _ uint32, held bool, heldStamp uint32) bool {
		return held && heldStamp == 10 // replace 5's only
	})
	if n != 1 || err != nil {
		t.Fatalf("LoadRangeOver = %d, %v", n, err)
	}
	if v, tag, _ := s.Vector(5); tag != 7 || v[0] < 0.99 {
		t.Errorf("5 not replaced: %v tag %d", v, tag)
	}
	if st, _ := s.Stamp(5); st != 70 {
		t.Errorf("5's stamp %d, want 70", st)
	}
	if _, tag, _ := s.Vector(6); tag != 2 {
		t.Errorf("6 replaced: tag %d", tag)
	}
	if hits := s.Nearest(unit([]float32{1, 0, 0}), 1); len(hits) != 1 || hits[0].ID != 5 {
		t.Errorf("the replaced vector is not found by its new direction: %v", hits)
	}
}
