package summary

// The commitment clause wherever it stands in a sentence: a subject, a
// modal and a verb phrase, with what surrounds it — false starts, frames
// ("what I'll do is", "the plan is", "I'd say", "as I said to Raj"),
// trailing tags and vocatives — told apart by closed-class words and
// punctuation only.

import (
	"slices"
	"strings"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// interjections are the closed words of a self-correction: "Raj — sorry — Raj,".
var interjections = set("sorry pardon rather mean")

// dashes set a false start or an aside apart.
var dashes = set("- — – --")

// closedWord reports whether a lower-cased word is of a closed class:
// a function word, a discourse particle, a filler or an interjection.
func closedWord(w string) bool {
	return textproc.IsStopword(w) || openerMarkers[w] || openers[w] || fillers[w] || interjections[w]
}

// peelFalseStart removes an aside of closed words between dashes and the
// false start it corrects: "Raj — sorry — Raj, can you …" is "Raj, can
// you …", "so — um — I'll …" is "so I'll …".
func peelFalseStart(words []string) []string {
	for a := 0; a < len(words); a++ {
		if !dashes[words[a]] {
			continue
		}
		b := a + 1
		for b < len(words) && !dashes[words[b]] && closedWord(bare(words[b])) {
			b++
		}
		if b == a+1 || b >= len(words) || !dashes[words[b]] {
			// One dash: "I'll — I'll send …", "I — I'll send …": the
			// part since the last comma restarted with its first word.
			c := a - 1
			for c > 0 && !strings.HasSuffix(words[c-1], ",") {
				c--
			}
			if c >= 0 && a+1 < len(words) {
				first, again := bare(words[c]), bare(words[a+1])
				if first != "" && (first == again || strings.HasPrefix(again, first+"'")) {
					return peelFalseStart(append(append([]string(nil), words[:c]...), words[a+1:]...))
				}
			}
			continue
		}
		out := append([]string(nil), words[:a]...)
		// The broken part said again after the aside ("Raj — sorry —
		// Raj,", "can I ask — sorry — can you …"): from the last comma,
		// the part that opens with the same word is the false start.
		c := a - 1
		for c > 0 && !strings.HasSuffix(words[c-1], ",") {
			c--
		}
		if c >= 0 && b+1 < len(words) && bare(words[c]) == bare(words[b+1]) {
			out = out[:c]
		}
		return peelFalseStart(append(out, words[b+1:]...))
	}
	return words
}

// frameStart reports whether a commitment clause can start after the
// words before it with no comma: after a frame that ends in a copula ("the
// plan is", "what I'll do is") or in a first-person verb of saying or
// thinking ("I'd say", "we think that"), when the clause opens with a
// subject and a modal ("… is Nina will check …", "… is I'll send …").
func frameStart(before, rest []string, ppl *people) bool {
	n := len(before)
	if n < 2 {
		return false
	}
	last := before[n-1]
	if last == "that" && n > 2 {
		n, last = n-1, before[n-2]
	}
	if last != "is" && last != "was" && !mindHeads[last] || !subjectModal(rest, ppl) {
		return false
	}
	switch {
	case last == "is" || last == "was":
		// "if the plan is …" supposes; "the plan is …" states.
		for _, w := range before[:n-1] {
			if w == "if" || w == "unless" || w == "whether" || w == "not" {
				return false
			}
		}
		return true
	case mindHeads[last] && n >= 2:
		subj := before[n-2]
		if n >= 3 && modalWords[subj] {
			subj = before[n-3]
		}
		return subj == "i" || subj == "we" || subj == "i'd" || subj == "we'd"
	}
	return false
}

// modalWords are the modals and the auxiliaries of the future.
var modalWords = set("will would shall should must can could may might")

// subjectModal reports whether words open with a subject — I, we, you or
// a person of the meeting — and a modal of future, obligation or ability.
func subjectModal(lower []string, ppl *people) bool {
	if len(lower) == 0 {
		return false
	}
	switch w := lower[0]; {
	case w == "i'll" || w == "we'll" || w == "you'll" || w == "i'm" || w == "we're":
		return true
	case w == "i" || w == "we" || w == "you":
		return modalLen(lower[1:]) > 0
	}
	if _, n := ppl.match(lower); n > 0 {
		return modalLen(lower[n:]) > 0
	}
	return false
}

// modalLen is the length of the modal phrase words open with: "will",
// "should", "must", "is going to", "is gonna", "has to", "needs to",
// "ought to", "'ve got to", or 0.
func modalLen(lower []string) int {
	switch w := wordAt(lower, 0); {
	case modalWords[w] && w != "would" && w != "might" && w != "may":
		return 1
	case w == "gonna" || w == "gotta":
		return 1
	case (w == "is" || w == "are" || w == "am") && wordAt(lower, 1) == "going" && wordAt(lower, 2) == "to":
		return 3
	case (w == "is" || w == "are" || w == "am") && wordAt(lower, 1) == "gonna":
		return 2
	case (w == "has" || w == "have" || w == "need" || w == "needs" || w == "ought") && wordAt(lower, 1) == "to":
		return 2
	case (w == "has" || w == "have" || w == "'ve") && wordAt(lower, 1) == "got" && wordAt(lower, 2) == "to":
		return 3
	}
	return 0
}

// obligation is the length of the modal of obligation that puts a task on
// "you" at the start of words: "you must …", "you ought to …", "you've got
// to …", "you gotta …"; or 0.
func obligation(lower []string) int {
	switch w := wordAt(lower, 0); {
	case w == "must" || w == "gotta":
		return 1
	case w == "ought" && wordAt(lower, 1) == "to":
		return 2
	case w == "got" && wordAt(lower, 1) == "to":
		return 2
	}
	return 0
}

// commentClause reports whether a word of saying at i belongs to a
// comment clause, "as I said (to Raj)", that frames the sentence rather
// than reports it.
func commentClause(before []string, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if before[j] == "as" {
			return true
		}
		if !closedWord(before[j]) {
			return false
		}
	}
	return false
}

// possibleYou reads the non-native and the plain request of possibility
// at k: "is possible you send …", "is it possible you send …", "it's
// possible for you to send …": where the verb phrase starts, or 0.
func possibleYou(lower []string, k int) int {
	j := k
	if wordAt(lower, j) == "is" && wordAt(lower, j+1) == "it" || wordAt(lower, j) == "it" && wordAt(lower, j+1) == "is" {
		j += 2
	} else if wordAt(lower, j) == "is" || wordAt(lower, j) == "it's" {
		j++
	}
	if wordAt(lower, j) != "possible" {
		return 0
	}
	j++
	if wordAt(lower, j) == "that" {
		j++
	}
	switch {
	case wordAt(lower, j) == "for" && wordAt(lower, j+1) == "you" && wordAt(lower, j+2) == "to":
		return j + 3
	case wordAt(lower, j) == "you" && !notVerbs[wordAt(lower, j+1)] && modalLen(lower[j+1:]) == 0 && !strings.Contains(wordAt(lower, j+1), "'"):
		return j + 1
	}
	return 0
}

// suggestionWords may open a delegation put as a suggestion: "why don't
// we get Luis to …", "shall we have Dana …", "maybe we could ask Raj to …".
var suggestionWords = set("why don't do we us i i'll we'll let's let shall can could will should")

// suggestedDelegation reads a directive ("get/have/ask/remind/tell X to")
// after at most four words of a suggestion with a first-person subject:
// the person and where the verb phrase starts, or 0.
func suggestedDelegation(lower []string, k int, ppl *people) (person, int) {
	subject := false
	for j := k; j < len(lower) && j <= k+4; j++ {
		if subject && directives[lower[j]] {
			if who, at := directive(lower, j, ppl); at > 0 {
				return who, at
			}
		}
		w := lower[j]
		if !suggestionWords[w] {
			return person{}, 0
		}
		subject = subject || w == "we" || w == "i" || w == "us" || w == "let's" || w == "i'll" || w == "we'll"
	}
	return person{}, 0
}

// offerTail reports whether a sentence ends offering: "…, if nobody else
// wants it", "… if no one else is on it".
func offerTail(lower []string) bool {
	for i := 0; i+2 < len(lower); i++ {
		if lower[i] != "if" {
			continue
		}
		switch {
		case (lower[i+1] == "nobody" || lower[i+1] == "noone" || lower[i+1] == "none") && lower[i+2] == "else":
			return true
		case lower[i+1] == "no" && lower[i+2] == "one" && wordAt(lower, i+3) == "else":
			return true
		}
	}
	return false
}

// explicitNouns are the words of the explicit markers ("action item",
// "next step", "to-do": the patterns of kind explicit) and their plurals,
// which may stand before the person a task is put on: "action on me: …",
// "next steps for Raj: …".
var explicitNouns = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range patterns {
		if p.kind != explicit {
			continue
		}
		for _, w := range p.words {
			m[w] = true
			m[strings.TrimSuffix(w, "s")+"s"] = true
		}
	}
	return m
}()

// innerAside takes out an aside set between commas inside a clause, after
// its subject or modal: a vocative ("could you, Raj, send …", "I will,
// Priya, send …") or a comment of the speaker's ("Raj will, I think,
// renew …"). It returns the words without it and the person addressed.
func innerAside(words []string, ppl *people) ([]string, person) {
	commas := 0
	for _, w := range words {
		if strings.HasSuffix(w, ",") {
			commas++
		}
	}
	if commas < 2 {
		return words, person{}
	}
	lower := bareAll(words)
	for i := 1; i+1 < len(words); i++ {
		if !strings.HasSuffix(words[i-1], ",") {
			continue
		}
		prev := lower[i-1]
		if !modalWords[prev] && !mindHeads[prev] && prev != "you" && prev != "i" && prev != "we" && !strings.HasSuffix(prev, "'ll") && prev != "please" {
			continue
		}
		j := i
		for j < len(words) && j < i+6 && !strings.HasSuffix(words[j], ",") {
			j++
		}
		if j >= len(words)-1 || !strings.HasSuffix(words[j], ",") {
			continue
		}
		seg := lower[i : j+1]
		who, n := ppl.match(seg)
		comment := (seg[0] == "i" || seg[0] == "we") && len(seg) <= 3 && mindHeads[seg[len(seg)-1]]
		// "can you please, when you get a sec, …": a condition of
		// courtesy; "if you could, like, …": closed words only.
		allClosed := !slices.ContainsFunc(seg, func(w string) bool { return !closedWord(w) || w == "you" || w == "not" })
		if n != len(seg) && !comment && !allClosed && !courtesy(append(seg[:len(seg):len(seg)], "x")) {
			continue
		}
		out := append(append([]string(nil), words[:i]...), words[j+1:]...)
		out[i-1] = strings.TrimSuffix(out[i-1], ",")
		return out, who
	}
	return words, person{}
}

// cleft reads a pseudo-cleft at k, "what I'll do is …", "what you could do
// is …": the words with "what" and "do is" taken out, so that the clause
// reads "I'll …", "you could …"; when a subject and modal follow ("what
// I'll do is I'll send …"), the whole frame goes.
func cleft(words []string, ppl *people) []string {
	if !slices.ContainsFunc(words, func(w string) bool { return strings.EqualFold(w, "what") }) {
		return words
	}
	lower := bareAll(words)
	for k := 0; k+3 < len(lower); k++ {
		if lower[k] != "what" || !subjectModal(lower[k+1:], ppl) {
			continue
		}
		for j := k + 2; j+1 < len(lower) && j <= k+6; j++ {
			if lower[j] != "do" || (lower[j+1] != "is" && lower[j+1] != "was") {
				continue
			}
			if subjectModal(lower[j+2:], ppl) {
				return append(append([]string(nil), words[:k]...), words[j+2:]...)
			}
			return append(append(append([]string(nil), words[:k]...), words[k+1:j]...), words[j+2:]...)
		}
	}
	return words
}

// roleClause reads a task given by a noun phrase and "is to" at k: "the
// action for Raj is to …", "Priya's job this week is to …", "the next
// step is for you to …": whose it is (by name, or "me"/"you") and where
// the verb phrase starts, or 0. The noun phrase must say whose the task
// is.
func roleClause(lower []string, k int, ppl *people) (person, string, int) {
	if !slices.ContainsFunc(lower[k:min(len(lower), k+7)], func(w string) bool { return w == "is" || w == "will" }) {
		return person{}, "", 0
	}
	var who person
	pron := ""
	for j := k; j < len(lower) && j <= k+6; j++ {
		w := lower[j]
		if p, n := ppl.match([]string{strings.TrimSuffix(w, "'s")}); n == 1 && strings.HasSuffix(w, "'s") {
			who = p
		} else if w == "for" && j+1 < len(lower) {
			if p, n := ppl.match(lower[j+1:]); n > 0 {
				who = p
			} else if lower[j+1] == "me" || lower[j+1] == "you" {
				pron = lower[j+1]
			}
		}
		cop := 0
		switch {
		case w == "is":
			cop = 1
		case w == "will" && wordAt(lower, j+1) == "be":
			cop = 2
		}
		if cop == 0 {
			continue
		}
		at := j + cop
		if wordAt(lower, at) == "for" {
			if p, n := ppl.match(lower[at+1:]); n > 0 && wordAt(lower, at+1+n) == "to" {
				return p, "", at + 2 + n
			}
			if (wordAt(lower, at+1) == "you" || wordAt(lower, at+1) == "me") && wordAt(lower, at+2) == "to" {
				return person{}, lower[at+1], at + 3
			}
			return person{}, "", 0
		}
		if wordAt(lower, at) == "to" && (who.name != "" || pron != "") {
			return who, pron, at + 1
		}
		return person{}, "", 0
	}
	return person{}, "", 0
}

// laughs are the interjections of laughter.
var laughs = set("ha haha hahaha hehe lol")

// joking reports whether a sentence says it is a joke: laughter ("ha
// ha", "lol") or "just kidding", "only joking".
func joking(lower []string) bool {
	for i, w := range lower {
		if laughs[w] {
			return true
		}
		if (w == "kidding" || w == "joking") && i > 0 && (lower[i-1] == "just" || lower[i-1] == "only") {
			return true
		}
	}
	return false
}

// discourseAdverb reports whether word k is an adverb in -ly that opens a
// clause as a comment on it ("basically I'm going to …", "honestly,
// could you …"): set off by a comma or followed by a subject or a modal.
func discourseAdverb(words, lower []string, k int) bool {
	w := lower[k]
	if len(w) < 5 || !strings.HasSuffix(w, "ly") || k+1 >= len(lower) {
		return false
	}
	if strings.HasSuffix(words[k], ",") {
		return true
	}
	switch next := lower[k+1]; {
	case next == "i" || next == "we" || next == "you" || modalWords[next]:
		return true
	case strings.HasSuffix(next, "'ll") || next == "i'm" || next == "we're":
		return true
	}
	return false
}

// greetings open a turn and name no one.
var greetings = set("hi hello hey hiya morning afternoon evening")

// lone reports whether word k stands alone between commas at a clause
// start, neither a name nor a due word: an attention-getter or a
// particle ("Priya, look, I'll …", "Raj, listen, can you …").
func lone(words, lower []string, k int, ppl *people) bool {
	// After a comma and in lower case: a capital may be a name not known.
	if k == 0 || k+1 >= len(words) || !strings.HasSuffix(words[k], ",") || !strings.HasSuffix(words[k-1], ",") ||
		words[k][0] < 'a' || words[k][0] > 'z' {
		return false
	}
	if _, n := ppl.match(lower[k : k+1]); n > 0 {
		return false
	}
	return !dueAhead(lower[k:k+1]) && !strings.Contains(lower[k], "'")
}
