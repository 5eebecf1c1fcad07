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
		if !question || asks {
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

// Asks reports whether text holds a question: a clause ending in '?'.
func Asks(text string) bool { return strings.Contains(text, "?") }
