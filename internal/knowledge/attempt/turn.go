package attempt

import (
	"slices"
	"strings"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// parseTurn returns the turn's action clause (the first proposal; failing
// that, its first navigation step), the other navigation steps, and the
// stated conditions on the user. ok is false if the turn proposes nothing.
func parseTurn(text string) (action parsed, steps, conditions []string, ok bool) {
	return parseTurnAnswered(text, false)
}

// parseTurnAnswered is parseTurn for a turn the user answered with how
// something went (answered): there a request headed by a verb of
// communication ("could you confirm the account number you sent the
// money to?" "yes, it's going through now") asked the user to do
// something, and is read as a proposal; requests for something given to
// the agent ("tell me", "send us") still ask for information. There too,
// failing any other reading, a result stated as a state ("a new link is
// on its way to your inbox", see stateReport) is the turn's act.
func parseTurnAnswered(text string, answered bool) (action parsed, steps, conditions []string, ok bool) {
	var all []parsed
	at := -1
	antecedent := ""
	cs := clauses(text)
	framed := ""      // the last clause was a frame alone ("I've,"): this one is what it frames
	var state *parsed // the first result stated as a state, read if nothing else is
	var loose *parsed // the first bare imperative, read if nothing else is
	for i, c := range cs {
		fs := fields(c.text)
		if i+1 < len(cs) && participlePhrase(fs) && opensWithSubject(cs[i+1].text) {
			// "Following your request, we have approved a higher
			// limit": the phrase before the subject frames what the
			// subject did; it is no act of its own.
			continue
		}
		if body, kind := stripFrame(fs); len(body) == 0 {
			// Fillers alone ("um") are skipped; a frame alone ("I've,")
			// goes on in the next clause.
			if kind != noFrame {
				framed = c.text
			}
			continue
		}
		p := parseClauseAnswered(c.text, answered)
		if framed != "" && !p.action && !p.step {
			// "I've, er, sent it across to your email"
			if q := parseClauseAnswered(framed+" "+c.text, answered); q.action {
				p = q
			}
		}
		framed = ""
		// Only a clause that proposes nothing may be a proposal put as a
		// condition with its result ("if you switched …", "once you've
		// topped up …").
		if !p.action {
			if q, ok := hypothetical(fs, cs[i+1:]); ok {
				p = q
			}
		}
		if p.condition != "" {
			conditions = append(conditions, p.condition)
		}
		// A pronoun object stands for the nearest noun phrase said
		// before it in the turn.
		if p.anaphor && antecedent != "" {
			p.object = []string{antecedent}
		}
		if p.antecedent != "" {
			antecedent = p.antecedent
		}
		// What the agent says it will do or is doing to nothing named
		// ("let me take a look", "I can help you with that", "I'm
		// looking into it", "let me check that for you": a pronoun with
		// nothing before it in the turn points at the user's problem)
		// announces that it is working on the problem; it is no
		// proposal. Done, it may be ("I've refunded you"); asked, it
		// offers to act ("shall I book it?").
		if p.kind == performed && !c.question && len(p.object) == 0 && p.particle == "" && !p.escalation && !participle(p.verb) {
			p.action = false
		}
		if p.needsObject && len(p.object) == 0 {
			// "I'll make sure it's done": checked of nothing named, it
			// announces work on the problem.
			p.action = false
		}
		p.offer = p.kind == performed && c.question
		p.item = c.item
		if !p.action && state == nil && !c.question && answered {
			if q, ok := stateReport(fs); ok {
				state = &q
			}
		}
		if !p.action && !p.step && loose == nil && !c.question && answered && looseImperative(fs) {
			if q, ok := asRequest(c.text); ok {
				q.text = c.text
				loose = &q
			}
		}
		if !p.action && !p.step {
			continue
		}
		if p.action && !p.step && at < 0 {
			at = len(all)
		}
		all = append(all, p)
	}
	// A numbered list is a procedure whose items lead to its end: its
	// action is its last item's, what comes before it are its steps ("1.
	// open the app 2. tap Cards 3. freeze the card").
	listed := false
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].item > 0 && all[i].action {
			at, listed = i, true
			break
		}
	}
	if at < 0 {
		for i, p := range all {
			if p.action {
				at = i
				break
			}
		}
	}
	if at < 0 && state != nil {
		all, at = append(all, *state), len(all)
	}
	if at < 0 && loose != nil {
		all, at = append(all, *loose), len(all)
	}
	if at < 0 {
		return parsed{}, nil, conditions, false
	}
	for i, p := range all {
		if i != at && (p.step || listed && p.item > 0) {
			steps = append(steps, p.text)
		}
	}
	return all[at], steps, conditions, true
}

// Phrase is the verb–object phrase of a proposal, as words: the verb
// (with its particle: "turn off") and the object phrase, head last.
type Phrase struct {
	Verb   string
	Object []string
	// Base is set when the verb stood where English puts its base form
	// (an imperative or a request), so its form can name a solution.
	Base bool
	// State is set for a result stated as a state ("a new card is on its
	// way"), whose "verb" is the state's place ("on way"): its key names
	// the thing first, as it was said ("new_card_on_way").
	State bool
}

func (p parsed) phrase() Phrase {
	v := p.verb
	if p.particle != "" {
		v += " " + p.particle
	}
	return Phrase{Verb: v, Object: p.object, Base: p.base, State: p.state}
}

// Key is the phrase in snake_case: "order_replacement_card", or for a
// state "new_card_on_way".
func (ph Phrase) Key() string {
	if ph.Verb == "" {
		return ""
	}
	first, then := strings.Fields(ph.Verb), ph.Object
	if ph.State {
		first, then = slices.Clip(ph.Object), strings.Fields(ph.Verb)
	}
	var parts []string
	for _, w := range append(first, then...) {
		// A word of punctuation alone (a stray quote mark read as the
		// verb) has nothing to show: it would leave "_" at an edge.
		if k := keyWord(w); k != "" {
			parts = append(parts, k)
		}
	}
	return strings.Join(parts, "_")
}

// Stems are the stems of the phrase's words, verb first; a word with no
// stem (a stopword) keeps its lower-cased form.
func (ph Phrase) Stems() []string {
	var out []string
	for _, w := range append(strings.Fields(ph.Verb), ph.Object...) {
		out = append(out, Stem(w))
	}
	return out
}

// Stem is the stem of one word, as textproc gives it, or the word itself
// when textproc drops it.
func Stem(w string) string {
	if ts := textproc.Terms(w); len(ts) > 0 {
		return ts[len(ts)-1]
	}
	return strings.ToLower(w)
}

// keyWord keeps letters and digits of w, so keys stay snake_case.
func keyWord(w string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(w) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && r != '’' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Read returns the phrase and the action as said of a proposal written on
// its own, such as a stored solution's description ("Order a replacement
// card."); a phrase with no frame is read as an imperative. ok is false if
// it names no action.
func Read(text string) (ph Phrase, action string, ok bool) {
	p, _, _, ok := parseTurn(text)
	if !ok {
		p, _, _, ok = parseTurn("Please " + text)
	}
	if !ok {
		return Phrase{}, "", false
	}
	return p.phrase(), p.text, true
}

// TrimCourtesy drops what trails an action without adding to it: a
// benefactive pronoun phrase and courtesy words ("order a replacement card
// for you now" is "order a replacement card").
func TrimCourtesy(action string) string {
	fs := strings.Fields(action)
	for len(fs) > 1 {
		w := strings.ToLower(strings.Trim(fs[len(fs)-1], ".,!?;:"))
		if !(w == "for" || w == "you" || w == "now" || w == "please" || w == "today" || w == "again" && len(fs) > 3) {
			break
		}
		fs = fs[:len(fs)-1]
	}
	return strings.Join(fs, " ")
}

// hypothetical reads a proposal put as a condition with its result: "if
// you switched the toggle back off, the card would work again", "if you
// wipe the app's cache and reopen it, that should help", "once you've
// topped up your balance, the payment should go through", "so if you pop
// some funds in it'll go through". The clause opens with "if" or "once"
// and "you" ("can", "just" may follow), and what would follow is said
// after it with a modal ("would", "should", "will", "'ll", "'d"), in the
// same clause or the next. A real condition ("if you received the email,
// click the link", "if you still have the card, it won't work") says no
// such result.
// fs are the clause's fields, read once for the whole turn.
func hypothetical(fs []field, next []clause) (parsed, bool) {
	fs = dropFillers(fs)
	if len(fs) < 3 || fs[0].norm != "if" && fs[0].norm != "once" {
		return parsed{}, false
	}
	at, perfect := 2, false
	switch fs[1].norm {
	case "you":
	case "you've":
		perfect = true
	default:
		return parsed{}, false
	}
	for at < len(fs) && (fs[at].norm == "can" || fs[at].norm == "could" || fs[at].norm == "just" || adverb(fs[at].norm)) {
		at++
	}
	if at == len(fs) || volition[fs[at].norm] {
		return parsed{}, false // "if you need anything else, I'll be here"
	}
	end, ok := result(fs, at+1)
	if !ok {
		if len(next) == 0 {
			return parsed{}, false
		}
		if _, ok = result(fields(next[0].text), 0); !ok {
			return parsed{}, false
		}
		end = len(fs)
	}
	if end <= at {
		return parsed{}, false
	}
	p, ok := asRequest(joinRaw(fs[at:end]))
	if perfect || participle(fs[at].norm) {
		p.base = false // the past form as said
	}
	return p, ok
}

// asRequest reads words said of the user as a request to do them ("please
// …"): where a note, a condition or a bare imperative names what the user
// is to do, not what they are asked to say. ok is false when that is no
// action.
func asRequest(words string) (parsed, bool) {
	p := parseClause("please " + words)
	return p, p.action && p.kind == request
}

// result finds in fs, from i on, the result a condition leads to: a
// modal that is not negated ("should", "will", "would", or "'ll" or "'d"
// on its subject), and returns where its subject begins (the modal's
// word itself for a contraction, the pronoun or the noun phrase before
// it otherwise).
func result(fs []field, i int) (int, bool) {
	for j := i; j < len(fs); j++ {
		w := fs[j].norm
		contracted := strings.HasSuffix(w, "'ll") || strings.HasSuffix(w, "'d")
		if !contracted && (w != "should" && w != "will" && w != "would" || j == i) {
			continue
		}
		if j+1 < len(fs) && negations[fs[j+1].norm] {
			return 0, false // "it won't work", "it'll not"
		}
		if contracted {
			return j, true
		}
		start := j - 1
		if start > i && determiners[fs[start-1].norm] {
			start-- // "the payment should"
		}
		return start, true
	}
	return 0, false
}

// participlePhrase reports whether a clause is a short -ing phrase on a
// noun phrase, as one opens a sentence before its subject: "following
// your request", "regarding the card".
func participlePhrase(fs []field) bool {
	return len(fs) >= 2 && len(fs) <= 4 && gerund(fs[0].norm) && determiners[fs[1].norm]
}

// opensWithSubject reports whether a clause opens with a subject pronoun
// ("we have approved", "I've arranged").
func opensWithSubject(text string) bool {
	fs := fields(text)
	if len(fs) == 0 {
		return false
	}
	w, _, _ := strings.Cut(fs[0].norm, "'") // norm writes every apostrophe ASCII
	return subjects[w]
}

// looseImperative reports a clause that may be a bare imperative whose
// verb imperative cannot tell from a noun ("add money via bank transfer",
// "clear cache and relaunch"): a lower-case content word first, in no
// form a noun, a participle or a third person takes ("payments",
// "declined", "clears", "removing", "information"), and no subject,
// auxiliary or modal anywhere after it, which a statement has ("card
// payments are disabled"). Read only where the user's reply says how
// something went, and only when nothing else in the turn is read.
func looseImperative(fs []field) bool {
	fs = dropFillers(fs)
	if len(fs) < 2 || startsUpper(fs[0].raw[min(1, len(fs[0].raw)):]) {
		return false
	}
	if w := fs[0].norm; !baseFormVerb(w) || frameWords[w] || gerund(w) || nounOrAdjective(w) {
		return false
	}
	for _, f := range fs[1:] {
		x, _, _ := strings.Cut(f.norm, "'")
		if subjects[x] || auxiliaries[x] || negations[f.norm] || strings.Contains(f.norm, "'") && !strings.HasSuffix(f.norm, "'s") {
			return false
		}
	}
	return true
}

// dropFillers returns fs without its leading fillers ("so", "ok").
func dropFillers(fs []field) []field {
	for len(fs) > 0 && fillers[fs[0].norm] {
		fs = fs[1:]
	}
	return fs
}
