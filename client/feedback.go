package client

import (
	"context"
	"net/http"
	"time"
)

// Outcomes a FeedbackRequest can report.
const (
	OutcomeSuccess = "success"
	OutcomeFailure = "failure"
)

// FeedbackRequest confirms which action was tried in a conversation and
// how it went. Action is a solution key as the API shows it (in
// attemptedSolutions or recommendedActions) or the action as said; Outcome
// is OutcomeSuccess or OutcomeFailure.
type FeedbackRequest struct {
	ConversationID string `json:"conversationId"`
	Action         string `json:"action"`
	Outcome        string `json:"outcome"`
	Note           string `json:"note,omitempty"`
	// IdempotencyKey makes a retried request a no-op (sent as a header).
	IdempotencyKey string `json:"-"`
}

// FeedbackResult is the feedback as stored. Changed is false when the same
// feedback had been given before.
type FeedbackResult struct {
	ConversationID string `json:"conversationId"`
	Action         string `json:"action"`
	Outcome        string `json:"outcome"`
	Note           string `json:"note"`
	Changed        bool   `json:"changed"`
}

// ConversationFeedback is feedback as a conversation lists it.
type ConversationFeedback struct {
	Action    string    `json:"action"`
	Outcome   string    `json:"outcome"`
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// Feedback records the outcome of an action tried in a conversation. It
// overrides the outcome the server inferred from the text (or adds the
// attempt), and replaces earlier feedback on the same action; the
// statistics follow once the server has analysed the conversation again.
func (c *Client) Feedback(ctx context.Context, req FeedbackRequest) (*FeedbackResult, error) {
	var out FeedbackResult
	if err := c.do(ctx, http.MethodPost, "/api/v1/context/feedback", req, &out, idempotency(req.IdempotencyKey)); err != nil {
		return nil, err
	}
	return &out, nil
}
