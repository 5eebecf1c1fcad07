package phrase

import (
	"slices"
	"strings"
)

// cueWords introduce a cause. Those taking a noun phrase ("due to
// maintenance") may name it in one word; those taking a clause ("because
// the card expired") need two, so "since monday" names nothing.
var cueWords = []struct {
	words  []string
	clause bool
}{
	{[]string{"because", "of"}, false},
	{[]string{"due", "to"}, false},
	{[]string{"caused", "by"}, false},
	{[]string{"result", "of"}, false},
	{[]string{"owing", "to"}, false},
	{[]string{"thanks", "to"}, false},
	{[]string{"because"}, true},
	{[]string{"since"}, true},
	{[]string{"as"}, true},
}

// evidentials mark a sentence of the assistant as a diagnosis rather than
// a report of what it did: "it looks like your card expired", "I can see
// the account was locked". Past perfect ("had expired") marks one too.
var evidentials = set("looks seems seem appears appear apparently turns turned found noticed see shows showing")

// Causes returns up to max causes named in explanations: in human
// resolution notes, and in assistant turns (diagnoses). A cause is the
// phrase after a cue ("due to insufficient funds", "because the card had
// expired") or a stated state, a subject with an auxiliary and its
// predicate ("the account was locked" → "account locked"): anywhere in
// notes, and in assistant turns only in sentences that diagnose (see
// evidentials) — "your transfer was sent" reports an action, no cause.
func Causes(notes, diagnoses []string, max int) []string {
	var out []string
	add := func(p string) bool {
		if p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
		return len(out) >= max
	}
	for i, texts := range [][]string{notes, diagnoses} {
		for _, t := range texts {
			for _, s := range sentences(strings.ToLower(t)) {
				for _, p := range sentenceCauses(s, i == 0) {
					if add(p) {
						return out
					}
				}
			}
		}
	}
	return out
}

// sentenceCauses returns the causes of one sentence; states counts stated
// states without a diagnosis marker.
func sentenceCauses(s string, states bool) []string {
	toks := tokens(s)
	var out []string
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.norm
		if evidentials[t.norm] {
			toks[i].cls = breaker // "I can see the card …" is about the card
		}
	}
	for i := range words {
		for _, cue := range cueWords {
			if i+len(cue.words) > len(words) || !slices.Equal(words[i:i+len(cue.words)], cue.words) {
				continue
			}
			if rs := runs(toks[i+len(cue.words):], nil); len(rs) > 0 && (rs[0].contentWords() >= 2 || !cue.clause && rs[0].contentWords() == 1 && rs[0].words[0].cls == content) {
				out = append(out, rs[0].String())
			}
			break
		}
	}
	if !states {
		for i, w := range words {
			if evidentials[w] || w == "had" && i+1 < len(toks) && toks[i+1].cls != det {
				states = true
				break
			}
		}
	}
	if states {
		for _, r := range runs(toks, nil) {
			if r.stated && r.contentWords() >= 2 {
				out = append(out, r.String())
			}
		}
	}
	return out
}
