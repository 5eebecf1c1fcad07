package store

import (
	"context"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// FeedbackReader holds the reads of explicit feedback on conversations.
type FeedbackReader interface {
	// FeedbackList returns the tenant's feedback on the given
	// conversations, ordered by conversation, then oldest change first
	// (so that, applied in order, the latest word wins).
	FeedbackList(ctx context.Context, p *FeedbackListParams) ([]*fathom.Feedback, error)
}

// FeedbackTx holds the writes of explicit feedback.
type FeedbackTx interface {
	// FeedbackUpsert stores feedback on one action of a conversation,
	// replacing earlier feedback on the same action (compared without
	// regard to case). It reports whether anything changed: the same
	// outcome and note again leave the row, UpdatedAt included, as it was.
	FeedbackUpsert(ctx context.Context, p *FeedbackUpsertParams) (changed bool, err error)
}

// FeedbackListParams select the feedback of some conversations.
type FeedbackListParams struct {
	TenantID        int64
	ConversationIDs []int64
}

// FeedbackUpsertParams are the fields of a piece of feedback; At is when
// it was given.
type FeedbackUpsertParams struct {
	TenantID       int64
	ConversationID int64
	Action         string
	Outcome        fathom.Outcome
	Note           string
	At             time.Time
}
