package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Connection is a gateway's OAuth connection to an account (Maton's
// shape). Open URL in a browser to complete a PENDING one.
type Connection struct {
	ConnectionID    string         `json:"connection_id"`
	Status          string         `json:"status"` // PENDING, ACTIVE or FAILED
	CreationTime    time.Time      `json:"creation_time"`
	LastUpdatedTime time.Time      `json:"last_updated_time"`
	URL             string         `json:"url"`
	App             string         `json:"app"`
	Method          string         `json:"method,omitempty"`
	Metadata        map[string]any `json:"metadata"`
}

// WithConnectionsURL sets where connections are managed (Maton:
// "https://ctrl.maton.ai"). By default it is the base URL without its
// trailing "/fathom" app segment: a self-hosted gateway serves both.
func WithConnectionsURL(u string) Option {
	return func(c *Client) { c.connectionsURL = strings.TrimRight(u, "/") }
}

func (c *Client) connectionsBase() string {
	if c.connectionsURL != "" {
		return c.connectionsURL
	}
	return strings.TrimSuffix(c.baseURL, "/fathom")
}

// Connections lists the gateway account's connections; app and status
// ("ACTIVE", "PENDING", "FAILED") filter when not "".
func (c *Client) Connections(ctx context.Context, app, status string) ([]Connection, error) {
	q := url.Values{}
	if app != "" {
		q.Set("app", app)
	}
	if status != "" {
		q.Set("status", status)
	}
	var out struct {
		Connections []Connection `json:"connections"`
	}
	return out.Connections, c.control(ctx, http.MethodGet, "/connections?"+q.Encode(), nil, &out)
}

// CreateConnection starts a connection to app ("fathom"); it is PENDING
// until someone opens its URL and consents.
func (c *Client) CreateConnection(ctx context.Context, app string) (*Connection, error) {
	var out struct {
		Connection Connection `json:"connection"`
	}
	err := c.control(ctx, http.MethodPost, "/connections", map[string]string{"app": app, "method": "OAUTH2"}, &out)
	return &out.Connection, err
}

// Connection returns one connection.
func (c *Client) Connection(ctx context.Context, id string) (*Connection, error) {
	var out struct {
		Connection Connection `json:"connection"`
	}
	err := c.control(ctx, http.MethodGet, "/connections/"+url.PathEscape(id), nil, &out)
	return &out.Connection, err
}

// DeleteConnection removes a connection.
func (c *Client) DeleteConnection(ctx context.Context, id string) error {
	return c.control(ctx, http.MethodDelete, "/connections/"+url.PathEscape(id), nil, nil)
}

// WaitConnection polls a connection every interval until it is no longer
// PENDING (or ctx ends) and returns it.
func (c *Client) WaitConnection(ctx context.Context, id string, interval time.Duration) (*Connection, error) {
	for {
		conn, err := c.Connection(ctx, id)
		if err != nil || conn.Status != "PENDING" {
			return conn, err
		}
		if err := sleep(ctx, interval); err != nil {
			return conn, err
		}
	}
}

// control calls the connections API with the gateway key.
func (c *Client) control(ctx context.Context, method, path string, in, out any) error {
	if c.bearer == nil {
		return fmt.Errorf("client: connections need a gateway key (WithGateway)")
	}
	var body []byte
	if in != nil {
		body, _ = json.Marshal(in)
	}
	r := request{method: method, path: path}
	// Retried as the calls through the gateway are (see WithRetries): the
	// gateway's per-account rate limit counts these requests too.
	status, header, raw, err := c.sendRetried(ctx, r, c.connectionsBase()+path, body)
	if err != nil {
		return err
	}
	return answer(r, status, header, raw, out)
}
