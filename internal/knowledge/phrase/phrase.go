// Package phrase pulls short readable phrases out of support text: the
// symptoms users state ("payment declined", "card not received") and the
// causes that explanations name ("card expired", "insufficient funds"). It
// works on words alone, with closed-class English only (see words.go), no
// model and no vocabulary of any domain, and only reads text.
//
// A phrase is a run of content words, read across the auxiliaries,
// determiners and negations between them, that neither starts nor ends in a
// function word: "my card payment was declined" gives "card payment
// declined", never "declined at" or "blocked may".
package phrase

import (
	"slices"
	"strings"
)

// Symptoms returns up to max phrases of at least two words from
// statements of a problem: stated states first ("card not arrived", "payment
// was declined"), then the others, each in order of appearance. The caller
// chooses the statements (the user's opening turns, not their reactions); a
// sentence with no such phrase ("doesn't work", "no luck", "thanks") gives
// nothing.
func Symptoms(statements []string, max int) []string {
	var states, others []string
	for _, t := range statements {
		var antecedent string
		for _, s := range sentences(strings.ToLower(t)) {
			for _, r := range runs(tokens(s), &antecedent) {
				if p := r.String(); r.contentWords() >= 2 && !slices.Contains(states, p) && !slices.Contains(others, p) {
					if r.stated {
						states = append(states, p)
					} else {
						others = append(others, p)
					}
				}
			}
		}
	}
	out := append(states, others...)
	return out[:min(max, len(out))]
}

// Top returns the max most frequent phrases of counts, ties by phrase.
func Top(counts map[string]int, max int) []string {
	out := make([]string, 0, len(counts))
	for p := range counts {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	return out[:min(max, len(out))]
}

// IsContent reports whether a lower-cased word can carry meaning in a
// phrase: not a function word, a reporting or light verb, a discourse
// marker or a number.
func IsContent(word string) bool { return classify(word).cls == content }
