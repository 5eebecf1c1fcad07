package knowledge

import "github.com/fathom-oss/fathom/internal/fathom"

// An agent hands a conversation over in words no closed list foresees
// ("the systems team has your case now", "I've flagged it for the people
// who handle this"); the reading of a turn (package attempt) knows a
// hand-over only by its verbs of transfer. Missed, a hand-over is read as a
// fix, and since the user's reply to it is consent ("alright, I'll wait for
// their call"), it may even be read as one that worked and be recommended
// first. The tenant's conversations show a hand-over by where it stands:
// it is what the agent does last, when nothing fixed the problem, and the
// conversation stays open, the case now resting elsewhere; the user does
// not say that it failed, since there is nothing yet to try. A fix that
// failed last is told apart by the user's reply ("still the same"), and a
// fix that worked by the resolve.
//
// A solution with at least minHandOverAttempts attempts, of which at
// least minHandOverEnding ended an open conversation without a failure
// read from the reply, is a hand-over learned from the data: it is ranked
// with the escalations, never as a fix. On the simulation's four open
// pools, a fix ends an open conversation that way in at most a fifth of
// its attempts (when it is the last thing tried, the user says it failed);
// a hand-over in all of them.
const (
	minHandOverAttempts = 5
	minHandOverEnding   = 0.8
)

// openEnd tallies, for one solution, its attempts and those that ended an
// open conversation (endsOpen), kept by count as analyses come and go, so
// that the hand-overs are read from one entry a solution instead of a walk
// of every analysis (30 ms at 100,000 conversations, in the first
// similarity request after each analysis round).
type openEnd struct{ attempts, ending int }

// countOpenEnds adds (sign 1) or removes (sign -1) a's attempts to the
// tally; k.mu held for writing.
func (k *tenantKnowledge) countOpenEnds(a *heldAnalysis, sign int) {
	for i, at := range a.attempts {
		u := k.openEnds[at.SolutionID]
		if u == nil {
			u = &openEnd{}
			k.openEnds[at.SolutionID] = u
		}
		u.attempts += sign
		if endsOpen(a, i) {
			u.ending += sign
		}
		if u.attempts <= 0 {
			delete(k.openEnds, at.SolutionID)
		}
	}
}

// handOvers are the solutions the tenant's conversations show to be
// hand-overs (see above), by id, read again from the tally when the counts
// changed since last asked; k.mu held (for reading).
func (k *tenantKnowledge) handOvers() map[int64]bool {
	k.routineMu.Lock()
	defer k.routineMu.Unlock()
	if k.handOverCache != nil && k.handOverGen == k.countGen {
		return k.handOverCache
	}
	k.handOverCache, k.handOverGen = map[int64]bool{}, k.countGen
	for id, u := range k.openEnds {
		if u.attempts >= minHandOverAttempts && float64(u.ending) >= minHandOverEnding*float64(u.attempts) {
			k.handOverCache[id] = true
		}
	}
	return k.handOverCache
}

// endsOpen reports whether attempt i of a is the last thing the agent
// tried in a conversation left open, and the user did not say it failed.
func endsOpen(a *heldAnalysis, i int) bool {
	return !a.resolved && i == len(a.attempts)-1 && a.attempts[i].Outcome != fathom.OutcomeFailure
}
