package outcome

import (
	"strings"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// token is a word of a reply: w is the lower-cased word, s its stem (or the
// word itself for stopwords, which matter here: "all good", "now", "same").
type token struct{ w, s string }

// cue is one cue phrase found in a reply, in order of appearance.
type cue struct {
	class   Outcome
	tier    int
	negated bool
}

// negationWindow is how many tokens after a negator a cue may start and still
// be negated: "doesn't seem to work", "doesn't give me the error".
const negationWindow = 4

// Words that end a clause's negation scope: a new clause states something
// new ("I tried that but it still fails").
var boundaries = map[string]bool{"but": true, "however": true, "though": true,
	"although": true, "and": true, "so": true, "then": true, "because": true}

// Words that open a hypothetical: "I'll let you know if it works" reports
// nothing about whether it works.
var conditionals = map[string]bool{"if": true, "unless": true, "whether": true,
	"case": true, "otherwise": true}

// scan appends the cues of text to dst. Text is cut into clauses at
// punctuation and conjunctions; a clause ending in '?' asks rather than
// reports, so success cues in it are dropped ("did it go through?") while
// failure cues are kept ("why is it still declined?").
func scan(dst []cue, text string) []cue {
	var toks []token
	var scratch []string
	for text != "" {
		end := strings.IndexAny(text, ".!?;,:\n()…—–")
		clause, question := text, false
		if end < 0 {
			text = ""
		} else {
			clause = text[:end]
			question = text[end] == '?'
			_, size := utf8.DecodeRuneInString(text[end:])
			text = text[end+size:]
		}
		toks = toks[:0]
		for _, w := range textproc.Words(clause) {
			toks, scratch = appendTokens(toks, scratch, w)
		}
		dst = scanClause(dst, toks, question)
	}
	return dst
}

// scanClause finds the cues in one punctuation-delimited clause.
func scanClause(dst []cue, toks []token, question bool) []cue {
	neg := -1           // index of the negator in scope, or -1
	suppressed := false // inside a conditional: nothing is reported
	noSuccess := false  // after a hedge: "not sure it worked"
	for i := 0; i < len(toks); {
		t := toks[i]
		if boundaries[t.w] {
			neg, suppressed, noSuccess = -1, false, false
			i++
			continue
		}
		if suppressed {
			i++
			continue
		}
		if conditionals[t.w] {
			suppressed = true
			i++
			continue
		}
		if p, n := match(toks, i); p != nil {
			negated := neg >= 0 && i-neg <= negationWindow && p.neg != ""
			if !(p.negOnly && !negated) {
				c := cue{class: p.class, tier: p.tier}
				if negated {
					c.class, c.negated, neg = p.neg, p.neg != p.class, -1
				}
				if p.hedge {
					noSuccess = true
				}
				i += n
				if c.class == Failure && p.neg == Success && !negated {
					// "the error is gone": a problem said to have ended.
					if k := ender(toks, i); k > 0 {
						c.class, c.negated = Success, true
						i += k
					}
				}
				if c.class != "" && !(c.class == Success && (question || noSuccess)) {
					dst = append(dst, c)
				}
				continue
			}
		}
		switch {
		case isNegator(toks, i):
			neg = i
		case t.w == "no":
			// A bare "no" answers the question "did it work?".
			dst = append(dst, cue{class: Failure, tier: 1})
		}
		i++
	}
	return dst
}

// enders are words saying that the problem named just before them has ended.
var enders = map[string]bool{"gone": true, "disappear": true, "vanish": true,
	"away": true, "stop": true, "fix": true, "resolv": true, "solv": true}

// ender returns how many tokens from i reach an ender within three tokens
// ("the error is gone", "the declines have stopped"), or 0.
func ender(toks []token, i int) int {
	for k := 0; k < 3 && i+k < len(toks); k++ {
		if t := toks[i+k]; enders[t.s] || enders[t.w] {
			return k + 1
		}
		if boundaries[toks[i+k].w] {
			break
		}
	}
	return 0
}

// isNegator reports whether toks[i] negates what follows. "no" does only
// before a content word or "more" ("no errors", "no more declines"); before
// a pronoun it is an answer ("no it's still declined").
func isNegator(toks []token, i int) bool {
	switch toks[i].w {
	case "not", "never", "nor", "without", "nothing", "none", "neither", "stopped", "stop":
		return true
	case "no":
		if i+1 == len(toks) {
			return false
		}
		next := toks[i+1].w
		return next == "more" || !textproc.IsStopword(next)
	}
	return false
}

var notToken = token{"not", "not"}

// appendTokens appends the tokens of word w: negative contractions become
// their base and "not" ("can't" → can, not) so that "can log" and negation
// scopes see them; "'ll" becomes "will", which marks intentions.
func appendTokens(dst []token, scratch []string, w string) ([]token, []string) {
	if w == "cannot" {
		return append(dst, token{"can", "can"}, notToken), scratch
	}
	scratch = textproc.AppendTerms(scratch[:0], w)
	if n := len(scratch); n > 0 && scratch[n-1] == "not" && w != "not" {
		b := negationBase(w)
		return append(dst, token{b, b}, notToken), scratch
	}
	if base, ok := strings.CutSuffix(w, "'ll"); ok {
		return append(dst, token{base, base}, token{"will", "will"}), scratch
	}
	s := w
	if len(scratch) == 1 {
		s = scratch[0]
	}
	return append(dst, token{w, s}), scratch
}

// negationBase returns the verb of a negative contraction, enough to tell
// "can" (ability) and "will" apart from the rest.
func negationBase(w string) string {
	b := strings.TrimSuffix(strings.TrimSuffix(w, "n't"), "nt")
	switch b {
	case "ca":
		return "can"
	case "wo":
		return "will"
	}
	return b
}
