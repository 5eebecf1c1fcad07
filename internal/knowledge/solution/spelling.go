package solution

import (
	"strings"

	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
)

// Agents type fast: "forzen the cadr" is "frozen the card". No word list
// says which words are real; the tenant's own proposals do. A word of four
// letters or more that the tenant has rarely written, one swap of
// neighbouring letters away from a word it writes often, is read as that
// word before the proposal is grouped, so a typo neither starts a solution
// of its own nor thins an object's features. Verbs are compared by the
// proposals under their stem, object words by their written forms.

// Bounds of a respelling: the word written often must have been seen at
// least typoMinSeen times, and typoRatio times as often as the one typed.
const (
	typoMinLen  = 4
	typoMinSeen = 5
	typoRatio   = 10
)

// respell returns p with its rare words replaced by the frequent words
// they are typos of.
func (m *Model) respell(p attempt.Phrase) attempt.Phrase {
	if vs := strings.Fields(p.Verb); len(vs) > 0 {
		rest := strings.Join(vs[1:], " ")
		seen := func(w string) int { return m.verbSeen(strings.TrimSpace(w + " " + rest)) }
		if w := m.likelier(strings.ToLower(vs[0]), seen); w != "" {
			vs[0] = w
			p.Verb = strings.Join(vs, " ")
		}
	}
	var obj []string
	for i, w := range p.Object {
		if t := m.likelier(strings.ToLower(w), m.formSeen); t != "" {
			if obj == nil {
				obj = append([]string(nil), p.Object...)
			}
			obj[i] = t
		}
	}
	if obj != nil {
		p.Object = obj
	}
	return p
}

// likelier returns the swap of two neighbouring letters of w that seen
// counts far more often than w itself, or "".
func (m *Model) likelier(w string, seen func(string) int) string {
	if len(w) < typoMinLen || strings.ContainsFunc(w, func(r rune) bool { return r > 127 }) {
		return ""
	}
	own := seen(w)
	best, bestN := "", max(typoMinSeen-1, typoRatio*(own+1)-1)
	b := []byte(w)
	for i := 0; i+1 < len(b); i++ {
		if b[i] == b[i+1] {
			continue
		}
		b[i], b[i+1] = b[i+1], b[i]
		if n := seen(string(b)); n > bestN {
			best, bestN = string(b), n
		}
		b[i], b[i+1] = b[i+1], b[i]
	}
	return best
}

// verbSeen is how many proposals the solutions under a verb's stem hold
// (the verb with its particle, "turn off").
func (m *Model) verbSeen(verb string) int {
	n := 0
	for _, key := range m.byVerb[verbStem(attempt.Phrase{Verb: verb})] {
		if c := m.clusters[key]; c != nil {
			n += c.Size
		}
	}
	return n
}

// formSeen is how often w was written in an object.
func (m *Model) formSeen(w string) int {
	return m.forms[attempt.Stem(w)][w]
}
