package issuetype

import (
	"context"
	"hash/fnv"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/fathom-oss/fathom/internal/provider"
)

// TestBanking77DenseWeight chooses DenseWeight on BANKING77's training
// split and reports the choice on its test split. There is no embedding
// model on the machine it was written on, so the embeddings are a
// stand-in learned from the training texts alone (no labels): each word's
// positive PMI with the words it shares a message with, randomly projected
// to 128 dimensions, and a text's vector the normalised mean of its
// words'. It is weaker than any real sentence model and carries the same
// co-occurrence the sparse features already see, so what it measures is
// that the weight neither breaks lexical grouping nor needs to be extreme,
// not what a real model would gain. Run it with
//
//	FATHOM_DENSE_SWEEP=1 go test ./internal/knowledge/issuetype -run TestBanking77DenseWeight -v
//
// or with the weights to try: FATHOM_DENSE_SWEEP=0.3,0.4; and with a real
// static model instead of the stand-in: FATHOM_DENSE_MODEL=DIR (what
// --embeddings-model-dir takes), which is how the weight should be chosen
// again once one is at hand.
func TestBanking77DenseWeight(t *testing.T) {
	if os.Getenv("FATHOM_DENSE_SWEEP") == "" {
		t.Skip("set FATHOM_DENSE_SWEEP=1 to sweep DenseWeight on banking77 (minutes)")
	}
	train, trainCats := banking77(t, "train.csv")
	test, testCats := banking77(t, "test.csv")
	embed := learnStandIn(train, 128).embed
	if dir := os.Getenv("FATHOM_DENSE_MODEL"); dir != "" {
		// A real static model (Model2Vec or .vec, as the server reads it).
		model, err := provider.LoadStatic(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("embeddings: %s", model.Name())
		embed = func(s string) []float32 {
			v, err := model.Embed(context.Background(), []string{s})
			if err != nil {
				t.Fatal(err)
			}
			return v[0]
		}
	}
	run := func(texts, cats []string, w float64, dense bool) (float64, float64, int) {
		m := NewModel(Config{DenseWeight: w})
		for i, s := range texts {
			var v []float32
			if dense {
				v = embed(s)
			}
			m.AssignDense(int64(i+1), s, v)
		}
		m.Consolidate()
		pred := make([]int64, len(texts))
		for i := range texts {
			pred[i], _ = m.TypeOf(int64(i + 1))
		}
		nmi, ari := clusterScores(pred, cats)
		return nmi, ari, len(m.sizes)
	}
	nmi, ari, n := run(train, trainCats, 0, false)
	t.Logf("train, lexical:              NMI %.3f ARI %.3f types %d", nmi, ari, n)
	best, bestNMI := 0.0, -1.0
	weights := []float64{0.25, 0.35, 0.5, 0.75}
	if list := os.Getenv("FATHOM_DENSE_SWEEP"); strings.Contains(list, ",") {
		weights = weights[:0]
		for _, f := range strings.Split(list, ",") {
			w, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatalf("FATHOM_DENSE_SWEEP: %v", err)
			}
			weights = append(weights, w)
		}
	}
	for _, w := range weights {
		nmi, ari, n := run(train, trainCats, w, true)
		t.Logf("train, DenseWeight %.2f:      NMI %.3f ARI %.3f types %d", w, nmi, ari, n)
		if nmi > bestNMI {
			best, bestNMI = w, nmi
		}
	}
	nmi, ari, n = run(test, testCats, 0, false)
	t.Logf("test, lexical:               NMI %.3f ARI %.3f types %d", nmi, ari, n)
	nmi, ari, n = run(test, testCats, best, true)
	t.Logf("test, DenseWeight %.2f (best on train): NMI %.3f ARI %.3f types %d", best, nmi, ari, n)
}

// standIn is a word-vector model learned from texts (see
// TestBanking77DenseWeight).
type standIn struct {
	dim  int
	word map[string][]float32
}

func standInWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
}

// learnStandIn learns dim-dimensional word vectors from the co-occurrence
// of words within a text.
func learnStandIn(texts []string, dim int) *standIn {
	df := map[string]int{}
	pair := map[[2]string]int{}
	for _, s := range texts {
		seen := map[string]bool{}
		for _, w := range standInWords(s) {
			seen[w] = true
		}
		for w := range seen {
			df[w]++
			for c := range seen {
				if c != w {
					pair[[2]string{w, c}]++
				}
			}
		}
	}
	n := float64(len(texts))
	sign := func(c string, j int) float32 {
		h := fnv.New64a()
		h.Write([]byte(c))
		h.Write([]byte{byte(j), byte(j >> 8)})
		if h.Sum64()&1 == 0 {
			return -1
		}
		return 1
	}
	m := &standIn{dim: dim, word: map[string][]float32{}}
	for p, k := range pair {
		w, c := p[0], p[1]
		if df[w] < 2 || df[c] < 2 {
			continue
		}
		pmi := math.Log(float64(k) * n / (float64(df[w]) * float64(df[c])))
		if pmi <= 0 {
			continue
		}
		v := m.word[w]
		if v == nil {
			v = make([]float32, dim)
			m.word[w] = v
		}
		for j := range v {
			v[j] += float32(pmi) * sign(c, j)
		}
	}
	for _, v := range m.word {
		normalise(v)
	}
	return m
}

// embed is the normalised mean of the text's known words' vectors; nil
// when it has none.
func (m *standIn) embed(s string) []float32 {
	out := make([]float32, m.dim)
	any := false
	for _, w := range standInWords(s) {
		if v := m.word[w]; v != nil {
			any = true
			for j := range out {
				out[j] += v[j]
			}
		}
	}
	if !any {
		return nil
	}
	normalise(out)
	return out
}

func normalise(v []float32) {
	var ss float64
	for _, x := range v {
		ss += float64(x) * float64(x)
	}
	if ss == 0 {
		return
	}
	for i := range v {
		v[i] /= float32(math.Sqrt(ss))
	}
}
