package conversation

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Support calls are learned from like chats: the meetings service hands a
// call's transcript over, in its processing transaction, and it becomes a
// conversation of the tenant, tracked and resolved as a client would track
// and resolve a chat, so that analysis, issue types, solutions, outcomes
// and similarity take it in through the one path they know. The
// conversation is the call's: processing the call again replaces it, and
// deleting the meeting deletes it (ForgetCallTx).

// LearnCallTx makes the tenant's conversation call.ConversationID hold
// exactly call's messages, resolved at call.End, in tx. A conversation
// holding the same messages already is left as it is; one holding others
// is deleted, with everything learned from it, and made anew, so that
// processing a call twice never duplicates its turns. Messages past the
// conversation caps (MaxConversationMessages, MaxConversationBytes) are
// left out; kept says how many were stored.
func (s *Service) LearnCallTx(ctx context.Context, tx store.Tx, tenantID int64, call *fathom.SupportCall) (kept int, err error) {
	if err := validateConversationID(call.ConversationID); err != nil {
		return 0, err
	}
	msgs := s.capCall(call.Messages)
	for i, m := range msgs {
		if m.Role != fathom.RoleUser && m.Role != fathom.RoleAssistant {
			return 0, fmt.Errorf("call %s: message %d has role %q", call.ConversationID, i, m.Role)
		}
		if strings.TrimSpace(m.Content) == "" || len(m.Content) > MaxContentBytes || !utf8.ValidString(m.Content) {
			return 0, fmt.Errorf("call %s: message %d is empty, longer than %d bytes or not UTF-8", call.ConversationID, i, MaxContentBytes)
		}
	}
	if len(msgs) == 0 {
		return 0, fmt.Errorf("call %s: no messages", call.ConversationID)
	}
	old, err := tx.ConversationGetByExternalID(ctx, tenantID, call.ConversationID)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return 0, err
	default:
		same, err := s.holds(ctx, tx, old, msgs)
		if err != nil || same {
			return len(msgs), err
		}
		if err := s.deleteTx(ctx, tx, tenantID, old); err != nil {
			return 0, err
		}
	}
	now := s.now()
	c, err := tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tenantID, ExternalID: call.ConversationID,
		UserID: call.UserID, CreatedAt: now})
	if err != nil {
		return 0, err
	}
	stored := make([]fathom.Message, len(msgs))
	for i, m := range msgs {
		stored[i] = fathom.Message{Seq: i, Role: m.Role, Content: m.Content, CreatedAt: m.CreatedAt}
		if stored[i].CreatedAt.IsZero() {
			stored[i].CreatedAt = now
		}
	}
	if err := tx.MessageInsertMany(ctx, c.ID, stored); err != nil {
		return 0, err
	}
	end := call.End
	if end.IsZero() {
		end = now
	}
	c.MessageCount, c.UpdatedAt = len(stored), now
	c.Status, c.ResolvedAt, c.ResolutionNotes, c.NotesGenerated = fathom.StatusResolved, &end, GenerateNotes(stored), true
	if err := tx.ConversationUpdate(ctx, c); err != nil {
		return 0, err
	}
	if err := s.indexTracked(ctx, tx, tenantID, c, 0, nil, stored); err != nil {
		return 0, err
	}
	return len(stored), s.markForAnalysis(ctx, tx, tenantID)
}

// ForgetCallTx deletes the tenant's conversation learned from a call, and
// everything learned from it, in tx; a call never learned from is no error.
func (s *Service) ForgetCallTx(ctx context.Context, tx store.Tx, tenantID int64, conversationID string) error {
	c, err := tx.ConversationGetByExternalID(ctx, tenantID, conversationID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return s.deleteTx(ctx, tx, tenantID, c)
}

// capCall keeps the messages that fit the conversation caps, from the
// start of the call.
func (s *Service) capCall(msgs []fathom.Message) []fathom.Message {
	if len(msgs) > s.cfg.MaxConversationMessages {
		msgs = msgs[:s.cfg.MaxConversationMessages]
	}
	var size int64
	for i, m := range msgs {
		if size += int64(len(m.Content)); size > s.cfg.MaxConversationBytes {
			return msgs[:i]
		}
	}
	return msgs
}

// holds reports whether c holds exactly msgs, by role and content.
func (s *Service) holds(ctx context.Context, tx store.Tx, c *fathom.Conversation, msgs []fathom.Message) (bool, error) {
	if c.MessageCount != len(msgs) {
		return false, nil
	}
	stored, err := tx.MessageList(ctx, c.ID, 0, 0)
	if err != nil || len(stored) != len(msgs) {
		return false, err
	}
	for i, m := range stored {
		if m.Role != msgs[i].Role || m.Content != msgs[i].Content {
			return false, nil
		}
	}
	return true, nil
}
