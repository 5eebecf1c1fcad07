package knowledge

import "slices"

// IssueTypes lists the tenant's issue types, most frequent first.
func (e *Engine) IssueTypes(tenantID int64) []*IssueType {
	k := e.tenant(tenantID)
	k.mu.RLock()
	defer k.mu.RUnlock()
	var out []*IssueType
	for id := range k.types {
		if it := k.typeInfo(id); it != nil {
			out = append(out, it)
		}
	}
	slices.SortFunc(out, func(a, b *IssueType) int {
		if a.Occurrences != b.Occurrences {
			return b.Occurrences - a.Occurrences
		}
		return int(a.ID - b.ID)
	})
	return out
}

// IssueTypeByName returns one issue type with its recommendation, or nil.
func (e *Engine) IssueTypeByName(tenantID int64, name string) *Recommendation {
	k := e.tenant(tenantID)
	k.mu.RLock()
	defer k.mu.RUnlock()
	for id := range k.types {
		if n, ok := k.name(id); ok && n.Name == name {
			return k.recommend(id, nil)
		}
	}
	return nil
}

// Node is a vertex of the knowledge graph: an issue type, a solution, a
// symptom or a cause.
type Node struct {
	ID    string         `json:"id"`
	Kind  string         `json:"kind"`
	Label string         `json:"label"`
	Data  map[string]any `json:"data,omitempty"`
}

// Edge links two nodes: a type to its symptoms ("shows"), causes
// ("caused_by") and solutions ("solved_by", with the solution's record).
type Edge struct {
	From string         `json:"from"`
	To   string         `json:"to"`
	Kind string         `json:"kind"`
	Data map[string]any `json:"data,omitempty"`
}

// Graph returns the tenant's knowledge graph, or one issue type's part of
// it when typeName is not empty (nil, nil when there is no such type).
func (e *Engine) Graph(tenantID int64, typeName string) ([]Node, []Edge) {
	types := e.IssueTypes(tenantID)
	k := e.tenant(tenantID)
	k.mu.RLock()
	defer k.mu.RUnlock()
	nodes, edges := []Node{}, []Edge{}
	seen := map[string]bool{}
	add := func(n Node) {
		if !seen[n.ID] {
			seen[n.ID] = true
			nodes = append(nodes, n)
		}
	}
	found := false
	for _, it := range types {
		if typeName != "" && it.Name != typeName {
			continue
		}
		found = true
		tid := "issue:" + it.Name
		add(Node{ID: tid, Kind: "issue_type", Label: it.Name, Data: map[string]any{
			"description": it.Description, "occurrences": it.Occurrences, "resolved": it.Resolved}})
		for _, s := range it.Symptoms {
			add(Node{ID: "symptom:" + s, Kind: "symptom", Label: s})
			edges = append(edges, Edge{From: tid, To: "symptom:" + s, Kind: "shows"})
		}
		for _, c := range it.Causes {
			add(Node{ID: "cause:" + c, Kind: "cause", Label: c})
			edges = append(edges, Edge{From: tid, To: "cause:" + c, Kind: "caused_by"})
		}
		rec := k.recommend(it.ID, nil)
		for _, a := range rec.Actions {
			edges = append(edges, solutionEdge(tid, a, "", add))
		}
		for _, a := range rec.Routine {
			edges = append(edges, solutionEdge(tid, a.SolutionInfo, a.Evidence.Reason, add))
		}
	}
	if typeName != "" && !found {
		return nil, nil
	}
	return nodes, edges
}

// solutionEdge adds a solution's node and returns its edge from the type
// tid with its record; routine, when not empty, says why the solution is a
// routine move rather than a fix (never recommended, kept in the graph).
func solutionEdge(tid string, a SolutionInfo, routine string, add func(Node)) Edge {
	sid := "solution:" + a.Key
	data := map[string]any{"description": a.Description, "escalation": a.Escalation}
	if routine != "" {
		data["routine"] = routine
	}
	add(Node{ID: sid, Kind: "solution", Label: a.Key, Data: data})
	return Edge{From: tid, To: sid, Kind: "solved_by", Data: map[string]any{
		"successCount": a.Stats.SuccessCount, "failureCount": a.Stats.FailureCount,
		"totalAttempts": a.Stats.TotalAttempts, "successRate": a.Stats.SuccessRate,
		"successProbability":   a.Stats.SuccessProbability,
		"averageTimeToResolve": a.Stats.MinutesToResolve}}
}
