package provider

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// retrier is the retry policy the embeddings and chat clients share: a
// transient failure (network error, 429, 5xx) is tried again up to retries
// times, after an exponential backoff from 250ms with jitter, never less
// than the server's Retry-After and never more than maxBackoff; a
// permanentError is not tried again.
type retrier struct {
	retries    int
	maxBackoff time.Duration
	sleep      func(ctx context.Context, d time.Duration) error
	logger     *slog.Logger
	level      slog.Level // of the line logged before each retry
	what       string     // "embeddings" or "chat", in log lines
	model      string
	failed     error // what a failure wraps: ErrUnavailable or ErrChatUnavailable
}

// do runs attempt until it succeeds, fails permanently, or the retries are
// spent; the error returned wraps r.failed.
func (r retrier) do(ctx context.Context, attempt func() (retryAfter time.Duration, err error)) error {
	for n := 0; ; n++ {
		retryAfter, err := attempt()
		if err == nil {
			return nil
		}
		var perm permanentError
		if errors.As(err, &perm) || n >= r.retries || ctx.Err() != nil {
			return fmt.Errorf("%w: %w", r.failed, err)
		}
		wait := min(max(250*time.Millisecond<<n, retryAfter), r.maxBackoff)
		wait = wait/2 + rand.N(wait/2+1) // jitter, so that clients do not retry in step
		if retryAfter > 0 {
			wait = max(wait, min(retryAfter, r.maxBackoff))
		}
		r.logger.Log(ctx, r.level, r.what+" request failed; retrying", "model", r.model, "attempt", n+1, "wait", wait, "err", err)
		if err := r.sleep(ctx, wait); err != nil {
			return fmt.Errorf("%w: %w", r.failed, err)
		}
	}
}

// permanentError is a failure that trying again will not mend (4xx other
// than 429, an answer that does not parse).
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// statusError is the error of a non-200 answer: transient (with the
// server's Retry-After) for 429 and 5xx, permanent otherwise.
func statusError(resp *http.Response, err error) (time.Duration, error) {
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
		return parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()), err
	}
	return 0, permanentError{err}
}

// redactKey removes key from s, in case an endpoint or a transport error
// echoes it.
func redactKey(key, s string) string {
	if key == "" {
		return s
	}
	return strings.ReplaceAll(s, key, "[redacted]")
}

// snippet is the start of an error body, on one line.
func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(h string, now time.Time) time.Duration {
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
