package attempt

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// parsed is one clause of an assistant turn, read by its structure.
type parsed struct {
	text        string   // the clause without its frame, as written
	verb        string   // the action's verb, lower-cased as written ("ordered")
	particle    string   // a particle joined to the verb ("off" in "turn off")
	base        bool     // the verb stands where English puts its base form
	object      []string // content words of the object phrase, head last
	kind        frameKind
	action      bool   // proposes or performs something
	step        bool   // a navigation instruction ("go to Settings > Cards")
	escalation  bool   // hands the conversation over
	condition   string // a stated condition on the user ("if you still have the card")
	anaphor     bool   // the object is a pronoun ("book it for you")
	needsObject bool   // an act only with its object named ("make sure the app is updated")
	offer       bool   // the agent asks whether to act ("shall I book it?")
	askedTried  bool   // the agent asks whether the user tried it ("have you tried restarting?")
	antecedent  string // the head of the clause's first noun phrase, for a later pronoun
	state       bool   // a result stated as a state ("a new card is on its way")
	item        int    // the numbered list's item the clause is in, 0 outside one
}

// parseClause decides what a clause does from its structure alone: a frame
// (request or the agent's own act) or an imperative opens an action, whose
// verb is the head after the frame; a passive report ("your card has been
// frozen") is an action the agent performed; anything else (questions,
// statements, thanks) proposes nothing. Requests headed by a verb of
// communication, or asking for something to be given to "me"/"us", gather
// information and are not proposals either, unless answered: the user's
// reply to the clause says how something went (see parseTurnAnswered).
func parseClause(clause string) parsed { return parseClauseAnswered(clause, false) }

func parseClauseAnswered(clause string, answered bool) parsed {
	fs := fields(clause)
	all := norms(fs)
	if p, ok := passive(fs, all); ok {
		return p
	}
	body, kind := stripFrame(fs)
	if len(body) == 0 {
		return parsed{}
	}
	if kind == noFrame {
		if rest, ok := copularAdvice(body); ok {
			// "the quickest fix is to ring your bank": what follows "is
			// to" is the proposal.
			body, kind = rest, request
		}
	}
	p := parsed{text: joinRaw(body), kind: kind, condition: condition(body), antecedent: firstNoun(all), askedTried: asksTried(fs)}
	ws := all[len(fs)-len(body):] // stripFrame only drops leading fields
	if kind == noFrame && handOverNote(ws) {
		// "escalated to L2", "referred to the fraud team": a note of the
		// agent's hand-over, the participle first.
		p.verb, p.kind, p.escalation, p.action = ws[0], performed, true, true
		p.object = objectPhrase(ws[1:])
		return p
	}
	if kind == noFrame && !imperative(body) {
		p.step = navigation(body, 0)
		return p
	}
	head := 0
	for head < len(ws) && (adverb(ws[head]) || ws[head] == "") {
		head++
	}
	if head == len(ws) {
		return p
	}
	_, isLight := lightVerb(ws[head])
	if negations[ws[head]] || closedClass(ws[head]) && !isLight || numeric(ws[head]) {
		return p
	}
	if infoVerbs[ws[head]] && !verifies(ws, head) && !(answered && kind != performed) || kind != performed && head+1 < len(ws) && (ws[head+1] == "me" || ws[head+1] == "us") {
		return p // "could you tell me ...", "please send us the receipt"
	}
	if kind == performed && ((ws[head] == "get" || ws[head] == "have") && head+1 < len(ws) && ws[head+1] == "your" || ws[head] == "ask") {
		return p // "could I get your full name?", "may I ask the reason?" ask for it
	}
	if kind == performed && reportsClause(ws, head) {
		return p // "I can see that your card had expired" observes, it does nothing
	}
	if makesSure(ws, head) {
		// "make sure the card hasn't expired": a check of what the
		// complement clause is about, as "check that …" is.
		p.verb, p.particle, p.base, p.needsObject = "make", "sure", true, true
		at := head + 2
		if ws[at] == "that" && at+1 < len(ws) {
			at++
		}
		if w, _, _ := strings.Cut(ws[at], "'"); pronouns[w] {
			p.anaphor = true // "make sure it's switched on": what it stands for
		} else {
			p.object = objectPhrase(ws[at:])
		}
		p.finish(body, ws, head, head+2)
		return p
	}
	p.verb, p.base = ws[head], inBaseForm(all[:len(fs)-len(body)], ws[head], kind)
	rest := head + 1
	if isLight {
		if v, obj, ok := lightAction(ws, head); ok {
			p.verb, p.base, p.object = v, true, obj
			p.finish(body, ws, head, len(ws))
			return p
		}
		if auxiliaries[ws[head]] {
			// "have" and "do" are auxiliaries too: only with the noun
			// that carries their meaning ("could you have a look at
			// the date", "do a password reset") do they head an action.
			return p
		}
	}
	if rest < len(ws) && joinsVerb(ws, rest) {
		p.particle, rest = ws[rest], rest+1
	}
	p.object = objectPhrase(ws[rest:])
	p.anaphor = len(p.object) == 0 && rest < len(ws) && anaphors[ws[rest]]
	p.finish(body, ws, head, rest)
	return p
}

// inBaseForm reports whether a clause's verb stands where English puts
// its base form, after its frame's words: a request's or an imperative's
// verb does ("order a new card"); a gerund ("would you mind ordering",
// "try ordering", "I'd suggest ordering"), a participle after "have you"
// ("have you ordered one?") and the agent's own past act ("I've ordered")
// do not.
func inBaseForm(frame []string, verb string, kind frameKind) bool {
	if gerund(verb) {
		return false
	}
	n := len(frame)
	perfect := n >= 2 && frame[n-1] == "you" && (frame[n-2] == "have" || frame[n-2] == "has")
	if kind == performed || perfect {
		return !participle(verb)
	}
	return true
}

// gerund reports an -ing form ("ordering"); "bring" and "ring" are too
// short to be one.
func gerund(w string) bool { return len(w) > 5 && strings.HasSuffix(w, "ing") }

// lightVerb returns the base form of a light verb, its -ing form included
// ("would you mind giving them a call"), and whether w is one.
func lightVerb(w string) (string, bool) {
	if lightVerbs[w] {
		return w, true
	}
	if b, ok := lightGerunds[w]; ok {
		return b, true
	}
	return "", false
}

// finish sets what follows from the verb and object: step, escalation,
// condition, and whether the clause is an action at all.
func (p *parsed) finish(body []field, ws []string, head, rest int) {
	p.step = navigation(body, head)
	p.escalation = p.kind == performed && (handOverVerbs[Stem(p.verb)] && handsOver(ws[rest:]) || toColleagues(ws[rest:]))
	p.action = p.verb != ""
}

// passive recognises a report of what was done, with the object first:
// "your card has been frozen", "your flight is now reserved", "the
// payment that was pending has been cancelled" (the first auxiliary that
// opens a participle counts). After "been" any verb form is the
// participle, "put" and "set" too, and a particle may follow it ("has
// been switched back on"). A pronoun subject ("it has been reopened")
// stands for a noun said before it in the turn (anaphor). ws are the
// norms of fs.
func passive(fs []field, ws []string) (parsed, bool) {
	for i := 1; i+1 < len(ws); i++ {
		if !(ws[i] == "has" || ws[i] == "have" || ws[i] == "is" || ws[i] == "are" || ws[i] == "was" || ws[i] == "were") {
			continue
		}
		j := i + 1
		for j < len(ws) && (ws[j] == "been" || ws[j] == "now" || ws[j] == "just" || ws[j] == "already" || adverb(ws[j])) {
			j++
		}
		been := j > i+1 && ws[j-1] == "been"
		if j == len(ws) || j == i+1 && ws[i] != "is" && ws[i] != "are" || !(participle(ws[j]) || been && sameForm(ws[j])) || closedClass(ws[j]) {
			continue
		}
		if j+1 < len(ws) && !stops[ws[j+1]] && !adverb(ws[j+1]) && !(been && particles[ws[j+1]]) {
			return parsed{}, false // "the hotel is called the Hyatt": naming, not doing
		}
		start := 0
		for start < i && fillers[ws[start]] {
			start++ // "so another email has been sent"
		}
		obj, anaphor, ok := passiveSubject(fs, ws, start, i, been)
		if !ok {
			// The subject follows a complementiser when the report is
			// embedded: "we confirm that your order has been cancelled".
			for k := i - 2; k > 0; k-- {
				if ws[k] == "that" {
					obj, anaphor, ok = passiveSubject(fs, ws, k+1, i, been)
					break
				}
			}
		}
		if !ok {
			return parsed{}, false // "it is fixed", "Dr. Johnson was called"
		}
		p := parsed{text: joinRaw(fs), verb: ws[j], object: obj, kind: performed, anaphor: anaphor}
		for k := j + 1; been && k < len(ws) && particles[ws[k]]; k++ {
			if stops[ws[k]] && k+1 < len(ws) && !stops[ws[k+1]] {
				break // "put on hold": a preposition
			}
			p.particle = ws[k] // "switched back on", "called off"
		}
		p.escalation = handOverVerbs[Stem(p.verb)] && handsOver(ws[j+1:])
		p.action = true
		return p, true
	}
	return parsed{}, false
}

// passiveSubject reads ws[from:to] as the subject of a passive report:
// a noun phrase opened by a determiner, a plain one after "been", or a
// pronoun standing for a noun said before ("it has been reopened").
func passiveSubject(fs []field, ws []string, from, to int, been bool) (obj []string, anaphor, ok bool) {
	obj = objectPhrase(ws[from:to])
	anaphor = to == from+1 && been && anaphors[ws[from]] && ws[from] != "one"
	ok = anaphor || len(obj) > 0 && (determiners[ws[from]] || been && plainSubject(fs[from:to]))
	return obj, anaphor, ok
}

// plainSubject reports a subject of one or two lower-case content words
// with no determiner ("access has been restored", "online payments have
// been switched on"): a thing, not a name ("Dr. Johnson has been called").
func plainSubject(fs []field) bool {
	if len(fs) > 2 {
		return false
	}
	for i, f := range fs {
		if closedClass(f.norm) || numeric(f.norm) || i > 0 && startsUpper(f.raw) {
			return false
		}
	}
	return true
}

// copularAdvice reports a clause that names what to do after a copula
// and "to" ("the best way is to reset it", "the next step would be to
// call them", "best next step is to speak to your bank", "honestly the
// best thing is to leave it"), or after "would be" in the -ing form ("the
// next step would be choosing a new PIN"), and returns the words of the
// proposal. The subject is a short noun phrase, after any adverbs, opened
// by a determiner or a content word; a discourse word in it modifies its
// noun ("next", "first").
func copularAdvice(body []field) ([]field, bool) {
	s := 0
	for s < len(body) && adverb(body[s].norm) {
		s++
	}
	body = body[s:]
	if len(body) < 4 || whWords[body[0].norm] || !determiners[body[0].norm] && (closedClass(body[0].norm) || numeric(body[0].norm)) {
		return nil, false
	}
	for i := 1; i+2 < len(body) && i <= 4; i++ {
		if (body[i].norm == "is" || body[i].norm == "would") && body[i+1].norm == "to" {
			return body[i+2:], true
		}
		if body[i].norm == "would" && body[i+1].norm == "be" {
			if i+3 < len(body) && body[i+2].norm == "to" {
				return body[i+3:], true
			}
			if w := body[i+2].norm; len(w) > 5 && strings.HasSuffix(w, "ing") && !closedClass(w) {
				return body[i+2:], true // "the next step would be choosing a new PIN"
			}
		}
		if closedClass(body[i].norm) && !fillers[body[i].norm] {
			return nil, false
		}
	}
	return nil, false
}

// sameForm reports an irregular verb whose past participle is its base
// form ("put", "set", "reset").
func sameForm(w string) bool {
	b, ok := irregular[w]
	return ok && b == w
}

// imperative reports whether a clause without a frame starts with a verb:
// a content word followed by what an English verb takes (a determiner, a
// pronoun, a preposition or particle), or standing alone.
func imperative(body []field) bool {
	w := body[0].norm
	if w == "make" {
		if makesSure(norms(body), 0) {
			return true // "make sure the card hasn't expired"
		}
	}
	if w == "have" || w == "do" {
		// "have a look at the date", "do a password reset": the
		// auxiliaries head an imperative only with the noun that carries
		// their meaning, as in a request (see parseClauseAnswered).
		ws := norms(body)
		if len(ws) < 3 || ws[1] != "a" && ws[1] != "an" {
			return false // "do you have a card?"
		}
		_, _, ok := lightAction(ws, 0)
		return ok
	}
	// "good" opens greetings and praise ("good to hear"), no imperative.
	if w == "good" || !baseFormVerb(w) || len(body) == 1 {
		return false
	}
	next := body[1].norm
	if next == "i" {
		return false // "soon I will ..."
	}
	if stops[next] && nounOrAdjective(w) {
		return false // "additional to this", "information about ..."
	}
	if next == "to" && len(body) > 3 && !closedClass(body[2].norm) && (determiners[body[3].norm] || pronouns[body[3].norm]) {
		return false // "cust to call their bank": a note of what someone is to do
	}
	return determiners[next] || pronouns[next] || stops[next] || particles[next] ||
		startsUpper(body[1].raw) && !startsUpper(body[0].raw[1:]) || quoted(body[1].raw)
}

// baseFormVerb reports a word that may be a verb's base form at the head
// of an imperative: a content word, no interjection, number or adverb, in
// no form a participle ("declined"; "reset" is its own base) or a third
// person takes ("Dr. Johnson says", "it works"; "access" keeps its "ss").
func baseFormVerb(w string) bool {
	return w != "" && !closedClass(w) && !interjections[w] && !numeric(w) && !adverb(w) && !participle(w) &&
		!(strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"))
}

// nounOrAdjective reports an English derivational ending that makes a
// word a noun or an adjective, never a bare verb.
func nounOrAdjective(w string) bool {
	for _, end := range []string{"al", "ous", "ful", "less", "able", "ible", "ness", "ment", "tion", "sion", "ity", "ive", "ance", "ence"} {
		if len(w) > len(end)+2 && strings.HasSuffix(w, end) {
			return true
		}
	}
	return false
}

// lightAction reads the light verb at ws[i] with the noun that carries
// its meaning (see lightNoun); "have" only with a preposition after the
// noun ("have a look at the date", not "have a receipt").
func lightAction(ws []string, i int) (verb string, obj []string, ok bool) {
	light, isLight := lightVerb(ws[i])
	if !isLight {
		return "", nil, false
	}
	verb, obj, ok = lightNoun(ws, i+1)
	return verb, obj, ok && (light != "have" || nounThenPreposition(ws, i+1))
}

// makesSure reports "make sure" at ws[i] with a clause after it.
func makesSure(ws []string, i int) bool {
	return i+2 < len(ws) && ws[i] == "make" && ws[i+1] == "sure"
}

// lightNoun reads "give your bank a call" and "take a look at the logs": a
// light verb whose object ends in "a" + noun makes that noun the action,
// and the words before it (or the phrase after its preposition) the object.
func lightNoun(ws []string, from int) (verb string, obj []string, ok bool) {
	// The recipient before "a" is short and plain ("your bank", "it");
	// anything longer ("your medicine 2 times a day") is no light verb.
	for i := from; i < len(ws) && i <= from+3; i++ {
		if numeric(ws[i]) {
			return "", nil, false
		}
		if ws[i] == "a" || ws[i] == "an" {
			np := objectPhrase(ws[i+1:])
			if len(np) == 0 {
				return "", nil, false
			}
			verb, obj = np[len(np)-1], np[:len(np)-1]
			if n := len(np); n >= 2 && joinsVerb(np, n-1) {
				// The noun of a phrasal verb keeps its particle, as a
				// verb does (joinsVerb): "do a top up" is topping up,
				// not "up" done to a "top".
				verb, obj = np[n-2]+" "+np[n-1], np[:n-2]
			}
			obj = append(objectPhrase(ws[from:i]), obj...)
			end := i + 1
			for end < len(ws) && !stops[ws[end]] {
				end++
			}
			if len(obj) == 0 && end+1 < len(ws) && (ws[end] == "at" || ws[end] == "on" || ws[end] == "with" || ws[end] == "to") {
				obj = objectPhrase(ws[end+1:])
			}
			return verb, obj, true
		}
		if stops[ws[i]] {
			return "", nil, false
		}
	}
	return "", nil, false
}

// nounThenPreposition reports whether the light verb's noun phrase from
// i ends in a preposition: "have a look at the date", "have a word with
// them". "Have" with a noun alone is had ("would you have a receipt?").
func nounThenPreposition(ws []string, i int) bool {
	for i < len(ws) && !stops[ws[i]] {
		i++
	}
	return i < len(ws) && (ws[i] == "at" || ws[i] == "with" || ws[i] == "on" || ws[i] == "to")
}

// objectPhrase returns the content words of the noun phrase at the start of
// ws, skipping determiners, pronouns, numbers and adverbs, up to a
// preposition or conjunction, or a subject pronoun that opens a relative
// clause on the noun. A complement clause ("check if your card is
// expired") is read for its subject when nothing came before it. At most
// the last three words are kept: English noun phrases end in their head.
func objectPhrase(ws []string) []string {
	var out []string
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if w == "" {
			continue
		}
		if (w == "if" || w == "whether" || w == "that") && len(out) == 0 {
			continue
		}
		if stops[w] || auxiliaries[w] || negations[w] || whWords[w] {
			if len(out) > 0 || !(stops[w]) {
				break
			}
			continue
		}
		if len(out) > 0 && subjects[w] {
			break // "the account number you sent the money to": a relative clause on the noun
		}
		if determiners[w] || pronouns[w] || fillers[w] || numeric(w) || adverb(w) {
			continue
		}
		out = append(out, strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'"))
	}
	if len(out) > 3 {
		out = out[len(out)-3:]
	}
	return out
}

// navigation reports a step through an interface: a path ("Settings >
// Cards") or the verb followed, directly or after a preposition, by a
// capitalised label ("tap Payment methods", "go to Settings").
func navigation(body []field, head int) bool {
	for _, f := range body {
		if f.raw == ">" || f.raw == "→" || strings.Contains(f.raw, ">") {
			return true
		}
	}
	i := head + 1
	if i < len(body) && stops[body[i].norm] {
		i++
	}
	return i < len(body) && i > head && startsUpper(body[i].raw) && head < len(body) && !startsUpper(body[head].raw[min(1, len(body[head].raw)):])
}

// condition returns the stated condition on the user in a clause, from its
// condition word on ("if you still have the card"), or "".
func condition(body []field) string {
	for i, f := range body {
		if !conditionWords[f.norm] || i+2 >= len(body) || body[i+1].norm != "you" {
			continue
		}
		if volition[body[i+2].norm] {
			return ""
		}
		return joinRaw(body[i:])
	}
	return ""
}

// handOverNote reports a clause opened by the participle of a hand-over
// verb and saying where to: "escalated to L2", "passed over to billing".
func handOverNote(ws []string) bool {
	return len(ws) > 1 && participle(ws[0]) && handOverVerbs[Stem(ws[0])] && handsOver(ws[1:min(len(ws), 3)])
}

// handsOver reports whether what follows a hand-over verb names where to:
// "transfer you to our billing team", "escalate this to a specialist".
func handsOver(ws []string) bool {
	for _, w := range ws {
		if w == "to" || w == "with" || w == "over" {
			return true
		}
	}
	return false
}

// participle reports a past participle or past tense: a regular ending,
// or an irregular form of English ("sent", "made") that is not also its
// base form ("reset", "put").
func participle(w string) bool {
	w = strings.TrimPrefix(w, "re-") // "re-sent", "re-enabled"
	if b, ok := irregular[w]; ok {
		return b != w
	}
	return len(w) > 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en"))
}

func adverb(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "ly") && !plyVerb(w) || w == "also" || w == "just" || w == "now" || w == "still" || w == "already" || w == "yet"
}

// plyVerb reports the verbs whose "ly" is no adverb's ending: "apply",
// "reapply", "supply", "reply", "comply", "imply", "multiply".
func plyVerb(w string) bool {
	return strings.HasSuffix(w, "pply") || w == "reply" || w == "comply" || w == "imply" || w == "multiply"
}

func numeric(w string) bool {
	for _, r := range w {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// quoted reports a word that opens a quotation: a label the verb before
// it acts on ("tap 'Forgot password'").
func quoted(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '\'' || r == '"' || r == '‘' || r == '“'
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func norms(fs []field) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.norm
	}
	return out
}

// joinsVerb reports whether the particle at i belongs to the verb before
// it: always for "off", "on", "out", "up" and the like; "in" only at the
// end or before "to" ("log in to the app"), since it is a preposition of
// place more often.
func joinsVerb(ws []string, i int) bool {
	w := ws[i]
	switch {
	case !particles[w]:
		return false
	case w == "in":
		return i+1 == len(ws) || ws[i+1] == "to"
	}
	return true
}

// anaphors stand for a noun phrase said before: "Should I book it for
// you?".
var anaphors = set("it", "that", "this", "them", "those", "these", "one")

// firstNoun returns the head of the first noun phrase a determiner opens
// in ws ("a Lyft ride" gives "ride"), or "".
func firstNoun(ws []string) string {
	for i, w := range ws {
		if !determiners[w] || w == "that" || w == "this" || w == "which" || w == "what" {
			continue
		}
		if np := objectPhrase(ws[i+1:]); len(np) > 0 {
			return np[len(np)-1]
		}
	}
	return ""
}

// reportsClause reports whether the agent's verb at head takes a clause
// rather than an object: "I can see that your card had expired", "I
// noticed your payment was declined". Such a verb observes or reports; the
// clause after it says what is, not what the agent did. A complementiser
// right after the verb, or an auxiliary after the object's first word,
// marks the clause.
func reportsClause(ws []string, head int) bool {
	for k := head + 1; k < len(ws) && k <= head+5; k++ {
		switch {
		case k == head+1 && (ws[k] == "whether" || ws[k] == "if"):
			return true
		case k == head+1 && ws[k] == "that":
			// "book that for you", "I've stopped that payment before it
			// went out": a demonstrative, not a clause, unless a verb
			// follows its noun.
			return thatClause(ws[k+1:])
		case k > head+1 && auxiliaries[ws[k]] && !lightVerbs[ws[k]]:
			return true
		case stops[ws[k]]:
			return false
		}
	}
	return false
}

// thatClause reports whether the words after a "that" make a clause
// ("that your card had expired", "that payments were declined") rather
// than a noun phrase it points at ("that payment before it went out"):
// a subject and then a finite verb, an auxiliary or a past form, before
// any preposition or conjunction.
func thatClause(ws []string) bool {
	for i, w := range ws {
		switch {
		case i == 0 && (stops[w] || w == ""):
			return false // "book that for you"
		case stops[w]:
			return false
		case i > 0 && (w == "you" || w == "i" || w == "we" || w == "they"):
			return false // "the account number you paid into": a relative clause on the noun
		case i > 0 && (auxiliaries[w] || negations[w] || participle(w)):
			return true
		case i > 3:
			return false
		}
	}
	return false
}

// verifies reports whether a verb of communication takes a clause about a
// thing rather than a piece of information: "could you confirm your card
// is still valid?" asks the user to check a state, a proposal like "check
// whether your card has expired"; "could you confirm your email address?"
// and "confirm that you want to cancel" ask for information.
func verifies(ws []string, head int) bool {
	return head+2 < len(ws) && determiners[ws[head+1]] && ws[head+1] != "that" && thatClause(ws[head+1:])
}

// toColleagues reports whether what the agent did was done with others of
// its own organisation: "I've raised a ticket with our engineers", "I've
// logged it with our back office". Whatever the verb, the case then rests
// with them: an escalation. "To our" is left alone: things are sent or
// added to "our system" as often as to people.
func toColleagues(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == "with" && ws[i+1] == "our" {
			return true
		}
	}
	return false
}

// triedFrames ask whether the user already tried something.
var triedFrames = [][]string{{"have", "you", "tried"}, {"did", "you", "try"},
	{"have", "you", "already", "tried"}, {"did", "you", "already", "try"},
	{"have", "you", "ever", "tried"}}

// asksTried reports whether a clause asks whether the user already tried
// something: "have you tried restarting?", "did you try another card?". A
// bare "yes" to it says it was tried and the problem is still there.
func asksTried(fs []field) bool {
	i := 0
	for i < len(fs) && fillers[fs[i].norm] {
		i++
	}
	for _, f := range triedFrames {
		if startsWith(fs[i:], f) {
			return true
		}
	}
	return false
}
