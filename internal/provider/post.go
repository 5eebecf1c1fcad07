package provider

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// endpoint is one OpenAI-compatible endpoint as the embeddings and chat
// clients call it: a JSON POST with the bearer key, one attempt bounded by
// timeout, the answer read up to limit bytes.
type endpoint struct {
	url     string
	key     string
	timeout time.Duration
	http    *http.Client
	limit   int64
	what    string // "embeddings" or "chat", in errors
}

// post makes one attempt and returns the 200 answer's body; retryAfter is
// the server's Retry-After, if any. Errors never quote the key or the
// URL's credentials; those that trying again will not mend are
// permanentError.
func (e endpoint) post(ctx context.Context, body []byte) (raw []byte, retryAfter time.Duration, err error) {
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.url, bytes.NewReader(body))
	if err != nil {
		return nil, 0, permanentError{fmt.Errorf("%s request: %s", e.what, redactError(e.key, err))}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if e.key != "" {
		req.Header.Set("Authorization", "Bearer "+e.key)
	}
	resp, err := e.http.Do(req)
	if err != nil {
		// Transport errors may quote the URL; never the headers.
		return nil, 0, errors.New(redactError(e.key, err))
	}
	defer resp.Body.Close()
	raw, err = io.ReadAll(io.LimitReader(resp.Body, e.limit))
	if err != nil {
		return nil, 0, fmt.Errorf("read %s answer: %s", e.what, redactKey(e.key, err.Error()))
	}
	if resp.StatusCode != http.StatusOK {
		retryAfter, err := statusError(resp, fmt.Errorf("%s endpoint answered %d: %s", e.what, resp.StatusCode, redactKey(e.key, snippet(raw))))
		return nil, retryAfter, err
	}
	return raw, 0, nil
}
