package fathomapi

import (
	"context"
	"net/http"
	"strconv"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
)

type createWebhookJSON struct {
	DestinationURL     *string   `json:"destination_url"`
	TriggeredFor       *[]string `json:"triggered_for"`
	IncludeTranscript  bool      `json:"include_transcript"`
	IncludeSummary     bool      `json:"include_summary"`
	IncludeActionItems bool      `json:"include_action_items"`
	IncludeCRMMatches  bool      `json:"include_crm_matches"`
}

func (h *Handler) createWebhook(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	var in createWebhookJSON
	if err := decodeBody(r, &in, 64<<10); err != nil {
		return 0, nil, err
	}
	if in.DestinationURL == nil {
		return 0, nil, required("destination_url")
	}
	if in.TriggeredFor == nil {
		return 0, nil, required("triggered_for")
	}
	w, err := h.meetings.CreateWebhook(ctx, c, meeting.WebhookParams{URL: *in.DestinationURL, TriggeredFor: *in.TriggeredFor,
		Include: fathom.Include{Transcript: in.IncludeTranscript, Summary: in.IncludeSummary,
			ActionItems: in.IncludeActionItems, CRMMatches: in.IncludeCRMMatches}})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, toWebhook(w, true), nil
}

func (h *Handler) deleteWebhook(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	return http.StatusNoContent, nil, h.meetings.DeleteWebhook(ctx, c, r.PathValue("id"))
}

// listWebhooks is our extension; secrets are shown only at creation.
func (h *Handler) listWebhooks(ctx context.Context, c *meeting.Caller, _ *http.Request) (int, any, error) {
	ws, err := h.meetings.Webhooks(ctx, c)
	if err != nil {
		return 0, nil, err
	}
	out := listJSON[webhookJSON]{Limit: len(ws), Items: make([]webhookJSON, len(ws))}
	for i, w := range ws {
		out.Items[i] = toWebhook(w, false)
	}
	return http.StatusOK, out, nil
}

type deliveryJSON struct {
	ID          int64         `json:"id"`
	MessageID   string        `json:"message_id"`
	RecordingID int64         `json:"recording_id"`
	URL         string        `json:"url"`
	Status      string        `json:"status"`
	Attempts    []attemptJSON `json:"attempts"`
	CreatedAt   string        `json:"created_at"`
	DeliveredAt *string       `json:"delivered_at"`
}

type attemptJSON struct {
	Attempt    int    `json:"attempt"`
	At         string `json:"at"`
	StatusCode int    `json:"status_code"`
	Error      string `json:"error,omitempty"`
	DurationMS int64  `json:"duration_ms"`
	Response   string `json:"response,omitempty"`
}

const deliveryPageSize = 25

// listDeliveries is our extension: a webhook's delivery log, newest first.
func (h *Handler) listDeliveries(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	id := r.PathValue("id")
	filter := filterHash("deliveries", id)
	before, err := decodeIDCursor(query{r.URL.Query()}.cursor(), filter)
	if err != nil {
		return 0, nil, err
	}
	logs, err := h.meetings.Deliveries(ctx, c, id, before, deliveryPageSize+1)
	if err != nil {
		return 0, nil, err
	}
	out := listJSON[deliveryJSON]{Limit: deliveryPageSize, Items: []deliveryJSON{}}
	if len(logs) > deliveryPageSize {
		logs = logs[:deliveryPageSize]
		out.NextCursor = idCursor(filter, logs[deliveryPageSize-1].ID)
	}
	for _, d := range logs {
		out.Items = append(out.Items, toDelivery(d))
	}
	return http.StatusOK, out, nil
}

func toDelivery(d *meeting.DeliveryLog) deliveryJSON {
	out := deliveryJSON{ID: d.ID, MessageID: d.MessageID, RecordingID: d.MeetingID, URL: d.URL, Status: d.Status,
		Attempts: make([]attemptJSON, len(d.Attempts)), CreatedAt: timeJSON(d.CreatedAt)}
	if d.DeliveredAt != nil {
		s := timeJSON(*d.DeliveredAt)
		out.DeliveredAt = &s
	}
	for i, a := range d.Attempts {
		out.Attempts[i] = attemptJSON{Attempt: a.Attempt, At: timeJSON(a.At), StatusCode: a.StatusCode, Error: a.Error,
			DurationMS: a.Duration.Milliseconds(), Response: a.Response}
	}
	return out
}

// redeliver is our extension: send a logged delivery again.
func (h *Handler) redeliver(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	s := r.PathValue("delivery_id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, nil, fathom.Errorf(fathom.EINVALID, "delivery_id must be a positive integer, got %q", s)
	}
	d, err := h.meetings.Redeliver(ctx, c, r.PathValue("id"), id)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusAccepted, map[string]any{"id": d.ID, "message_id": d.MessageID, "status": "queued"}, nil
}

// callbackSecret is our extension: the secret that signs the caller's
// destination_url callbacks.
func (h *Handler) callbackSecret(ctx context.Context, c *meeting.Caller, _ *http.Request) (int, any, error) {
	s, err := h.meetings.CallbackSecret(ctx, c)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]string{"secret": s}, nil
}
