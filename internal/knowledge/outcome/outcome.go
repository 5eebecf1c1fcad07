package outcome

import "github.com/fathom-oss/fathom/internal/fathom"

// Outcome is what a reply says about the attempt before it. It is the
// domain's fathom.Outcome, so the project has one outcome type.
type Outcome = fathom.Outcome

// The outcomes a reply can report, under the names callers of this package
// have always used.
const (
	// Success: the attempt fixed the problem ("that worked").
	Success = fathom.OutcomeSuccess
	// Failure: the attempt did not fix it ("still declined").
	Failure = fathom.OutcomeFailure
	// Pending: the user is trying it or will report back ("let me try").
	Pending = fathom.OutcomePending
	// Unknown: the reply says nothing usable about the attempt.
	Unknown = fathom.OutcomeUnknown
)

// Confidence levels by cue tier. A strong cue is a statement of the result
// ("fixed", "still declined"); a medium one implies it ("great", "nope") or
// states an intention ("let me try"); a weak one is politeness ("thanks",
// "yes") that usually, not always, means it worked.
var tierConfidence = [...]float64{0, 0.45, 0.7, 0.9}

// Classify returns what reply, one user message following an assistant
// attempt, says about that attempt, and a confidence in [0, 1]. Text with no
// cue is Unknown with confidence 0; a hedge ("not sure") is Unknown with a
// medium confidence, since it positively says the result is not known.
func Classify(reply string) (Outcome, float64) {
	var buf [16]cue
	cues := scan(buf[:0], reply)
	return decide(cues)
}

// decide picks the result from the cues of a message in order: the last cue
// of the highest tier wins, because people state the current state last
// ("it failed at first but now it works") and a result outweighs politeness
// or intentions around it ("thanks, but still declined").
func decide(cues []cue) (Outcome, float64) {
	best := -1
	for i, c := range cues {
		if best < 0 || c.tier >= cues[best].tier {
			best = i
		}
	}
	if best < 0 {
		return Unknown, 0
	}
	w := cues[best]
	conf := tierConfidence[w.tier]
	if w.class == Pending {
		conf += 0.05 // an intention is stated outright, not implied
	}
	if w.negated {
		conf -= 0.05 // negation scopes are the likeliest misreading
	}
	agree, conflict := 0, false
	for i, c := range cues {
		if i == best || c.tier != w.tier {
			continue
		}
		if c.class == w.class {
			agree++
		} else if c.class.Decided() && w.class.Decided() {
			conflict = true
		}
	}
	switch {
	case conflict:
		conf -= 0.15 // "it worked ... it's failing": the order decided it
	case agree > 0:
		conf += 0.05
	}
	return w.class, min(max(conf, 0), 0.97)
}
