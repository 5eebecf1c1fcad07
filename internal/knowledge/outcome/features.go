package outcome

import "sort"

// Features returns the features of a reply that learned cue weights are
// keyed by, each once, sorted: the stem of every word (stopwords kept, as
// themselves, since "else", "other" and "no" carry most of a reaction),
// every pair of neighbouring tokens in a clause ("someth els"), "^" and the
// reply's first word ("^ no"), and "?" when a clause asks. Exported for the
// generator that learns the weights (see learnsgd).
func Features(reply string) []string {
	seen := map[string]bool{}
	eachFeature(reply, func(f []byte) { seen[string(f)] = true })
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// eachFeature calls fn with every feature of reply, in order, repeats
// included. The slice is reused between calls.
func eachFeature(reply string, fn func(f []byte)) {
	var buf []byte
	first := true
	clauses(reply, func(toks []token, question bool) {
		if question {
			fn([]byte{'?'})
		}
		for i, t := range toks {
			fn(append(buf[:0], t.s...))
			if i > 0 {
				buf = append(append(append(buf[:0], toks[i-1].s...), ' '), t.s...)
				fn(buf)
			}
			if first {
				buf = append(append(buf[:0], "^ "...), t.s...)
				fn(buf)
				first = false
			}
		}
	})
}

// score is the evidence a reply carries under w: the sum of the weights of
// its distinct features, as in naive Bayes, so that a reply made only of
// unknown words scores zero ("does not say").
func (w Weights) score(reply string) float64 {
	var counted [32]string
	n := 0
	s := 0.0
	eachFeature(reply, func(f []byte) {
		v, ok := w[string(f)] // no allocation: a map index by converted bytes
		if !ok {
			return
		}
		for _, c := range counted[:min(n, len(counted))] {
			if c == string(f) {
				return
			}
		}
		if n < len(counted) {
			counted[n] = string(f)
		}
		n++
		s += v
	})
	return s
}
