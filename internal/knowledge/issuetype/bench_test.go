package issuetype

import (
	"runtime"
	"testing"
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
