package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// request is one call to the meetings API (Fathom's External API v1).
type request struct {
	method string
	path   string // below /external/v1
	query  url.Values
	in     any
	heavy  bool // counts against the heavy limit
	// upload, when set, makes the body of each attempt instead of in: a
	// stream and its Content-Type.
	upload func() (io.Reader, string, error)
}

// external calls the meetings API, whose bodies are bare JSON and whose
// errors are {"error": "..."}, paced by the client's limits and retried
// on 429 and 5xx; it returns the final status.
func (c *Client) external(ctx context.Context, r request, out any) (int, error) {
	var body []byte
	if r.in != nil {
		var err error
		if body, err = json.Marshal(r.in); err != nil {
			return 0, fmt.Errorf("client: encode request: %w", err)
		}
	}
	u := c.baseURL + "/external/v1" + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	status, header, raw, err := c.sendRetried(ctx, r, u, body)
	if err != nil {
		return status, err
	}
	return status, answer(r, status, header, raw, out)
}

// sendRetried sends r, paced by the client's limits, again after a 429
// (or a 5xx unless r is a POST) as WithRetries says; it returns the final
// attempt's answer.
func (c *Client) sendRetried(ctx context.Context, r request, u string, body []byte) (int, http.Header, []byte, error) {
	for attempt := 0; ; attempt++ {
		status, header, raw, err := c.send(ctx, r, u, body)
		if err != nil {
			return status, header, raw, err
		}
		if retryable(status) && attempt < c.retries && (status == http.StatusTooManyRequests || r.method != http.MethodPost) {
			if err := sleep(ctx, backoff(attempt+1, header)); err != nil {
				return status, header, raw, err
			}
			continue
		}
		return status, header, raw, nil
	}
}

func (c *Client) send(ctx context.Context, r request, u string, body []byte) (int, http.Header, []byte, error) {
	if err := c.limits.wait(ctx, r.heavy); err != nil {
		return 0, nil, nil, err
	}
	var rd io.Reader
	contentType := ""
	if body != nil {
		rd, contentType = bytes.NewReader(body), "application/json"
	}
	if r.upload != nil {
		var err error
		if rd, contentType, err = r.upload(); err != nil {
			return 0, nil, nil, fmt.Errorf("client: %w", err)
		}
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u, rd)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("client: %w", err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	if err := c.authorize(ctx, req); err != nil {
		return 0, nil, nil, fmt.Errorf("client: token: %w", err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("client: %s %s: %w", r.method, r.path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, resp.Header, nil, fmt.Errorf("client: read response: %w", err)
	}
	return resp.StatusCode, resp.Header, raw, nil
}

// errorFrom makes an *Error of a failed answer; the body is shown as the
// server sent it when it is not Fathom's {"error": ...}.
func errorFrom(status int, h http.Header, raw []byte) *Error {
	var e struct {
		Error string `json:"error"`
	}
	msg := strings.TrimSpace(string(raw))
	if json.Unmarshal(raw, &e) == nil && e.Error != "" {
		msg = e.Error
	}
	if msg == "" {
		msg = http.StatusText(status)
	}
	return &Error{StatusCode: status, Message: msg, RequestID: h.Get("X-Request-Id"), RetryAfter: retryAfter(h)}
}

// answer decodes a reply into out, or makes an *Error of a failed one.
func answer(r request, status int, h http.Header, raw []byte, out any) error {
	if status >= 300 {
		return errorFrom(status, h, raw)
	}
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("client: decode %s %s: %w", r.method, r.path, err)
		}
	}
	return nil
}
