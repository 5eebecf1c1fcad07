package contextapi

import (
	"context"
	"net/http"
	"time"

	"github.com/fathom-oss/fathom/internal/conversation"
	"github.com/fathom-oss/fathom/internal/fathom"
)

// feedbackData answers POST /feedback (an extension of the contract).
type feedbackData struct {
	ConversationID string `json:"conversationId"`
	Action         string `json:"action"`
	Outcome        string `json:"outcome"`
	Note           string `json:"note"`
	// Changed is false when the same feedback had been given before.
	Changed bool `json:"changed"`
}

// feedbackItem is one piece of feedback as the conversation read endpoint
// lists it.
type feedbackItem struct {
	Action    string    `json:"action"`
	Outcome   string    `json:"outcome"`
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

func toFeedbackItems(list []*fathom.Feedback) []feedbackItem {
	out := make([]feedbackItem, len(list))
	for i, f := range list {
		out[i] = feedbackItem{Action: f.Action, Outcome: string(f.Outcome), Note: f.Note, CreatedAt: f.CreatedAt.UTC(), UpdatedAt: f.UpdatedAt.UTC()}
	}
	return out
}

func (h *Handler) feedback(ctx context.Context, p *fathom.Principal, body object, r *http.Request) (*result, error) {
	params, err := decodeFeedback(body)
	if err != nil {
		return nil, err
	}
	params.IdempotencyKey = r.Header.Get("Idempotency-Key")
	res, err := h.conversations.Feedback(ctx, p.TenantID, params)
	if err != nil {
		return nil, err
	}
	return &result{message: "Feedback recorded", replayed: res.Replayed, data: feedbackData{ConversationID: res.ConversationID,
		Action: res.Action, Outcome: string(res.Outcome), Note: res.Note, Changed: res.Changed}}, nil
}

// decodeFeedback checks presence and JSON types; the service checks values.
func decodeFeedback(o object) (conversation.FeedbackParams, error) {
	var p conversation.FeedbackParams
	var err error
	if p.ConversationID, err = o.requiredStr("conversationId"); err != nil {
		return p, err
	}
	if p.Action, err = o.requiredStr("action"); err != nil {
		return p, err
	}
	outcome, err := o.requiredStr("outcome")
	if err != nil {
		return p, err
	}
	p.Outcome = fathom.Outcome(outcome)
	p.Note, _, err = o.str("note")
	return p, err
}
