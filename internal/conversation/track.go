package conversation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// MessageInput is a message as a client sends it.
type MessageInput struct {
	Role    fathom.Role `json:"role"`
	Content string      `json:"content"`
}

// TrackParams is a track request.
type TrackParams struct {
	ConversationID string         `json:"conversationId"`
	Messages       []MessageInput `json:"messages"`
	UserID         string         `json:"userId,omitempty"`
	IdempotencyKey string         `json:"-"`
}

// TrackResult is what a track did. It is also what an Idempotency-Key
// replays, so it is stored as JSON.
type TrackResult struct {
	ConversationID   string                    `json:"conversationId"`
	MessagesReceived int                       `json:"messagesReceived"`
	MessagesAppended int                       `json:"messagesAppended"`
	IsIncremental    bool                      `json:"isIncremental"`
	Status           fathom.ConversationStatus `json:"status"`
	Reopened         bool                      `json:"reopened"`
	Replayed         bool                      `json:"-"`
}

// Track appends messages to a conversation, creating it on first use. The
// messages are committed before Track returns.
//
// Resend detection: when the stored history is non-empty and the request's
// messages begin with all of it, only the new suffix is appended and
// IsIncremental is false; otherwise every message is appended. New messages
// on a resolved conversation reopen it.
func (s *Service) Track(ctx context.Context, tenantID int64, p TrackParams) (*TrackResult, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	return writeOnce(ctx, s, tenantID, "track", p.IdempotencyKey, p, func(tx store.Tx) (*TrackResult, error) {
		return s.track(ctx, tx, tenantID, &p)
	})
}

func (s *Service) track(ctx context.Context, tx store.Tx, tenantID int64, p *TrackParams) (*TrackResult, error) {
	now := s.now()
	c, err := tx.ConversationGetByExternalID(ctx, tenantID, p.ConversationID)
	if errors.Is(err, store.ErrNotFound) {
		c, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{
			TenantID: tenantID, ExternalID: p.ConversationID, UserID: p.UserID, CreatedAt: now})
	}
	if err != nil {
		return nil, err
	}
	res := &TrackResult{ConversationID: p.ConversationID, MessagesReceived: len(p.Messages), IsIncremental: true}
	fresh := p.Messages
	var stored []fathom.Message // nil unless read for resend detection
	if c.MessageCount > 0 && c.MessageCount <= len(p.Messages) {
		stored, err = tx.MessageList(ctx, c.ID, 0, 0)
		if err != nil {
			return nil, err
		}
		if isPrefix(stored, p.Messages) {
			fresh, res.IsIncremental = p.Messages[len(stored):], false
		}
	}
	before := c.MessageCount
	res.MessagesAppended = len(fresh)
	if len(fresh) == 0 && (p.UserID == "" || p.UserID == c.UserID) {
		res.Status = c.Status
		return res, nil
	}
	if err := s.checkSize(ctx, tx, c, fresh); err != nil {
		return nil, err
	}
	msgs := make([]fathom.Message, len(fresh))
	for i, m := range fresh {
		msgs[i] = fathom.Message{Seq: c.MessageCount + i, Role: m.Role, Content: m.Content, CreatedAt: now}
	}
	if err := tx.MessageInsertMany(ctx, c.ID, msgs); err != nil {
		return nil, err
	}
	if len(fresh) > 0 && c.Status == fathom.StatusResolved {
		c.Status, c.ResolvedAt, c.ResolutionNotes, c.NotesGenerated = fathom.StatusOpen, nil, "", false
		c.ReopenCount++
		res.Reopened = true
	}
	if p.UserID != "" {
		c.UserID = p.UserID
	}
	c.MessageCount += len(fresh)
	c.UpdatedAt = now
	if err := tx.ConversationUpdate(ctx, c); err != nil {
		return nil, err
	}
	res.Status = c.Status
	if err := s.indexTracked(ctx, tx, tenantID, c, before, stored, msgs); err != nil {
		return nil, err
	}
	return res, s.markForAnalysis(ctx, tx, tenantID)
}

// checkSize refuses messages that would take the conversation past
// MaxConversationMessages or MaxConversationBytes. The stored size is only
// summed when the conversation could be near the byte cap, so that short
// conversations pay nothing for it.
func (s *Service) checkSize(ctx context.Context, tx store.Tx, c *fathom.Conversation, fresh []MessageInput) error {
	if n := c.MessageCount + len(fresh); n > s.cfg.MaxConversationMessages {
		return fathom.Errorf(fathom.ETOOLARGE,
			"conversation %q would hold %d messages, over the limit of %d messages per conversation (max-conversation-messages)",
			c.ExternalID, n, s.cfg.MaxConversationMessages)
	}
	var added int64
	for _, m := range fresh {
		added += int64(len(m.Content))
	}
	if int64(c.MessageCount)*MaxContentBytes+added <= s.cfg.MaxConversationBytes {
		return nil
	}
	stored, err := tx.MessageBytes(ctx, c.ID)
	if err != nil {
		return err
	}
	if stored+added > s.cfg.MaxConversationBytes {
		return fathom.Errorf(fathom.ETOOLARGE,
			"conversation %q would hold %d bytes of messages, over the limit of %d bytes per conversation (max-conversation-bytes)",
			c.ExternalID, stored+added, s.cfg.MaxConversationBytes)
	}
	return nil
}

func isPrefix(stored []fathom.Message, sent []MessageInput) bool {
	if len(stored) > len(sent) {
		return false
	}
	for i, m := range stored {
		if m.Role != sent[i].Role || m.Content != sent[i].Content {
			return false
		}
	}
	return true
}

// fingerprint identifies a request's content, so that a reused
// Idempotency-Key with a different body is caught.
func fingerprint(v any) string {
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// replay returns the stored result of an earlier request with the same
// Idempotency-Key, if any.
func replay[T any](ctx context.Context, tx store.Tx, tenantID int64, scope, key, fp string) (*T, bool, error) {
	if key == "" {
		return nil, false, nil
	}
	rec, err := tx.IdempotencyGet(ctx, tenantID, scope, key)
	if errors.Is(err, store.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if rec.Fingerprint != fp {
		return nil, false, fathom.Errorf(fathom.ECONFLICT,
			"Idempotency-Key %q was already used with a different request body", key)
	}
	var v T
	if err := json.Unmarshal(rec.Response, &v); err != nil {
		return nil, false, fmt.Errorf("decode stored response: %w", err)
	}
	return &v, true, nil
}

func (r *TrackResult) markReplayed() { r.Replayed = true }
