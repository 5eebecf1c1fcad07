package client

import (
	"context"
	"net/http"
	"net/url"
)

// IssueType is a learned issue type with its record.
type IssueType struct {
	IssueDetails
	Resolved              int     `json:"resolved"`
	HistoricalSuccessRate float64 `json:"historicalSuccessRate"`
}

// IssueTypes lists the tenant's learned issue types, most frequent first.
func (c *Client) IssueTypes(ctx context.Context) ([]IssueType, error) {
	var out struct {
		IssueTypes []IssueType `json:"issueTypes"`
	}
	if err := c.do(ctx, http.MethodGet, "/api/v1/context/issues", nil, &out, nil); err != nil {
		return nil, err
	}
	return out.IssueTypes, nil
}

// IssueTypeSolution is a solution of an issue type, best first.
type IssueTypeSolution struct {
	Solution             string          `json:"solution"`
	SuccessProbability   float64         `json:"successProbability"`
	AverageTimeToResolve float64         `json:"averageTimeToResolve"`
	SolutionDetails      SolutionDetails `json:"solutionDetails"`
}

// IssueTypeDetail is one issue type with its solutions.
type IssueTypeDetail struct {
	IssueType       IssueType           `json:"issueType"`
	Solutions       []IssueTypeSolution `json:"solutions"`
	EscalationPoint int                 `json:"escalationPoint"`
}

// IssueType fetches one issue type by name.
func (c *Client) IssueType(ctx context.Context, name string) (*IssueTypeDetail, error) {
	var out IssueTypeDetail
	if err := c.do(ctx, http.MethodGet, "/api/v1/context/issues/"+url.PathEscape(name), nil, &out, nil); err != nil {
		return nil, err
	}
	return &out, nil
}

// GraphNode is an issue type, solution, symptom or cause.
type GraphNode struct {
	ID    string         `json:"id"`
	Kind  string         `json:"kind"`
	Label string         `json:"label"`
	Data  map[string]any `json:"data,omitempty"`
}

// GraphEdge links two nodes.
type GraphEdge struct {
	From string         `json:"from"`
	To   string         `json:"to"`
	Kind string         `json:"kind"`
	Data map[string]any `json:"data,omitempty"`
}

// Graph returns the knowledge graph, or one issue type's part of it.
func (c *Client) Graph(ctx context.Context, issueType string) ([]GraphNode, []GraphEdge, error) {
	var out struct {
		Nodes []GraphNode `json:"nodes"`
		Edges []GraphEdge `json:"edges"`
	}
	path := "/api/v1/context/graph"
	if issueType != "" {
		path += "?issueType=" + url.QueryEscape(issueType)
	}
	if err := c.do(ctx, http.MethodGet, path, nil, &out, nil); err != nil {
		return nil, nil, err
	}
	return out.Nodes, out.Edges, nil
}
