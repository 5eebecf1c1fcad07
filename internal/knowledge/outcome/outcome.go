package outcome

import (
	"math"
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// Outcome is what a reply says about the attempt before it. It is the
// domain's fathom.Outcome, so the project has one outcome type.
type Outcome = fathom.Outcome

// The outcomes a reply can report, under the names callers of this package
// have always used.
const (
	// Success: the attempt fixed the problem ("that worked").
	Success = fathom.OutcomeSuccess
	// Failure: the attempt did not fix it ("still the same").
	Failure = fathom.OutcomeFailure
	// Pending: the user is trying it or will report back ("let me try").
	Pending = fathom.OutcomePending
	// Unknown: the reply says nothing usable about the attempt.
	Unknown = fathom.OutcomeUnknown
)

// Confidence levels by cue tier. A strong cue is a statement of the result
// ("fixed", "still broken"); a medium one implies it ("great", "nope") or
// states an intention ("let me try"); a weak one is politeness ("thanks",
// "yes") that usually, not always, means it worked.
var tierConfidence = [...]float64{0, 0.45, 0.7, 0.9}

// Classify returns what reply, one user message following an assistant
// attempt, says about that attempt, and a confidence in [0, 1]. Text with no
// cue is Unknown with confidence 0; a hedge ("not sure") is Unknown with a
// medium confidence, since it positively says the result is not known.
//
// The hand-written cues decide first; where they find no statement of the
// result, the weights learned from accepted and rejected replies (see
// Learn; sgdWeights, generated from the SGD develop half) may decide or
// overrule an implied cue.
func Classify(reply string) (Outcome, float64) { return ClassifyWith(reply, sgdWeights) }

// Thresholds on the learned scores (log-odds, see Weights). They were
// chosen on the develop half of SGD only.
const (
	// learnedDecide: the polarity a reply with no cue needs for learned
	// weights to decide it.
	learnedDecide = 1.0
	// learnedOverrule: the polarity of rejection that overrules an
	// implied (tier 1 or 2) success cue, praise that is only politeness
	// before a rejection: "cool, could you find something else?".
	learnedOverrule = 1.5
	// learnedQuestion: the polarity a reply that ends by asking needs; a
	// question is more often about details than about the result ("how
	// long does it take?"), so it must say more.
	learnedQuestion = 1.5
)

// ClassifyWith is Classify with other learned weights, such as weights
// learned from one half of a data set to measure on the other, or from a
// tenant's own conversations. Nil weights leave the hand-written cues alone.
func ClassifyWith(reply string, weights Weights) (Outcome, float64) {
	var buf [16]cue
	cues := buf[:0]
	t := tally{w: weights}
	z := featurizer{emit: t.add, restart: t.reset}
	words, acks := 0, 0
	clauses(reply, func(toks []token, question bool) {
		cues = scanClause(cues, toks, question)
		if weights != nil {
			z.clause(toks, question)
		}
		for _, t := range toks {
			if acknowledgements[t.w] {
				acks++
			}
		}
		words += len(toks)
	})
	cues = scanEmoji(cues, reply)
	w, conf := decide(cues)
	if w.tier >= 3 || weights == nil || acks == words {
		return w.class, conf
	}
	pol := t.sum
	learned := Success
	if pol < 0 {
		learned = Failure
	}
	need := learnedDecide
	if strings.HasSuffix(strings.TrimSpace(reply), "?") {
		need = learnedQuestion
	}
	switch a := math.Abs(pol); {
	case conf == 0 && a >= need,
		w.class == Success && !w.negated && learned == Failure && a >= learnedOverrule:
		// A log-odds of 1 is a probability of 0.73; confidence rises from
		// 0.45 (a weak cue) towards 0.75 (below a stated result).
		return learned, 0.45 + 0.3*(2/(1+math.Exp(-(a-learnedDecide)))-1)
	}
	return w.class, conf
}

// acknowledgements are discourse markers that, alone, only say the message
// was read: after "try restarting", "ok" is no result. Learned weights from
// replies to offers ("Okay." accepts a booking) must not read a reply made
// only of them (or of nothing they know) as one.
var acknowledgements = map[string]bool{"ok": true, "okay": true, "k": true, "kk": true,
	"alright": true, "right": true, "hmm": true, "hm": true, "oh": true, "ah": true,
	"i": true, "see": true}

// decide picks the result from the cues of a message in order: the last cue
// of the highest tier wins, because people state the current state last
// ("it failed at first but now it works") and a result outweighs politeness
// or intentions around it ("thanks, but still declined").
func decide(cues []cue) (winner cue, conf float64) {
	best := -1
	for i, c := range cues {
		if best < 0 || c.tier >= cues[best].tier {
			best = i
		}
	}
	if best < 0 {
		return cue{class: Unknown}, 0
	}
	w := cues[best]
	conf = tierConfidence[w.tier]
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
	return w, min(max(conf, 0), 0.97)
}
