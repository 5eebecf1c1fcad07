package attempt

import "strings"

// An agent may state what it did as the state the thing is now in, with
// no verb of doing: "a link to set a new password is on its way to your
// inbox", "the lock is off your account", "the money is back in your
// balance", "a new verification link has just gone out to your inbox".
// The same shape describes the user's problem ("your transfer is in
// progress") or the world ("the restaurant is in the city centre"), so,
// as with a note, a state is read only where the conversation says the
// turn did something: the user's next reply states how it went (see
// Extract), and nothing else in the turn is read (see parseTurnAnswered).
// Never in a question ("your card is in the post office?"), nor when it
// is said to last ("still") or denied.

// statePreps are the prepositions that put a thing in a place or take it
// out of one: "in your inbox", "on its way", "off your account". After
// "back" any preposition does ("back to normal", "back in your balance").
var statePreps = set("in", "into", "on", "onto", "off")

// maxSubject bounds the words of a state's subject: "a copy of the
// document you requested" is seven.
const maxSubject = 8

// stateReport reads a clause as a result stated as a state: a noun phrase
// opened by a determiner (or "there is" and one), then
//   - a copula and a place, a preposition with its noun phrase, "back"
//     before it or not ("is on its way to you now", "is off your account",
//     "is back in your available balance"): the verb is the preposition
//     and the place's head noun ("on way"), or
//   - "has" or "have" and a participle with a particle ("has gone out to
//     your inbox", "has gone through"): the verb is the participle and
//     particle.
//
// The object is the subject's noun phrase. Words of the turn only: no
// table names a thing or a place.
func stateReport(fs []field) (parsed, bool) {
	ws := norms(fs)
	from := 0
	for from < len(ws) && (fillers[ws[from]] || ws[from] == "") {
		from++
	}
	for _, w := range ws[from:] {
		if w == "still" || negations[w] {
			return parsed{}, false // "your card is still on hold": the problem
		}
	}
	existential := false
	switch {
	case from < len(ws) && (ws[from] == "there's" || ws[from] == "theres"):
		from, existential = from+1, true
	case from+1 < len(ws) && ws[from] == "there" && (ws[from+1] == "is" || ws[from+1] == "are"):
		from, existential = from+2, true
	}
	if from >= len(ws) || !determiners[ws[from]] || whWords[ws[from]] {
		return parsed{}, false
	}
	for i := from + 1; i < len(ws) && i <= from+maxSubject; i++ {
		w := ws[i]
		var verb []string
		switch {
		case existential:
			// "there's another card on its way to you": the subject ends
			// where its place begins.
			verb = place(ws, i)
		case w == "is" || w == "are":
			verb = place(ws, skipAdverbs(ws, i+1))
		case w == "has" || w == "have":
			verb = gone(ws, skipAdverbs(ws, i+1))
		}
		if verb == nil {
			if auxiliaries[w] || conditionWords[w] || w == "because" || w == "so" || w == "but" || w == "and" {
				return parsed{}, false // another clause's verb, or another clause
			}
			continue
		}
		obj := objectPhrase(ws[from:i])
		if len(obj) == 0 {
			return parsed{}, false
		}
		return parsed{text: joinRaw(fs), verb: strings.Join(verb, " "), object: obj, kind: performed, action: true, state: true}, true
	}
	return parsed{}, false
}

// skipAdverbs returns the index of the first word at or after i that is
// no adverb ("is now in your inbox", "has just gone out").
func skipAdverbs(ws []string, i int) int {
	for i < len(ws) && adverb(ws[i]) {
		i++
	}
	return i
}

// place reads a place at i, a preposition of statePreps (or "back" and any
// preposition) and a noun phrase, and returns the preposition and the
// phrase's head noun ("on way", "back in balance"), or nil.
func place(ws []string, i int) []string {
	var out []string
	if i < len(ws) && ws[i] == "back" {
		out, i = append(out, "back"), i+1
		if i == len(ws) || !stops[ws[i]] && !statePreps[ws[i]] {
			return nil
		}
	} else if i == len(ws) || !statePreps[ws[i]] {
		return nil
	}
	k := i + 1
	for k < len(ws) && determiners[ws[k]] {
		k++
	}
	if k == len(ws) || ws[k] == "" || closedClass(ws[k]) || numeric(ws[k]) {
		return nil // "the app is down for everyone", "it's in 3 days"
	}
	np := objectPhrase(ws[i+1:])
	if len(np) == 0 {
		return nil
	}
	return append(out, ws[i], np[len(np)-1])
}

// gone reads at i a participle and a particle ("gone out", "gone
// through") and returns them, or nil. "been" is left to passive.
func gone(ws []string, i int) []string {
	if i+1 >= len(ws) || ws[i] == "been" || !participle(ws[i]) || closedClass(ws[i]) {
		return nil
	}
	if p := ws[i+1]; particles[p] || p == "through" {
		return []string{ws[i], p}
	}
	return nil
}
