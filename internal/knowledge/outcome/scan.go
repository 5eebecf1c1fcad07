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

// scanEmoji appends the cues of the reaction emoji in text.
func scanEmoji(dst []cue, text string) []cue {
	for _, r := range text {
		if r >= 0x2600 {
			if c, ok := emoji[r]; ok {
				dst = append(dst, c)
			}
		}
	}
	return dst
}

// clauses calls fn with the tokens of each clause of text in order: text is
// cut at punctuation, and fn learns whether the clause ends in '?'. The
// token slice is reused between calls.
func clauses(text string, fn func(toks []token, question bool)) {
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
		fn(toks, question)
	}
}

// scanClause appends the cues of one punctuation-delimited clause to dst. A
// clause ending in '?' asks rather than reports, so success and pending
// cues in it are dropped ("did it go through?", "will it take long?")
// while failure cues are kept ("why is it still failing?").
func scanClause(dst []cue, toks []token, question bool) []cue {
	neg := -1           // index of the negator in scope, or -1
	suppressed := false // inside a conditional: nothing is reported
	noSuccess := false  // after a hedge: "not sure it worked"
	start := len(dst)   // this clause's cues are dst[start:]
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
		if p, n := match(toks, i); p != nil && !nounUse(toks, i, p) {
			negated := neg >= 0 && i-neg <= negationWindow && p.neg != ""
			if !(p.negOnly && !negated) {
				c := cue{class: p.class, tier: p.tier}
				if negated {
					c.class, c.negated, neg = p.neg, p.neg != p.class, -1
				} else if neg >= 0 && toks[neg].w == "no" {
					// "no", a determiner, negates the noun phrase after
					// it; a cue it does not apply to ends that phrase, so
					// "no still getting the error" is an answer, then an
					// error.
					neg = -1
				}
				if p.hedge && c.class == Unknown {
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
				if p.elems[0] == "again" && len(dst) > start && dst[len(dst)-1].class == Success {
					c.class = "" // "working again": a recovery, already counted
				}
				asked := question && (c.class == Success || c.class == Pending)
				if c.class != "" && !asked && !(c.class == Success && noSuccess) {
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
		case neg >= 0 && neg == i-2 && (toks[i-1].w == "more" || toks[i-1].w == "longer") &&
			!textproc.IsStopword(t.w):
			// "no more crashes", "not any longer failing": whatever the
			// trouble, it has stopped.
			dst = append(dst, cue{class: Success, tier: 2, negated: true})
			neg = -1
		case neg >= 0 && neg == i-1 && (toks[neg].w == "stopped" || toks[neg].w == "stop") &&
			strings.HasSuffix(t.w, "ing"):
			// "it stopped complaining": the trouble it was doing ended.
			dst = append(dst, cue{class: Success, tier: 2, negated: true})
			neg = -1
		case neg >= 0 && neg == i-1 && deniesAbility(toks, neg) && !textproc.IsStopword(t.w):
			// "it won't open", "I can't find it": whatever the verb, a
			// denied ability after an attempt is a failure; denied "any
			// more" it is a trouble that stopped ("it doesn't freeze
			// anymore"). The negation stays in scope for a cue that
			// follows ("doesn't seem to work").
			c := cue{class: Failure, tier: 2, negated: true}
			if stopped(toks[i:]) {
				c.class = Success
			}
			dst = append(dst, c)
		case !question && inProgress(toks, i):
			// "restarting now", "I'm reinstalling it now".
			dst = append(dst, cue{class: Pending, tier: 2})
		}
		i++
	}
	return dst
}

// deniesAbility reports whether the negator at toks[neg] denies a modal of
// ability or will ("can't", "couldn't", "won't"), or an auxiliary whose
// subject is the thing tried ("it doesn't", "the page isn't"). With the
// user as subject ("I don't", "we didn't") an auxiliary is more often about
// the user ("I don't have one") and is left alone.
func deniesAbility(toks []token, neg int) bool {
	if toks[neg].w == "never" {
		return true // "it never arrived"
	}
	if neg < 1 {
		return false
	}
	switch toks[neg-1].w {
	case "can", "could", "will", "would":
		return true
	case "it's", "that's", "its", "thats", "is", "was", "are", "were":
		// A state ("it's not expired") is no failure; a process that
		// does not happen is ("it's not loading").
		return neg+1 < len(toks) && strings.HasSuffix(toks[neg+1].w, "ing") && !userSubject(toks, neg-2)
	case "do", "does", "did", "has", "have":
		return !userSubject(toks, neg-2)
	}
	return false
}

// userSubject reports whether toks[i] is a pronoun for the user or the
// agent, the subject of things said about people rather than the fix.
func userSubject(toks []token, i int) bool {
	if i < 0 {
		return false
	}
	switch toks[i].w {
	case "i", "we", "you", "they":
		return true
	}
	return false
}

// determiners before a word make it a noun: "a work laptop", "the help
// page" name things and report no result.
var determiners = map[string]bool{"a": true, "an": true, "the": true, "my": true,
	"your": true, "our": true, "their": true, "his": true, "her": true}

// nounUse reports whether the one-word success cue p at toks[i] is used as
// a noun or modifier, after a determiner.
func nounUse(toks []token, i int, p *pattern) bool {
	return i > 0 && p.class == Success && len(p.elems) == 1 && determiners[toks[i-1].w]
}

// stopped reports whether a clause's rest says "no longer": "anymore",
// "any more", "longer".
func stopped(toks []token) bool {
	for i, t := range toks {
		if t.w == "anymore" || t.w == "longer" || (t.w == "more" && i > 0 && toks[i-1].w == "any") {
			return true
		}
	}
	return false
}

// inProgress reports whether toks[i] is a verb in -ing that the user says
// they are doing now: first in its clause or after "I'm", with "now"
// within two tokens.
func inProgress(toks []token, i int) bool {
	w := toks[i].w
	if len(w) < 6 || !strings.HasSuffix(w, "ing") {
		return false
	}
	if i > 0 && toks[i-1].w != "i'm" && toks[i-1].w != "am" && toks[i-1].w != "im" {
		return false
	}
	if len(toks) == i+1 {
		return true // the whole clause: "brb, rebooting"
	}
	for k := i + 1; k <= i+2 && k < len(toks); k++ {
		if toks[k].w == "now" {
			return true
		}
	}
	return false
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
