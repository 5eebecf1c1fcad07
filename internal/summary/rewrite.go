package summary

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/textproc"
)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

var (
	// openerMarkers may precede an action's opening words.
	openerMarkers = set("so okay ok and then alright right yeah yes sure well great perfect cool fine absolutely now oh actually also but um uh anyway")
	// hedges before the subject make a statement too unsure to be a task.
	hedges = set("maybe perhaps probably possibly hopefully guess suppose")
	// accepts open a reply that takes a request on.
	accepts = set("sure yes yeah yep ok okay absolutely definitely certainly will of i i'll on")
	// softeners are dropped from the start of a verb phrase.
	softeners = set("also definitely certainly quickly then actually really first please kindly")
	// mindHeads never head an action: verbs of being, knowing, thinking,
	// saying and perceiving, and "let". This small closed set is the only
	// verb list: whether the rest is a task is read from structure (an
	// object or a particle after the verb, who is addressed, a due day).
	mindHeads = set("be let know see hear say tell think guess mean wonder imagine believe hope bet admit agree " +
		"suppose assume expect feel remember forget understand like love want prefer")
	// lightVerbs say little by themselves: their object must say the task.
	lightVerbs = set("take have do make give get put go come keep")
	// motionVerbs are the light verbs of going.
	motionVerbs = set("go come move")
	// objectOpeners open a noun phrase: an object the verb acts on.
	objectOpeners = set("the a an my your our their his her its this these those some any another every each both " +
		"all several few one two three four five six seven eight nine ten")
	// objectPronouns and names may come between a verb and its object
	// ("send you the deck", "get Priya a quote").
	objectPronouns = set("me you him her them us")
	// particles complete a verb without an object ("look into it", "get back to you").
	particles = set("up out back into off")
	// notVerbs cannot head a verb phrase: a new subject starts instead.
	notVerbs = set("i we you it that this they he she there what can could will would should may might must")
	// cutWords end a verb phrase: what follows is reason, condition or filler.
	cutWords = set("because since but although though if unless which while whether cause")
	// tailWords are dropped from the end of a verb phrase.
	tailWords = set("okay ok alright right yeah then too now please anyway guys everyone")
	// timeMarker makes a task concrete.
	timeMarker = regexp.MustCompile(`\b(by|before|tomorrow|tonight|today|next|monday|tuesday|wednesday|thursday|friday|eod|asap|end of|after the (call|meeting)|this week|later|afterwards?)\b`)
)

// withVP takes the verb phrase from word vp on, and accepts the action only
// when it is a real task.
func (f found) withVP(words, lower []string, vp int) (found, bool) {
lead:
	for vp < len(lower) {
		switch {
		case softeners[lower[vp]] || lower[vp] == "just":
			vp++
		case lower[vp] == "to" && vp > 0 && lower[vp-1] == "please": // "please to send …", said by a learner
			vp++
		case hedges[lower[vp]] && (dueAhead(lower[vp:]) || f.kind == request): // "I'll probably send it by Friday", "could you possibly …"
			vp++
		case vp+1 < len(lower) && (lower[vp] == "you" && lower[vp+1] == "know" || lower[vp] == "i" && lower[vp+1] == "mean"):
			vp += 2
		default:
			break lead
		}
	}
	for _, lead := range [][]string{{"go", "ahead", "and"}, {"try", "my", "best", "to"}, {"do", "my", "best", "to"},
		{"try", "my", "hardest", "to"}, {"see", "if", "i", "can"}, {"try", "to"}, {"try", "and"}, {"need", "to"},
		{"have", "to"}, {"be", "sure", "to"}, {"make", "sure", "to"}, {"take", "care", "to"}, {"be", "able", "to"}, {"make", "sure", "i"}, {"make", "sure", "we"}} {
		// "you should be able to …" asks; "I'll be able to …" says what
		// the speaker can do.
		if lead[0] == "be" && lead[1] == "able" && f.kind != request {
			continue
		}
		if hasPrefix(lower[vp:], lead) {
			vp += len(lead)
			if lead[len(lead)-1] == "i" || lead[len(lead)-1] == "we" {
				for vp < len(lower) && lower[vp] != "" && !strings.HasSuffix(lower[vp], "'ll") && lower[vp] != "will" {
					vp++
				}
				vp++
			}
			break
		}
	}
	end := vp
	for end < len(lower) && !cutWords[lower[end]] && !(end > vp && lower[end] == "so" && end+1 < len(lower) && lower[end+1] == "that") {
		end++
		if strings.HasSuffix(words[end-1], ",") && end-vp >= 2 {
			break
		}
	}
	for end > vp && tailWords[lower[end-1]] {
		end--
	}
	if end-vp < 2 || vp >= len(lower) {
		return found{}, false
	}
	head := lower[vp]
	if head == "not" || head == "never" || head == "still" || hedges[head] || gerund(head) || strings.HasSuffix(head, "ed") {
		return found{}, false
	}
	if notVerbs[head] || strings.ContainsAny(head, "'") || mindHeads[head] || objectOpeners[head] || objectPronouns[head] || openerMarkers[head] {
		return found{}, false
	}
	// "I'll just ...", "... now" and the speaker's screen and slides are
	// the meeting itself, not work after it.
	if vp > 0 && lower[vp-1] == "just" && !f.imperative && !dueAhead(lower[vp:]) || slicesContains(lower[vp:end], "now") || deictic(lower[vp:end]) {
		return found{}, false
	}
	// A task addressed to someone by name or due on a day is work after
	// the meeting whatever its verb. Otherwise the verb must act on
	// something: a noun phrase ("fix the login bug"), or for a promise or
	// a request a particle ("look into it"); "we have to make it simple",
	// "let's talk about the budget", "let's start" are the discussion.
	sure := f.sure || dueAhead(lower[vp:min(len(lower), end+3)])
	// The team's plans and "let me"/"let's" are tasks when they are
	// anchored in time ("we need to fix the bug by Friday", "let's meet
	// after the call"); without, "we have to design one product", "let's
	// have a break" are the discussion itself.
	if (f.kind == commitWe || f.kind == whitelist) && !sure && !timeMarker.MatchString(strings.Join(lower[vp:end], " ")) {
		return found{}, false
	}
	// Verbs of motion lead through the meeting ("I'll go back to my
	// presentation", "I'll move on") unless addressed or due.
	if motionVerbs[head] && !sure {
		return found{}, false
	}
	obj := objectOf(words[vp+1:end], lower[vp+1:end])
	switch {
	case sure:
		if !hasContent(lower[vp+1 : end]) {
			return found{}, false
		}
	case obj == nounObject && (lightVerbs[head] || f.offer) && contentWords(lower[vp+1:end]) < 2:
		// "I'll take the lunch", not "get a price for the battery"; an
		// offer neither addressed nor due names its object fully: "yeah,
		// I can change the colour" is talk of the design, "okay, I can
		// check the fire doors on level two" work.
		return found{}, false
	case f.kind == request && vp+1 < end && lower[vp+1] == "us":
		return found{}, false // "can you give us a summary?": asked of the meeting, now
	case obj == nounObject:
	case obj == particleObject && f.kind != commitWe && f.kind != whitelist:
	default:
		return found{}, false
	}
	// "you can do the next one if you want" offers, it does not ask.
	if end+2 < len(lower) && lower[end] == "if" && lower[end+1] == "you" && mindHeads[lower[end+2]] {
		return found{}, false
	}
	f.vp = words[vp:min(end, vp+16)]
	f.tail = words[end:]
	if timeMarker.MatchString(strings.Join(lower[vp:end], " ")) {
		f.score++
	}
	return f, true
}

// describe rewrites a verb phrase as an imperative from the assignee's
// side: "send you my notes" said by Alice to Bob → "Send Bob Alice's
// notes" for a request of Alice's, "Send Bob the notes" for a promise.
// People are named by first name, as they are spoken of.
func describe(f found, speaker person) string {
	listener := "the team"
	if f.addressed.name != "" {
		listener = spokenName(f.addressed)
	}
	asker := spokenName(speaker)
	out := make([]string, 0, len(f.vp))
	for k, w := range f.vp {
		core := strings.TrimRight(w, ",.?!;:")
		switch strings.ToLower(core) {
		case "me", "myself":
			if f.kind != commitI && asker != "" {
				w = asker
			}
		case "my":
			w = "the"
			if f.kind != commitI && asker != "" {
				w = asker + "'s"
			}
		case "your", "our":
			w = "the"
			if k+1 < len(f.vp) && strings.ToLower(f.vp[k+1]) == "own" {
				w = "their"
			}
		case "you":
			if f.kind != request && f.kind != named {
				w = listener
			}
		case "i":
			w = asker
		}
		out = append(out, w)
	}
	d := strings.TrimRight(strings.Join(out, " "), ",.?!;: ")
	return capitalise(d)
}

// spokenName is how a person is named in an action's description: an
// invitee or a speaker with an email by first name ("Dana"), anyone else
// by the whole display name, which may be a role ("Project Manager").
func spokenName(p person) string {
	if f := strings.Fields(p.name); len(f) > 0 && p.email != "" {
		return f[0]
	}
	return p.name
}

// resolveDue finds the action's due phrase in its verb phrase, just after
// it ("..., uh, by Friday") or before its clause ("tomorrow, I'll ..."), resolves it against the meeting's day
// and takes it out of the verb phrase: the description ends with it.
func (f *found) resolveDue(day time.Time) {
	if d, ok := findDue(bareAll(f.vp), day); ok {
		f.due, f.dueWords = d.day, trimmed(f.vp[d.start:d.end])
		rest := append(append([]string(nil), f.vp[:d.start]...), f.vp[d.end:]...)
		if len(rest) >= 2 {
			f.vp = rest
		} else {
			f.dueWords = nil // the phrase is the task's object: leave it where it is
		}
		return
	}
	if d, ok := findDue(bareAll(f.tail), day); ok && d.start <= 1 {
		f.due, f.dueWords = d.day, trimmed(f.tail[d.start:d.end])
		return
	}
	// "Tomorrow, I'll send the deck", "Dana, by Friday, could you ..."
	if d, ok := findDue(bareAll(f.before), day); ok {
		f.due, f.dueWords = d.day, trimmed(f.before[d.start:d.end])
	}
}

// Kinds of object after a verb.
const (
	noObject = iota
	nounObject
	particleObject
)

// objectOf reads what follows a verb: a noun phrase opened by a
// determiner, perhaps after a pronoun or a name ("send you the deck", "get
// Priya a quote"), or a bare noun followed by one ("order samples of the
// casing"); a particle ("look into it", "follow up with them"); or
// nothing it acts on ("talk about the budget", "make it simple").
func objectOf(words, lower []string) int {
	if len(lower) == 0 {
		return noObject
	}
	if particles[lower[0]] {
		return particleObject
	}
	k := 0
	if objectPronouns[lower[0]] || (len(words[0]) > 1 && words[0][0] >= 'A' && words[0][0] <= 'Z' && !textproc.IsStopword(lower[0])) {
		k = 1
	}
	nounAt := func(i int) bool { return hasContent(lower[min(i, len(lower)):min(i+4, len(lower))]) }
	if k < len(lower) && objectOpeners[lower[k]] && nounAt(k+1) {
		return nounObject
	}
	// A bare noun, then a noun phrase: "get sign-off from procurement on the order".
	if k < len(lower) && taskWord(lower[k]) {
		for j := k + 1; j < len(lower) && j < k+6; j++ {
			if objectOpeners[lower[j]] && nounAt(j+1) {
				return nounObject
			}
		}
	}
	return noObject
}

// contentWords counts the words that say what a task is about.
func contentWords(lower []string) int {
	n := 0
	for _, w := range lower {
		if taskWord(w) {
			n++
		}
	}
	return n
}

// deictic reports whether words speak of the meeting itself: its screen
// and slides ("share my screen", "the next slide", not "the settings
// screen"), the meeting ("open our meeting", not "the next meeting" or
// "the meeting notes") and its day ("the agenda for today").
func deictic(lower []string) bool {
	for i, w := range lower {
		prev := ""
		if i > 0 {
			prev = lower[i-1]
		}
		switch w {
		case "screen", "slide":
			if objectOpeners[prev] || prev == "next" || prev == "previous" || prev == "last" {
				return true
			}
		case "meeting":
			// "our (functional design) meeting", not "the next meeting",
			// "after the meeting" or "the meeting notes".
			if i+1 < len(lower) && contentWord(lower[i+1]) {
				continue
			}
			for j := i - 1; j >= 0 && j >= i-4; j-- {
				if lower[j] == "next" || lower[j] == "last" || lower[j] == "after" || lower[j] == "before" {
					break
				}
				if lower[j] == "our" || lower[j] == "this" || lower[j] == "the" {
					if j == 0 || (lower[j-1] != "after" && lower[j-1] != "before") {
						return true
					}
					break
				}
			}
		case "today":
			if prev == "for" {
				return true
			}
		}
	}
	return false
}

// gerund reports whether a word is an -ing form ("sending", "doing"), not
// a short verb that ends so ("ping", "bring").
func gerund(w string) bool {
	return strings.HasSuffix(w, "ing") && (len(w) >= 6 || w == "doing" || w == "going" || w == "being")
}

// trimmed are a due phrase's words without the punctuation around them,
// lower-cased but for the names of days and months.
func trimmed(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		w = strings.Trim(w, ",.?!;:\"()")
		l := strings.ToLower(w)
		if _, day := weekdays[strings.TrimSuffix(l, "'s")]; !day && months[l] == 0 {
			w = l
		}
		out[i] = w
	}
	return out
}

// withDue ends a description with its due phrase, as said, when it was
// taken out of the verb phrase: "Send Dana the proposal by Thursday". The
// day it means is the item's Due. The description does not say the date:
// the two search engines order a summary line and a transcript window
// alike only while the line is as short as it was said (TestCopyToPostgres).
func withDue(core string, f found) string {
	if f.due.IsZero() || len(f.dueWords) == 0 {
		return core
	}
	return core + " " + strings.Join(f.dueWords, " ")
}

// dueAhead reports whether words hold a due phrase (of any day).
func dueAhead(words []string) bool {
	_, ok := findDue(words, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	return ok
}

// dropFillers removes hesitations and stutters from a sentence's words.
func dropFillers(ws []string) []string {
	out := ws[:0:0]
	for k, w := range ws {
		b := bare(w)
		if fillers[b] || cutOff(b, ws[k+1:]) {
			continue
		}
		if n := len(out); n > 0 && bare(out[n-1]) == b {
			continue
		}
		out = append(out, w)
	}
	return out
}

// bare lower-cases a word and trims punctuation around it.
func bare(w string) string {
	return strings.ToLower(strings.Trim(w, ",.?!;:\"()"))
}

// bareAll is bare of every word.
func bareAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = bare(w)
	}
	return out
}

// clauseBoundary reports whether a clause can start after word w.
func clauseBoundary(w, lw string) bool {
	return strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";") || strings.HasSuffix(w, ":") ||
		lw == "and" || lw == "so" || lw == "but" || lw == "then" || lw == "-" || lw == "—"
}

// conditional reports whether the words before a clause make it
// conditional or reported: "if we have time, I'll ...", "he said I'll".
func conditional(before []string) bool {
	if courtesy(before) || ifCopula(before) {
		return false
	}
	for i, w := range before {
		switch w {
		case "if", "unless", "whether", "asked", "would", "wish":
			return true
		case "said", "says", "told":
			// "as I said to Raj, I'll …" frames; "he said I'll …" reports.
			if !commentClause(before, i) {
				return true
			}
		}
	}
	return false
}

// courtesy reports whether the words before a clause are a condition of
// courtesy only: "if you get a chance", "when you have a minute",
// "whenever you have a sec" — "if/when/whenever/once you get/have/find"
// and a noun phrase of at most two words, then the clause (and perhaps a
// name or an opener).
func courtesy(before []string) bool {
	for i := 0; i+2 < len(before); i++ {
		if w := before[i]; w != "if" && w != "when" && w != "whenever" && w != "once" {
			continue
		}
		if before[i+1] != "you" || (before[i+2] != "get" && before[i+2] != "have" && before[i+2] != "find") {
			return false
		}
		rest := before[i+3:]
		if len(rest) == 0 || !objectOpeners[rest[0]] && rest[0] != "some" {
			return false
		}
		for _, w := range rest[1:min(len(rest), 3)] {
			if cutWords[w] || notVerbs[w] {
				return false
			}
		}
		return len(rest) <= 4
	}
	return false
}

// hasContent reports whether words say what a task is about: a word other
// than a stopword, a pronoun or chatter ("do some stuff" does not).
func hasContent(words []string) bool {
	return slices.ContainsFunc(words, taskWord)
}

// taskWord reports whether a word can say what a task is about.
func taskWord(w string) bool {
	return contentWord(w) && !vague[w]
}

// vague are objects that name nothing.
var vague = set("stuff things thing something anything everything bit lot else")

func slicesContains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// ifCopula reports whether the words before a clause are a condition of
// courtesy put on "it" or "that" and a copula: "if it's not too much
// trouble", "if that's okay with you", "if it is no bother" — a
// condition on the asking, not on the work.
func ifCopula(before []string) bool {
	for i := 0; i+1 < len(before); i++ {
		if before[i] != "if" {
			continue
		}
		switch before[i+1] {
		case "it's", "that's":
			return i+6 >= len(before)
		case "it", "that":
			return wordAt(before, i+2) == "is" && i+7 >= len(before)
		}
		return false
	}
	return false
}
