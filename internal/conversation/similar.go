package conversation

import (
	"context"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
)

// SimilarParams is a similarity request. Limit nil means DefaultLimit.
type SimilarParams struct {
	Message string
	Limit   *int
}

// SimilarConversation is one past conversation that matched.
type SimilarConversation struct {
	Conversation *fathom.Conversation
	Similarity   float64
	Reasons      []string
	IssueType    *knowledge.IssueType // nil until analysed
	Attempts     []knowledge.AttemptInfo
}

// SimilarResolution is a resolved match and how it was resolved.
type SimilarResolution struct {
	ConversationID  string
	ResolutionNotes string
	Similarity      float64
}

// SimilarResult answers a similarity request.
type SimilarResult struct {
	Query              string
	TotalFound         int
	Conversations      []SimilarConversation
	SimilarResolutions []SimilarResolution
	Recommendation     *knowledge.Recommendation
	// Retrieval says how the answer was ranked: RetrievalLexical,
	// RetrievalHybrid or RetrievalLexicalFallback.
	Retrieval string
}

// Similar ranks the tenant's conversations against a new message and
// recommends what to do; the knowledge engine composes the search, the
// type prediction and the ranking (knowledge.Engine.Similar), and the
// store, the truth, supplies the conversations shown.
func (s *Service) Similar(ctx context.Context, tenantID int64, p SimilarParams) (*SimilarResult, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	limit := DefaultLimit
	if p.Limit != nil {
		limit = *p.Limit
	}
	dense, mode := s.queryDense(ctx, tenantID, p.Message)
	m := s.know.Similar(tenantID, knowledge.SimilarParams{Index: s.index.For(tenantID), Message: p.Message,
		Limit: limit, MinSimilarity: s.cfg.MinSimilarity, Dense: dense})
	res := &SimilarResult{Query: p.Message, TotalFound: m.Total, Retrieval: mode,
		Conversations: []SimilarConversation{}, SimilarResolutions: []SimilarResolution{},
		Recommendation: m.Recommendation}
	if len(m.Matches) == 0 {
		return res, nil
	}
	ids := make([]int64, len(m.Matches))
	for i, h := range m.Matches {
		ids[i] = h.ID
	}
	convs, err := s.store.ConversationListByIDs(ctx, tenantID, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*fathom.Conversation, len(convs))
	for _, c := range convs {
		byID[c.ID] = c
	}
	for _, h := range m.Matches {
		c, ok := byID[h.ID]
		if !ok {
			// Deleted since it was indexed: the database is the truth.
			res.TotalFound--
			continue
		}
		issue, attempts := s.know.Conversation(tenantID, c.ID)
		res.Conversations = append(res.Conversations, SimilarConversation{Conversation: c, Similarity: h.Similarity,
			Reasons: h.Reasons, IssueType: issue, Attempts: attempts})
		if c.Status == fathom.StatusResolved && c.ResolutionNotes != "" {
			res.SimilarResolutions = append(res.SimilarResolutions, SimilarResolution{
				ConversationID: c.ExternalID, ResolutionNotes: c.ResolutionNotes, Similarity: h.Similarity})
		}
	}
	return res, nil
}
