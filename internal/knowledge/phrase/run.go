package phrase

import "strings"

// maxWords bounds the content words of a phrase: longer runs keep their
// last words, where the predicate ("… not arriving") usually is.
const maxWords = 4

// run is a candidate phrase: the words it shows and whether an auxiliary
// joined its subject to its predicate ("card had expired"), which marks a
// stated state.
type run struct {
	words  []token
	stated bool
}

// contentWords counts the words of r that carry meaning: content words,
// light verbs and the particles of phrasal verbs.
func (r run) contentWords() int {
	n := 0
	for _, t := range r.words {
		if t.cls != negation {
			n++
		}
	}
	return n
}

func (r run) String() string {
	parts := make([]string, len(r.words))
	for i, t := range r.words {
		parts[i] = t.norm
	}
	return strings.Join(parts, " ")
}

// runs cuts a sentence's tokens into candidate phrases: maximal runs of
// content words, across the auxiliaries, determiners and negations between
// them ("my payment was not accepted" → "payment not accepted"), with the
// particle of a phrasal verb ("log in"). Each is tidied so it neither
// starts nor ends in a function word (see tidy).
func runs(toks []token) []run {
	var out []run
	var cur run
	var pending []token // joiners seen since the last content word
	flush := func() {
		if r, ok := tidy(cur); ok {
			out = append(out, r)
		}
		cur, pending = run{}, nil
	}
	for i, t := range toks {
		next := class(breaker)
		if i+1 < len(toks) {
			next = toks[i+1].cls
		}
		switch t.cls {
		case content, light:
			if len(cur.words) == 0 {
				for _, p := range pending {
					if p.cls == negation {
						cur.words = append(cur.words, p) // tidy decides what a leading negation may do
					}
				}
			} else {
				for _, p := range pending {
					if p.cls == negation {
						cur.words = append(cur.words, p)
					} else if p.cls == aux {
						cur.stated = true
					}
				}
			}
			pending = pending[:0]
			cur.words = append(cur.words, t)
		case aux:
			// An auxiliary before a determiner opens a question ("does a
			// transfer take long"), not a predicate.
			if next == det {
				flush()
				continue
			}
			pending = append(pending, t)
		case det, negation:
			pending = append(pending, t)
		case particle:
			last := len(cur.words) - 1
			if len(pending) == 0 && last >= 0 && cur.words[last].cls != negation && next != content && next != det {
				cur.words = append(cur.words, t)
				continue
			}
			flush()
		default:
			flush()
		}
	}
	flush()
	return out
}

// tidy trims a run to at most maxWords content words that start and end in
// content: trailing negations and light verbs go; a leading light verb
// goes; a leading "cannot" or "no" stays; a leading "not" whose subject was
// a pronoun moves behind the object when the verb is a participle ("hasn't
// received my card" → "card not received"), and otherwise the run is
// dropped, since without its negation it would say the opposite.
func tidy(r run) (run, bool) {
	w := r.words
	for len(w) > 0 && (w[len(w)-1].cls == negation || w[len(w)-1].cls == light) {
		w = w[:len(w)-1]
	}
	for (run{words: w}).contentWords() > maxWords {
		w = w[1:]
	}
	for len(w) > 0 && w[0].cls == light {
		w = w[1:]
	}
	if len(w) == 0 {
		return run{}, false
	}
	if w[0].cls == negation && w[0].norm != "cannot" && w[0].norm != "no" {
		i := 1
		for i < len(w) && w[i].cls == negation {
			i++
		}
		if i+1 >= len(w) || !participle(w[i].norm) || w[i+1].cls == negation {
			return run{}, false
		}
		w = append(append(append([]token{}, w[i+1:]...), token{"not", negation}), w[i])
		r.stated = true
	}
	if w[0].cls == negation && len(w) == 1 {
		return run{}, false
	}
	r.words = w
	return r, true
}

// participle reports whether w looks like a past participle ("received",
// "taken"): a regular ending, no list.
func participle(w string) bool {
	return len(w) > 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en"))
}
