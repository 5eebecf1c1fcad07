package issuetype

import (
	"runtime"
	"testing"

	"github.com/fathom-oss/fathom/internal/cputime"
)

// BenchmarkAssign assigns banking77 messages to a model already holding the
// 10k training messages, including the amortised automatic consolidations,
// and reports the model's heap per 10k documents.
func BenchmarkAssign(b *testing.B) {
	texts, _ := banking77(b, "train.csv")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m := NewModel(Config{})
	for i, s := range texts {
		m.Assign(int64(i+1), s)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(len(texts))*1e4/(1<<20), "MiB/10k-docs")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		// Replace documents in turn, so the model stays at 10k.
		m.Assign(int64(i%len(texts)+1), texts[(i*7919)%len(texts)])
	}
	runtime.KeepAlive(m)
}

// BenchmarkPredict is the read-only path retrieval uses per query.
func BenchmarkPredict(b *testing.B) {
	texts, _ := banking77(b, "train.csv")
	m := NewModel(Config{})
	for i, s := range texts {
		m.Assign(int64(i+1), s)
	}
	for i := 0; b.Loop(); i++ {
		m.Predict(texts[i%len(texts)])
	}
}

// BenchmarkPredictDense is BenchmarkPredict with every document and query
// embedded (the stand-in of TestBanking77DenseWeight, 128 dimensions): the
// scan of the embeddings is what it adds.
func BenchmarkPredictDense(b *testing.B) {
	texts, _ := banking77(b, "train.csv")
	emb := learnStandIn(texts, 128)
	m := NewModel(Config{})
	qs := make([]*Vec, len(texts))
	for i, s := range texts {
		v := emb.embed(s)
		m.AssignDense(int64(i+1), s, v)
		qs[i] = NewVec(s)
		qs[i].SetDense(v)
	}
	for i := 0; b.Loop(); i++ {
		m.PredictVec(qs[i%len(qs)])
	}
}

// BenchmarkNeighbours is the neighbour search alone (both stages, the
// graph expansion included), for the banking77 test texts against a model
// of the 10k training texts: what placing a text and predicting its type
// spend beyond featurising and weighing it. On a loaded machine its
// cpu-ns/op (processor time of the process) moves far less than ns/op.
func BenchmarkNeighbours(b *testing.B) {
	texts, _ := banking77(b, "train.csv")
	m := NewModel(Config{})
	for i, s := range texts {
		m.Assign(int64(i+1), s)
	}
	benchNeighbours(b, m)
}

// benchNeighbours searches m's neighbours of the banking77 test texts in
// turn.
func benchNeighbours(b *testing.B, m *Model) {
	queries, _ := banking77(b, "test.csv")
	vs := make([]sparse, len(queries))
	for i, q := range queries {
		vs[i] = m.vectorOf(extract(q))
	}
	sc := m.getScorer()
	runtime.GC()
	used, n := cputime.Process(), 0
	for ; b.Loop(); n++ {
		sc.neighbours(m, vs[n%len(vs)], m.cfg.Neighbours)
		sc.reset()
	}
	b.ReportMetric(float64((cputime.Process()-used).Nanoseconds())/float64(n), "cpu-ns/op")
}

// BenchmarkLoadChunks is a start's load of a saved model: the 10k banking77
// training messages, saved in chunks, decoded, weighed and indexed on every
// core. It reports the processor time of a load beside its duration.
func BenchmarkLoadChunks(b *testing.B) {
	texts, _ := banking77(b, "train.csv")
	m := NewModel(Config{})
	for i, s := range texts {
		m.Assign(int64(i+1), s)
	}
	var cs chunkStore
	if err := m.SaveChunks(cs.write); err != nil {
		b.Fatal(err)
	}
	cpu0 := cputime.Process()
	for b.Loop() {
		m2 := NewModel(Config{})
		if found, err := m2.LoadChunks(cs.scan); err != nil || !found {
			b.Fatalf("LoadChunks = %v, %v", found, err)
		}
	}
	b.ReportMetric(float64((cputime.Process()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
}
