package retrieval

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/knowledge/assoc"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
)

// BenchmarkRankExpanded is BenchmarkRank at 100k documents with and
// without the learned expansion, in turn (expand=off, expand=on, and again
// with -count), on the same index and model; it also reports what learning
// the associations costs (learn-ms, once per index) and their size.
func BenchmarkRankExpanded(b *testing.B) {
	texts, _ := banking77(b, "train.csv")
	queries, _ := banking77(b, "test.csv")
	if testing.Short() {
		b.Skip("building a 100k-document model takes about half a minute")
	}
	const n = 100_000
	ix, m := search.NewIndex(), issuetype.NewModel(issuetype.Config{})
	for i := range n {
		s := dataset.Perturb(texts[i%len(texts)], i/len(texts), uint64(i%len(texts)))
		ix.Upsert(int64(i+1), s)
		m.Assign(int64(i+1), s)
	}
	m.Consolidate()
	start := time.Now()
	am := assoc.Learn(ix.EachDocument, m.TypeOf, assoc.Config{})
	learn := time.Since(start)
	r := New(Config{})
	for _, expand := range []bool{false, true} {
		b.Run(fmt.Sprintf("docs=100k/expand=%v", expand), func(b *testing.B) {
			lat := make([]time.Duration, 0, 4096)
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				q := Analyse(queries[i%len(queries)])
				if expand {
					q.Expansion = am.Expand(q.Terms)
				}
				r.Rank(ix, m, nil, q, 10, 0)
				lat = append(lat, time.Since(start))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
			b.ReportMetric(float64(learn.Milliseconds()), "learn-ms")
			b.ReportMetric(float64(am.Terms()), "assoc-terms")
		})
	}
}
