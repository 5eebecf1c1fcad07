package conversation

import (
	"context"
	"fmt"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// A tracked conversation is searchable once its track is acknowledged,
// however far analysis lags: the track indexes the conversation's text
// itself, after its commit (term postings only: tokenising the opening
// costs microseconds, against milliseconds for the analysis), and on a
// shared database appends a "tracked" change that the other servers'
// index followers apply within a poll (followIndex). Analysis indexes the
// conversation again only if its text changed since (a resolve, a track
// whose text this one could not know cheaply): the index's tag for the
// document says which version it holds.

// openingRead is how many stored messages a track reads to find the
// opening of a conversation it appends user messages to: an opening is
// almost always within its first few turns.
const openingRead = 32

// indexTracked arranges for c's text to be indexed once tx commits, and on
// a shared database appends the change that tells the other servers. c is
// the conversation as updated by the track, before its message count
// before the track, stored its messages if the track read them (nil
// otherwise), and added the messages the track appended.
func (s *Service) indexTracked(ctx context.Context, tx store.Tx, tenantID int64, c *fathom.Conversation, before int, stored, added []fathom.Message) error {
	msgs, ok, err := trackedMessages(ctx, tx, c.ID, before, stored, added)
	if err != nil || !ok {
		return err
	}
	return s.indexOnCommit(ctx, tx, tenantID, c, msgs)
}

// indexOnCommit appends the change that tells the other servers c's text
// changed and indexes the text, made of msgs, once tx commits.
func (s *Service) indexOnCommit(ctx context.Context, tx store.Tx, tenantID int64, c *fathom.Conversation, msgs []fathom.Message) error {
	if err := s.appendChange(ctx, tx, tenantID, store.ChangeTracked, c.ID); err != nil {
		return err
	}
	conv, text := *c, IndexText(c, msgs)
	tx.AfterCommit(func() { s.indexUpsert(tenantID, &conv, text, true) })
	return nil
}

// trackedMessages returns enough of the conversation's messages, in order,
// for its index text (IndexText) after the track, reading as little as
// it can; ok is false when the text cannot have changed (no user message
// was appended: an assistant turn only ends an opening, or none was
// appended), and the index is left for analysis to tag anew.
func trackedMessages(ctx context.Context, tx store.Tx, conversationID int64, before int, stored, added []fathom.Message) ([]fathom.Message, bool, error) {
	switch {
	case before == 0:
		return added, true, nil
	case stored != nil:
		return append(stored[:len(stored):len(stored)], added...), true, nil
	case !hasRole(added, fathom.RoleUser):
		return nil, false, nil
	}
	msgs, err := openingMessages(ctx, tx, conversationID)
	return msgs, err == nil, err
}

// openingMessages returns the conversation's first messages, enough for
// its opening (fathom.Opening), reading as few as it can.
func openingMessages(ctx context.Context, tx store.Tx, conversationID int64) ([]fathom.Message, error) {
	head, err := tx.MessageList(ctx, conversationID, 0, openingRead)
	if err != nil {
		return nil, fmt.Errorf("read opening: %w", err)
	}
	// Enough once the opening closes within head, or head holds every
	// message: those stored before the track and its own (the transaction
	// reads its writes).
	if openingClosed(head) || len(head) < openingRead {
		return head, nil
	}
	all, err := tx.MessageList(ctx, conversationID, 0, 0)
	if err != nil {
		return nil, fmt.Errorf("read opening: %w", err)
	}
	return all, nil
}

// indexResolved makes, on a shared database with a remote provider, the
// server whose resolve wrote notes into a conversation's text the one that
// embeds it, as a track's server is (vectorshare.go): it indexes the text
// once tx commits and tells the other servers, which await its vector.
// Elsewhere, and for generated notes (not part of the text), the text is
// indexed by the analysis the resolve brings, as before.
func (s *Service) indexResolved(ctx context.Context, tx store.Tx, tenantID int64, c *fathom.Conversation) error {
	if c.NotesGenerated || !s.Shared() || s.vec == nil || s.vec.emb.Local() {
		return nil
	}
	msgs, err := openingMessages(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	return s.indexOnCommit(ctx, tx, tenantID, c, msgs)
}

// openingClosed reports whether msgs hold an assistant turn after a user
// turn: the opening (fathom.Opening) ends there, whatever follows.
func openingClosed(msgs []fathom.Message) bool {
	user := false
	for _, m := range msgs {
		switch {
		case m.Role == fathom.RoleUser:
			user = true
		case m.Role == fathom.RoleAssistant && user:
			return true
		}
	}
	return false
}

func hasRole(msgs []fathom.Message, r fathom.Role) bool {
	for _, m := range msgs {
		if m.Role == r {
			return true
		}
	}
	return false
}
