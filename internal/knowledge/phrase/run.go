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
	// pronoun: the run's subject was "it" or "they", which may stand for
	// antecedent, the head of the last noun phrase before ("I ordered a
	// card and it hasn't arrived" → "card not arrived").
	pronoun    bool
	antecedent string
	// state: the run opened after a form of be or have ("it hasn't
	// arrived", "it isn't working"), so its verb names a state.
	state bool
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
// starts nor ends in a function word (see tidy). antecedent carries the
// head of the last noun phrase across the sentences of one text; nil starts
// afresh.
func runs(toks []token, antecedent *string) []run {
	var out []run
	var cur run
	var pending []token // joiners seen since the last content word
	pronoun := false    // "it" or "they" since the last content word
	if antecedent == nil {
		antecedent = new(string)
	}
	flush := func() {
		if len(cur.words) > 0 {
			cur.antecedent = *antecedent
			if r, ok := tidy(cur); ok {
				out = append(out, r)
				// The head of a noun phrase: not a verb form ("new card
				// arrived", "app keeps crashing" name no antecedent).
				if last := r.words[len(r.words)-1]; r.contentWords() >= 2 && last.cls == content && !r.stated &&
					!participle(last.norm) && !strings.HasSuffix(last.norm, "ing") {
					*antecedent = last.norm
				}
			}
		}
		cur, pending = run{}, nil
	}
	for i, t := range toks {
		if t.norm == "it" || t.norm == "they" {
			pronoun = true
		}
		next := class(breaker)
		if i+1 < len(toks) {
			next = toks[i+1].cls
		}
		switch t.cls {
		case content, light:
			if len(cur.words) == 0 {
				cur.pronoun, pronoun = pronoun, false
				for _, p := range pending {
					cur.state = cur.state || p.beHave
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
			if len(pending) == 0 && last >= 0 && cur.words[last].cls != negation && (adverbParticles[t.norm] || next != content && next != det) {
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
// dropped, since without its negation it would say the opposite — unless
// the subject was "it" or "they" and a noun phrase came before, which the
// pronoun is taken to stand for ("it hasn't arrived" → "card not
// arrived").
func tidy(r run) (run, bool) {
	w := r.words
	for len(w) > 0 && (w[len(w)-1].cls == negation || w[len(w)-1].cls == light) {
		w = w[:len(w)-1]
	}
	for (run{words: w}).contentWords() > maxWords {
		w = w[1:]
	}
	for len(w) > 0 && (w[0].cls == light || w[0].cls == particle) { // trimming may leave "up automatic payments"
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
		verb := i + 1 // past the participle and its particle ("gone through")
		if verb < len(w) && w[verb].cls == particle {
			verb++
		}
		switch {
		case i >= len(w) || !participle(w[i].norm) && !r.state:
			return run{}, false
		case verb < len(w) && w[verb].cls != negation: // "hasn't received my card"
			w = append(append(append([]token{}, w[verb:]...), token{norm: "not", cls: negation}), w[i:verb]...)
		case verb == len(w) && r.pronoun && r.antecedent != "": // "it hasn't arrived"
			w = append([]token{{norm: r.antecedent, cls: content}, {norm: "not", cls: negation}}, w[i:verb]...)
		default:
			return run{}, false
		}
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
