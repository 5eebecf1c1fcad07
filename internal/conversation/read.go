package conversation

import (
	"context"
	"errors"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/store"
)

// Bounds of one page of a conversation read. A page holds at most its
// limit of messages and stops early once its content passes MaxPageBytes
// (always at least one message), so that the memory a read holds does not
// grow with the conversation: a slow client keeps one page alive, not the
// whole history.
const (
	DefaultPageMessages = 200       // messages per page when no limit is asked
	MaxPageMessages     = 1000      // largest limit a client may ask
	MaxPageBytes        = 256 << 10 // message content per page, in bytes
)

// readChunk is how many messages a page reads from storage at a time
// before it knows their size.
const readChunk = 16

// PageParams select a page of messages: Offset is the position (Seq) of
// the first one, Limit how many at most (0 means DefaultPageMessages).
type PageParams struct {
	Offset int
	Limit  int
}

// Detail is one conversation with one page of its messages.
type Detail struct {
	Conversation *fathom.Conversation
	Messages     []fathom.Message
	IssueType    *knowledge.IssueType
	Attempts     []knowledge.AttemptInfo
	Feedback     []*fathom.Feedback // oldest change first
	// Offset and Limit are the page served; NextOffset is where the next
	// page starts, -1 when this page reaches the end.
	Offset, Limit, NextOffset int
}

func (p *PageParams) validate() error {
	switch {
	case p.Offset < 0:
		return invalid("offset must be 0 or more, got %d", p.Offset)
	case p.Limit < 0 || p.Limit > MaxPageMessages:
		return invalid("limit must be between 1 and %d, got %d", MaxPageMessages, p.Limit)
	case p.Limit == 0:
		p.Limit = DefaultPageMessages
	}
	return nil
}

// Get returns a conversation of the tenant with one page of its messages.
func (s *Service) Get(ctx context.Context, tenantID int64, externalID string, page PageParams) (*Detail, error) {
	if err := validateConversationID(externalID); err != nil {
		return nil, err
	}
	if err := page.validate(); err != nil {
		return nil, err
	}
	c, err := s.store.ConversationGetByExternalID(ctx, tenantID, externalID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "conversationId %q not found", externalID)
	}
	if err != nil {
		return nil, err
	}
	msgs, next, err := s.readPage(ctx, c.ID, page)
	if err != nil {
		return nil, err
	}
	feedback, err := s.store.FeedbackList(ctx, &store.FeedbackListParams{TenantID: tenantID, ConversationIDs: []int64{c.ID}})
	if err != nil {
		return nil, err
	}
	issue, attempts := s.know.Conversation(tenantID, c.ID)
	return &Detail{Conversation: c, Messages: msgs, IssueType: issue, Attempts: attempts, Feedback: feedback,
		Offset: page.Offset, Limit: page.Limit, NextOffset: next}, nil
}

// readPage reads up to page.Limit messages from page.Offset, in chunks so
// that it never holds much more than MaxPageBytes of content, and returns
// where the next page starts (-1 at the end).
func (s *Service) readPage(ctx context.Context, conversationID int64, page PageParams) ([]fathom.Message, int, error) {
	var out []fathom.Message
	from, size, chunk := page.Offset, 0, readChunk
	for len(out) < page.Limit {
		n := min(chunk, page.Limit-len(out))
		// One more than needed tells whether anything follows.
		got, err := s.store.MessageList(ctx, conversationID, from, n+1)
		if err != nil {
			return nil, 0, err
		}
		for i, m := range got {
			if len(out) == page.Limit || (len(out) > 0 && size+len(m.Content) > MaxPageBytes) {
				return out, m.Seq, nil
			}
			if i == n {
				break // the peeked message is read again with the next chunk
			}
			out, size, from = append(out, m), size+len(m.Content), m.Seq+1
		}
		if len(got) <= n {
			return out, -1, nil
		}
		// Size the next chunk by what the messages so far weigh.
		chunk = max(readChunk, (MaxPageBytes-size)/max(1, size/len(out)))
	}
	return out, -1, nil
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
		return s.deleteTx(ctx, tx, tenantID, c)
	})
}

// deleteTx deletes c in tx and, once committed, takes it out of the search
// index and the knowledge engine.
func (s *Service) deleteTx(ctx context.Context, tx store.Tx, tenantID int64, c *fathom.Conversation) error {
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
}
