package attempt

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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

// clause is a clause of a turn as written, whether it ends in '?', and
// the numbered list's item it is in (0 outside a list).
type clause struct {
	text     string
	question bool
	item     int
}

// clauses cuts a turn into clauses at sentence ends, commas, colons,
// "then" and the items of a numbered list, keeping the original text (a
// list's numbers left out).
func clauses(text string) []clause {
	var out []clause
	start := 0
	unpunctuated := unpunctuatedTurn(text)
	items := listItems(text)
	item := 0
	emit := func(end int) {
		if c := strings.TrimSpace(text[start:end]); c != "" {
			out = append(out, clause{c, end < len(text) && text[end] == '?', item})
		}
	}
	for i := 0; i < len(text); i++ {
		if len(items) > 0 && i == items[0][0] {
			// An item's number ends the clause before it and is left out.
			emit(i)
			start, i, items, item = items[0][1], items[0][1]-1, items[1:], item+1
			continue
		}
		switch c := text[i]; c {
		case '!', '?', ';', ',', '\n':
			emit(i)
			start = i + 1
		case '.', ':':
			// Only before a space or the end: "3.14", "example.com" and
			// "10:30" stay whole.
			if (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n') && !(c == '.' && numberAbbreviation(text, i)) {
				emit(i)
				start = i + 1
			}
		case ' ':
			if n := spacedDash(text[i:]); n > 0 {
				// "we need to confirm it's you - please snap your ID":
				// a dash between spaces ends a clause as a comma does.
				emit(i)
				start, i = i+n, i+n-1
				continue
			}
			rest := strings.ToLower(text[i:min(len(text), i+6)])
			if rest == " then " || unpunctuated && opensClause(text[i+1:]) {
				emit(i)
				start = i + 1
			}
		default:
			// An emoji ends what was said before it as a full stop would:
			// "done ✅ it's locked". Other symbols and accents do not.
			if c >= utf8.RuneSelf {
				n := pictograph(text[i:])
				if n > 0 {
					emit(i)
					start = i + n
				} else {
					_, n = utf8.DecodeRuneInString(text[i:])
				}
				i += n - 1
			}
		}
	}
	emit(len(text))
	return out
}

// spacedDash returns the length of a dash written between spaces at the
// start of s (" - ", " – ", " — "), or 0.
func spacedDash(s string) int {
	for _, d := range []string{" - ", " – ", " — "} {
		if strings.HasPrefix(s, d) {
			return len(d)
		}
	}
	return 0
}

// numberAbbreviation reports a full stop at text[i] that ends "no" written
// for "number" after a noun ("mobile no. changed on acct", "card no. is
// wrong"): the word before "no" is a content word, and what follows is a
// lower-case word or a digit that opens no sentence (no subject pronoun,
// interjection or frame word). The negation "no" ends a sentence after a
// verb or alone ("I said no."), never after a noun.
func numberAbbreviation(text string, i int) bool {
	if i < 3 || !strings.EqualFold(text[i-2:i], "no") || text[i-3] != ' ' || i+2 >= len(text) {
		return false
	}
	if r := rune(text[i+2]); !(unicode.IsLower(r) || unicode.IsDigit(r)) {
		return false
	}
	next, _, _ := strings.Cut(text[i+2:], " ")
	if after := fields(next); len(after) > 0 && (subjects[after[0].norm] || interjections[after[0].norm] || frameWords[after[0].norm]) {
		return false // "I said no. please reset it": a sentence after
	}
	before := fields(text[strings.LastIndexAny(text[:i-3], " \n")+1 : i-3])
	if len(before) != 1 || !nounWord(before[0].norm) || participle(before[0].norm) {
		return false
	}
	_, verb := irregular[before[0].norm] // "said no."
	return !verb
}

// listItems finds the numbers of a numbered list in text ("1. open the
// app 2. tap Cards", "1) tap your card, 2) choose PIN"): each a number
// after the start or a space, then "." or ")" and a space, in order from
// 1. It returns where each number begins and where its item's text does;
// nothing unless a 1 and a 2 are found, so that "set it to 50. Then" or
// "option 2) instead" is no list.
func listItems(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); i++ {
		if i > 0 && text[i-1] != ' ' && text[i-1] != '\n' {
			continue
		}
		j, n := i, 0
		for j < len(text) && j-i < 2 && text[j] >= '0' && text[j] <= '9' {
			n = n*10 + int(text[j]-'0')
			j++
		}
		if j == i || n != len(out)+1 || j+1 >= len(text) || text[j] != '.' && text[j] != ')' || text[j+1] != ' ' {
			continue
		}
		out = append(out, [2]int{i, j + 2})
		i = j + 1
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// unpunctuatedTurn reports whether text, a turn of several words, has no
// mark that ends or divides a sentence: speech transcribed as it was said.
func unpunctuatedTurn(text string) bool {
	return !strings.ContainsAny(text, ".,;:!?\n") && len(strings.Fields(text)) >= 8
}

// clauseOpeners are the conjunctions that begin a new clause in speech
// written without punctuation ("it's locked so you can pay again").
var clauseOpeners = set("so", "but", "because", "cause", "cos", "if")

// opensClause reports whether rest begins with a clause opener.
func opensClause(rest string) bool {
	w, _, _ := strings.Cut(rest, " ")
	return clauseOpeners[strings.ToLower(w)]
}

// field is a whitespace-separated word of a clause: raw as written, norm
// lower-cased without surrounding punctuation, with ASCII apostrophes, and
// a closed-class word typed loosely restored ("ive" → "i've", see respell).
type field struct{ raw, norm string }

func fields(clause string) []field {
	fs := strings.Fields(clause)
	out := make([]field, 0, len(fs))
	for i, f := range fs {
		n := strings.ToLower(strings.ReplaceAll(f, "’", "'"))
		if n == "no." && i+1 < len(fs) {
			// "no." inside a clause is "number" (see numberAbbreviation):
			// its full stop keeps it apart from the negation.
			out = append(out, field{f, n})
			continue
		}
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
				n := len(f.words)
				if f.words[n-1] == "try" && n < len(fs) && determiners[fs[n].norm] && fs[n].norm != "that" && !retry(fs[n:]) {
					// "try a private window": the verb itself
					if n--; n == 0 {
						continue
					}
				}
				fs, matched = fs[n:], true
				if kind == noFrame || f.kind == request {
					kind = f.kind
				}
				// "please kindly to freeze it", "can you please to
				// delete the cookies": a "to" a learner of English puts
				// after the frame.
				if len(fs) > 1 && fs[0].norm == "to" && f.words[len(f.words)-1] != "to" {
					fs = fs[1:]
				}
				// "I suggest (that) you call your bank": the request's
				// subject said after it.
				if f.kind == request {
					fs = addressee(fs)
				}
				break
			}
		}
		if !matched {
			if rest, ok := objectControl(fs); ok {
				fs, matched, kind = rest, true, request
			}
		}
		if !matched {
			if rest, k, ok := pseudoCleft(fs); ok {
				fs, matched = rest, true
				if kind == noFrame || k == request {
					kind = k
				}
			}
		}
		if n := progressive(fs); !matched && n > 0 {
			// "I'm escalating this", "we're sending a new card": the
			// agent's act in progress.
			fs, matched = fs[n:], true
			if kind == noFrame {
				kind = performed
			}
		}
		if !matched {
			return fs, kind
		}
	}
}

// pseudoCleft reads a clause that names what is to be done before saying
// it: "what you want to do is tap forgot", "so what I'll do is I'll get a
// new one printed", "what we can do is cancel it". The words after "is"
// (and a "to") are the action; the subject says whose: the user's
// (a request) or the agent's (performed). Speech puts proposals this way
// more than writing does.
func pseudoCleft(fs []field) ([]field, frameKind, bool) {
	if len(fs) < 5 || fs[0].norm != "what" {
		return nil, noFrame, false
	}
	kind := performed
	switch fs[1].norm {
	case "you", "you'll", "you'd", "you've":
		kind = request
	case "i", "i'll", "i'm", "i'd", "i've", "we", "we'll", "we're", "we'd", "we've":
	default:
		return nil, noFrame, false
	}
	for i := 2; i+1 < len(fs) && i <= 6; i++ {
		if fs[i].norm == "do" && fs[i+1].norm == "is" {
			rest := fs[i+2:]
			if len(rest) > 1 && rest[0].norm == "to" {
				rest = rest[1:]
			}
			return rest, kind, len(rest) > 0
		}
		if !(auxiliaries[fs[i].norm] || fs[i].norm == "to" || fs[i].norm == "going" || fs[i].norm == "gonna" ||
			fs[i].norm == "want" || fs[i].norm == "need" || fs[i].norm == "just" || fs[i].norm == "now") {
			return nil, noFrame, false
		}
	}
	return nil, noFrame, false
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

// progressive returns how many words open fs with the agent as subject
// of a verb in -ing ("I'm escalating", "we're sending", "I am blocking"),
// or 0.
func progressive(fs []field) int {
	n := 1
	if len(fs) > 2 && (fs[0].norm == "i" && fs[1].norm == "am" || fs[0].norm == "we" && fs[1].norm == "are") {
		n = 2
	} else if len(fs) < 2 || !(fs[0].norm == "i'm" || fs[0].norm == "im" || fs[0].norm == "we're") {
		return 0
	}
	w := fs[n].norm
	if len(w) > 5 && strings.HasSuffix(w, "ing") && !auxiliaries[w] && w != "going" {
		return n
	}
	return 0
}

// addressee drops the user named as the subject of a request after its
// frame ("I'd suggest that you reset it", "I suggest you call them"),
// when a word that can head an action follows.
func addressee(fs []field) []field {
	i := 0
	if len(fs) > 0 && fs[0].norm == "that" {
		i++
	}
	if i+1 < len(fs) && fs[i].norm == "you" && !closedClass(fs[i+1].norm) {
		return fs[i+1:]
	}
	return fs
}

// objectControl reads a request put as what the agent asks of the user,
// the user named between the verb and the action: "we would kindly invite
// you to reactivate your card", "I'd advise you to wait", "we would
// respectfully recommend that you get in touch with them". The agent (I,
// we) opens it, modals and adverbs may stand before the verb, and "you to"
// or "that you" follow it.
func objectControl(fs []field) ([]field, bool) {
	if len(fs) < 5 {
		return nil, false
	}
	switch fs[0].norm {
	case "i", "we", "i'd", "we'd", "i'll", "we'll":
	default:
		return nil, false
	}
	i := 1
	for i < len(fs) && i <= 3 && (auxiliaries[fs[i].norm] || adverb(fs[i].norm)) {
		i++
	}
	if i+3 >= len(fs) || closedClass(fs[i].norm) || numeric(fs[i].norm) {
		return nil, false
	}
	switch {
	case fs[i+1].norm == "you" && fs[i+2].norm == "to":
		return fs[i+3:], true
	case fs[i+1].norm == "that" && fs[i+2].norm == "you" && !closedClass(fs[i+3].norm):
		return fs[i+3:], true
	}
	return nil, false
}

// retry reports a request to do again what was done ("try the payment
// again"): no new action.
func retry(fs []field) bool {
	for _, f := range fs {
		if f.norm == "again" {
			return true
		}
	}
	return false
}
