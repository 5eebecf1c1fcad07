package attempt

import "strings"

// A note is what an agent writes of an act done, shortened: a noun phrase
// and a participle ("card frozen", "new link sent to the customer"), or
// the participle first ("refunded the delivery fee"); a note that reports
// asking or advising someone to do something ("asked cust to re-add card
// details") stands for what was asked. Read on every turn, such shapes
// also match statements that do nothing (on STAR they split solutions and
// lowered purity), so a note is read only where the conversation's
// structure says that the turn did something: the user's next reply
// states how it went (see Extract).

// parseNote returns the first note in a turn that proposed nothing by the
// other shapes; ok is false if it holds none. Questions are no notes.
func parseNote(text string) (parsed, bool) {
	for _, c := range clauses(text) {
		if c.question {
			continue
		}
		if p, ok := noteClause(c.text); ok {
			return p, true
		}
	}
	return parsed{}, false
}

// noteClause reads one clause as a note.
func noteClause(clause string) (parsed, bool) {
	fs := fields(clause)
	for len(fs) > 1 && fillers[fs[0].norm] {
		fs = fs[1:] // "ok refund is requested"
	}
	ws := norms(fs)
	if p, ok, asked := toldTo(fs, ws); asked {
		// "cust asked to upload photo ID", "advised cust to top up",
		// "cust advised clear app cache": what the user was told to do;
		// nothing when that is no action ("asked cust to confirm exp
		// date" asks for information).
		return p, ok
	}
	if p, ok := note(fs, ws); ok {
		return p, true
	}
	// "cust to call their bank": what the user was told to do.
	if len(ws) > 2 && nounWord(ws[0]) && ws[1] == "to" && !closedClass(ws[2]) {
		if p, ok := told(fs, 2); ok {
			return p, true
		}
	}
	// "sent u another confirm email": the one it was done for may stand
	// before what was done.
	to := 1
	if len(ws) > 2 && ws[1] == "you" {
		to = 2
	}
	if len(ws) < to+1 || !participle(ws[0]) || closedClass(ws[0]) || !(nounWord(ws[to]) || determiners[ws[to]] && !whWords[ws[to]]) {
		return parsed{}, false
	}
	p := parsed{text: joinRaw(fs), verb: ws[0], kind: performed}
	rest := to
	if rest < len(ws) && joinsVerb(ws, rest) {
		p.particle, rest = ws[rest], rest+1
	}
	p.object = objectPhrase(ws[rest:])
	if len(p.object) == 0 {
		return parsed{}, false
	}
	p.finish(fs, ws, 0, rest)
	return p, p.action
}

// note recognises a noun phrase and a participle ("card frozen", "new link
// sent to the customer"), the participle last or before a preposition. The
// note is short (at most maxNote words up to the participle) and its noun
// phrase has no pronoun or other closed-class word but a determiner.
func note(fs []field, ws []string) (parsed, bool) {
	const maxNote = 4
	for j := 0; j < len(ws) && j <= maxNote; j++ {
		w := ws[j]
		if j > 0 && (w == "is" || w == "are" || w == "was" || w == "were" || w == "been") {
			continue // "refund is requested on my side"
		}
		if j == 0 || !participle(w) || closedClass(w) {
			if !nounWord(w) && !(j == 0 && determiners[w]) {
				return parsed{}, false
			}
			continue
		}
		if j+1 < len(ws) && !stops[ws[j+1]] && !adverb(ws[j+1]) && !particles[ws[j+1]] {
			return parsed{}, false
		}
		obj := objectPhrase(ws[:j])
		if len(obj) == 0 {
			return parsed{}, false
		}
		p := parsed{text: joinRaw(fs), verb: w, object: obj, kind: performed, action: true}
		p.escalation = handOverVerbs[Stem(p.verb)] && handsOver(ws[j+1:])
		return p, true
	}
	return parsed{}, false
}

// nounWord reports whether w may stand in a note's noun phrase: a content
// word, no contraction, frame word, number or interjection.
func nounWord(w string) bool {
	return w != "" && !closedClass(w) && !frameWords[w] && !interjections[w] && !numeric(w) &&
		!strings.Contains(strings.TrimSuffix(w, "'s"), "'")
}

// toldTo reads a note of what the user was asked or advised to do: a verb
// of request as a participle, with the user before or after it, then what
// they were told, after "to" or bare ("asked cust to re-add card details",
// "cust asked to upload photo ID", "cust advised clear app cache"). asked
// reports the shape; ok whether what they were told is an action, which
// is then the note's, done by the agent's advice.
func toldTo(fs []field, ws []string) (p parsed, ok, asked bool) {
	at := -1
	for i := 0; i < len(ws) && i <= 2; i++ {
		if participle(ws[i]) && requestVerbs[baseStem(ws[i])] {
			at = i
			break
		}
	}
	if at < 0 {
		return parsed{}, false, false
	}
	i := at + 1
	if at == 0 && i < len(ws) && nounWord(ws[i]) && i+1 < len(ws) && ws[i+1] == "to" {
		i++ // "asked cust to …": the user after the verb
	}
	if i < len(ws) && ws[i] == "to" {
		i++
	}
	if i >= len(ws) || closedClass(ws[i]) {
		return parsed{}, false, false
	}
	p, ok = told(fs, i)
	return p, ok, true
}

// told reads fs[from:] as what the user was told to do, a request, and
// makes it the note's: an act of the agent's advice. ok is false when it
// is no action.
func told(fs []field, from int) (parsed, bool) {
	p, ok := asRequest(joinRaw(fs[from:]))
	if !ok {
		return parsed{}, false
	}
	p.kind, p.text = performed, joinRaw(fs)
	return p, true
}
