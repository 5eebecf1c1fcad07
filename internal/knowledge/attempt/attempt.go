package attempt

import (
	"slices"
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/outcome"
)

// Turn is a message of a conversation as Extract reads it.
type Turn = fathom.Message

// Attempt is one proposal an agent made or one thing the agent did, and
// its outcome.
type Attempt struct {
	// Turn is the index in the messages of the assistant message.
	Turn int
	// Action is the action phrase as said, without its frame ("can you",
	// "I've"): "check if your card is expired".
	Action string
	// Phrase is the verb–object phrase read from the action's structure.
	Phrase Phrase
	// Key is the phrase in snake_case as this turn said it
	// ("ordered_replacement_card"); the tenant's learned solution may name
	// the action differently.
	Key string
	// Terms are the sorted stems of the phrase, for matching resolution
	// notes.
	Terms []string
	// Steps are the turn's navigation instructions ("go to Settings >
	// Billing"), Prerequisites its stated conditions on the user ("if you
	// still have the card").
	Steps, Prerequisites []string
	// Escalation marks an attempt that hands the conversation over to
	// another team or level rather than fixing anything.
	Escalation bool
	// offer marks an agent asking whether to act ("shall I reset it?"):
	// the reply consents or declines, and when the agent then does it,
	// the result belongs to the doing (see Extract).
	offer bool
	// askedTried marks an attempt put as a question whether the user
	// tried it ("have you tried restarting?"): a bare "yes" to it is a
	// failure (tried, still here), a bare "no" says nothing of it.
	askedTried bool
	// navigation marks a turn that only gives navigation steps ("go to
	// Settings > Cards, then tap Freeze").
	navigation bool
	// Outcome is what became of the attempt, and Confidence how directly
	// that was known (see Extract).
	Outcome    outcome.Outcome
	Confidence float64
}

// Confidences of outcomes not stated by the user.
const (
	confResolved      = 0.6  // the last attempt before a resolve
	confResolvedNotes = 0.75 // ... and the notes name it
	confNotesCredit   = 0.7  // an earlier attempt the notes name as the fix
	confNotesFailure  = 0.5  // the notes say it was not fixed or was escalated
	confLaterReplied  = 0.4  // another attempt followed an unclear reply
	confLaterSilent   = 0.3  // another attempt followed with no reply at all
)

// Extract returns the attempts in msgs, in order, with their outcomes:
//   - the user's replies up to the next attempt, through outcome.Classify:
//     the last success or failure stated wins; replies to an agent's
//     question that does not ask how the attempt went (a question for
//     details, "anything else?") answer that question and are skipped;
//     once the agent has spoken again, only a result stated outright
//     overrules one already stated, and none does once the user stated a
//     failure and the agent then said something that asks nothing (its
//     next step, read or not); assent to a hand-over is pending;
//   - a turn no proposal shape reads is read as a note ("card frozen")
//     when the user's next reply states how it went (see note.go), or
//     failing that as a proposal even if it asks for information ("could
//     you confirm the account number you sent it to?" "yes, it's going
//     through now": the reply says it asked the user to do something) or
//     as a result stated as a state ("the lock is off your account");
//   - if unclear and another attempt followed, failure (confidence 0.4, or
//     0.3 with no reply at all); so too a success read from a reply that
//     does not state the result (politeness, "thanks", or the learned
//     weights alone: confidence below 0.7) when the agent then tried
//     another fix, not a hand-over nor a closing that asks for anything
//     else: the agent's next move says more than the reply's tone;
//   - for the last attempt of a resolved conversation, success (0.6; 0.75
//     if the notes name it) unless the notes say it was not fixed or was
//     escalated (failure, 0.5), or credit an earlier attempt, which then
//     succeeds (0.7) while the last becomes unknown;
//   - for the last attempt of an open conversation, pending if the user
//     said they would try, else unknown (confidence 0): abandoned;
//   - an offer followed by the agent doing it (same verb) is unknown: the
//     reply to it consented or declined, the result is the doing's.
//
// Stated replies always win over inference. notes should be the resolution
// notes written by a person; generated notes repeat the last assistant turn
// and would only confirm the resolve inference.
func Extract(msgs []fathom.Message, resolved bool, notes string) []Attempt {
	var out []Attempt
	for i, m := range msgs {
		if m.Role != fathom.RoleAssistant {
			continue
		}
		p, steps, conds, ok := parseTurn(m.Content)
		if !ok && resultFollows(msgs[i+1:]) {
			p, ok = parseNote(m.Content)
			if !ok {
				p, steps, conds, ok = parseTurnAnswered(m.Content, true)
			}
		}
		if !ok {
			continue
		}
		ph := p.phrase()
		terms := slices.Compact(slices.Sorted(slices.Values(ph.Stems())))
		out = append(out, Attempt{Turn: i, Action: p.text, Phrase: ph, Key: ph.Key(), Terms: terms,
			Steps: steps, Prerequisites: conds, Escalation: p.escalation, offer: p.offer, askedTried: p.askedTried, navigation: p.step, Outcome: outcome.Unknown})
	}
	out = mergeDirections(out, msgs)
	for k := range out {
		end := len(msgs)
		if k+1 < len(out) {
			end = out[k+1].Turn
		}
		replied := readReplies(&out[k], msgs[out[k].Turn+1:end])
		if k+1 < len(out) && out[k].offer && sameVerb(out[k], out[k+1]) {
			// "Shall I reset it?" "yes please" "I've reset it": the
			// reply consented, the next attempt is the act offered and
			// its reply says how it went.
			out[k].Outcome, out[k].Confidence = outcome.Unknown, 0
			continue
		}
		if k+1 < len(out) && out[k].Outcome == outcome.Success && out[k].Confidence < confFollowed &&
			!out[k+1].Escalation && !asksSomethingElse(msgs[out[k+1].Turn].Content) {
			// "thanks" or a reply only the learned weights read as
			// success, and the agent then tried another fix (not a
			// hand-over, nor a closing that asks for anything else):
			// the agent's next move says it did not work.
			out[k].Outcome, out[k].Confidence = outcome.Failure, confLaterReplied
			continue
		}
		if out[k].Outcome.Decided() || k+1 == len(out) {
			continue
		}
		out[k].Outcome, out[k].Confidence = outcome.Failure, confLaterSilent
		if replied {
			out[k].Confidence = confLaterReplied
		}
	}
	if len(out) > 0 {
		settleLast(out, resolved, notes)
	}
	return out
}

// resultFollows reports whether the user's first reply in msgs, before
// the agent speaks again, states how something went (a success or a
// failure, beyond a bare assent or denial): the turn before it did
// something, and may be read as a note (see parseNote).
func resultFollows(msgs []fathom.Message) bool {
	for _, m := range msgs {
		switch m.Role {
		case fathom.RoleAssistant:
			return false
		case fathom.RoleUser:
			o, c := outcome.Classify(m.Content)
			return o.Decided() && c >= confBare
		}
	}
	return false
}

// Confidences that a reply must reach.
const (
	// confRestate: after the agent has spoken again, a reply overrules
	// an outcome already stated only by stating the result outright
	// ("oh no, it's failing again"), not by a farewell ("nothing else,
	// bye") or politeness.
	confRestate = 0.85
	// confConsent: below it, a reply to a hand-over that reads as
	// success is consent ("fine, pass it on"); the result is to come.
	confConsent = 0.85
	// confBare: below it a reply is a bare assent or denial ("yes",
	// "no"), which answers a question rather than reporting a result.
	confBare = 0.6
	// confFollowed: below it, a success read from a reply that does not
	// state the result (politeness, or the learned weights alone) gives
	// way to the agent's next move when that move is another fix.
	confFollowed = 0.7
)

// readReplies sets a's outcome from the user's replies in msgs, the
// messages after it up to the next attempt, and reports whether the user
// replied. A reply answers the agent's last message: after a question for
// something else ("what is your account number?", "anything else?") the
// user answers that, and the reply is skipped.
func readReplies(a *Attempt, msgs []fathom.Message) (replied bool) {
	listening, again, said := true, false, false
	for _, m := range msgs {
		if m.Role == fathom.RoleAssistant {
			listening = !asksSomethingElse(m.Content)
			again = true
			// After a failure the user stated, a statement that asks
			// nothing ("replacement ordered, ships in 3 days") is the
			// agent's next step, even one this reading did not
			// recognise: a result stated after it is that step's. (After
			// a success it is a closing, and "it's failing again"
			// still overrules.)
			said = said || a.Outcome == outcome.Failure && stated(*a) && !outcome.Asks(m.Content)
			continue
		}
		if m.Role != fathom.RoleUser || !listening {
			continue
		}
		replied = true
		o, c := outcome.Classify(m.Content)
		if a.Escalation && o == outcome.Success && c < confConsent {
			o = outcome.Pending
		}
		if a.askedTried && c < confBare && !again {
			switch o {
			case outcome.Success: // "yes": tried, and still here
				o = outcome.Failure
			case outcome.Failure: // "no": not tried yet
				o, c = outcome.Unknown, 0
			}
		}
		switch {
		case again && a.Outcome.Decided() && (c < confRestate || said):
		case o.Decided() || o == outcome.Pending && !a.Outcome.Decided():
			a.Outcome, a.Confidence = o, c
		}
	}
	return replied
}

// settleLast infers the last attempt's outcome when the user did not state
// it, from the resolve and the notes.
func settleLast(out []Attempt, resolved bool, notes string) {
	last := &out[len(out)-1]
	if last.Outcome.Decided() {
		return
	}
	if !resolved {
		if last.Outcome != outcome.Pending {
			last.Outcome, last.Confidence = outcome.Unknown, 0
		}
		return
	}
	if notesSayUnfixed(notes) {
		last.Outcome, last.Confidence = outcome.Failure, confNotesFailure
		return
	}
	credited := notesCredit(out, notes)
	switch {
	case credited == len(out)-1:
		last.Outcome, last.Confidence = outcome.Success, confResolvedNotes
	case credited >= 0 && !stated(out[credited]):
		out[credited].Outcome, out[credited].Confidence = outcome.Success, confNotesCredit
		last.Outcome, last.Confidence = outcome.Unknown, 0
	default:
		last.Outcome, last.Confidence = outcome.Success, confResolved
	}
}

// stated reports whether a's outcome came from the user's own words rather
// than from inference, which notes must not overrule.
func stated(a Attempt) bool {
	return a.Outcome.Decided() && a.Confidence > confLaterReplied
}

// sameVerb reports whether two attempts name the same act: the same verb,
// whatever its form ("book" offered, "booked" done).
func sameVerb(a, b Attempt) bool {
	va, vb := strings.Fields(a.Phrase.Verb), strings.Fields(b.Phrase.Verb)
	return len(va) > 0 && len(vb) > 0 && baseStem(va[0]) == baseStem(vb[0])
}

func baseStem(w string) string {
	if b, ok := irregular[w]; ok {
		w = b
	}
	return Stem(w)
}

// mergeDirections folds into the attempt before it a turn that only gives
// navigation steps, when the user asked how to do it or said nothing in
// between ("Please freeze your card." "where is that?" "Go to Settings >
// Cards, then tap Freeze."): the steps tell how to do the same thing, they
// are no new attempt, and the earlier one was not tried and failed.
func mergeDirections(out []Attempt, msgs []fathom.Message) []Attempt {
	merged := out[:0]
	for _, a := range out {
		if len(merged) > 0 && a.navigation && !a.Escalation && onlyQuestions(msgs[merged[len(merged)-1].Turn+1:a.Turn]) {
			prev := &merged[len(merged)-1]
			prev.Steps = append(append(prev.Steps, a.Action), a.Steps...)
			prev.Prerequisites = append(prev.Prerequisites, a.Prerequisites...)
			continue
		}
		merged = append(merged, a)
	}
	return merged
}

// onlyQuestions reports whether every user message in msgs asks
// something without saying how an attempt went ("where do I find
// that?"); true when there is none.
func onlyQuestions(msgs []fathom.Message) bool {
	for _, m := range msgs {
		if m.Role != fathom.RoleUser {
			continue
		}
		if !asksSomethingElse(m.Content) {
			return false
		}
	}
	return true
}

// asksSomethingElse reports whether text asks a question that is not how an
// attempt went ("what is your account number?", "where do I find that?"):
// its answer is no result.
func asksSomethingElse(text string) bool {
	return outcome.Asks(text) && !outcome.AsksResult(text)
}
