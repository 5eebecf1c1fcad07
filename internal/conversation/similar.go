package conversation

import (
	"context"

	"github.com/fathom-oss/fathom/internal/fathom"
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
}

// Similar ranks the tenant's conversations against a new message.
func (s *Service) Similar(ctx context.Context, tenantID int64, p SimilarParams) (*SimilarResult, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	limit := DefaultLimit
	if p.Limit != nil {
		limit = *p.Limit
	}
	hits, total := s.index.For(tenantID).Search(p.Message, limit, s.cfg.MinSimilarity)
	res := &SimilarResult{Query: p.Message, TotalFound: total,
		Conversations: []SimilarConversation{}, SimilarResolutions: []SimilarResolution{}}
	if len(hits) == 0 {
		return res, nil
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
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
	for _, h := range hits {
		c, ok := byID[h.ID]
		if !ok {
			// Deleted since it was indexed: the database is the truth.
			res.TotalFound--
			continue
		}
		res.Conversations = append(res.Conversations, SimilarConversation{Conversation: c, Similarity: h.Similarity})
		if c.Status == fathom.StatusResolved && c.ResolutionNotes != "" {
			res.SimilarResolutions = append(res.SimilarResolutions, SimilarResolution{
				ConversationID: c.ExternalID, ResolutionNotes: c.ResolutionNotes, Similarity: h.Similarity})
		}
	}
	return res, nil
}
