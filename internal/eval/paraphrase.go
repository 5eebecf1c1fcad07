package eval

import (
	"fmt"
	"slices"

	"github.com/fathom-oss/fathom/internal/knowledge/assoc"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/knowledge/retrieval"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/textproc"
)

// Paraphrase is a pair of training examples of the same intent that share
// no content term (no index term that decides a match, see
// textproc.Decides): a query and the paraphrase it should find.
type Paraphrase struct {
	Query, Target int // indices into the training examples
}

// pairsPerIntent bounds the pairs of one intent, so that every intent
// weighs about the same.
const pairsPerIntent = 20

// Paraphrases builds the zero-overlap pairs of train, split in two halves
// by intent: the intents sorted by name, those at even positions (0, 2, …)
// form the develop half (for tuning), those at odd positions the report
// half (only reported). Within an intent, in file order, each example not
// yet paired is a query whose target is the first later example of the
// intent, not yet paired either, that shares no content term with it; at
// most pairsPerIntent pairs per intent.
func Paraphrases(train []Example) (develop, report []Paraphrase) {
	byIntent := map[string][]int{}
	for i, ex := range train {
		byIntent[ex.Intent] = append(byIntent[ex.Intent], i)
	}
	intents := make([]string, 0, len(byIntent))
	for in := range byIntent {
		intents = append(intents, in)
	}
	slices.Sort(intents)
	content := make([]map[string]bool, len(train))
	for i, ex := range train {
		content[i] = map[string]bool{}
		for _, t := range search.Terms(ex.Text) {
			if textproc.Decides(t) {
				content[i][t] = true
			}
		}
	}
	disjoint := func(a, b int) bool {
		for t := range content[a] {
			if content[b][t] {
				return false
			}
		}
		return len(content[a]) > 0 && len(content[b]) > 0
	}
	for pos, in := range intents {
		rows, used, n := byIntent[in], map[int]bool{}, 0
		for x, a := range rows {
			if used[a] || n == pairsPerIntent {
				continue
			}
			for _, b := range rows[x+1:] {
				if !used[b] && disjoint(a, b) {
					used[a], used[b] = true, true
					p := Paraphrase{Query: a, Target: b}
					if pos%2 == 0 {
						develop = append(develop, p)
					} else {
						report = append(report, p)
					}
					n++
					break
				}
			}
		}
	}
	return develop, report
}

// ParaphraseMetrics is the recall of zero-overlap paraphrases.
type ParaphraseMetrics struct {
	Pairs             int
	Without, With     float64 // recall@10 without and with the learned expansion
	Terms, Types      int     // the association model's size
	SameIntentWithout float64 // share of the top 10 with the query's intent, without expansion
	SameIntentWith    float64 // the same with expansion
}

func (m ParaphraseMetrics) String() string {
	return fmt.Sprintf("%d pairs: recall@10 %.3f without expansion, %.3f with; P@10 %.3f → %.3f (%d terms with associations, %d types)",
		m.Pairs, m.Without, m.With, m.SameIntentWithout, m.SameIntentWith, m.Terms, m.Types)
}

// ParaphraseRecall measures, in process and on the engine's own parts (the
// BM25 index, the issue-type model, the reranker and the association
// model, with the server's defaults), whether each pair's query finds its
// target among its 10 best hits, the query's own conversation left out,
// with and without the expansion learned from the training examples.
// Every training example is a conversation, as `fathom eval banking77`
// loads them; intents are used only to score.
func ParaphraseRecall(train []Example, pairs []Paraphrase, cfg assoc.Config, minSimilarity float64) ParaphraseMetrics {
	ix, model := search.NewIndex(), issuetype.NewModel(issuetype.Config{})
	for i, ex := range train {
		ix.Upsert(int64(i+1), ex.Text)
		model.Assign(int64(i+1), ex.Text)
	}
	model.Consolidate()
	am := assoc.Learn(ix.EachDocument, model.TypeOf, cfg)
	r := retrieval.New(retrieval.Config{})
	m := ParaphraseMetrics{Pairs: len(pairs), Terms: am.Terms(), Types: am.Types}
	for _, p := range pairs {
		for _, expand := range []bool{false, true} {
			q := retrieval.Analyse(train[p.Query].Text)
			if expand {
				q.Expansion = am.Expand(q.Terms)
			}
			hits, _ := r.Rank(ix, model, nil, q, 11, minSimilarity)
			found, same, shown := false, 0, 0
			for _, h := range hits {
				i := int(h.ID - 1)
				if i == p.Query || shown == 10 {
					continue
				}
				shown++
				found = found || i == p.Target
				if train[i].Intent == train[p.Query].Intent {
					same++
				}
			}
			rec, prec := &m.Without, &m.SameIntentWithout
			if expand {
				rec, prec = &m.With, &m.SameIntentWith
			}
			if found {
				*rec++
			}
			*prec += float64(same) / 10
		}
	}
	if n := float64(max(1, len(pairs))); n > 0 {
		m.Without, m.With, m.SameIntentWithout, m.SameIntentWith = m.Without/n, m.With/n, m.SameIntentWithout/n, m.SameIntentWith/n
	}
	return m
}
