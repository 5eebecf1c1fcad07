package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Delivery is one logged message to a webhook, with its attempts (an
// extension of self-hosted servers).
type Delivery struct {
	ID          int64             `json:"id"`
	MessageID   string            `json:"message_id"`
	RecordingID int64             `json:"recording_id"`
	URL         string            `json:"url"`
	Status      string            `json:"status"` // pending, delivered or failed
	Attempts    []DeliveryAttempt `json:"attempts"`
	CreatedAt   time.Time         `json:"created_at"`
	DeliveredAt *time.Time        `json:"delivered_at"`
}

// DeliveryAttempt is one try of a delivery.
type DeliveryAttempt struct {
	Attempt    int       `json:"attempt"`
	At         time.Time `json:"at"`
	StatusCode int       `json:"status_code"`
	Error      string    `json:"error,omitempty"`
	DurationMS int64     `json:"duration_ms"`
	Response   string    `json:"response,omitempty"`
}

// Deliveries iterates over a webhook's delivery log, newest first.
func (c *Client) Deliveries(ctx context.Context, webhookID string) iter.Seq2[Delivery, error] {
	return pages[Delivery](ctx, c, "/webhooks/"+url.PathEscape(webhookID)+"/deliveries", url.Values{}, false)
}

// Redeliver sends a logged delivery again, with the same webhook-id and
// body.
func (c *Client) Redeliver(ctx context.Context, webhookID string, deliveryID int64) error {
	_, err := c.external(ctx, request{method: http.MethodPost,
		path: "/webhooks/" + url.PathEscape(webhookID) + "/deliveries/" + strconv.FormatInt(deliveryID, 10) + "/redeliver"}, nil)
	return err
}

// CallbackSecret returns the secret that signs this account's
// destination_url callbacks (RequestRecording).
func (c *Client) CallbackSecret(ctx context.Context) (string, error) {
	var out struct {
		Secret string `json:"secret"`
	}
	_, err := c.external(ctx, request{method: http.MethodGet, path: "/callback_secret"}, &out)
	return out.Secret, err
}
