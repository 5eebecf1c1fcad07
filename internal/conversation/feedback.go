package conversation

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Limits of feedback.
const (
	MaxFeedbackAction    = 512     // characters
	MaxFeedbackNoteBytes = 4 << 10 // bytes
)

// FeedbackParams is explicit feedback on one action of a conversation.
type FeedbackParams struct {
	ConversationID string `json:"conversationId"`
	// Action is a solution key as the API shows it, or the action as said.
	Action         string         `json:"action"`
	Outcome        fathom.Outcome `json:"outcome"`
	Note           string         `json:"note,omitempty"`
	IdempotencyKey string         `json:"-"`
}

// FeedbackResult is the feedback as stored. Changed is false when the same
// feedback had been given before: nothing was written.
type FeedbackResult struct {
	ConversationID string         `json:"conversationId"`
	Action         string         `json:"action"`
	Outcome        fathom.Outcome `json:"outcome"`
	Note           string         `json:"note"`
	Changed        bool           `json:"changed"`
	Replayed       bool           `json:"-"`
}

// Feedback records which action was tried in a conversation and how it
// went: ENOTFOUND if the conversation was never tracked. A later word on
// the same action (compared without regard to case) replaces the earlier
// one. When anything changed, the conversation is queued for analysis in
// the same transaction, and the analysis lays the feedback over the
// outcomes it reads from the text, so the statistics follow once it ran.
func (s *Service) Feedback(ctx context.Context, tenantID int64, p FeedbackParams) (*FeedbackResult, error) {
	p.Action, p.Note = strings.Join(strings.Fields(p.Action), " "), strings.TrimSpace(p.Note)
	if err := p.validate(); err != nil {
		return nil, err
	}
	return writeOnce(ctx, s, tenantID, "feedback", p.IdempotencyKey, p, func(tx store.Tx) (*FeedbackResult, error) {
		return s.feedback(ctx, tx, tenantID, &p)
	})
}

func (s *Service) feedback(ctx context.Context, tx store.Tx, tenantID int64, p *FeedbackParams) (*FeedbackResult, error) {
	c, err := tx.ConversationGetByExternalID(ctx, tenantID, p.ConversationID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "conversationId %q not found", p.ConversationID)
	}
	if err != nil {
		return nil, err
	}
	changed, err := tx.FeedbackUpsert(ctx, &store.FeedbackUpsertParams{TenantID: tenantID, ConversationID: c.ID,
		Action: p.Action, Outcome: p.Outcome, Note: p.Note, At: s.now()})
	if err != nil {
		return nil, err
	}
	res := &FeedbackResult{ConversationID: p.ConversationID, Action: p.Action, Outcome: p.Outcome, Note: p.Note, Changed: changed}
	if !changed {
		return res, nil
	}
	if err := tx.ConversationMarkDirty(ctx, []int64{c.ID}); err != nil {
		return nil, err
	}
	return res, s.markForAnalysis(ctx, tx, tenantID)
}

// feedbackOf returns the feedback on the conversations, by conversation
// id, oldest change first.
func (s *Service) feedbackOf(ctx context.Context, tenantID int64, convs []*fathom.Conversation) (map[int64][]fathom.Feedback, error) {
	ids := make([]int64, len(convs))
	for i, c := range convs {
		ids[i] = c.ID
	}
	list, err := s.store.FeedbackList(ctx, &store.FeedbackListParams{TenantID: tenantID, ConversationIDs: ids})
	if err != nil || len(list) == 0 {
		return nil, err
	}
	out := make(map[int64][]fathom.Feedback)
	for _, f := range list {
		out[f.ConversationID] = append(out[f.ConversationID], *f)
	}
	return out, nil
}

func (p *FeedbackParams) validate() error {
	if err := validateConversationID(p.ConversationID); err != nil {
		return err
	}
	switch {
	case p.Action == "":
		return invalid("action is required")
	case !utf8.ValidString(p.Action):
		return invalid("action must be valid UTF-8")
	case utf8.RuneCountInString(p.Action) > MaxFeedbackAction:
		return invalid("action must be at most %d characters", MaxFeedbackAction)
	case strings.IndexFunc(p.Action, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0:
		return invalid("action must name an action: a solution key or the action as said")
	}
	switch {
	case p.Outcome == "":
		return invalid("outcome is required")
	case !p.Outcome.Decided():
		return invalid(`outcome must be "success" or "failure"`)
	}
	switch {
	case len(p.Note) > MaxFeedbackNoteBytes:
		return invalid("note must be at most %d bytes", MaxFeedbackNoteBytes)
	case !utf8.ValidString(p.Note):
		return invalid("note must be valid UTF-8")
	}
	return validateIdempotencyKey(p.IdempotencyKey)
}

func (r *FeedbackResult) markReplayed() { r.Replayed = true }
