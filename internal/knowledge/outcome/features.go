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
	f := featurizer{emit: func(f []byte) { seen[string(f)] = true }}
	clauses(reply, f.clause)
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// featurizer emits the features of a reply clause by clause, repeats
// included. With restart set, a contrast word ("but", "though",
// "however") calls restart and features start again after it, as if the
// reply began there: the part after a contrast carries the stance ("that's
// nice, but what else do you have?").
type featurizer struct {
	emit    func(f []byte)
	restart func()
	buf     []byte
	started bool // the reply's first token has been seen
}

var contrasts = map[string]bool{"but": true, "though": true, "however": true}

func (z *featurizer) clause(toks []token, question bool) {
	from := 0
	for i, t := range toks {
		if z.restart != nil && contrasts[t.w] && i+1 < len(toks) {
			z.restart()
			z.started, from = false, i+1
			continue
		}
		if i < from {
			continue
		}
		z.emit(append(z.buf[:0], t.s...))
		if i > from {
			z.buf = append(append(append(z.buf[:0], toks[i-1].s...), ' '), t.s...)
			z.emit(z.buf)
		}
		if !z.started {
			z.buf = append(append(z.buf[:0], "^ "...), t.s...)
			z.emit(z.buf)
			z.started = true
		}
	}
	if question {
		z.emit([]byte{'?'})
	}
}

// tally sums the weights of the distinct features it is given, as naive
// Bayes does, so that a reply made only of unknown words scores zero ("does
// not say").
type tally struct {
	w       Weights
	sum     float64
	counted [32]string
	n       int
}

func (t *tally) add(f []byte) {
	v, ok := t.w[string(f)] // a map index by converted bytes does not allocate
	if !ok {
		return
	}
	for _, c := range t.counted[:min(t.n, len(t.counted))] {
		if c == string(f) {
			return
		}
	}
	if t.n < len(t.counted) {
		t.counted[t.n] = string(f)
	}
	t.n++
	t.sum += v
}

func (t *tally) reset() { t.sum, t.n = 0, 0 }
