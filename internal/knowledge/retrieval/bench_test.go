package retrieval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/provider"
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
			reportLatency(b, lat)
		})
	}
}

func reportLatency(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
}

// BenchmarkRankVectors is BenchmarkRank at 100k documents with vectors
// off and on: a synthetic static model (a random 256-dimension vector per
// word of banking77, written as a .vec file and loaded by
// provider.LoadStatic) embeds every document and, inside the timed loop,
// each query, as the server does with --embeddings-model-dir. Its vectors
// mean nothing; their cost is real (FATHOM_DENSE_MODEL=PATH takes a real
// model instead). Run off and on turn about:
//
//	go test -run X -bench 'RankVectors/vectors=off' ./internal/knowledge/retrieval
//	go test -run X -bench 'RankVectors/vectors=on' ./internal/knowledge/retrieval
func BenchmarkRankVectors(b *testing.B) {
	texts, _ := banking77(b, "train.csv")
	queries, _ := banking77(b, "test.csv")
	const n, dim = 100_000, 256
	for _, on := range []bool{false, true} {
		b.Run(fmt.Sprintf("vectors=%s", map[bool]string{false: "off", true: "on"}[on]), func(b *testing.B) {
			if testing.Short() {
				b.Skip("building a 100k-document model takes about half a minute")
			}
			var emb *provider.Static
			if path := os.Getenv("FATHOM_DENSE_MODEL"); on && path != "" {
				// A real static model instead of the synthetic one.
				var err error
				if emb, err = provider.LoadStatic(path); err != nil {
					b.Fatal(err)
				}
			} else if on {
				emb = synthetic(b, append(slices.Clone(texts), queries...), dim)
			}
			ix, m, vecs := search.NewIndex(), issuetype.NewModel(issuetype.Config{}), search.NewVectors()
			for i := range n {
				s := dataset.Perturb(texts[i%len(texts)], i/len(texts), uint64(i%len(texts)))
				ix.Upsert(int64(i+1), s)
				m.Assign(int64(i+1), s)
				if on {
					v, err := emb.Embed(context.Background(), []string{s})
					if err != nil {
						b.Fatal(err)
					}
					vecs.Upsert(int64(i+1), 0, v[0])
				}
			}
			r := New(Config{})
			lat := make([]time.Duration, 0, 4096)
			for i := 0; b.Loop(); i++ {
				q := queries[i%len(queries)]
				start := time.Now()
				var extra Scorer
				if on {
					v, _ := emb.Embed(context.Background(), []string{q})
					extra = Dense{Vectors: vecs, Vec: v[0]}
				}
				r.Rank(ix, m, extra, Analyse(q), 10, 0)
				lat = append(lat, time.Since(start))
			}
			reportLatency(b, lat)
			if on {
				b.ReportMetric(float64(vecs.Bytes())/n, "bytes/vector")
			}
		})
	}
}

// synthetic writes and loads a static model of random vectors, one per
// lower-cased word of texts.
func synthetic(b *testing.B, texts []string, dim int) *provider.Static {
	seen := map[string]bool{}
	r := rand.New(rand.NewPCG(5, 6))
	var sb strings.Builder
	for _, t := range texts {
		for _, w := range strings.FieldsFunc(strings.ToLower(t), func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
			if seen[w] {
				continue
			}
			seen[w] = true
			sb.WriteString(w)
			for range dim {
				fmt.Fprintf(&sb, " %.4f", r.NormFloat64())
			}
			sb.WriteByte('\n')
		}
	}
	path := filepath.Join(b.TempDir(), "synthetic.vec")
	if err := os.WriteFile(path, []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	m, err := provider.LoadStatic(path)
	if err != nil {
		b.Fatal(err)
	}
	return m
}
