package attempt

import (
	"strings"
	"unicode"
)

// frameKind says how a clause puts its action.
type frameKind int

const (
	noFrame   frameKind = iota
	request             // the user is asked to act: "can you", "please", "have you tried"
	performed           // the agent acts or did: "I've", "let me", "I'll"
)

// frames open a clause; they are stripped from the action as said. Longer
// frames come first so "could you please" wins over "could you".
var frames = func() []struct {
	words []string
	kind  frameKind
} {
	var out []struct {
		words []string
		kind  frameKind
	}
	add := func(k frameKind, fs ...string) {
		for _, f := range fs {
			out = append(out, struct {
				words []string
				kind  frameKind
			}{strings.Fields(f), k})
		}
	}
	add(request, "can you please", "could you please", "would you please", "would you mind",
		"can you", "could you", "would you", "will you", "please", "kindly",
		"i'd suggest", "i would suggest", "i suggest", "i'd recommend", "i would recommend",
		"i recommend", "we recommend", "you may want to", "you might want to",
		"you'll want to", "you will want to", "you should", "you need to", "you'll need to",
		"you will need to", "you can", "you could", "let's", "lets", "let us", "go ahead and",
		"make sure to", "be sure to", "how about", "what about", "why don't you", "maybe",
		"perhaps", "it might help to", "it may help to", "the next step is to",
		"i'd like you to", "i need you to", "have you tried", "did you try", "have you",
		"did you", "try to")
	add(performed, "i've gone ahead and", "i have gone ahead and", "i went ahead and",
		"i've just", "i have just", "i just", "i've also", "i've now", "i've", "i have",
		"we've", "we have", "i'll", "i will", "we'll", "we will", "let me", "i'm going to",
		"i am going to", "i can", "i", "we")
	for i := 1; i < len(out); i++ { // longest first, stable
		for j := i; j > 0 && len(out[j].words) > len(out[j-1].words); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}()

// fillers are discourse words before a frame or verb: "OK, so first, ...".
var fillers = map[string]bool{"ok": true, "okay": true, "alright": true, "so": true,
	"also": true, "and": true, "then": true, "now": true, "next": true, "first": true,
	"firstly": true, "secondly": true, "finally": true, "lastly": true, "great": true,
	"sure": true, "meanwhile": true, "otherwise": true, "alternatively": true, "or": true,
	"just": true, "additionally": true, "again": true}

// clauses cuts a turn into clauses at sentence ends, commas, colons and
// "then", keeping the original text.
func clauses(text string) []string {
	var out []string
	start := 0
	emit := func(end int) {
		if c := strings.TrimSpace(text[start:end]); c != "" {
			out = append(out, c)
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
// lower-cased without surrounding punctuation and with ASCII apostrophes.
type field struct{ raw, norm string }

func fields(clause string) []field {
	fs := strings.Fields(clause)
	out := make([]field, 0, len(fs))
	for _, f := range fs {
		n := strings.ToLower(strings.ReplaceAll(f, "’", "'"))
		n = strings.TrimFunc(n, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
		out = append(out, field{f, n})
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
			if len(f.words) > len(fs) {
				continue
			}
			ok := true
			for k, w := range f.words {
				if fs[k].norm != w {
					ok = false
					break
				}
			}
			if ok {
				fs, matched = fs[len(f.words):], true
				if kind == noFrame || f.kind == request {
					kind = f.kind
				}
				break
			}
		}
		if !matched {
			return fs, kind
		}
	}
}

func joinRaw(fs []field) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.raw
	}
	return strings.TrimRight(strings.Join(parts, " "), ".!?,;: ")
}
