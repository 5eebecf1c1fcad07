package summary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// Spoken disfluencies are removed from every displayed sentence with
// closed-class rules only: filler sounds, parenthetical "you know" and
// "I mean", words and phrases said twice ("do not do not"), words
// abandoned half-spoken ("the ch the cheaper") and restarts on a
// contraction ("I I've").

// fillers are sounds and hesitations removed from displayed text.
var fillers = map[string]bool{
	"um": true, "umm": true, "uh": true, "uhm": true, "er": true, "erm": true, "hmm": true, "hm": true,
	"mm": true, "mmm": true, "mm-hmm": true, "uh-huh": true, "mhm": true, "ah": true, "eh": true,
}

// openers are discourse markers dropped from the start of a sentence.
var openers = map[string]bool{
	"so": true, "okay": true, "ok": true, "and": true, "but": true, "yeah": true, "yes": true,
	"well": true, "right": true, "alright": true, "oh": true, "now": true, "anyway": true, "like": true,
}

// parentheticals are two-word fillers, removed when they stand apart from
// the clause: at its start, or set off by a comma ("it's, you know, cheap").
var parentheticals = [][2]string{{"you", "know"}, {"i", "mean"}}

// maxRepeat is the longest phrase whose immediate repetition is collapsed.
const maxRepeat = 6

// determiners are the words a speaker restarts a phrase after ("from our
// from other").
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"my": true, "our": true, "your": true, "their": true, "his": true, "her": true, "its": true,
}

// tidy cleans a sentence for display: disfluencies and opening discourse
// markers go, the first letter is capitalised and the sentence closed. It
// returns "" when nothing with a letter is left.
func tidy(s string) string {
	out := strings.Fields(s)
	if len(out) == 1 && (fillers[bare(out[0])] || openers[bare(out[0])]) {
		return "" // most utterances of a meeting are one "yeah" or "um"
	}
	for range 4 { // a removal can expose another ("the ch the cheaper" → "the the cheaper")
		n := len(out)
		out = dropSounds(out)
		out = dropParentheticals(out)
		out = dropRepeats(out)
		if len(out) == n {
			break
		}
	}
	for len(out) > 0 && (openers[bare(out[0])] || strings.Trim(out[0], ",.;:-") == "") {
		out = out[1:]
	}
	if len(out) == 0 {
		return ""
	}
	text := strings.TrimLeft(strings.Join(out, " "), ",;: ")
	if !strings.ContainsFunc(text, unicode.IsLetter) {
		return ""
	}
	r, n := utf8.DecodeRuneInString(text)
	text = string(unicode.ToUpper(r)) + text[n:]
	text = strings.TrimRight(text, ",;: -")
	if !strings.HasSuffix(text, ".") && !strings.HasSuffix(text, "?") && !strings.HasSuffix(text, "!") {
		text += "."
	}
	return text
}

// dropWord is what remains of out when the word f after it is removed: a
// closing mark f carried moves to the word before it ("we start um."), and
// a comma pair around it closes up ("we, uh, ship" → "we ship") unless a
// function word follows, which may start a new clause ("packs, uh, the
// connector").
func dropWord(out []string, f string, rest []string) []string {
	n := len(out)
	if n == 0 {
		return out
	}
	switch end := f[len(f)-1:]; {
	case strings.ContainsAny(end, ".?!"):
		out[n-1] = strings.TrimRight(out[n-1], ",") + end
	case end == "," && (len(rest) == 0 || !textproc.IsStopword(bare(rest[0]))):
		out[n-1] = strings.TrimSuffix(out[n-1], ",")
	}
	return out
}

// dropSounds removes filler sounds, half-spoken words and a pronoun said
// again as a contraction.
func dropSounds(fields []string) []string {
	out := make([]string, 0, len(fields))
	for k, f := range fields {
		b := bare(f)
		if fillers[b] || cutOff(b, fields[k+1:]) || restarts(b, fields[k+1:]) {
			out = dropWord(out, f, fields[k+1:])
			continue
		}
		out = append(out, f)
	}
	return out
}

// dropParentheticals removes "you know" and "I mean" where they stand
// apart: first in the sentence, or with a comma before or after them.
func dropParentheticals(fields []string) []string {
	out := make([]string, 0, len(fields))
	for k := 0; k < len(fields); k++ {
		if k+1 < len(fields) {
			pair := [2]string{bare(fields[k]), bare(fields[k+1])}
			apart := k == 0 || strings.HasSuffix(fields[k-1], ",") || strings.ContainsAny(fields[k+1][len(fields[k+1])-1:], ",.?!")
			for _, p := range parentheticals {
				if pair == p && apart {
					out = dropWord(out, fields[k+1], fields[k+2:])
					k++
					goto next
				}
			}
		}
		out = append(out, fields[k])
	next:
	}
	return out
}

// dropRepeats collapses a word or phrase said twice in a row ("the the",
// "do not do not"), keeping the second saying, and a word said again after
// a determiner it abandoned ("from our from other").
func dropRepeats(fields []string) []string {
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		if n := len(out); n >= 2 && sameWord(out[n-2], f) && !strings.ContainsAny(out[n-2], ",.?!;:") && !strings.ContainsAny(out[n-1], ",.?!;:") {
			if determiners[bare(out[n-1])] && textproc.IsStopword(bare(f)) {
				out = out[:n-2]
			}
		}
		out = append(out, f)
		for n := 1; n <= maxRepeat && 2*n <= len(out); n++ {
			a, b := out[len(out)-2*n:len(out)-n], out[len(out)-n:]
			same := true
			for i := range a {
				if !sameWord(a[i], b[i]) {
					same = false
					break
				}
			}
			if same {
				out = append(out[:len(out)-2*n], b...)
				break
			}
		}
	}
	return out
}

// sameWord is bare(a) == bare(b) without allocating: dropRepeats compares
// every word with up to maxRepeat others.
func sameWord(a, b string) bool {
	const marks = ",.?!;:\"()"
	return strings.EqualFold(strings.Trim(a, marks), strings.Trim(b, marks))
}

// cutOff reports whether a word was abandoned half-spoken: a lone letter
// other than "a" and "I", or, when it is no function word, the start of
// one of the next two words said in full ("ch chucking", "the ch the
// cheaper", but not "to tomorrow").
func cutOff(w string, rest []string) bool {
	if len(w) == 1 && w != "a" && w != "i" && unicode.IsLetter(rune(w[0])) {
		return true
	}
	if textproc.IsStopword(w) {
		return false
	}
	for _, next := range rest[:min(len(rest), 2)] {
		if len(w) < len(next) && strings.HasPrefix(strings.ToLower(next), w) {
			return true
		}
	}
	return false
}

// restarts reports whether a pronoun is said again at once as a
// contraction ("I I've", "we we're").
func restarts(w string, rest []string) bool {
	return len(rest) > 0 && strings.HasPrefix(strings.ToLower(rest[0]), w+"'")
}
