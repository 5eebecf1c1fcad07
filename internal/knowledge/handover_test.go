package knowledge

import (
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// TestHandOversLearnedFromStructure: a line the agent says last in open
// conversations, whose reply is consent rather than a result, is ranked
// with the escalations even though nothing in its words says hand-over;
// a fix that failed last, a fix that worked, and a line with too few
// attempts are not.
func TestHandOversLearnedFromStructure(t *testing.T) {
	const fix, weak, handOff, rare = 1, 2, 3, 4
	k := knowledgeWith("restart router", "update firmware", "logged for the network people", "rare line")
	id := int64(0)
	add := func(resolved bool, attempts ...fathom.Attempt) {
		id++
		h := hold(&fathom.Analysis{ConversationID: id, IssueTypeID: 1, Resolved: resolved, Attempts: attempts})
		k.analyses[id] = h
		k.count(id, h, 1)
	}
	for i := range 12 {
		if i%3 == 0 {
			add(true, fathom.Attempt{SolutionID: fix, Outcome: fathom.OutcomeSuccess})
			continue
		}
		// Both fixes failed; the agent hands over and the user consents
		// ("fine, thanks for passing it on"), which reads as success.
		add(false, fathom.Attempt{SolutionID: fix, Outcome: fathom.OutcomeFailure},
			fathom.Attempt{SolutionID: weak, Outcome: fathom.OutcomeFailure},
			fathom.Attempt{SolutionID: handOff, Outcome: fathom.OutcomeSuccess, Confidence: 0.45})
	}
	// The weak fix tried last, failing, in open conversations.
	for range 6 {
		add(false, fathom.Attempt{SolutionID: weak, Outcome: fathom.OutcomeFailure})
	}
	for range minHandOverAttempts - 1 {
		add(false, fathom.Attempt{SolutionID: rare, Outcome: fathom.OutcomeUnknown})
	}
	got := k.handOvers()
	if !got[handOff] || len(got) != 1 {
		t.Errorf("hand-overs %v, want only %d", got, handOff)
	}
	if !k.solutionInfo(1, handOff).Escalation || k.solutionInfo(1, fix).Escalation {
		t.Errorf("solution info: hand-over escalation %v, fix escalation %v; want true, false",
			k.solutionInfo(1, handOff).Escalation, k.solutionInfo(1, fix).Escalation)
	}
	ranked := []SolutionInfo{k.solutionInfo(1, handOff), k.solutionInfo(1, weak), k.solutionInfo(1, fix)}
	slices.SortFunc(ranked, compareActions)
	if ranked[2].ID != handOff {
		t.Errorf("ranked %d, %d, %d; want the hand-over %d last", ranked[0].ID, ranked[1].ID, ranked[2].ID, handOff)
	}
	// The cache follows the counts: the line now followed by a fix that
	// works is no hand-over.
	first := id + 1
	for range 12 {
		add(true, fathom.Attempt{SolutionID: handOff, Outcome: fathom.OutcomeUnknown},
			fathom.Attempt{SolutionID: fix, Outcome: fathom.OutcomeSuccess})
	}
	if k.handOvers()[handOff] {
		t.Errorf("a line followed by a working fix in half its conversations is still a hand-over")
	}
	// Those conversations deleted, the tally kept by the counts follows
	// them out, and agrees with a walk of the analyses held.
	for c := first; c <= id; c++ {
		k.count(c, k.analyses[c], -1)
		delete(k.analyses, c)
	}
	if got := k.handOvers(); !got[handOff] || len(got) != 1 {
		t.Errorf("after the deletes, hand-overs %v, want only %d", got, handOff)
	}
	walked := map[int64]openEnd{}
	for _, a := range k.analyses {
		for i, at := range a.attempts {
			u := walked[at.SolutionID]
			u.attempts++
			if endsOpen(a, i) {
				u.ending++
			}
			walked[at.SolutionID] = u
		}
	}
	if len(walked) != len(k.openEnds) {
		t.Fatalf("tally of %d solutions, the analyses' %d", len(k.openEnds), len(walked))
	}
	for sid, u := range walked {
		if k.openEnds[sid] == nil || *k.openEnds[sid] != u {
			t.Errorf("solution %d: tally %+v, the analyses' %+v", sid, k.openEnds[sid], u)
		}
	}
}
