package attempt

import (
	"slices"
	"strings"
	"unicode"
)

// frame is a compiled frame: its words and kind.
type frame struct {
	words []string
	kind  frameKind
}

// frames are the request and performed frames, longest first so "could
// you please" wins over "could you".
var frames = func() []frame {
	var out []frame
	for _, f := range requestFrames {
		out = append(out, frame{strings.Fields(f), request})
	}
	for _, f := range performedFrames {
		out = append(out, frame{strings.Fields(f), performed})
	}
	slices.SortStableFunc(out, func(a, b frame) int { return len(b.words) - len(a.words) })
	return out
}()

// clause is a clause of a turn as written, and whether it ends in '?'.
type clause struct {
	text     string
	question bool
}

// clauses cuts a turn into clauses at sentence ends, commas, colons and
// "then", keeping the original text.
func clauses(text string) []clause {
	var out []clause
	start := 0
	emit := func(end int) {
		if c := strings.TrimSpace(text[start:end]); c != "" {
			out = append(out, clause{c, end < len(text) && text[end] == '?'})
		}
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '!', '?', ';', ',', '\n':
			emit(i)
			start = i + 1
		case '.', ':':
			// Only before a space or the end: "3.14", "example.com" and
			// "10:30" stay whole.
			if i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n' {
				emit(i)
				start = i + 1
			}
		case ' ':
			rest := strings.ToLower(text[i:min(len(text), i+6)])
			if rest == " then " {
				emit(i)
				start = i + 1
			}
		}
	}
	emit(len(text))
	return out
}

// field is a whitespace-separated word of a clause: raw as written, norm
// lower-cased without surrounding punctuation, with ASCII apostrophes, and
// a closed-class word typed loosely restored ("ive" → "i've", see respell).
type field struct{ raw, norm string }

func fields(clause string) []field {
	fs := strings.Fields(clause)
	out := make([]field, 0, len(fs))
	for _, f := range fs {
		n := strings.ToLower(strings.ReplaceAll(f, "’", "'"))
		n = strings.TrimFunc(n, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
		out = append(out, field{f, respell(n)})
	}
	return out
}

// stripFrame removes leading fillers and frames and reports the strongest
// frame seen (a request or agent action), or noFrame.
func stripFrame(fs []field) ([]field, frameKind) {
	kind := noFrame
	for {
		if len(fs) > 0 && (fillers[fs[0].norm] || fs[0].norm == "") {
			fs = fs[1:]
			continue
		}
		matched := false
		for _, f := range frames {
			if startsWith(fs, f.words) {
				fs, matched = fs[len(f.words):], true
				if kind == noFrame || f.kind == request {
					kind = f.kind
				}
				break
			}
		}
		if !matched && progressive(fs) {
			// "I'm escalating this", "we're sending a new card": the
			// agent's act in progress.
			fs, matched = fs[1:], true
			if kind == noFrame {
				kind = performed
			}
		}
		if !matched {
			return fs, kind
		}
	}
}

// startsWith reports whether the first fields of fs read words.
func startsWith(fs []field, words []string) bool {
	if len(words) > len(fs) {
		return false
	}
	for k, w := range words {
		if fs[k].norm != w {
			return false
		}
	}
	return true
}

func joinRaw(fs []field) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.raw
	}
	return strings.TrimRight(strings.Join(parts, " "), ".!?,;: ")
}

// progressive reports whether fs opens with the agent as subject of a
// verb in -ing: "I'm escalating", "we're sending".
func progressive(fs []field) bool {
	if len(fs) < 2 || !(fs[0].norm == "i'm" || fs[0].norm == "im" || fs[0].norm == "we're") {
		return false
	}
	w := fs[1].norm
	return len(w) > 5 && strings.HasSuffix(w, "ing") && !auxiliaries[w] && w != "going"
}
