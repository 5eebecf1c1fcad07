package client

import (
	"context"
	"net/http"
)

// TokenSource returns a current OAuth access token; it is called before
// every request, so it may refresh one that is about to expire.
type TokenSource func(ctx context.Context) (string, error)

// StaticToken is a TokenSource that always returns token.
func StaticToken(token string) TokenSource {
	return func(context.Context) (string, error) { return token, nil }
}

// WithBearer authenticates with OAuth access tokens from src, sent as
// Authorization: Bearer (Fathom's OAuth apps).
func WithBearer(src TokenSource) Option { return func(c *Client) { c.bearer = src } }

// WithGateway calls through a Maton-style gateway: key is the gateway's
// API key, sent as Authorization: Bearer, and connection (may be "")
// chooses the connection with Maton-Connection; without it the gateway
// uses the oldest active one. Point WithBaseURL at the gateway's app
// prefix, e.g. "https://gateway.maton.ai/fathom".
func WithGateway(key, connection string) Option {
	return func(c *Client) { c.bearer, c.connection = StaticToken(key), connection }
}

// oauthMode reports whether the server applies OAuth rules to this
// client: bearer tokens and gateways may not inline summaries or
// transcripts in meeting lists, so they are fetched from /recordings.
func (c *Client) oauthMode() bool { return c.bearer != nil }

// authorize sets the credentials of a request to the meetings API.
func (c *Client) authorize(ctx context.Context, req *http.Request) error {
	if c.bearer == nil {
		if c.apiKey != "" {
			req.Header.Set("X-Api-Key", c.apiKey)
		}
		return nil
	}
	token, err := c.bearer(ctx)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if c.connection != "" {
		req.Header.Set("Maton-Connection", c.connection)
	}
	return nil
}
