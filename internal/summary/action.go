package summary

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/textproc"
	"github.com/fathom-oss/fathom/internal/transcript"
)

// maxActions caps the action items of one meeting: past a dozen, a list of
// next steps stops being read.
const maxActions = 12

// kind is what sort of action a pattern found.
type kind int

const (
	commitI   kind = iota // "I'll send the deck": the speaker's
	commitWe              // "we need to fix the bug", "let's schedule": the team's
	request               // "can you update the roadmap": the addressee's
	named                 // "John will send the notes": the named person's
	explicit              // "action item: ...": whoever it names, if anyone
	whitelist             // "let me ..."/"let's ...": only verbs of work after the meeting
)

// pattern is a phrase opening an action and what it means.
type pattern struct {
	words []string
	kind  kind
	mine  bool // first person singular: assigned to the speaker
}

func pat(s string, k kind, mine bool) pattern { return pattern{strings.Fields(s), k, mine} }

// patterns are tried at every clause start, longest first within a kind.
var patterns = []pattern{
	pat("action items", explicit, false), pat("action item", explicit, false), pat("action point", explicit, false),
	pat("next steps", explicit, false), pat("next step", explicit, false), pat("to-do", explicit, false),
	pat("todo", explicit, false),
	pat("i'll take the action to", commitI, true), pat("i'll take an action to", commitI, true),
	pat("i'm going to", commitI, true), pat("i am going to", commitI, true), pat("i'm gonna", commitI, true),
	pat("i am gonna", commitI, true), pat("i'll", commitI, true), pat("i will", commitI, true),
	pat("i shall", commitI, true), pat("i need to", commitI, true), pat("i have to", commitI, true),
	pat("i've got to", commitI, true), pat("i must", commitI, true), pat("let me", whitelist, true),
	pat("i should be able to", commitI, true), pat("i'll be able to", commitI, true), pat("i can", commitI, true),
	pat("i'm happy to", commitI, true), pat("i am happy to", commitI, true), pat("i should", commitI, true),
	pat("we're going to", commitWe, false), pat("we are going to", commitWe, false), pat("we're gonna", commitWe, false),
	pat("we'll", commitWe, false), pat("we will", commitWe, false), pat("we need to", commitWe, false),
	pat("we have to", commitWe, false), pat("we've got to", commitWe, false), pat("we must", commitWe, false),
	pat("let's", whitelist, false), pat("let us", whitelist, false),
	pat("i need you to", request, false), pat("i'd like you to", request, false), pat("i want you to", request, false),
	pat("would you be able to", request, false), pat("could you be able to", request, false),
	pat("your action item is to", request, false), pat("if you could", request, false), pat("if you can", request, false),
	pat("can you", request, false), pat("could you", request, false),
	pat("will you", request, false), pat("please", request, false),
	pat("you'll", request, false), pat("you will", request, false), pat("you're going to", request, false),
	pat("please could you", request, false), pat("please can you", request, false), pat("please would you", request, false),
	pat("can i ask you to", request, false), pat("i'd ask you to", request, false), pat("i'm asking you to", request, false),
	pat("make sure you", request, false), pat("make sure to", request, false), pat("don't forget to", request, false),
	pat("remember to", request, false), pat("can i get you to", request, false), pat("could i get you to", request, false),
	pat("you should", request, false), pat("you need to", request, false), pat("you have to", request, false),
	pat("would you please", request, false), pat("would you", request, false), pat("is it possible for you to", request, false),
	pat("would it be possible for you to", request, false), pat("any chance you could", request, false),
	pat("any chance you can", request, false), pat("i'm counting on you to", request, false),
	pat("i promise to", commitI, true), pat("i promise i'll", commitI, true),
	pat("i could", commitI, true), pat("you could", request, false), pat("you can", request, false),
	pat("over to you to", request, false), pat("it's over to you to", request, false), pat("go ahead and", request, false),
	pat("would you mind", request, false), pat("do you mind", request, false), pat("would it be possible to", request, false),
	pat("is there any way you could", request, false), pat("any way you could", request, false),
	pat("i was hoping you could", request, false), pat("i was hoping you'd", request, false), pat("i'm hoping you can", request, false),
	pat("why don't you", request, false), pat("how about you", request, false),
	pat("you might want to", request, false), pat("you may want to", request, false),
	pat("i plan to", commitI, true), pat("i'm planning to", commitI, true), pat("i am planning to", commitI, true),
	pat("i intend to", commitI, true), pat("i volunteer to", commitI, true), pat("i'll volunteer to", commitI, true),
	pat("i have the action to", commitI, true), pat("i've got the action to", commitI, true), pat("i've got an action to", commitI, true),
	pat("we plan to", commitWe, false), pat("we're planning to", commitWe, false),
	pat("i might be able to", commitI, true), pat("i may be able to", commitI, true),
	pat("shall i", commitI, true), pat("should i", commitI, true),
	pat("you'll want to", request, false), pat("you will want to", request, false),
	pat("it's on you to", request, false), pat("it is on you to", request, false),
	pat("you are to", request, false), pat("you're to", request, false), pat("you please", request, false),
	pat("you said you'd", request, false), pat("you said you would", request, false), pat("you said you'll", request, false),
	pat("you promised to", request, false), pat("you promised you'd", request, false), pat("you offered to", request, false),
	pat("you mentioned you'd", request, false), pat("you agreed to", request, false),
	pat("if you'd", request, false), pat("if you would", request, false),
	pat("i'll leave it to you to", request, false), pat("i'll leave you to", request, false), pat("leave it to you to", request, false),
	pat("can i leave you to", request, false), pat("could i leave you to", request, false),
	pat("we're counting on you to", request, false), pat("i'm relying on you to", request, false), pat("we're relying on you to", request, false),
	pat("i'm putting you down to", request, false), pat("i'll put you down to", request, false), pat("i'm putting you down for", request, false),
	pat("could i trouble you to", request, false), pat("can i trouble you to", request, false),
	pat("can i ask that you", request, false), pat("could i ask you to", request, false), pat("may i ask you to", request, false),
}

func init() {
	// Longest first: "please could you" before "please".
	sort.SliceStable(patterns, func(a, b int) bool { return len(patterns[a].words) > len(patterns[b].words) })
}

// addressOnly are patterns that make an action only when it is addressed to
// someone by name or has a due date: "I can ..." and "you'll ..." are as
// often said of how things work as of work to do, "would you ...?" of what
// someone would do.
var addressOnly = map[string]bool{"i can": true, "i'll be able to": true, "please": true, "i could": true, "you could": true, "you can": true, "i should": true, "you'll": true, "you will": true, "you're going to": true,
	"make sure you": true, "make sure to": true, "remember to": true, "don't forget to": true,
	"you should": true, "you need to": true, "you have to": true, "would you": true, "go ahead and": true,
	"i might be able to": true, "i may be able to": true, "shall i": true, "should i": true,
	"you'll want to": true, "you will want to": true, "you are to": true, "you're to": true, "you please": true,
	"you said you'd": true, "you said you would": true, "you said you'll": true, "you promised to": true,
	"you promised you'd": true, "you offered to": true, "you mentioned you'd": true, "you agreed to": true,
	"would it be possible to": true, "why don't you": true, "how about you": true, "you might want to": true, "you may want to": true}

// gerundTaking are patterns whose verb comes in the -ing form: "would you
// mind sending …".
var gerundTaking = map[string]bool{"would you mind": true, "do you mind": true}

// delegations open "let's have John send the notes": the person named does it.
var delegations = [][]string{{"let's", "have"}, {"let's", "get"}, {"let's", "ask"}, {"let", "us", "have"},
	{"we'll", "have"}, {"can", "we", "have"}, {"can", "we", "get"}, {"can", "we", "ask"},
	{"could", "we", "have"}, {"could", "we", "get"}, {"could", "we", "ask"},
	{"i'm", "asking"}, {"i", "am", "asking"}, {"we're", "asking"}, {"i'll", "let"},
	{"i'm", "gonna", "need"}, {"i'm", "going", "to", "need"}, {"we're", "gonna", "need"}, {"we're", "going", "to", "need"}, {"i'd", "like"}, {"i", "want"},
	{"i", "need"}, {"we", "need"}, {"i'll", "ask"}, {"i'll", "get"}, {"i'd", "ask"}, {"i", "would", "like"},
	{"i'll", "need"}, {"we'll", "need"}, {"i'd", "like", "to", "ask"}, {"can"}, {"could"}, {"will"}, {"would"}}

// namedModals follow a person's name in "John will send the notes".
var namedModals = []pattern{
	pat("will", named, false), pat("is going to", named, false), pat("'s going to", named, false),
	pat("is gonna", named, false), pat("needs to", named, false), pat("has to", named, false), pat("to", named, false),
	pat("should", named, false), pat("can", named, false), pat("could", named, false), pat("has agreed to", named, false), pat("agreed to", named, false),
	pat("has offered to", named, false), pat("offered to", named, false),
	pat("is responsible for", named, false), pat("is in charge of", named, false), pat("is to", named, false),
	pat("promised to", named, false), pat("has promised to", named, false), pat("volunteered to", named, false),
	pat("has volunteered to", named, false), pat("kindly offered to", named, false),
	pat("said he'd", named, false), pat("said she'd", named, false), pat("said they'd", named, false),
	pat("said he would", named, false), pat("said she would", named, false), pat("said they would", named, false),
	pat("said he'll", named, false), pat("said she'll", named, false), pat("said he will", named, false), pat("said she will", named, false),
	pat("has the action to", named, false), pat("has an action to", named, false), pat("has the action item to", named, false),
}

// found is one action pattern matched in a sentence.
type found struct {
	kind       kind
	mine       bool
	assignee   person
	addressed  person   // the one named as spoken to ("John, I'll send you ..."), if anyone
	sure       bool     // addressed by name or due on a day: looser checks of the verb
	offer      bool     // "okay, I can …" after an acceptance: the object must say more
	offerQ     bool     // "shall I …?": an offer put as a question
	imperative bool     // "Raj, just send …": an imperative to someone named
	vp         []string // the verb phrase, original words
	tail       []string // the words after it, as said
	before     []string // the words of the sentence before the action's clause, as said
	score      float64
	due        time.Time // resolved due date, zero when none
	dueWords   []string  // the due phrase as said, moved to the description's end
}

// ActionItems extracts the commitments and requests of a meeting as short
// imperative English descriptions ("Send the deck by Friday"), assigned to
// the speaker for "I'll ...", to the person named or addressed for "John,
// can you ..." and "John will ...", and to no one for "we need to ...".
// Names are matched against the speakers and invitees to fill the email.
// Near-duplicates are merged and at most maxActions are kept, the most
// explicit first. The patterns are English: for a meeting whose m.Language
// is another language it returns nil rather than guess.
func ActionItems(items []fathom.TranscriptItem, invitees []fathom.Invitee, m Meta) []fathom.ActionItem {
	if m.Language != "" && m.Language != "en" {
		return nil
	}
	ppl := newPeople(items, invitees)
	var out []found
	var ats []int // index of the utterance of each found
	for i, it := range items {
		for _, raw := range splitSentences(it.Text) {
			f, ok := extract(raw, it.Speaker, ppl)
			if !ok {
				continue
			}
			if f.kind == request && f.assignee.name == "" {
				f.assignee = addressee(items, i, ppl)
			}
			if f.addressed.name == "" {
				f.addressed = f.assignee
				if f.kind != request {
					f.addressed = previousSpeaker(items, i, ppl)
				}
			}
			if !m.Date.IsZero() {
				f.resolveDue(m.Date)
			}
			out, ats = append(out, f), append(ats, i)
		}
	}
	var actions []fathom.ActionItem
	var scores []float64
	var terms [][]string
	for k, f := range out {
		core := describe(f, ppl.named(items[ats[k]].Speaker))
		a := fathom.ActionItem{Description: withDue(core, f), At: items[ats[k]].At, Due: f.due,
			AssigneeName: f.assignee.name, AssigneeEmail: f.assignee.email,
			AssigneeTeam: m.Teams[strings.ToLower(f.assignee.email)]}
		ts := textproc.Terms(core)
		if d := duplicate(terms, ts); d >= 0 {
			if actions[d].AssigneeName == "" {
				actions[d].AssigneeName, actions[d].AssigneeEmail, actions[d].AssigneeTeam = a.AssigneeName, a.AssigneeEmail, a.AssigneeTeam
			}
			if actions[d].Due.IsZero() && !a.Due.IsZero() {
				actions[d].Description, actions[d].Due = a.Description, a.Due
			}
			continue
		}
		actions, scores, terms = append(actions, a), append(scores, f.score), append(terms, ts)
	}
	if len(actions) > maxActions {
		idx := make([]int, len(actions))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] > scores[idx[b]] })
		idx = idx[:maxActions]
		sort.Ints(idx)
		kept := make([]fathom.ActionItem, len(idx))
		for i, j := range idx {
			kept[i] = actions[j]
		}
		actions = kept
	}
	return actions
}

// extract finds the first action in a sentence, trying each clause start.
func extract(raw, speaker string, ppl *people) (found, bool) {
	words := dropFillers(cleft(peelFalseStart(strings.Fields(strings.ReplaceAll(raw, "’", "'"))), ppl))
	words, inner := innerAside(words, ppl)
	lower := bareAll(words)
	if joking(lower) {
		return found{}, false
	}
	// "I'll send it by Friday, okay?" is a promise with a tag question.
	question := strings.HasSuffix(raw, "?") && !tagQuestion(words, lower, ppl)
	for s := 0; s < len(words); s++ {
		// "if you could …" asks, but not after a word of knowing or
		// wondering: "I don't know if you could get a mirror effect".
		polite := politeIf(lower[s:], ppl) && !(s > 0 && (mindHeads[lower[s-1]] || lower[s-1] == "sure"))
		if s > 0 && !clauseBoundary(words[s-1], lower[s-1]) && !polite && !shortOpener(words[:s], wordAt(lower, s)) &&
			!frameStart(lower[:s], lower[s:], ppl) {
			continue
		}
		if conditional(lower[:s]) && !polite {
			return found{}, false
		}
		vw, vl := words[:s], lower[:s]
		if n := len(vl); n > 1 && (vl[n-1] == "-" || vl[n-1] == "—" || vl[n-1] == "–") {
			vw, vl = vw[:n-1], vl[:n-1] // "Raj — send the deck by Friday"
		}
		voc := vocative(vw, vl, ppl)
		if voc.name == "" {
			voc = trailingName(words, lower, ppl) // "can you send me the contract, Bob?"
		}
		if voc.name == "" {
			voc = leadingName(words[:s], lower[:s], ppl) // "Bob, it'd be great if you could ..."
		}
		if voc.name == "" {
			voc = inner // "could you, Raj, send …"
		}
		f, ok := matchAt(words, lower, s, speaker, ppl, voc)
		// A question can be a request ("can you ...?") or an offer ("shall
		// I send it by Friday?") but not a promise.
		if !ok || (question && f.kind != request && !f.offerQ) {
			continue
		}
		if f.kind == request && f.assignee.name == "" {
			f.assignee = voc
		}
		if f.kind != named && f.kind != explicit && (voc.name != "" || f.addressed.name == "") {
			f.addressed = voc
		}
		f.before = words[:s]
		f.antecedent()
		return f, true
	}
	return found{}, false
}

// matchAt tries the patterns at clause start s.
func matchAt(words, lower []string, s int, speaker string, ppl *people, voc person) (found, bool) {
	k := s
	for k < len(lower) && (openerMarkers[lower[k]] || discourseAdverb(words, lower, k) || lone(words, lower, k, ppl)) {
		k++
	}
	// "Please Raj to send …": a name after "please" is spoken to.
	if wordAt(lower, k) == "please" {
		if who, n := ppl.match(lower[k+1:]); n > 0 {
			k++
			if voc.name == "" {
				voc = who
			}
		}
	}
	if k+1 < len(lower) && (lower[k] == "i" || lower[k] == "you") && lower[k+1] == "think" {
		k += 2 // "I think I'll ...", "do you think you could ..." are still a promise, a request
	} else if k+2 < len(lower) && lower[k] == "do" && lower[k+1] == "you" && lower[k+2] == "think" {
		k += 3
	}
	// "Maybe I'll send it" is too unsure to be a task, unless it is due on
	// a day ("maybe I'll send it by Friday" is a soft promise) or puts
	// someone named or spoken to forward ("maybe Priya can ...", "Dana,
	// perhaps you could ...").
	// "I guess I'll …", "I suppose I'll …" soften a promise, not hedge it.
	if k+2 < len(lower) && lower[k] == "i" && hedges[lower[k+1]] && willFuture(lower[k+2:]) {
		k += 2
	}
	if k < len(lower) && hedges[lower[k]] || (k+1 < len(lower) && lower[k] == "i" && hedges[lower[k+1]]) {
		hedge := 1
		if !hedges[lower[k]] {
			hedge = 2 // "I guess I could ..."
		}
		rest := lower[k+hedge:]
		_, who := ppl.match(rest)
		if !dueAhead(lower[k:]) && who == 0 && !(voc.name != "" && len(rest) > 0 && rest[0] == "you") {
			return found{}, false
		}
		k += hedge
	}
	// "are you able to", "would you be willing to", "are you okay to",
	// "will you be free to": a request put as a question of the
	// addressee's state, whatever the adjective.
	for _, q := range [][]string{{"are", "you"}, {"would", "you", "be"}, {"will", "you", "be"}, {"could", "you", "be"},
		{"you're"}, {"you", "are"}, {"you'd", "be"}} {
		if j := k + len(q); hasPrefix(lower[k:], q) && j+1 < len(lower) && (lower[j+1] == "to" || gerund(lower[j+1]) && !gerund(lower[j])) && !notVerbs[lower[j]] {
			if voc.name == "" && !dueAhead(lower[j:]) {
				return found{}, false
			}
			f := found{kind: request, score: 1.5, sure: true}
			if lower[j+1] != "to" { // "are you okay updating …?"
				return f.withVP(progressive(words, lower, j+1))
			}
			return f.withVP(words, lower, j+2)
		}
	}
	// "your action is to ...", "your job this week is to ...": a task
	// given to the addressee by a noun phrase and "is to".
	if k < len(lower) && lower[k] == "your" && (voc.name != "" || dueAhead(lower[k:])) {
		for j := k + 2; j+1 < len(lower) && j <= k+5; j++ {
			if lower[j] == "is" && lower[j+1] == "to" {
				f := found{kind: request, score: 3, sure: true}
				return f.withVP(words, lower, j+2)
			}
		}
	}
	// "my action is to …", "my job this week is to … by Friday": the
	// speaker's own; without a time or the word "action", "my job is to
	// design the controller" states a role.
	if k < len(lower) && lower[k] == "my" {
		for j := k + 2; j+1 < len(lower) && j <= k+5; j++ {
			anchored := slicesContains(lower[k:j], "action") || dueAhead(lower[j:]) || timeMarker.MatchString(strings.Join(lower[k:], " "))
			if lower[j] == "is" && lower[j+1] == "to" && anchored {
				f := found{kind: commitI, mine: true, score: 3, sure: true}
				if speaker != "" && speaker != transcript.UnknownSpeaker {
					f.assignee = ppl.named(speaker)
				}
				return f.withVP(words, lower, j+2)
			}
		}
	}
	// "I'd be happy to …", "I'll be glad to …": an offer, whatever the
	// adjective ("able" is "can": addressed or due only). The present
	// ("I'm desperate to …", "I'm here to …") says a wish or a purpose.
	for _, q := range [][]string{{"i'd", "be"}, {"i", "would", "be"}, {"i'll", "be"}, {"i", "will", "be"}} {
		j := k + len(q)
		adj := wordAt(lower, j)
		if !hasPrefix(lower[k:], q) || wordAt(lower, j+1) != "to" || adj == "" || notVerbs[adj] || gerund(adj) ||
			adj == "gonna" || adj == "able" || strings.HasSuffix(adj, "ed") || covered(lower[k:], j+2-k) {
			continue
		}
		f := found{kind: commitI, mine: true, score: 1.5, sure: voc.name != "", offer: true}
		if speaker != "" && speaker != transcript.UnknownSpeaker {
			f.assignee = ppl.named(speaker)
		}
		return f.withVP(words, lower, j+2)
	}
	// "put me down to ...", "sign me up for ...": the speaker volunteers.
	if k+3 < len(lower) && lower[k+1] == "me" && (particles[lower[k+2]] || lower[k+2] == "down" || lower[k+2] == "in") && (lower[k+3] == "to" || lower[k+3] == "for") {
		f := found{kind: commitI, mine: true, score: 1.5, sure: true}
		if speaker != "" && speaker != transcript.UnknownSpeaker {
			f.assignee = ppl.named(speaker)
		}
		return f.withVP(words, lower, k+4)
	}
	if f, ok := handedOver(words, lower, k, speaker, ppl, voc); ok {
		return f, true
	}
	// "(it would be great) if Raj could …": a request of someone named.
	if who, vp := ifNamedModal(lower[k:], ppl); vp > 0 {
		f := found{kind: request, assignee: who, score: 1.5, sure: true}
		return f.withVP(words, lower, k+vp)
	}
	// "the action for Raj is to …", "Priya's job is to …", "the next step
	// is for you to …": a task given by a noun phrase that says whose it is.
	// Said of "me" or "you" it needs a day: "the next step is for me to
	// show the slides" is the meeting's own.
	if who, pron, vp := roleClause(lower, k, ppl); vp > 0 && (dueAhead(lower[vp:]) || pron == "" && slices.ContainsFunc(lower[k:vp], func(w string) bool { return explicitNouns[w] })) {
		f := found{kind: named, assignee: who, score: 2, sure: true}
		switch pron {
		case "me":
			f = found{kind: commitI, mine: true, score: 2, sure: true}
			if speaker != "" && speaker != transcript.UnknownSpeaker {
				f.assignee = ppl.named(speaker)
			}
		case "you":
			f = found{kind: request, assignee: voc, score: 2, sure: voc.name != ""}
		}
		return f.withVP(words, lower, vp)
	}
	// "is possible you send …", "is it possible for you to …": a request
	// of possibility, addressed or due.
	if vp := possibleYou(lower, k); vp > 0 && (voc.name != "" || dueAhead(lower[vp:])) {
		f := found{kind: request, score: 1.5, sure: true}
		return f.withVP(words, lower, vp)
	}
	// "you must …", "you ought to …": an obligation put on the one
	// addressed or due on a day.
	if wordAt(lower, k) == "you" || wordAt(lower, k) == "you've" {
		// "you must have seen it" infers: "have" before a participle is a
		// perfect, not a task.
		n := obligation(lower[k+1:])
		if nx := wordAt(lower, k+2+n); wordAt(lower, k+1+n) == "have" && !objectOpeners[nx] && !objectPronouns[nx] {
			n = 0
		}
		if n > 0 && (ppl.known(voc) || dueAhead(lower[k+1+n:])) {
			f := found{kind: request, score: 1.5, sure: voc.name != ""}
			return f.withVP(words, lower, k+1+n)
		}
	}
	// "why don't we get Luis to …", "shall we have Dana …".
	// A suggestion is asked, so it stands as a question too.
	if who, at := suggestedDelegation(lower, k, ppl); at > 0 {
		f := found{kind: request, assignee: who, score: 2, sure: true}
		return f.withVP(words, lower, at)
	}
	for _, d := range delegations {
		if !hasPrefix(lower[k:], d) {
			continue
		}
		who, n := ppl.match(lower[k+len(d):])
		if n == 0 && wordAt(lower, k+len(d)) == "you" && len(d) > 1 && d[0] != "can" && d[0] != "could" && d[0] != "would" {
			// "I'll need you to …", "let's have you …", "I'll let you …":
			// the one spoken to.
			who, n = voc, 1
			if vp := k + len(d) + 1; wordAt(lower, vp) == "to" || d[len(d)-1] == "have" || d[len(d)-1] == "let" {
				if wordAt(lower, vp) == "to" {
					vp++
				}
				f := found{kind: request, assignee: who, score: 2, sure: voc.name != ""}
				return f.withVP(words, lower, vp)
			}
			continue
		}
		if n > 0 {
			vp := k + len(d) + n
			if vp < len(lower) && lower[vp] == "to" {
				vp++
			}
			f := found{kind: named, assignee: who, score: 2, sure: true}
			if d[0] == "can" || d[0] == "could" || d[0] == "would" {
				f.kind = request // "can Dana send the deck?", "could we get Dana to …?"
			}
			return f.withVP(words, lower, vp)
		}
	}
	for _, p := range patterns {
		if !hasPrefix(lower[k:], p.words) {
			continue
		}
		f := found{kind: p.kind, mine: p.mine, score: 1, sure: voc.name != ""}
		if addressOnly[strings.Join(p.words, " ")] {
			// "Okay, I can …" after an acceptance offers to do it.
			if voc.name == "" && !dueAhead(lower[k+len(p.words):]) {
				if !p.mine || !slices.ContainsFunc(lower[s:k], func(w string) bool { return accepts[w] }) && !offerTail(lower) {
					continue
				}
				f.offer = true
			}
			// "you could ..." is advice unless it names someone of the meeting.
			if p.words[0] == "you" && !ppl.known(voc) && !dueAhead(lower[k+len(p.words):]) {
				continue
			}
		}
		vp := k + len(p.words)
		f.offerQ = p.words[0] == "shall" || p.words[0] == "should"
		switch {
		case p.kind == explicit:
			f.score = 3
			for vp < len(lower) && (lower[vp] == "is" || lower[vp] == "for" || lower[vp] == "are" || lower[vp] == "") {
				vp++
			}
			// "action item for me: ...", "action item for John: ..."
			if vp < len(lower) && lower[vp] == "me" && speaker != "" && speaker != transcript.UnknownSpeaker {
				f.assignee, f.sure = ppl.named(speaker), true
				vp++
			} else if who, n := ppl.match(lower[vp:]); n > 0 && vp+n < len(lower) && lower[vp+n] != "to" &&
				lower[vp+n] != "will" && strings.HasSuffix(words[vp+n-1], ":") {
				f.assignee, f.sure = who, true
				vp += n
			}
			if inner, ok := matchAt(words, lower, vp, speaker, ppl, voc); ok {
				inner.score += 3
				return inner, true
			}
			// "Next step: Raj updates the price list" in the minutes' present.
			if who, n := ppl.match(lower[vp:]); n > 0 && vp+n < len(lower) && baseOfThird(lower[vp+n]) != lower[vp+n] && !notVerbs[lower[vp+n]] {
				g := found{kind: named, assignee: who, score: 5, sure: true}
				return g.withVP(withBase(words, vp+n, baseOfThird), withBase(lower, vp+n, baseOfThird), vp+n)
			}
		case p.mine:
			if speaker != "" && speaker != transcript.UnknownSpeaker {
				f.assignee = ppl.named(speaker)
			}
			f.score = 1.5
		}
		// "I'll be sending …", "would you mind sending …": the verb in -ing
		// ("if you'd be watching …" is a supposition, not a request).
		if p.kind != explicit && p.words[0] != "if" {
			if wordAt(lower, vp) == "be" && gerund(wordAt(lower, vp+1)) {
				vp++
			}
			if gerund(wordAt(lower, vp)) && (gerundTaking[strings.Join(p.words, " ")] || wordAt(lower, vp-1) == "be") {
				words, lower = withBase(words, vp, baseOfGerund), withBase(lower, vp, baseOfGerund)
			}
		}
		// "I'll have Raj …", "we'll ask Dana to …": the one named does it.
		if who, at := directive(lower, vp, ppl); at > 0 {
			g := found{kind: named, assignee: who, score: 2, sure: true}
			if f.kind == request {
				g.kind = request
			}
			return g.withVP(words, lower, at)
		}
		return f.withVP(words, lower, vp)
	}
	// "Ask Dana to …", "remind Raj to …" in the imperative.
	if who, at := directive(lower, k, ppl); at > 0 {
		f := found{kind: named, assignee: who, score: 2, sure: true}
		return f.withVP(words, lower, at)
	}
	// "Dana will …", not "Dana, will you …": a name said to someone is not
	// the subject.
	if who, n := ppl.match(lower[k:]); n > 0 && !strings.HasSuffix(words[k+n-1], ",") {
		// "Raj could you …", "Priya can you …": a vocative without its comma.
		if m := wordAt(lower, k+n); (m == "could" || m == "can" || m == "would" || m == "will") && wordAt(lower, k+n+1) == "you" {
			if f, ok := matchAt(words, lower, k+n, speaker, ppl, who); ok {
				if f.kind == request && f.assignee.name == "" {
					f.assignee = who
				}
				return f, true
			}
		}
		for _, p := range namedModals {
			if hasPrefix(lower[k+n:], p.words) {
				f := found{kind: named, assignee: who, score: 2, sure: true}
				return f.withVP(progressive(words, lower, k+n+len(p.words)))
			}
		}
		// "Raj is sending the deck tomorrow": the present progressive of a
		// day to come.
		if vp := k + n + 1; wordAt(lower, vp-1) == "is" && gerund(wordAt(lower, vp)) && dueAhead(lower[vp:]) {
			f := found{kind: named, assignee: who, score: 2, sure: true}
			return f.withVP(progressive(words, lower, vp))
		}
	}
	// "Raj, you're sending the deck tomorrow, aren't you?": the same of
	// the one spoken to.
	for _, subj := range [][]string{{"you're"}, {"you", "are"}} {
		if vp := k + len(subj); hasPrefix(lower[k:], subj) && gerund(wordAt(lower, vp)) && wordAt(lower, vp) != "going" && dueAhead(lower[vp:]) && ppl.known(voc) {
			f := found{kind: request, assignee: voc, score: 1.5, sure: true}
			return f.withVP(progressive(words, lower, vp))
		}
	}
	// "I'm sending the deck tomorrow".
	for _, subj := range [][]string{{"i'm"}, {"i", "am"}} {
		if vp := k + len(subj); hasPrefix(lower[k:], subj) && gerund(wordAt(lower, vp)) && wordAt(lower, vp) != "going" && dueAhead(lower[vp:]) {
			f := found{kind: commitI, mine: true, score: 1.5, sure: true}
			if speaker != "" && speaker != transcript.UnknownSpeaker {
				f.assignee = ppl.named(speaker)
			}
			return f.withVP(progressive(words, lower, vp))
		}
	}
	// "Dana, send me the deck by Friday, please": an imperative to someone
	// named, when it is due on a day or said with please or a courtesy
	// ("Dana, when you have a minute, …").
	imp := k
	if wordAt(lower, imp) == "just" || wordAt(lower, imp) == "kindly" {
		imp++ // "Sara, just set up the stand tomorrow, okay?"
	}
	// "Priya, you renew the lease by Friday": the imperative with its
	// subject said, as long as no modal or auxiliary follows.
	if wordAt(lower, imp) == "you" && modalLen(lower[imp+1:]) == 0 && !tagAux[wordAt(lower, imp+1)] && !strings.Contains(wordAt(lower, imp+1), "'") {
		imp++
		if wordAt(lower, imp) == "just" || wordAt(lower, imp) == "kindly" {
			imp++
		}
		// "Priya, you mind sending …?" is "do you mind sending …?".
		if wordAt(lower, imp) == "mind" && gerund(wordAt(lower, imp+1)) {
			imp++
			words, lower = withBase(words, imp, baseOfGerund), withBase(lower, imp, baseOfGerund)
		}
	}
	if voc.name != "" && s > 0 && imp < len(lower) && (dueAhead(lower[imp:]) || slicesContains(lower, "please") || courtesy(lower[:s]) || trailingCourtesy(lower)) &&
		!notVerbs[lower[imp]] && !textproc.IsStopword(lower[imp]) {
		f := found{kind: request, assignee: voc, score: 1.5, sure: true, imperative: true}
		if g, ok := f.withVP(words, lower, imp); ok {
			return g, true
		}
	}
	// "Raj'll send it": the name and "will" in one word.
	if k < len(lower) && strings.HasSuffix(lower[k], "'ll") {
		if who, n := ppl.match([]string{strings.TrimSuffix(lower[k], "'ll")}); n == 1 {
			f := found{kind: named, assignee: who, score: 2, sure: true}
			return f.withVP(progressive(words, lower, k+1))
		}
	}
	// "Priya's going to ...": the name and "is" in one word.
	if k < len(lower) && strings.HasSuffix(lower[k], "'s") {
		alt := append([]string{strings.TrimSuffix(lower[k], "'s"), "is"}, lower[k+1:]...)
		if who, n := ppl.match(alt); n == 1 {
			for _, p := range namedModals {
				if p.words[0] == "is" && hasPrefix(alt[1:], p.words) {
					f := found{kind: named, assignee: who, score: 2, sure: true}
					return f.withVP(words, lower, k+len(p.words))
				}
			}
		}
	}
	return found{}, false
}

// antecedent puts back the task "do it" stands for when the sentence said
// it before: "I was going to draft the proposal anyway, so I'll do it by
// Tuesday" is "Draft the proposal by Tuesday".
func (f *found) antecedent() {
	if len(f.vp) < 2 || bare(f.vp[0]) != "do" {
		return
	}
	if p := bare(f.vp[1]); p != "it" && p != "that" && p != "this" {
		return
	}
	for i := len(f.before) - 2; i >= 0; i-- {
		if bare(f.before[i]) != "to" {
			continue
		}
		task := f.before[i+1:]
		for len(task) > 0 {
			last := bare(task[len(task)-1])
			if last != "anyway" && last != "so" && last != "and" && !openerMarkers[last] {
				break
			}
			task = task[:len(task)-1]
		}
		if len(task) < 2 || !hasContent(bareAll(task)) || mindHeads[bare(task[0])] {
			return
		}
		f.vp = append(append([]string(nil), task...), f.vp[2:]...)
		return
	}
}

// leadingName is the person a sentence opens by addressing: "Bob, ...".
func leadingName(words, lower []string, ppl *people) person {
	k := 0
	for k < len(lower) && openerMarkers[lower[k]] {
		k++
	}
	for n := 1; n <= 3 && k+n <= len(lower); n++ {
		if !strings.HasSuffix(words[k+n-1], ",") {
			continue
		}
		if who, m := ppl.match(lower[k : k+n]); m == n {
			return who
		}
	}
	return person{}
}

// ifNamedModal reads "if Raj could …", "if Raj would …" at the start of
// lower: the one named and where the verb phrase starts, or 0.
func ifNamedModal(lower []string, ppl *people) (person, int) {
	if wordAt(lower, 0) != "if" {
		return person{}, 0
	}
	if who, n := ppl.match(lower[1:]); n > 0 && (wordAt(lower, 1+n) == "could" || wordAt(lower, 1+n) == "would") {
		return who, 2 + n
	}
	return person{}, 0
}

// politeIf reports whether a clause is a request put as a condition: "if
// you could send the deck, that would be great".
func politeIf(lower []string, ppl *people) bool {
	for len(lower) > 0 && openerMarkers[lower[0]] {
		lower = lower[1:]
	}
	// "… if Raj could order the chairs": the same of someone named.
	if _, vp := ifNamedModal(lower, ppl); vp > 0 {
		return true
	}
	for _, m := range []string{"could", "can", "would", "you'd"} {
		if hasPrefix(lower, []string{"if", "you", m}) || m == "you'd" && hasPrefix(lower, []string{"if", m}) {
			return true
		}
	}
	return false
}

// trailingCourtesy reports whether a sentence ends asking politely: "…,
// if you would", "…, if you don't mind", "…, if you can".
func trailingCourtesy(lower []string) bool {
	for i := max(0, len(lower)-4); i+2 < len(lower); i++ {
		if lower[i] == "if" && lower[i+1] == "you" {
			switch lower[i+2] {
			case "would", "could", "can", "don't", "wouldn't", "please":
				return true
			}
		}
	}
	return false
}

// trailingName is the person a sentence ends by naming: "can you check
// the logs, Mike?", "I'll send it by Friday, Dana."
func trailingName(words, lower []string, ppl *people) person {
	for n := min(3, len(lower)-1); n >= 1; n-- {
		if !strings.HasSuffix(words[len(words)-n-1], ",") {
			continue
		}
		if who, m := ppl.match(lower[len(lower)-n:]); m == n {
			return who
		}
	}
	return person{}
}

// previousSpeaker is the last other known speaker before utterance i: who
// "you" in a promise most likely is.
func previousSpeaker(items []fathom.TranscriptItem, i int, ppl *people) person {
	for j := i - 1; j >= 0; j-- {
		if sp := items[j].Speaker; sp != items[i].Speaker && sp != "" && sp != transcript.UnknownSpeaker {
			return ppl.named(sp)
		}
	}
	return person{}
}

// vocative finds the person a request addresses by name just before it:
// "John, can you ...". An unknown capitalised name is taken as it is.
func vocative(words, lower []string, ppl *people) person {
	n := len(lower)
	// Only openers may come before the name: in "as discussed with
	// William, we ..." William is not spoken to.
	openersUpTo := func(i int) bool {
		for _, w := range lower[:i] {
			if !openerMarkers[w] && !fillers[w] && w != "please" {
				return false
			}
		}
		return true
	}
	for start := max(n-3, 0); start < n; start++ {
		if who, m := ppl.match(lower[start:]); m == n-start && m > 0 && (openersUpTo(start) || acknowledgement(lower[:start]) || duePhraseOnly(lower[:start])) {
			return who
		}
	}
	if n >= 1 && strings.HasSuffix(words[n-1], ",") && openersUpTo(n-1) {
		w := strings.TrimRight(words[n-1], ",")
		// An adverb in -ly ("Honestly,") or a greeting ("Hi,") is no name.
		if len(w) > 1 && w[0] >= 'A' && w[0] <= 'Z' && !openerMarkers[lower[n-1]] && lower[n-1] != "i" && !strings.HasSuffix(lower[n-1], "ly") && !greetings[lower[n-1]] &&
			lower[n-1] != "please" && !textproc.IsStopword(lower[n-1]) && !hedges[lower[n-1]] {
			return person{name: w}
		}
	}
	return person{}
}

// addressee guesses who a request without a name was made to: the next
// other speaker when they accept it, else the only other speaker.
func addressee(items []fathom.TranscriptItem, i int, ppl *people) person {
	asker := items[i].Speaker
	for j := i + 1; j < len(items) && j <= i+2; j++ {
		next := items[j]
		if next.Speaker == asker || next.Speaker == transcript.UnknownSpeaker {
			continue
		}
		lw := strings.Fields(strings.ToLower(next.Text))
		if len(lw) > 0 && accepts[strings.Trim(lw[0], ",.!")] {
			return ppl.named(next.Speaker)
		}
		break
	}
	var other string
	for _, it := range items {
		if it.Speaker != asker && it.Speaker != transcript.UnknownSpeaker {
			if other != "" && other != it.Speaker {
				return person{}
			}
			other = it.Speaker
		}
	}
	if other == "" {
		return person{}
	}
	return ppl.named(other)
}

// duplicate returns the index of an earlier action whose terms are nearly
// those of ts, or -1.
func duplicate(earlier [][]string, ts []string) int {
	set := map[string]bool{}
	for _, t := range ts {
		set[t] = true
	}
	for i, e := range earlier {
		es := map[string]bool{}
		inter := 0
		for _, t := range e {
			if !es[t] {
				es[t] = true
				if set[t] {
					inter++
				}
			}
		}
		union := len(es) + len(set) - inter
		small := min(len(es), len(set))
		if union > 0 && (float64(inter)/float64(union) >= 0.6 || (small >= 2 && inter == small)) {
			return i
		}
	}
	return -1
}

func hasPrefix(ws, p []string) bool {
	return len(ws) >= len(p) && equalWords(p, ws[:len(p)])
}
