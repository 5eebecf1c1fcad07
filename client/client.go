// Package client is the Go SDK for Fathom's APIs: the Context API of this
// server, and the meetings API (Fathom's External API v1) of this server,
// of Fathom's hosted API or through a Maton-style gateway, with the same
// calls. It has its own wire types and imports nothing from the server but
// the webhook signature check, so it can be used on its own:
//
//	c, err := client.New(client.WithBaseURL("http://127.0.0.1:8080"), client.WithAPIKey(key))
//	res, err := c.Similarity(ctx, client.SimilarityRequest{Message: "my card was declined"})
//
// Every call takes a context. Errors from the server are *Error values that
// work with errors.Is against ErrNotFound, ErrConflict, ErrUnauthorized, ErrForbidden,
// ErrInvalid and ErrRateLimited.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// DefaultBaseURL is where `fathom serve` listens by default.
const DefaultBaseURL = "http://127.0.0.1:8080"

// Client calls a Fathom server. It is safe for concurrent use.
type Client struct {
	baseURL string
	apiKey  string
	http    *http.Client
	// bearer and connection select OAuth or gateway mode (see auth.go).
	bearer         TokenSource
	connection     string
	connectionsURL string
	retries        int
	limits         *limits
}

// Option configures a Client.
type Option func(*Client)

// WithBaseURL sets the server's base URL (default DefaultBaseURL).
func WithBaseURL(u string) Option { return func(c *Client) { c.baseURL = strings.TrimRight(u, "/") } }

// WithAPIKey sets the key sent as X-API-Key.
func WithAPIKey(key string) Option { return func(c *Client) { c.apiKey = key } }

// WithHTTPClient sets the HTTP client (default: a client with a 60 s
// timeout; never http.DefaultClient).
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// New returns a client.
func New(opts ...Option) (*Client, error) {
	c := &Client{baseURL: DefaultBaseURL, retries: 3, limits: newLimits(60, 30)}
	for _, o := range opts {
		o(c)
	}
	if c.http == nil {
		c.http = &http.Client{Timeout: 60 * time.Second}
	}
	if !strings.HasPrefix(c.baseURL, "http://") && !strings.HasPrefix(c.baseURL, "https://") {
		return nil, fmt.Errorf("client: base URL must start with http:// or https://, got %q", c.baseURL)
	}
	return c, nil
}

// Sentinel errors for errors.Is.
var (
	ErrInvalid      = errors.New("invalid request")
	ErrUnauthorized = errors.New("unauthorized")
	// ErrForbidden: the key is known but may not do this (GET /users
	// without account admin access, or a deactivated user's key).
	ErrForbidden   = errors.New("forbidden")
	ErrNotFound    = errors.New("not found")
	ErrConflict    = errors.New("conflict")
	ErrRateLimited = errors.New("rate limited")
	ErrServer      = errors.New("server error")
)

// Error is an error answer from the server.
type Error struct {
	StatusCode int
	Message    string
	RequestID  string
	// On 429: which limit was reached and when it resets.
	Limit      string
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	return fmt.Sprintf("fathom: %d %s (request %s)", e.StatusCode, e.Message, e.RequestID)
}

// Is lets errors.Is match an *Error against the sentinel for its status.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrInvalid:
		return e.StatusCode == http.StatusBadRequest
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500
	}
	return false
}

// envelope is the Context API's response wrapper.
type envelope struct {
	Success   bool            `json:"success"`
	Message   string          `json:"message"`
	Data      json.RawMessage `json:"data"`
	RequestID string          `json:"requestId"`
	Limit     string          `json:"limit"`
}

// do sends a request and decodes the envelope's data into out.
func (c *Client) do(ctx context.Context, method, path string, in, out any, header http.Header) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("client: encode request: %w", err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, body)
	if err != nil {
		return fmt.Errorf("client: %w", err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.apiKey != "" {
		req.Header.Set("X-API-Key", c.apiKey)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("client: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("client: read response: %w", err)
	}
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		return &Error{StatusCode: resp.StatusCode, Message: strings.TrimSpace(string(raw)), RequestID: resp.Header.Get("X-Request-Id")}
	}
	if resp.StatusCode >= 300 || !env.Success {
		return &Error{StatusCode: resp.StatusCode, Message: env.Message, RequestID: env.RequestID, Limit: env.Limit,
			RetryAfter: retryAfter(resp.Header)}
	}
	if out != nil && len(env.Data) > 0 {
		if err := json.Unmarshal(env.Data, out); err != nil {
			return fmt.Errorf("client: decode %s %s: %w", method, path, err)
		}
	}
	return nil
}

// retryAfter reads a Retry-After header given in seconds; 0 if absent.
func retryAfter(h http.Header) time.Duration {
	var secs int
	if _, err := fmt.Sscan(h.Get("Retry-After"), &secs); err != nil {
		return 0
	}
	return time.Duration(secs) * time.Second
}
