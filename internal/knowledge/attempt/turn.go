package attempt

import "slices"

// questionWords open a clause that asks for information ("when did this
// start?") unless a frame made it a suggestion ("have you tried ...").
var questionWords = map[string]bool{"what": true, "what's": true, "when": true,
	"which": true, "where": true, "who": true, "why": true, "how": true, "is": true,
	"are": true, "do": true, "does": true, "did": true, "was": true, "were": true,
	"has": true, "can": true, "could": true}

// infoVerbs head a request for information: "could you tell me which
// browser you use?" asks, whatever verbs follow.
var infoVerbs = map[string]bool{"tell": true, "share": true, "provid": true,
	"describ": true, "explain": true, "let": true, "show": true, "know": true,
	"say": true, "mention": true, "clarifi": true, "specifi": true}

// passiveMarks before a verb make a clause a performed action without a
// frame: "your password has been reset".
var passiveMarks = map[string]bool{"been": true, "was": true, "were": true}

// parsed is one clause of an assistant turn.
type parsed struct {
	text   string // the clause without its frame, as written
	a      analysis
	action bool // proposes or performs a fix
	step   bool // an instruction (navigation or fix)
}

// parseClause decides what a clause does. A request frame may put the verb
// anywhere ("could you try doing a password reset?"); without one the
// clause must start with the verb (an imperative) or be a passive report;
// the agent's own checks are investigation, and asking the user to send or
// confirm details is gathering information, not an attempt.
func parseClause(clause string) parsed {
	fs := fields(clause)
	body, kind := stripFrame(fs)
	if len(body) == 0 {
		return parsed{}
	}
	p := parsed{text: joinRaw(body)}
	p.a = analyse(p.text)
	a := p.a
	if a.verb == "" {
		return p
	}
	head := headIndex(a.its)
	if head >= 0 && infoVerbs[a.its[head].s] {
		return p
	}
	switch kind {
	case noFrame:
		if questionWords[body[0].norm] {
			return p
		}
		passive := a.verbAt > 0 && slices.ContainsFunc(a.its[:a.verbAt], func(it item) bool { return passiveMarks[it.w] })
		light := head >= 0 && a.its[head].verb == "give" // "give your bank a call"
		if !passive && !light && head != a.verbAt && !(a.verb == "retry" && a.verbAt < 0) {
			return p
		}
		if passive {
			kind = performed
		}
	case performed:
		if head != a.verbAt || selfChecks[a.verb] || a.its[a.verbAt].step {
			return p
		}
	case request:
		if a.verb == "send" {
			return p // "could you send us a screenshot?"
		}
	}
	if a.verb == "check" && len(a.objects) > 0 && infoObjects[a.objects[0]] {
		return p
	}
	step := a.verbAt >= 0 && a.its[a.verbAt].step
	p.step = kind != performed
	p.action = !step
	return p
}

// headIndex is the index of the first item that is not a stopword, "try" or
// a dropped light verb ("issue", "do").
func headIndex(its []item) int {
	for i, it := range its {
		if it.verb != "" {
			return i
		}
		if it.s == "" || it.s == "tri" || (it.obj == "" && it.verb == "") {
			continue
		}
		return i
	}
	return -1
}

// parseTurn returns the turn's action clause (the first fix proposed or
// performed; failing that, its first instruction) and the other
// instructions as steps. ok is false if the turn attempts nothing.
func parseTurn(text string) (action parsed, steps []string, ok bool) {
	var all []parsed
	at := -1
	for _, c := range clauses(text) {
		p := parseClause(c)
		if !p.action && !p.step {
			continue
		}
		if p.action && at < 0 {
			at = len(all)
		}
		all = append(all, p)
	}
	if len(all) == 0 {
		return parsed{}, nil, false
	}
	if at < 0 {
		at = 0
	}
	for i, p := range all {
		if i != at && p.step {
			steps = append(steps, p.text)
		}
	}
	return all[at], steps, true
}
