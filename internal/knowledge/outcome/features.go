package outcome

import "sort"

// Features returns the features of a reply that learned cue weights are
// keyed by, each once, sorted: the stem of every word (stopwords kept, as
// themselves, since "else", "other" and "no" carry most of a reaction),
// every pair of neighbouring tokens in a clause ("someth els"), "^" and the
// reply's first word ("^ no"), and "?" when a clause asks. Exported for the
// generator that learns the weights (see lexgen).
func Features(reply string) []string {
	seen := map[string]bool{}
	first := true
	clauses(reply, func(toks []token, question bool) {
		if question {
			seen["?"] = true
		}
		for i, t := range toks {
			seen[t.s] = true
			if i > 0 {
				seen[toks[i-1].s+" "+t.s] = true
			}
			if first {
				seen["^ "+t.s] = true
				first = false
			}
		}
	})
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// score is the evidence a reply carries under w: the sum of its
// features' weights, as in naive Bayes, so that a reply made only of
// unknown words scores zero ("does not say").
func (w Weights) score(reply string) float64 {
	s := 0.0
	for _, f := range Features(reply) {
		s += w[f]
	}
	return s
}
