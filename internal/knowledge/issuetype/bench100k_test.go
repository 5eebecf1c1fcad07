package issuetype

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// big is a model of 100k banking77-like documents, built once per test
// binary because building it dominates the benchmarks that use it.
var big struct {
	once     sync.Once
	m        *Model
	texts    []string
	build    time.Duration
	heapPer  float64 // heap bytes per document held
	nmi, ari float64
	types    int
}

// bigModel returns the shared 100k-document model, skipping when the
// banking77 data is absent or in -short mode.
func bigModel(b *testing.B) *Model {
	if testing.Short() {
		b.Skip("builds a 100k-document model")
	}
	texts, cats := banking77(b, "train.csv")
	big.once.Do(func() {
		big.texts, cats = replicate(texts, cats, 100_000)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		m := NewModel(Config{})
		for i, s := range big.texts {
			m.Assign(int64(i+1), s)
		}
		big.build = time.Since(start)
		runtime.GC()
		runtime.ReadMemStats(&after)
		big.heapPer = float64(after.HeapAlloc-before.HeapAlloc) / float64(len(big.texts))
		pred := make([]int64, len(big.texts))
		for i := range pred {
			pred[i], _ = m.TypeOf(int64(i + 1))
		}
		big.nmi, big.ari = clusterScores(pred, cats)
		big.types = len(m.sizes)
		big.m = m
	})
	b.Logf("100k model: built in %v (%.0f assigns/s), %.0f heap bytes/doc, %d types, NMI %.3f, ARI %.3f",
		big.build.Round(time.Millisecond), float64(len(big.texts))/big.build.Seconds(), big.heapPer, big.types, big.nmi, big.ari)
	return big.m
}

// reportPercentiles reports the median and 99th percentile of lat in µs.
func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
}

// BenchmarkAssign100k re-assigns documents of the 100k model with other
// texts, so it stays at 100k, including the amortised automatic
// consolidations (which show in p99 and ns/op, not p50). It also reports
// the build's throughput and heap per document.
func BenchmarkAssign100k(b *testing.B) {
	m := bigModel(b)
	lat := make([]time.Duration, 0, 1<<16)
	n := len(big.texts)
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		m.Assign(int64((i*7919)%n+1), big.texts[(i*104729+17)%n])
		lat = append(lat, time.Since(start))
	}
	reportPercentiles(b, lat)
	b.ReportMetric(big.heapPer, "heap-B/doc")
	b.ReportMetric(float64(n)/big.build.Seconds(), "build-assigns/s")
}

// BenchmarkConsolidate100k is one full consolidation of the 100k model.
// A reader calls Predict meanwhile, and its slowest call shows how long
// Consolidate holds the write lock (plus a Predict's own time).
func BenchmarkConsolidate100k(b *testing.B) {
	m := bigModel(b)
	queries, _ := banking77(b, "test.csv")
	stop := make(chan struct{})
	worst := make(chan time.Duration)
	go func() {
		var w time.Duration
		for i := 0; ; i++ {
			select {
			case <-stop:
				worst <- w
				return
			default:
			}
			start := time.Now()
			m.Predict(queries[i%len(queries)])
			w = max(w, time.Since(start))
		}
	}()
	for b.Loop() {
		m.Consolidate()
	}
	close(stop)
	b.ReportMetric(float64((<-worst).Microseconds())/1e3, "worst-read-ms")
}

// BenchmarkPredict100k is the read-only path retrieval uses per query.
func BenchmarkPredict100k(b *testing.B) {
	m := bigModel(b)
	queries, _ := banking77(b, "test.csv")
	lat := make([]time.Duration, 0, 1<<16)
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		m.Predict(queries[i%len(queries)])
		lat = append(lat, time.Since(start))
	}
	reportPercentiles(b, lat)
}
