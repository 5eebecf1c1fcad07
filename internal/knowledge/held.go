package knowledge

import "github.com/fathom-oss/fathom/internal/fathom"

// heldAnalysis is what a tenant's knowledge keeps of one stored analysis:
// the fields its statistics, the neighbourhoods of a query and
// Conversation read. The conversation id is its key in the tenant's map,
// and the tenant id and time of analysis are left to the store, so it
// takes 104 bytes where a fathom.Analysis took 144, for every conversation
// a tenant has.
type heldAnalysis struct {
	issueTypeID int64
	minutes     float64 // to resolve; 0 while open
	phrases     []string
	attempts    []fathom.Attempt
	// origins are the solutions the attempts were stored under, before
	// any usage group took them elsewhere (see tenantKnowledge.canonical):
	// groups are made afresh at each consolidation, and an attempt whose
	// solution leaves a group counts under its own again.
	origins  []int64
	symptoms int32 // phrases[:symptoms] are its symptoms, the rest its causes
	resolved bool
}

// hold returns what the engine keeps of a. Its phrases are copied into one
// slice; its attempts are shared, as the analysis's own copy was.
func hold(a *fathom.Analysis) *heldAnalysis {
	h := &heldAnalysis{issueTypeID: a.IssueTypeID, minutes: a.MinutesToResolve, attempts: a.Attempts,
		symptoms: int32(len(a.Symptoms)), resolved: a.Resolved}
	if n := len(a.Symptoms) + len(a.Causes); n > 0 {
		h.phrases = append(append(make([]string, 0, n), a.Symptoms...), a.Causes...)
	}
	return h
}

func (h *heldAnalysis) symptomList() []string { return h.phrases[:h.symptoms] }
func (h *heldAnalysis) causeList() []string   { return h.phrases[h.symptoms:] }

// origin is the solution attempt i was stored under.
func (h *heldAnalysis) origin(i int) int64 {
	if h.origins == nil {
		return h.attempts[i].SolutionID
	}
	return h.origins[i]
}

// point points attempt i at solution id, keeping what it was stored under.
func (h *heldAnalysis) point(i int, id int64) {
	if id == h.attempts[i].SolutionID {
		return
	}
	if h.origins == nil {
		h.origins = make([]int64, len(h.attempts))
		for j, at := range h.attempts {
			h.origins[j] = at.SolutionID
		}
	}
	h.attempts[i].SolutionID = id
}
