package retrieval

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
)

// BenchmarkRank ranks banking77 test messages against n documents
// (training messages replicated with small perturbations, as real tenants
// repeat themselves but never verbatim) in both the BM25 index and the
// model, and reports p50 and p99 latency.
func BenchmarkRank(b *testing.B) {
	texts, _ := banking77(b, "train.csv")
	queries, _ := banking77(b, "test.csv")
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("docs=%dk", n/1000), func(b *testing.B) {
			if n > 10_000 && testing.Short() {
				b.Skip("building a 100k-document model takes about half a minute")
			}
			ix, m := search.NewIndex(), issuetype.NewModel(issuetype.Config{})
			for i := range n {
				s := dataset.Perturb(texts[i%len(texts)], i/len(texts), uint64(i%len(texts)))
				ix.Upsert(int64(i+1), s)
				m.Assign(int64(i+1), s)
			}
			r := New(Config{})
			lat := make([]time.Duration, 0, 4096)
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				r.Rank(ix, m, nil, Analyse(queries[i%len(queries)]), 10, 0)
				lat = append(lat, time.Since(start))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
		})
	}
}
