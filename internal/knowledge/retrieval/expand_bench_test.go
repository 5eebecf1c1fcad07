package retrieval

import (
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/knowledge/assoc"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
)

// BenchmarkRankExpanded is BenchmarkRank at 100k documents with and
// without the learned expansion, turn about: each iteration ranks one
// query both ways, in alternating order, on the same index and model, so
// that a loaded machine weighs on both alike. It reports both latencies'
// p50 and p99, what learning the associations costs (learn-ms, once) and
// their size.
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
	lat := [2][]time.Duration{}
	for i := 0; b.Loop(); i++ {
		for k := range 2 {
			expand := (i+k)%2 == 1
			start := time.Now()
			q := Analyse(queries[i%len(queries)])
			if expand {
				q.Expansion = am.Expand(q.Terms)
			}
			r.Rank(ix, m, nil, q, 10, 0)
			if expand {
				lat[1] = append(lat[1], time.Since(start))
			} else {
				lat[0] = append(lat[0], time.Since(start))
			}
		}
	}
	for k, name := range []string{"plain", "expanded"} {
		slices.Sort(lat[k])
		b.ReportMetric(float64(lat[k][len(lat[k])/2].Nanoseconds())/1e3, name+"-p50-µs")
		b.ReportMetric(float64(lat[k][len(lat[k])*99/100].Nanoseconds())/1e3, name+"-p99-µs")
	}
	b.ReportMetric(float64(learn.Milliseconds()), "learn-ms")
	b.ReportMetric(float64(am.Terms()), "assoc-terms")
}
