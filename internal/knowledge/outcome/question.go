package outcome

import "strings"

// AsksResult reports whether an agent's message asks how an attempt went
// ("did that work?", "is it going through now?", "any luck?"): one of its
// questions holds a cue of success or failure, or "luck", and its subject is
// not the agent ("can I help with anything else?" offers more help, it asks
// nothing about the attempt). The replies to any other question answer that
// question ("what is your account number?", "anything else?"), not the
// attempt before it.
func AsksResult(text string) bool {
	asks := false
	clauses(text, func(toks []token, question bool) {
		if !(question || inverted(toks)) || asks {
			return
		}
		for _, t := range toks {
			switch t.w {
			case "i", "we":
				return // the agent's own offer
			case "luck":
				asks = true
				return
			}
		}
		// "could you let me know if it works?" asks about the result:
		// the conditional that makes a reply's cue hypothetical is the
		// question here.
		kept := make([]token, 0, len(toks))
		for _, t := range toks {
			if !conditionals[t.w] {
				kept = append(kept, t)
			}
		}
		for _, c := range scanClause(nil, kept, false) {
			if c.class == Success || c.class == Failure {
				asks = true
				return
			}
		}
	})
	return asks
}

// Asks reports whether text holds a question: a clause ending in '?', or
// one put as a question by its word order when the '?' was left off ("is
// there anything else I can do", "what is the date of the transaction").
func Asks(text string) bool {
	if strings.Contains(text, "?") {
		return true
	}
	asks := false
	clauses(text, func(toks []token, _ bool) { asks = asks || inverted(toks) })
	return asks
}

// Closed classes that put a clause as a question by word order: an
// auxiliary or modal before its subject ("is there", "can you", "did it"),
// or a question word before an auxiliary ("what is", "how do").
var (
	questionAux = map[string]bool{"is": true, "are": true, "was": true, "were": true,
		"do": true, "does": true, "did": true, "can": true, "could": true, "would": true,
		"will": true, "shall": true, "should": true, "may": true, "have": true, "has": true}
	questionSubject = map[string]bool{"i": true, "you": true, "we": true, "it": true,
		"they": true, "he": true, "she": true, "there": true, "that": true, "this": true,
		"your": true, "the": true, "anything": true, "everything": true}
	questionWord = map[string]bool{"what": true, "when": true, "which": true,
		"where": true, "who": true, "why": true, "how": true}
)

// inverted reports whether a clause is put as a question by its word order
// alone: an auxiliary before its subject, or a question word before an
// auxiliary, or "any" cut short ("anything else"). "Is there anything
// else I can do" asks, "there is" states.
func inverted(toks []token) bool {
	if len(toks) > 0 && len(toks) <= 3 && (toks[0].w == "anything" || toks[0].w == "any") {
		return true // "anything else", "any luck": a question cut to its object
	}
	if len(toks) < 3 {
		return false
	}
	a, b := toks[0].w, toks[1].w
	return questionAux[a] && questionSubject[b] || questionWord[a] && questionAux[b]
}
