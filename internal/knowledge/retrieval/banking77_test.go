package retrieval

import (
	"cmp"
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/search"
)

// banking77 reads a banking77 file, skipping when the data is absent.
func banking77(tb testing.TB, file string) (texts, cats []string) {
	tb.Helper()
	return dataset.Banking77OrSkip(tb, file)
}

var (
	trainOnce sync.Once
	trainIx   *search.Index
	trainM    *issuetype.Model
)

// heldOut reports whether training row i is held out for tuning: with
// SPLIT=1 in the environment, every fifth training query is left out of
// the index and asked instead of the test queries, so that changes can be
// chosen without looking at the test queries.
func heldOut(i int) bool { return os.Getenv("SPLIT") != "" && i%5 == 0 }

// trained indexes the banking77 training texts (ids = row numbers from 1)
// in a BM25 index and an issue-type model, without their labels.
func trained(tb testing.TB) (*search.Index, *issuetype.Model, []string) {
	texts, cats := banking77(tb, "train.csv")
	trainOnce.Do(func() {
		trainIx, trainM = search.NewIndex(), issuetype.NewModel(issuetype.Config{})
		for i, s := range texts {
			if heldOut(i) {
				continue
			}
			trainIx.Upsert(int64(i+1), s)
			trainM.Assign(int64(i+1), s)
		}
		trainM.Consolidate()
	})
	return trainIx, trainM, cats
}

func envf(k string) float64 {
	f, _ := strconv.ParseFloat(os.Getenv(k), 64)
	return f
}

// TestBanking77 queries each banking77 test message against the training
// messages and scores the hits by intent (labels are used only here).
func TestBanking77(t *testing.T) {
	if testing.Short() {
		t.Skip("measures ranking quality on banking77, one query at a time: the pass without -short runs it")
	}
	ix, model, cats := trained(t)
	queries, qcats := banking77(t, "test.csv")
	if heldOut(0) {
		texts, _ := banking77(t, "train.csv")
		queries, qcats = nil, nil
		for i := 0; i < len(texts); i += 5 {
			queries, qcats = append(queries, texts[i]), append(qcats, cats[i])
		}
	}
	cfg := Config{BM25: envf("W_BM25"), Wording: envf("W_WORD"), SameType: envf("W_SAME"), TypeVote: envf("W_VOTE")}
	type arm struct {
		name   string
		ranker *Ranker
		model  *issuetype.Model
		dense  func(qi int) Scorer // nil: lexical
	}
	arms := []arm{
		{"bm25 only", New(cfg), nil, nil},
		{"reranked", New(cfg), model, nil},
	}
	if path := os.Getenv("FATHOM_DENSE_MODEL"); path != "" {
		// Hybrid arms with a real static model: the conversations' and the
		// queries' vectors, and the fusion's weight (Config.Extra) from
		// FATHOM_DENSE_EXTRA (a comma-separated list; default 0.5).
		dense := denseQueries(t, path, queries)
		for _, f := range strings.Split(cmp.Or(os.Getenv("FATHOM_DENSE_EXTRA"), "0.5"), ",") {
			c := cfg
			c.Extra, _ = strconv.ParseFloat(f, 64)
			arms = append(arms, arm{"hybrid, Extra " + f, New(c), model, dense})
		}
	}
	for _, tt := range arms {
		var top1, p10, mrr float64
		for qi, q := range queries {
			var extra Scorer
			if tt.dense != nil {
				extra = tt.dense(qi)
			}
			hits, _ := tt.ranker.Rank(ix, tt.model, extra, Analyse(q), 10, 0)
			for rank, h := range hits {
				if cats[h.ID-1] != qcats[qi] {
					continue
				}
				if rank == 0 {
					top1++
				}
				p10++
			}
			for rank, h := range hits {
				if cats[h.ID-1] == qcats[qi] {
					mrr += 1 / float64(rank+1)
					break
				}
			}
		}
		n := float64(len(queries))
		top1, p10, mrr = top1/n, p10/(10*n), mrr/n
		t.Logf("%s: top-1 %.3f, P@10 %.3f, MRR %.3f", tt.name, top1, p10, mrr)
		// A guard at the level reached (0.873 / 0.786 / 0.903 when written),
		// so that a change making retrieval worse fails here. The product's
		// targets (top-1 0.86, P@10 0.75, MRR 0.90) are measured through the
		// API by `fathom eval banking77` and reported in docs/evaluation.md.
		if tt.model != nil && tt.dense == nil && !heldOut(0) && (top1 < 0.865 || p10 < 0.78 || mrr < 0.895) {
			t.Errorf("retrieval regressed: want top-1 >= 0.865, P@10 >= 0.78, MRR >= 0.895")
		}
	}
}

// denseQueries embeds the indexed conversations and the queries with the
// static model at path (what --embeddings-model-dir takes) and returns
// each query's Dense scorer.
func denseQueries(tb testing.TB, path string, queries []string) func(qi int) Scorer {
	model, err := provider.LoadStatic(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Logf("embeddings: %s", model.Name())
	texts, _ := banking77(tb, "train.csv")
	vecs := search.NewVectors()
	for i, s := range texts {
		if heldOut(i) {
			continue
		}
		v, err := model.Embed(context.Background(), []string{s})
		if err != nil {
			tb.Fatal(err)
		}
		vecs.Upsert(int64(i+1), 0, v[0])
	}
	qv, err := model.Embed(context.Background(), queries)
	if err != nil {
		tb.Fatal(err)
	}
	return func(qi int) Scorer { return Dense{Vectors: vecs, Vec: qv[qi]} }
}
