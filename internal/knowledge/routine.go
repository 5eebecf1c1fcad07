package knowledge

import (
	"fmt"
	"math"
)

// An agent says many things that read like proposals but fix nothing: a
// greeting that promises to look into it, a closing that offers more help,
// a routine question. Read as attempts, they take the credit of the
// conversations they appear in (a closing comes after the fix worked, and
// the conversation ends resolved), and, spoken in every kind of
// conversation, they would be recommended for every issue. No word list
// can say which lines are routine in a tenant's data; how the data uses a
// solution can:
//
//   - a fix is tried for some issues much more than for others, while a
//     routine move is spread over the issue types as the conversations
//     themselves are. Its specificity is the Kullback–Leibler divergence of
//     its attempts' issue types from all conversations' (in nats), less its
//     sampling noise ((types it appears in − 1) / 2·attempts, the
//     Miller–Madow term): about 0 for a routine move, log(1/m) for a fix
//     tried only in issue types holding a share m of the conversations. A
//     solution tried in at least minRoutineShare of all conversations whose
//     specificity is below maxRoutineSpecificity is routine;
//   - a fix is made while the problem is still there, a routine closing
//     after it was fixed: a solution most of whose attempts
//     (maxAfterSuccess) came after an earlier attempt of the same
//     conversation had worked is routine.
//
// Either needs minRoutineAttempts attempts, and the spread rule an
// issue-type distribution worth minRoutineTypes types (its perplexity):
// with fewer types, every solution is spread alike. Routine moves stay in
// the conversations' analyses and in the graph; they are never
// recommended, and the nearest conversations' evidence ignores them.
//
// maxRoutineSpecificity is 0.2 nats, log(1/0.82): a fix tried only in
// issue types that together hold more than 82% of the conversations is
// not told apart from a routine line by where it is used (it may still be
// by when). On the develop pool of the simulation the least specific real
// fixes measure 0.44 (a password reset, tried for 15% of the BANKING77
// conversations, over many intents) and 0.37 (cancelling a pending
// payment, 20% of the banking domain's), so the bound keeps a margin of
// almost two; a line spoken in every kind of conversation measures about 0. The
// constants were not tuned on the pools' figures: on the develop pool no
// solution of any domain is routine by either rule (`ROUTINE_DEBUG=1 go
// test ./internal/knowledge -run Simulated -v` lists every solution's
// measures).
const (
	minRoutineAttempts    = 10
	minRoutineShare       = 0.05
	minRoutineTypes       = 3
	maxRoutineSpecificity = 0.2
	maxAfterSuccess       = 0.5
)

// RoutineEvidence is what the data says about a solution read as a
// routine move rather than a fix.
type RoutineEvidence struct {
	// Attempts are its attempts, in Share of all conversations.
	Attempts int
	Share    float64
	// Specificity is how much its attempts' issue types differ from all
	// conversations', in nats, sampling noise removed.
	Specificity float64
	// AfterSuccess is the share of its attempts made after an earlier
	// attempt of the conversation had worked.
	AfterSuccess float64
	// Reason says which rule holds, in words.
	Reason string
}

// routineMoves are the tenant's routine moves by solution id, recomputed
// when the counts changed since last asked; k.mu held (for reading).
func (k *tenantKnowledge) routineMoves() map[int64]RoutineEvidence {
	k.routineMu.Lock()
	defer k.routineMu.Unlock()
	if k.routineCache != nil && k.routineGen == k.countGen {
		return k.routineCache
	}
	k.routineCache, k.routineGen = map[int64]RoutineEvidence{}, k.countGen
	for id, ev := range k.solutionUsage() {
		if ev.Reason != "" {
			k.routineCache[id] = ev
		}
	}
	return k.routineCache
}

// solutionUsage measures every solution with minRoutineAttempts attempts
// and applies the rules above, giving a Reason to the routine ones; k.mu
// held.
func (k *tenantKnowledge) solutionUsage() map[int64]RoutineEvidence {
	total := 0
	for _, tc := range k.types {
		total += tc.conversations
	}
	out := map[int64]RoutineEvidence{}
	if total == 0 {
		return out
	}
	var entropy float64
	for _, tc := range k.types {
		if tc.conversations > 0 {
			p := float64(tc.conversations) / float64(total)
			entropy -= p * math.Log(p)
		}
	}
	type usage struct {
		attempts, after int
		byType          map[int64]int
	}
	bySolution := map[int64]*usage{}
	for key, e := range k.edges {
		n := e.success + e.failure + e.pending + e.unknown
		if n <= 0 {
			continue
		}
		u := bySolution[key.solutionID]
		if u == nil {
			u = &usage{byType: map[int64]int{}}
			bySolution[key.solutionID] = u
		}
		u.attempts += n
		u.after += e.afterSuccess
		u.byType[key.typeID] += n
	}
	for id, u := range bySolution {
		ss := k.solutions[id]
		if u.attempts < minRoutineAttempts || ss == nil || ss.Escalation {
			continue
		}
		ev := RoutineEvidence{Attempts: u.attempts, Share: float64(u.attempts) / float64(total),
			AfterSuccess: float64(u.after) / float64(u.attempts)}
		var kl float64
		for t, n := range u.byType {
			tc := k.types[t]
			if tc == nil || tc.conversations <= 0 {
				continue
			}
			q := float64(n) / float64(u.attempts)
			kl += q * math.Log(q*float64(total)/float64(tc.conversations))
		}
		ev.Specificity = max(0, kl-float64(len(u.byType)-1)/(2*float64(u.attempts)))
		switch {
		case ev.AfterSuccess > maxAfterSuccess:
			ev.Reason = fmt.Sprintf("%.0f%% of its %d attempts came after the problem was already fixed",
				100*ev.AfterSuccess, u.attempts)
		case math.Exp(entropy) >= minRoutineTypes && ev.Share >= minRoutineShare && ev.Specificity < maxRoutineSpecificity:
			ev.Reason = fmt.Sprintf("tried in %.0f%% of all conversations, spread over the issue types as they are (specificity %.2f nats)",
				100*ev.Share, ev.Specificity)
		}
		out[id] = ev
	}
	return out
}

// Routine returns the tenant's solutions read as routine moves, by key,
// with the evidence for each.
func (e *Engine) Routine(tenantID int64) map[string]RoutineEvidence {
	k := e.tenant(tenantID)
	k.mu.RLock()
	defer k.mu.RUnlock()
	out := map[string]RoutineEvidence{}
	for id, ev := range k.routineMoves() {
		if ss := k.solutions[id]; ss != nil {
			out[ss.Key] = ev
		}
	}
	return out
}
