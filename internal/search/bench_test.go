package search

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// BenchmarkSearch runs realistic queries (banking77 test messages, or
// synthetic text) with limit 10 and no similarity floor, the worst case for
// counting, and reports latency percentiles as well as the mean.
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("docs=%dk", n/1000), func(b *testing.B) {
			c := benchCorpus(b, n)
			ix := benchIndex(b, n)
			b.Logf("corpus: %s, %d docs, %d queries", c.source, n, len(c.queries))
			lat := make([]time.Duration, 0, b.N)
			var hits, total int
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				h, t := ix.Search(c.queries[i%len(c.queries)], 10, 0)
				lat = append(lat, time.Since(start))
				hits, total = hits+len(h), total+t
			}
			reportLatency(b, lat)
			b.ReportMetric(float64(total)/float64(len(lat)), "matches/op")
		})
	}
}

// BenchmarkSearchParallel shows searches sharing the read lock scale.
func BenchmarkSearchParallel(b *testing.B) {
	c := benchCorpus(b, 100_000)
	ix := benchIndex(b, 100_000)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			ix.Search(c.queries[i%len(c.queries)], 10, 0)
		}
	})
}

// BenchmarkUpsert indexes documents into a 20k-document index: after the
// first 20k ids every upsert replaces a document, so the cost includes
// tombstoning and amortised compaction. "text" includes tokenising; "terms"
// is the index alone, as in a parallel bulk load.
func BenchmarkUpsert(b *testing.B) {
	c := benchCorpus(b, 10_000)
	terms := make([][]string, len(c.docs))
	for i, d := range c.docs {
		terms[i] = Terms(d)
	}
	b.Run("text", func(b *testing.B) {
		ix := NewIndex()
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			ix.Upsert(int64(i%20_000), c.docs[i%len(c.docs)])
		}
	})
	b.Run("terms", func(b *testing.B) {
		ix := NewIndex()
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			ix.UpsertTerms(int64(i%20_000), terms[i%len(terms)])
		}
	})
}

// reportLatency reports the median and 99th percentile of lat in µs.
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Nanoseconds()) / 1e3
	}
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}
