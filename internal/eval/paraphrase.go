package eval

import (
	"slices"

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
