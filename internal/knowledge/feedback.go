package knowledge

import (
	"strings"
	"unicode"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
)

// maxSlugWords caps a key made from the words of feedback that attempt
// extraction could not read as an action.
const maxSlugWords = 6

// applyFeedback lays the conversation's explicit feedback over the
// attempts extracted from its text. Each piece names an action, resolved
// to a solution key as feedbackSolution says; the last attempt with that key,
// or with that very action text, takes the feedback's outcome with
// confidence 1. When no attempt matches, the action was tried outside the
// conversation's text, and an attempt is added after its last message.
// feedback comes oldest first, so the latest word on an attempt wins.
//
// It runs on every analysis, so feedback survives re-analysis of a
// conversation that grew, and the statistics follow it like any attempt.
func (k *tenantKnowledge) applyFeedback(d *Draft, c *fathom.Conversation, msgs []fathom.Message, feedback []fathom.Feedback) {
	added := 0
	for _, f := range feedback {
		if f.Outcome != fathom.OutcomeSuccess && f.Outcome != fathom.OutcomeFailure {
			continue
		}
		key, text, description := k.feedbackSolution(f.Action)
		if key == "" {
			continue
		}
		i := matchingAttempt(d, key, f.Action)
		if i < 0 {
			// After every real turn, in the order given: attempts are
			// stored and read back by turn.
			d.Analysis.Attempts = append(d.Analysis.Attempts, fathom.Attempt{Turn: len(msgs) + added, Action: text})
			d.templates = append(d.templates, &fathom.Solution{TenantID: c.TenantID, Key: key,
				Description: description, CreatedAt: d.Analysis.AnalyzedAt})
			d.learned = append(d.learned, learned{})
			i, added = len(d.Analysis.Attempts)-1, added+1
		}
		at := &d.Analysis.Attempts[i]
		at.Outcome, at.Confidence = f.Outcome, 1
		if f.Outcome != fathom.OutcomeSuccess {
			// The reply read as a confirmation was not one.
			d.learned[i].indicators = nil
		}
	}
}

// matchingAttempt returns the index of the last attempt of d counted under
// key or said as action, or -1.
func matchingAttempt(d *Draft, key, action string) int {
	said := normalAction(action)
	for i := len(d.Analysis.Attempts) - 1; i >= 0; i-- {
		if d.templates[i].Key == key || normalAction(d.Analysis.Attempts[i].Action) == said {
			return i
		}
	}
	return -1
}

// feedbackSolution resolves the action feedback names to a solution: its
// key, the text its attempt shows and the description the solution gets
// if new. It is a key the tenant already has, as given; otherwise what the
// engine makes of the text as an agent's proposal (a key's words when a
// key was given), counted under the solution it resembles as any proposal
// is; otherwise, when the text names no action the engine can read, its
// own words joined. The key is "" when the text has no words.
func (k *tenantKnowledge) feedbackSolution(action string) (key, text, description string) {
	text = strings.Join(strings.Fields(action), " ")
	name := strings.ToLower(text)
	if key, description, ok := k.knownSolution(name); ok {
		return key, text, description
	}
	if !strings.Contains(name, " ") && strings.Contains(name, "_") {
		text = strings.ReplaceAll(name, "_", " ")
	}
	if key, said, description, ok := k.proposalSolution(text); ok {
		return key, said, description
	}
	return slugOf(text), text, sentence(text)
}

// knownSolution returns the key and description of the tenant's solution
// called name (the survivor's, if it was merged), if it has one.
func (k *tenantKnowledge) knownSolution(name string) (key, description string, ok bool) {
	if s, ok := k.learner.Summary(name); ok {
		return s.Key, s.Description, true
	}
	k.mu.RLock()
	defer k.mu.RUnlock()
	if id, ok := k.byKey[name]; ok {
		return name, k.solutions[id].Description, true
	}
	return "", "", false
}

// proposalSolution keys text as Analyze keys an extracted proposal, and
// returns the action as read and the description of its solution; ok is
// false if text names no action.
func (k *tenantKnowledge) proposalSolution(text string) (key, action string, description string, ok bool) {
	ph, action, ok := attempt.Read(text)
	if !ok {
		return "", "", "", false
	}
	sol, ok := k.learner.Summary(k.learner.Assign(k.proposal(ph, action, false)))
	if !ok {
		return "", "", "", false
	}
	return sol.Key, action, sol.Description, true
}

// sentence is s with a capital first letter and a final full stop.
func sentence(s string) string {
	s = capitalise(s)
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// normalAction is an action text compared without regard to case, spacing
// or final punctuation.
func normalAction(s string) string {
	return strings.TrimRight(strings.ToLower(strings.Join(strings.Fields(s), " ")), ".!?")
}

// slugOf joins the first words of s, lower-cased, with underscores.
func slugOf(s string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.Join(words[:min(len(words), maxSlugWords)], "_")
}
