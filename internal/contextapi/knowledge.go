package contextapi

import (
	"context"
	"net/http"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
)

// The read endpoints of the knowledge graph (additive to the vendor's API).

func toIssueDetails(it *knowledge.IssueType) *issueDetails {
	if it == nil {
		return nil
	}
	return &issueDetails{Name: it.Name, Description: it.Description, Occurrences: it.Occurrences,
		Symptoms: nonNil(it.Symptoms), Causes: nonNil(it.Causes)}
}

func toSolutionDetails(s knowledge.SolutionInfo) solutionDetails {
	return solutionDetails{Description: s.Description, Steps: nonNil(s.Steps), Prerequisites: nonNil(s.Prerequisites),
		SuccessIndicators: nonNil(s.SuccessIndicators), Stats: solutionStats{SuccessCount: s.Stats.SuccessCount,
			FailureCount: s.Stats.FailureCount, TotalAttempts: s.Stats.TotalAttempts, SuccessRate: round4(s.Stats.SuccessRate)}}
}

func toAttempts(list []knowledge.AttemptInfo) []attemptedAction {
	out := make([]attemptedAction, 0, len(list))
	for _, a := range list {
		out = append(out, attemptedAction{Turn: a.Turn, Solution: a.Solution.Key, Outcome: string(a.Outcome),
			Confidence: round4(a.Confidence), SolutionDetails: toSolutionDetails(a.Solution)})
	}
	return out
}

func toRecommendations(r *knowledge.Recommendation) recommendations {
	out := recommendations{RecommendedActions: []recommendedAction{}, SimilarResolutions: []similarResolution{},
		Evidence: knowledge.EvidenceThin, EvidenceReason: knowledge.NoHistory, RoutineMoves: []routineMove{}}
	if r == nil {
		return out
	}
	out.Evidence, out.EvidenceReason = r.Evidence, r.EvidenceReason
	if r.IssueType == nil {
		return out
	}
	name, ep, rate := r.IssueType.Name, r.EscalationPoint, round4(r.HistoricalSuccessRate)
	out.IssueType, out.EscalationPoint, out.HistoricalSuccessRate = &name, &ep, &rate
	for _, a := range r.Actions {
		out.RecommendedActions = append(out.RecommendedActions, toRecommendedAction(a))
	}
	for _, a := range r.Routine {
		ev := a.Evidence
		out.RoutineMoves = append(out.RoutineMoves, routineMove{Action: a.Key, Reason: ev.Reason, Attempts: ev.Attempts,
			Share: round4(ev.Share), Specificity: round4(ev.Specificity), AfterSuccess: round4(ev.AfterSuccess)})
	}
	return out
}

func toRecommendedAction(a knowledge.SolutionInfo) recommendedAction {
	return recommendedAction{Action: a.Key, SuccessProbability: round4(a.Stats.SuccessProbability),
		AverageTimeToResolve: round4(a.Stats.MinutesToResolve), Escalation: a.Escalation,
		Evidence: actionEvidence{Attempts: a.Stats.TotalAttempts, Successes: a.Stats.SuccessCount,
			Neighbours: a.Stats.Neighbours, NeighbourSuccesses: a.Stats.NeighbourSuccesses}}
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// issueTypeData is an issue type as the read endpoints show it.
type issueTypeData struct {
	issueDetails
	Resolved              int     `json:"resolved"`
	HistoricalSuccessRate float64 `json:"historicalSuccessRate"`
}

func toIssueTypeData(it *knowledge.IssueType) issueTypeData {
	d := issueTypeData{issueDetails: *toIssueDetails(it), Resolved: it.Resolved}
	if it.Occurrences > 0 {
		d.HistoricalSuccessRate = round4(float64(it.Resolved) / float64(it.Occurrences))
	}
	return d
}

func (h *Handler) listIssues(ctx context.Context, p *fathom.Principal, _ object, _ *http.Request) (*result, error) {
	types := h.conversations.IssueTypes(ctx, p.TenantID)
	out := make([]issueTypeData, 0, len(types))
	for _, it := range types {
		out = append(out, toIssueTypeData(it))
	}
	return &result{message: "Issue types retrieved", data: map[string]any{"issueTypes": out, "total": len(out)}}, nil
}

func (h *Handler) getIssue(ctx context.Context, p *fathom.Principal, _ object, r *http.Request) (*result, error) {
	rec, err := h.conversations.IssueType(ctx, p.TenantID, r.PathValue("name"))
	if err != nil {
		return nil, err
	}
	sols := make([]map[string]any, 0, len(rec.Actions))
	for _, a := range rec.Actions {
		ra := toRecommendedAction(a)
		sols = append(sols, map[string]any{"solution": a.Key, "successProbability": ra.SuccessProbability,
			"averageTimeToResolve": ra.AverageTimeToResolve, "solutionDetails": toSolutionDetails(a),
			"escalation": ra.Escalation, "evidence": ra.Evidence})
	}
	return &result{message: "Issue type retrieved", data: map[string]any{
		"issueType": toIssueTypeData(rec.IssueType), "solutions": sols, "escalationPoint": rec.EscalationPoint}}, nil
}

func (h *Handler) graph(ctx context.Context, p *fathom.Principal, _ object, r *http.Request) (*result, error) {
	nodes, edges, err := h.conversations.Graph(ctx, p.TenantID, r.URL.Query().Get("issueType"))
	if err != nil {
		return nil, err
	}
	return &result{message: "Knowledge graph retrieved", data: map[string]any{"nodes": nodes, "edges": edges}}, nil
}
