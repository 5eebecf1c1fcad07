package conversation

import (
	"context"
	"errors"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/store"
)

// Detail is one conversation with its messages.
type Detail struct {
	Conversation *fathom.Conversation
	Messages     []fathom.Message
	IssueType    *knowledge.IssueType
	Attempts     []knowledge.AttemptInfo
	Feedback     []*fathom.Feedback // oldest change first
}

// Get returns a conversation of the tenant with its messages.
func (s *Service) Get(ctx context.Context, tenantID int64, externalID string) (*Detail, error) {
	if err := validateConversationID(externalID); err != nil {
		return nil, err
	}
	c, err := s.store.ConversationGetByExternalID(ctx, tenantID, externalID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "conversationId %q not found", externalID)
	}
	if err != nil {
		return nil, err
	}
	msgs, err := s.store.MessageList(ctx, c.ID, 0, 0)
	if err != nil {
		return nil, err
	}
	feedback, err := s.store.FeedbackList(ctx, &store.FeedbackListParams{TenantID: tenantID, ConversationIDs: []int64{c.ID}})
	if err != nil {
		return nil, err
	}
	issue, attempts := s.know.Conversation(tenantID, c.ID)
	return &Detail{Conversation: c, Messages: msgs, IssueType: issue, Attempts: attempts, Feedback: feedback}, nil
}

// Delete removes a conversation of the tenant, its messages and everything
// derived from it, and takes it out of the search index once committed.
func (s *Service) Delete(ctx context.Context, tenantID int64, externalID string) error {
	if err := validateConversationID(externalID); err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx store.Tx) error {
		c, err := tx.ConversationGetByExternalID(ctx, tenantID, externalID)
		if errors.Is(err, store.ErrNotFound) {
			return fathom.Errorf(fathom.ENOTFOUND, "conversationId %q not found", externalID)
		}
		if err != nil {
			return err
		}
		if err := tx.ConversationDelete(ctx, c.ID); err != nil {
			return err
		}
		if err := s.appendChange(ctx, tx, tenantID, store.ChangeDelete, c.ID); err != nil {
			return err
		}
		tx.AfterCommit(func() {
			s.indexDelete(tenantID, c.ID)
			s.know.Remove(tenantID, c.ID)
		})
		return nil
	})
}
