package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/fathom-oss/fathom/internal/webhook"
)

// Webhook is a subscription to new meetings. Secret is set only in the
// answer to CreateWebhook.
type Webhook struct {
	ID                 string    `json:"id"`
	URL                string    `json:"url"`
	Secret             string    `json:"secret,omitempty"`
	CreatedAt          time.Time `json:"created_at"`
	IncludeTranscript  bool      `json:"include_transcript"`
	IncludeCRMMatches  bool      `json:"include_crm_matches"`
	IncludeSummary     bool      `json:"include_summary"`
	IncludeActionItems bool      `json:"include_action_items"`
	TriggeredFor       []string  `json:"triggered_for"`
}

// WebhookInput creates a webhook. TriggeredFor holds one or more of
// "my_recordings", "shared_external_recordings",
// "my_shared_with_team_recordings" and "shared_team_recordings"; at least
// one Include* must be true.
type WebhookInput struct {
	DestinationURL     string   `json:"destination_url"`
	TriggeredFor       []string `json:"triggered_for"`
	IncludeTranscript  bool     `json:"include_transcript"`
	IncludeSummary     bool     `json:"include_summary"`
	IncludeActionItems bool     `json:"include_action_items"`
	IncludeCRMMatches  bool     `json:"include_crm_matches"`
}

// CreateWebhook subscribes to new meetings; keep the returned Secret to
// verify deliveries.
func (c *Client) CreateWebhook(ctx context.Context, in WebhookInput) (*Webhook, error) {
	var w Webhook
	if _, err := c.external(ctx, request{method: http.MethodPost, path: "/webhooks", in: in}, &w); err != nil {
		return nil, err
	}
	return &w, nil
}

// DeleteWebhook stops a webhook.
func (c *Client) DeleteWebhook(ctx context.Context, id string) error {
	_, err := c.external(ctx, request{method: http.MethodDelete, path: "/webhooks/" + url.PathEscape(id)}, nil)
	return err
}

// Webhooks lists the caller's webhooks (an extension of self-hosted
// servers; Fathom's hosted API has no such call).
func (c *Client) Webhooks(ctx context.Context) ([]Webhook, error) {
	var p page[Webhook]
	_, err := c.external(ctx, request{method: http.MethodGet, path: "/webhooks"}, &p)
	return p.Items, err
}

// VerifyWebhook checks a delivery's Standard Webhooks signature (the
// webhook-id, webhook-timestamp and webhook-signature headers, or their
// svix-* forms) against the webhook's secret and the raw body, with five
// minutes of tolerance. A nil error means the delivery is authentic.
func VerifyWebhook(secret string, header http.Header, body []byte) error {
	return webhook.Verify(secret, header, body, time.Now())
}

// SearchHit is one match of a full-text search.
type SearchHit struct {
	RecordingID int64   `json:"recording_id"`
	Kind        string  `json:"kind"` // transcript, summary or action_item
	Speaker     *string `json:"speaker"`
	Timestamp   string  `json:"timestamp"`
	Snippet     string  `json:"snippet"` // matches between « and »
	Title       string  `json:"title"`
	URL         string  `json:"url"`
	Score       float64 `json:"score"`
	// Window is a transcript hit's moment: the consecutive transcript
	// items searched together, in order, those holding a match flagged.
	// Speaker and Timestamp above are those of its first match.
	Window []SearchWindowItem `json:"window,omitempty"`
}

// SearchWindowItem is a transcript item of a search hit's window.
type SearchWindowItem struct {
	Speaker   string `json:"speaker"`
	Timestamp string `json:"timestamp"`
	Text      string `json:"text"`
	Matched   bool   `json:"matched"`
}

// Search finds words and "quoted phrases" in the transcripts, summaries
// and action items the caller can see, best first (an extension of
// self-hosted servers). Words said in consecutive turns are found
// together, and a transcript hit carries its Window.
func (c *Client) Search(ctx context.Context, query string, limit int) ([]SearchHit, error) {
	q := url.Values{"q": {query}}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	var p page[SearchHit]
	_, err := c.external(ctx, request{method: http.MethodGet, path: "/search", query: q}, &p)
	return p.Items, err
}
