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
}

// neighbourDepth is how many nearest conversations inform the
// recommendation, whatever the limit of the answer.
const neighbourDepth = 30

// Similar ranks the tenant's conversations against a new message.
func (s *Service) Similar(ctx context.Context, tenantID int64, p SimilarParams) (*SimilarResult, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	limit := DefaultLimit
	if p.Limit != nil {
		limit = *p.Limit
	}
	// Recommendations look at more neighbours than the caller shows.
	ranker := s.ranker.WithTypeNames(func(typeID int64) string { return s.know.TypeName(tenantID, typeID) })
	hits, total := ranker.RankExplaining(s.index.For(tenantID), s.know.Model(tenantID), nil, p.Message,
		max(limit, neighbourDepth), limit, s.cfg.MinSimilarity)
	neighbours := make([]knowledge.Neighbour, len(hits))
	for i, h := range hits {
		neighbours[i] = knowledge.Neighbour{ID: h.ID, Similarity: h.Similarity}
	}
	hits = hits[:min(limit, len(hits))]
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	res := &SimilarResult{Query: p.Message, TotalFound: total,
		Conversations: []SimilarConversation{}, SimilarResolutions: []SimilarResolution{},
		Recommendation: s.know.Recommend(tenantID, p.Message, neighbours)}
	if len(hits) == 0 {
		return res, nil
	}
	convs, err := s.store.ConversationListByIDs(ctx, tenantID, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*fathom.Conversation, len(convs))
	for _, c := range convs {
		byID[c.ID] = c
	}
	for _, h := range hits {
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
