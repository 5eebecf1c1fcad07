package conversation

import (
	"context"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
)

// The read side of the knowledge the service learns from conversations:
// the issue types, one type with its solutions, and the graph joining them.
// The knowledge engine keeps it in memory; these methods add the tenant
// scoping and the not-found rules, so that HTTP only encodes.

// IssueTypes lists the tenant's issue types, most frequent first.
func (s *Service) IssueTypes(_ context.Context, tenantID int64) []*knowledge.IssueType {
	return s.know.IssueTypes(tenantID)
}

// IssueType returns the tenant's issue type called name with its ranked
// solutions, or ENOTFOUND.
func (s *Service) IssueType(_ context.Context, tenantID int64, name string) (*knowledge.Recommendation, error) {
	rec := s.know.IssueTypeByName(tenantID, name)
	if rec == nil {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "issue type %q not found", name)
	}
	return rec, nil
}

// Graph returns the tenant's knowledge graph, or only the part of the issue
// type called typeName when it is not empty (ENOTFOUND if there is none).
func (s *Service) Graph(_ context.Context, tenantID int64, typeName string) ([]knowledge.Node, []knowledge.Edge, error) {
	nodes, edges := s.know.Graph(tenantID, typeName)
	if nodes == nil && typeName != "" {
		return nil, nil, fathom.Errorf(fathom.ENOTFOUND, "issueType %q not found", typeName)
	}
	return nodes, edges, nil
}
