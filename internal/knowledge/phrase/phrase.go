// Package phrase pulls short readable phrases out of support text: the
// symptoms users describe ("card declined", "payment failed") and the causes
// that resolutions and diagnoses name ("expired card", "insufficient
// funds"). It works on words alone, with no model, and only reads text.
package phrase

import (
	"slices"
	"strings"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// filler words carry no symptom even though they are not stopwords.
var filler = map[string]bool{
	"please": true, "help": true, "hi": true, "hello": true, "thanks": true, "thank": true, "can": true,
	"could": true, "would": true, "need": true, "want": true, "know": true, "get": true, "got": true,
	"like": true, "just": true, "still": true, "also": true, "really": true, "yes": true, "ok": true,
	"okay": true, "today": true, "now": true, "tell": true, "let": true, "us": true, "one": true, "way": true,
	"customer": true, "issue": true, "problem": true, "resolved": true, "since": true, "twice": true,
	"again": true, "keeps": true, "keep": true, "tried": true, "try": true,
}

// auxiliaries join the words around them instead of ending a phrase, so
// "card payment was declined" gives "card payment declined".
var auxiliaries = map[string]bool{"was": true, "is": true, "are": true, "were": true, "been": true, "being": true,
	"be": true, "has": true, "have": true, "had": true, "getting": true}

// runs splits text into maximal runs of content words (not stopwords, not
// filler, not numbers), breaking at sentence punctuation.
func runs(text string) [][]string {
	var out [][]string
	for _, sentence := range splitSentences(text) {
		var run []string
		for _, w := range textproc.Words(sentence) {
			if auxiliaries[w] {
				continue
			}
			if textproc.IsStopword(w) || filler[w] || isNumber(w) || len(w) < 3 && w != "no" {
				if len(run) > 0 {
					out = append(out, run)
				}
				run = nil
				continue
			}
			run = append(run, w)
		}
		if len(run) > 0 {
			out = append(out, run)
		}
	}
	return out
}

func splitSentences(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return r == '.' || r == '!' || r == '?' || r == ';' || r == '\n' || r == ','
	})
}

func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// Symptoms returns up to max phrases of two or three content words from
// what users said, in order of appearance.
func Symptoms(userTexts []string, max int) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range userTexts {
		for _, run := range runs(t) {
			for _, p := range windows(run) {
				if !seen[p] {
					seen[p] = true
					out = append(out, p)
					if len(out) == max {
						return out
					}
				}
			}
		}
	}
	return out
}

// windows cuts a run into phrases of at most three words; a run of one word
// is no phrase.
func windows(run []string) []string {
	switch {
	case len(run) < 2:
		return nil
	case len(run) <= 3:
		return []string{strings.Join(run, " ")}
	}
	var out []string
	for i := 0; i+2 <= len(run); i += 2 {
		out = append(out, strings.Join(run[i:min(i+2, len(run))], " "))
	}
	return out
}

// causeCues introduce a cause: the words after them name it.
var causeCues = []string{"because of", "because", "due to", "caused by", "result of", "since", "as the", "reason was", "reason is", "the cause was"}

// stateWords describe a faulty state; "card was expired" names the cause
// "expired card".
var stateWords = map[string]bool{
	"expired": true, "blocked": true, "locked": true, "frozen": true, "suspended": true, "invalid": true,
	"incorrect": true, "wrong": true, "outdated": true, "missing": true, "insufficient": true, "disabled": true,
	"cancelled": true, "canceled": true, "declined": true, "flagged": true, "restricted": true, "full": true,
	"corrupted": true, "stale": true, "mistyped": true, "unverified": true, "closed": true, "duplicated": true,
}

// Causes returns up to max cause phrases found in resolution notes and
// assistant diagnoses: the words after a cue ("due to insufficient funds")
// and a thing in a faulty state ("the card was expired" → "expired card").
func Causes(texts []string, max int) []string {
	var out []string
	add := func(p string) bool {
		if p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
		return len(out) >= max
	}
	for _, t := range texts {
		for _, sentence := range splitSentences(strings.ToLower(t)) {
			for _, cue := range causeCues {
				if i := strings.Index(sentence, cue+" "); i >= 0 {
					if rs := runs(sentence[i+len(cue):]); len(rs) > 0 {
						if add(strings.Join(rs[0][:min(3, len(rs[0]))], " ")) {
							return out
						}
					}
				}
			}
			if add(stateCause(sentence)) {
				return out
			}
		}
	}
	return out
}

// stateCause finds "<thing> was|is|had been <state>" or "<state> <thing>".
func stateCause(sentence string) string {
	words := textproc.Words(sentence)
	for i, w := range words {
		if !stateWords[w] {
			continue
		}
		if i+1 < len(words) && !textproc.IsStopword(words[i+1]) && !stateWords[words[i+1]] {
			return w + " " + words[i+1] // "expired card", "insufficient funds"
		}
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			if !textproc.IsStopword(words[j]) && !filler[words[j]] {
				return w + " " + words[j] // "card was expired" -> "expired card"
			}
		}
	}
	return ""
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
