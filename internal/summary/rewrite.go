package summary

import (
	"regexp"
	"strings"
	"time"
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
	softeners = set("also definitely certainly quickly then actually really first please")
	// badHeads never head an action: talk about the meeting itself, the
	// speaker's mind, or being ("I'll be honest", "I will say").
	badHeads = set("be say admit guess think mean bet repeat answer agree pass stop wait hear know remember imagine " +
		"believe wonder like love hate want keep leave jump sum read note stick bear see need have go come start " +
		"begin continue move explain turn wrap decide consider choose focus assume mind hold tell give use get " +
		"show talk discuss speak look do make try put raise draw paint write hope expect prefer care deal understand " +
		"save close finish end plug press grab pick bring scream switch chat")
	// headExceptions rescue some of badHeads by the word that follows:
	// "look into", "get back", "talk to", "make sure", "take a look".
	headExceptions = map[string]map[string]bool{
		"look": set("into"), "get": set("back in"), "talk": set("to with"), "speak": set("to with"),
		"discuss": set("with"), "make": set("sure a the"), "give": set("them him her"), "tell": set("them him her"),
		"do": set("the a"), "show": set("them him her the"), "put": set("together"), "write": set("up"),
	}
	// workHeads are the verbs "let's" and "let me" may lead, work done
	// after the meeting ("let's schedule a follow-up"), not in it ("let's
	// start", "let me share my screen").
	workHeads = set("send email forward schedule book set arrange organise organize follow circle reach contact call " +
		"ping ask check confirm verify find look dig investigate research update fix prepare draft write create " +
		"put get loop touch sync meet catch plan document invite order buy test clean finalize finalise " +
		"calculate redesign submit deliver ship deploy release file share")
	// neverHeads never head an action, even one addressed to someone or
	// due on a day: being, knowing, perceiving, thinking, letting.
	neverHeads = set("be let know see hear say think guess mean wonder imagine believe hope bet admit agree suppose assume expect")
	// requestBad are verbs of requests made about the meeting itself.
	requestBad = set("mute unmute scroll click open close zoom share hear see go come pass move turn read spell repeat")
	// notVerbs cannot head a verb phrase: a new subject starts instead.
	notVerbs = set("i we you it that this they he she there what can could will would should may might must")
	// phrasals are tasks complete without an object ("look into it").
	phrasals = set("look_into get_back follow_up circle_back check_in reach_out follow_through")
	// cutWords end a verb phrase: what follows is reason, condition or filler.
	cutWords = set("because since but although though if unless which while whether cause")
	// tailWords are dropped from the end of a verb phrase.
	tailWords = set("okay ok alright right yeah then too now please anyway guys everyone")
	// timeMarker makes a task concrete.
	timeMarker = regexp.MustCompile(`\b(by|before|tomorrow|tonight|today|next|monday|tuesday|wednesday|thursday|friday|eod|asap|end of|after the (call|meeting)|this week|later)\b`)
)

// withVP takes the verb phrase from word vp on, and accepts the action only
// when it is a real task.
func (f found) withVP(words, lower []string, vp int) (found, bool) {
lead:
	for vp < len(lower) {
		switch {
		case softeners[lower[vp]] || lower[vp] == "just":
			vp++
		case hedges[lower[vp]] && dueAhead(lower[vp:]): // "I'll probably send it by Friday"
			vp++
		case vp+1 < len(lower) && (lower[vp] == "you" && lower[vp+1] == "know" || lower[vp] == "i" && lower[vp+1] == "mean"):
			vp += 2
		default:
			break lead
		}
	}
	for _, lead := range [][]string{{"go", "ahead", "and"}, {"try", "to"}, {"try", "and"}, {"need", "to"},
		{"have", "to"}, {"be", "sure", "to"}, {"make", "sure", "to"}, {"make", "sure", "i"}, {"make", "sure", "we"}} {
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
	head, next := lower[vp], lower[vp+1]
	if head == "not" || head == "never" || head == "still" || hedges[head] || gerund(head) || strings.HasSuffix(head, "ed") {
		return found{}, false
	}
	if notVerbs[head] || strings.ContainsAny(head, "'") || neverHeads[head] {
		return found{}, false
	}
	// A task addressed to someone by name or due on a day is work after
	// the meeting whatever its verb; otherwise the verbs of talk, of the
	// meeting itself and of the mind are not.
	sure := f.sure || dueAhead(lower[vp:min(len(lower), end+3)])
	if !sure && badHeads[head] && !headExceptions[head][next] {
		return found{}, false
	}
	// "I'll just ...", "... now" and screens and slides are the meeting
	// itself, not work after it.
	if vp > 0 && lower[vp-1] == "just" || slicesContains(lower[vp:end], "now") ||
		slicesContains(lower[vp:end], "screen") || slicesContains(lower[vp:end], "slide") {
		return found{}, false
	}
	// Plans of the team are tasks only when they are work after the
	// meeting ("we need to fix the login bug"); "we have to make it
	// simple" is the discussion itself.
	if f.kind == commitWe && !workHeads[head] && !sure {
		return found{}, false
	}
	if !phrasals[head+"_"+next] && !hasContent(lower[vp+1:end]) {
		return found{}, false
	}
	// So are the speaker's own plans, unless they are addressed to
	// someone, due on a day or of a verb of work after a meeting: "I will
	// open our meeting", "I'll take the lunch" are not tasks.
	if (f.kind == whitelist || f.kind == commitI) && !workHeads[head] && !sure {
		return found{}, false
	}
	if f.kind == request && requestBad[head] && !sure {
		return found{}, false
	}
	f.vp = words[vp:min(end, vp+16)]
	f.tail, f.tailWords = lower[end:], words[end:]
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
	lower := make([]string, len(f.vp))
	for i, w := range f.vp {
		lower[i] = bare(w)
	}
	if d, ok := findDue(lower, day); ok {
		f.due, f.dueWords = d.day, trimmed(f.vp[d.start:d.end])
		rest := append(append([]string(nil), f.vp[:d.start]...), f.vp[d.end:]...)
		if len(rest) >= 2 {
			f.vp = rest
		} else {
			f.dueWords = nil // the phrase is the task's object: leave it where it is
		}
		return
	}
	if d, ok := findDue(f.tail, day); ok && d.start <= 1 {
		f.due, f.dueWords = d.day, trimmed(f.tailWords[d.start:d.end])
		return
	}
	// "Tomorrow, I'll send the deck", "Dana, by Friday, could you ..."
	before := make([]string, len(f.before))
	for i, w := range f.before {
		before[i] = bare(w)
	}
	if d, ok := findDue(before, day); ok {
		f.due, f.dueWords = d.day, trimmed(f.before[d.start:d.end])
	}
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

// clauseBoundary reports whether a clause can start after word w.
func clauseBoundary(w, lw string) bool {
	return strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";") || strings.HasSuffix(w, ":") ||
		lw == "and" || lw == "so" || lw == "but" || lw == "then" || lw == "-" || lw == "—"
}

// conditional reports whether the words before a clause make it
// conditional or reported: "if we have time, I'll ...", "he said I'll".
func conditional(before []string) bool {
	for _, w := range before {
		switch w {
		case "if", "unless", "whether", "said", "says", "told", "asked", "would", "wish":
			return true
		}
	}
	return false
}

// hasContent reports whether words say what a task is about: a word other
// than a stopword, a pronoun or chatter ("do some stuff" does not).
func hasContent(words []string) bool {
	a := newAnalyzer("en")
	for _, w := range words {
		if a.content(w) && !vague[w] {
			return true
		}
	}
	return false
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
