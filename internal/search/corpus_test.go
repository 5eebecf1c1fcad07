package search

import (
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
)

// readBanking77 returns the text and category columns of a banking77 CSV.
func readBanking77(tb testing.TB, dir, file string) (texts, cats []string) {
	tb.Helper()
	texts, cats, err := dataset.ReadBanking77(filepath.Join(dir, file))
	if err != nil {
		tb.Fatal(err)
	}
	return texts, cats
}

// corpus is a set of documents to index and queries to run against them.
type corpus struct {
	docs, queries []string
	source        string
}

var corpora sync.Map // doc count → *corpus, built once per process

// benchCorpus returns n short documents and realistic queries: banking77
// customer messages (1–3 per document) if the data is present, otherwise
// Zipf-distributed text over a fixed vocabulary.
func benchCorpus(tb testing.TB, n int) *corpus {
	if c, ok := corpora.Load(n); ok {
		return c.(*corpus)
	}
	r := rand.New(rand.NewPCG(77, uint64(n)))
	c := &corpus{}
	if dir, ok := dataset.Banking77Dir(); ok {
		train, _ := readBanking77(tb, dir, "train.csv")
		c.queries, _ = readBanking77(tb, dir, "test.csv")
		c.source = "banking77 (" + dir + ")"
		for range n {
			parts := make([]string, 1+r.IntN(3))
			for i := range parts {
				parts[i] = train[r.IntN(len(train))]
			}
			c.docs = append(c.docs, strings.Join(parts, " "))
		}
	} else {
		c.source = "synthetic Zipf text (banking77 not found)"
		vocab := syntheticVocab(r, 5000)
		zipf := rand.NewZipf(r, 1.1, 1, uint64(len(vocab)-1))
		text := func(words int) string {
			ws := make([]string, words)
			for i := range ws {
				ws[i] = vocab[zipf.Uint64()]
			}
			return strings.Join(ws, " ")
		}
		for range n {
			c.docs = append(c.docs, text(10+r.IntN(31)))
		}
		for range 3000 {
			c.queries = append(c.queries, text(3+r.IntN(8)))
		}
	}
	corpora.Store(n, c)
	return c
}

// syntheticVocab makes n distinct pronounceable words.
func syntheticVocab(r *rand.Rand, n int) []string {
	syll := []string{"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "da", "gu", "ber", "ton", "ish", "ment"}
	seen := map[string]bool{}
	var vocab []string
	for len(vocab) < n {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	return vocab
}

var built sync.Map // doc count → *Index over benchCorpus(n)

// benchIndex returns an index over benchCorpus(n), built once per process.
func benchIndex(tb testing.TB, n int) *Index {
	if ix, ok := built.Load(n); ok {
		return ix.(*Index)
	}
	ix := NewIndex()
	for i, d := range benchCorpus(tb, n).docs {
		ix.Upsert(int64(i+1), d)
	}
	built.Store(n, ix)
	return ix
}

func TestBanking77Retrieval(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: indexes the banking77 training set")
	}
	dir, ok := dataset.Banking77Dir()
	if !ok {
		t.Skip("banking77 not found: expected shared/data/banking77 beside the module root")
	}
	train, trainCats := readBanking77(t, dir, "train.csv")
	test, testCats := readBanking77(t, dir, "test.csv")
	ix := NewIndex()
	for i, text := range train {
		ix.Upsert(int64(i), text)
	}
	// Nearest-neighbour classification is a rough check that ranking finds
	// messages about the same thing, not just ones sharing a word.
	correct := 0
	for i, q := range test {
		if hits, _ := ix.Search(q, 1, 0); len(hits) == 1 && trainCats[hits[0].ID] == testCats[i] {
			correct++
		}
	}
	acc := float64(correct) / float64(len(test))
	t.Logf("top-1 category accuracy over %d test queries: %.3f", len(test), acc)
	if acc < 0.75 {
		t.Errorf("top-1 accuracy %.3f, want >= 0.75", acc)
	}
}
