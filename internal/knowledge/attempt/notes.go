package attempt

import (
	"slices"
	"strings"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// unfixedPhrases in resolution notes mean the conversation was closed
// without the attempts fixing it. Matched on words, so "couldn't" and
// "could not" are listed both ways.
var unfixedPhrases = [][]string{
	{"could", "not"}, {"couldn't"}, {"unable", "to"}, {"not", "resolved"}, {"unresolved"},
	{"no", "fix"}, {"didn't", "work"}, {"did", "not", "work"}, {"not", "fixed"},
	{"no", "solution"}, {"escalated"}, {"escalate"}, {"escalating"}, {"transferred"},
	{"handed", "over"}, {"tier", "2"}, {"second", "line"}, {"engineering"},
}

// notesSayUnfixed reports whether notes say the problem was not fixed by
// the conversation's attempts ("escalated to tier 2", "could not fix").
func notesSayUnfixed(notes string) bool {
	ws := textproc.Words(notes)
	for i := range ws {
		for _, p := range unfixedPhrases {
			if i+len(p) <= len(ws) && slices.Equal(ws[i:i+len(p)], p) {
				return true
			}
		}
	}
	return false
}

// notesCredit returns the attempt the notes describe best, or -1: the one
// with most of its terms in the notes, at least two and at least half, the
// later one on ties (the fix is usually the last thing tried).
func notesCredit(out []Attempt, notes string) int {
	if strings.TrimSpace(notes) == "" {
		return -1
	}
	nt := analyseNotes(notes)
	best, bestScore := -1, 0.0
	for i, a := range out {
		shared := 0
		for _, t := range a.Terms {
			if slices.Contains(nt, t) {
				shared++
			}
		}
		if shared < 2 || 2*shared < len(a.Terms) {
			continue
		}
		if s := float64(shared) / float64(len(a.Terms)); s >= bestScore {
			best, bestScore = i, s
		}
	}
	return best
}

// analyseNotes returns the sorted stems of the notes.
func analyseNotes(notes string) []string {
	return slices.Compact(slices.Sorted(slices.Values(textproc.Terms(notes))))
}
