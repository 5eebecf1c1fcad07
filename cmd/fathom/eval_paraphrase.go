package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/knowledge/assoc"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/knowledge/retrieval"
	modelprovider "github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/search"
)

const evalParaphraseSynopsis = `eval paraphrase [flags]

Measures how the term associations learned from a tenant's conversations
find paraphrases that share no content word with the query. Pairs of
BANKING77 training queries of the same intent with no content term in
common are built (docs/evaluation.md, "Zero-overlap paraphrases"); every
training query is a conversation, and each pair's query is asked with and
without the learned expansion: recall@10 is the share of pairs whose other
query is among the 10 best hits (the query's own left out). Intents sorted
by name are split once: even positions are the develop half (all tuning),
odd positions the report half (only reported). It runs the engine's parts
in-process, with the server's defaults unless the flags say otherwise.
With --embeddings-model-dir the pairs are scored a second time with the
model's vectors fused into the ranking, as the server's similarity does
with that model configured.`

func runEvalParaphrase(_ context.Context, env *environment, args []string) error {
	fs := flagSet(env, "eval paraphrase", evalParaphraseSynopsis)
	data := fs.String("data", "../shared/data/banking77", "BANKING77 folder")
	half := fs.String("half", "develop", "which half to score: develop, report or both")
	var cfg assoc.Config
	fs.Float64Var(&cfg.Weight, "weight", 0, "expansion weight (0: the default)")
	fs.IntVar(&cfg.Expand, "expand", 0, "terms added to a query (0: the default)")
	fs.IntVar(&cfg.TypeTerms, "type-terms", 0, "terms characterising a type (0: the default)")
	fs.IntVar(&cfg.Neighbours, "neighbours", 0, "neighbours kept per term (0: the default)")
	fs.IntVar(&cfg.MinCount, "min-count", 0, "documents of a type a term needs (0: the default)")
	fs.Float64Var(&cfg.MinStrength, "min-strength", 0, "least association kept (0: the default)")
	retrievalToo := fs.Bool("retrieval", false, "also score the banking77 test queries in process, without and with expansion")
	modelDir := fs.String("embeddings-model-dir", "", "also score with this static embedding model's vectors fused in, as the server does (a .vec file or Model2Vec directory)")
	extra := fs.Float64("extra", 0, "the vectors' share of the fused similarity (0: the default)")
	if err := parse(fs, args); err != nil {
		return err
	}
	var names []string
	switch *half {
	case "develop", "report":
		names = []string{*half}
	case "both":
		names = []string{"develop", "report"}
	default:
		fmt.Fprintf(env.stderr, "fathom eval paraphrase: --half: %q is not develop, report or both\n", *half)
		return errUsage
	}
	train, test, err := eval.LoadBanking77(*data)
	if err != nil {
		return dataError(err, *data)
	}
	develop, report := eval.Paraphrases(train)
	halves := map[string][]eval.Paraphrase{"develop": develop, "report": report}
	var emb *modelprovider.Static
	if *modelDir != "" {
		if emb, err = modelprovider.LoadStatic(*modelDir); err != nil {
			fmt.Fprintf(env.stderr, "fathom eval paraphrase: --embeddings-model-dir: %v\n", err)
			return errUsage
		}
	}
	for _, name := range names {
		m := paraphraseRecall(train, halves[name], cfg, 0.1, nil)
		fmt.Fprintf(env.stdout, "%s half: %s\n", name, m)
		if emb != nil {
			m := paraphraseRecall(train, halves[name], cfg, 0.1, &paraphraseVectors{emb, *extra})
			weight := "the default"
			if *extra > 0 {
				weight = fmt.Sprintf("%.2f", *extra)
			}
			fmt.Fprintf(env.stdout, "%s half, vectors of %s fused (extra %s): %s\n", name, emb.Name(), weight, m)
		}
	}
	if *retrievalToo {
		without, with := expansionRetrieval(train, test, cfg, 0.1)
		fmt.Fprintf(env.stdout, "banking77 test queries in process, without expansion: %s\n", without)
		fmt.Fprintf(env.stdout, "banking77 test queries in process, with expansion:    %s\n", with)
	}
	return nil
}

// paraphraseVectors is a static model whose vectors join the ranking as
// the server's do (retrieval.Dense, fused with weight Extra; 0: the
// default).
type paraphraseVectors struct {
	model *modelprovider.Static
	extra float64
}

// index embeds the texts of rows (row numbers from 0) into a vector set
// keyed as the search indexes are (row + 1).
func (v *paraphraseVectors) index(train []eval.Example, rows []int) *search.Vectors {
	set := search.NewVectors()
	for _, i := range rows {
		set.Upsert(int64(i+1), 0, v.embed(train[i].Text))
	}
	return set
}

func (v *paraphraseVectors) embed(text string) []float32 {
	out, err := v.model.Embed(context.Background(), []string{text})
	if err != nil {
		panic(err) // a static model fails only for a cancelled context
	}
	return out[0]
}

// paraphraseMetrics is the recall of zero-overlap paraphrases.
type paraphraseMetrics struct {
	Pairs int
	// Without and With are recall@10 without and with the learned
	// expansion among the pairs' paraphrases: the collection searched is
	// the targets of the half's pairs.
	Without, With float64
	// TenantWithout and TenantWith are recall@10 among all the tenant's
	// conversations (every training example, the query's own left out),
	// where the query's other conversations of its intent that share its
	// words compete with the paraphrase.
	TenantWithout, TenantWith float64
	// SameWithout and SameWith are the share of those 10 hits with the
	// query's intent (P@10), without and with the expansion.
	SameWithout, SameWith float64
	Terms, Types          int // the association model's size
}

func (m paraphraseMetrics) String() string {
	return fmt.Sprintf("%d pairs: recall@10 among the paraphrases %.3f without expansion, %.3f with; "+
		"among all conversations %.3f → %.3f (P@10 %.3f → %.3f); %d terms with associations, %d types",
		m.Pairs, m.Without, m.With, m.TenantWithout, m.TenantWith, m.SameWithout, m.SameWith, m.Terms, m.Types)
}

// paraphraseRecall measures, in process and on the engine's own parts (the
// BM25 index, the issue-type model, the reranker and the association
// model, with the server's defaults), whether each pair's query finds its
// target among its 10 best hits, with and without the expansion. The
// tenant's conversations are every training example, as `fathom eval
// banking77` loads them: the issue types and the associations are learned
// from all of them. The query is searched twice: among the targets of the
// pairs (one index of those conversations, typed by the tenant's model)
// and among all the tenant's conversations, its own left out. Intents are
// used only to build the pairs and to score.
//
// With vectors, both searches also fuse the cosine of the texts' vectors
// (retrieval.Dense over a vector set of the collection searched), as the
// server's similarity does with an embedder; "without" and "with" are
// then without and with the expansion, the vectors in both.
func paraphraseRecall(train []eval.Example, pairs []eval.Paraphrase, cfg assoc.Config, minSimilarity float64, vectors *paraphraseVectors) paraphraseMetrics {
	ix, model := search.NewIndex(), issuetype.NewModel(issuetype.Config{})
	for i, ex := range train {
		ix.Upsert(int64(i+1), ex.Text)
		model.Assign(int64(i+1), ex.Text)
	}
	model.Consolidate()
	am := assoc.Learn(ix.EachDocument, model.TypeOf, cfg)
	targets := search.NewIndex()
	var targetRows []int
	for _, p := range pairs {
		targets.Upsert(int64(p.Target+1), train[p.Target].Text)
		targetRows = append(targetRows, p.Target)
	}
	rcfg := retrieval.Config{}
	vecsOf := map[*search.Index]*search.Vectors{}
	if vectors != nil {
		rcfg.Extra = vectors.extra
		all := make([]int, len(train))
		for i := range all {
			all[i] = i
		}
		vecsOf[ix], vecsOf[targets] = vectors.index(train, all), vectors.index(train, targetRows)
	}
	r := retrieval.New(rcfg)
	m := paraphraseMetrics{Pairs: len(pairs), Terms: am.Terms(), Types: am.Types}
	// top10 returns the 10 best hits of q in in, leaving out skip.
	top10 := func(in *search.Index, q *retrieval.Query, skip int) []int {
		var extra retrieval.Scorer
		if set := vecsOf[in]; set != nil {
			extra = retrieval.Dense{Vectors: set, Vec: vectors.embed(q.Text)}
		}
		hits, _ := r.Rank(in, model, extra, q, 11, minSimilarity)
		var out []int
		for _, h := range hits {
			if i := int(h.ID - 1); i != skip && len(out) < 10 {
				out = append(out, i)
			}
		}
		return out
	}
	count := func(x *float64, ok bool) {
		if ok {
			*x++
		}
	}
	for _, p := range pairs {
		for _, expand := range []bool{false, true} {
			q := retrieval.Analyse(train[p.Query].Text)
			if expand {
				q.Expansion = am.Expand(q.Terms)
			}
			rec, tenant, same := &m.Without, &m.TenantWithout, &m.SameWithout
			if expand {
				rec, tenant, same = &m.With, &m.TenantWith, &m.SameWith
			}
			count(rec, slices.Contains(top10(targets, q, -1), p.Target))
			all := top10(ix, q, p.Query)
			count(tenant, slices.Contains(all, p.Target))
			for _, i := range all {
				if train[i].Intent == train[p.Query].Intent {
					*same += 0.1
				}
			}
		}
	}
	n := float64(max(1, len(pairs)))
	for _, x := range []*float64{&m.Without, &m.With, &m.TenantWithout, &m.TenantWith, &m.SameWithout, &m.SameWith} {
		*x /= n
	}
	return m
}

// expansionRetrieval scores the banking77 test queries against the
// training conversations in process, as paraphraseRecall builds the
// tenant, without and with the expansion: the same index, model and
// queries both ways, so that the difference is the expansion's alone
// (`fathom eval banking77` goes through the API, where the order in which
// conversations arrive moves the types, and the figures, between runs).
func expansionRetrieval(train, test []eval.Example, cfg assoc.Config, minSimilarity float64) (without, with eval.RetrievalMetrics) {
	ix, model := search.NewIndex(), issuetype.NewModel(issuetype.Config{})
	for i, ex := range train {
		ix.Upsert(int64(i+1), ex.Text)
		model.Assign(int64(i+1), ex.Text)
	}
	model.Consolidate()
	am := assoc.Learn(ix.EachDocument, model.TypeOf, cfg)
	r := retrieval.New(retrieval.Config{})
	ranked := func(text string, expand bool) []string {
		q := retrieval.Analyse(text)
		if expand {
			q.Expansion = am.Expand(q.Terms)
		}
		hits, _ := r.Rank(ix, model, nil, q, 10, minSimilarity)
		out := make([]string, len(hits))
		for i, h := range hits {
			out[i] = train[h.ID-1].Intent
		}
		return out
	}
	for _, ex := range test {
		without.Add(ex.Intent, ranked(ex.Text, false))
		with.Add(ex.Intent, ranked(ex.Text, true))
	}
	without.Finish()
	with.Finish()
	return without, with
}
