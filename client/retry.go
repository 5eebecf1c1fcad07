package client

import (
	"context"
	"math/rand/v2"
	"net/http"
	"time"

	"golang.org/x/time/rate"
)

// WithRetries sets how many times a request is retried after a 429 or a
// 5xx (default 3; 0 never retries). A Retry-After from the server is
// honoured; otherwise the wait grows exponentially with jitter.
func WithRetries(n int) Option { return func(c *Client) { c.retries = max(n, 0) } }

// WithRateLimit keeps the client within perMinute requests, of which
// heavyPerMinute may be summaries or transcripts (default Fathom's 60 and
// 30). 0 lifts a limit, for servers without one.
func WithRateLimit(perMinute, heavyPerMinute int) Option {
	return func(c *Client) { c.limits = newLimits(perMinute, heavyPerMinute) }
}

// limits paces requests evenly, so that no 60-second window of the
// server's ever sees more than its limit.
type limits struct{ all, heavy *rate.Limiter }

func newLimits(perMinute, heavyPerMinute int) *limits {
	l := &limits{}
	if perMinute > 0 {
		l.all = rate.NewLimiter(rate.Every(time.Minute/time.Duration(perMinute)), 1)
	}
	if heavyPerMinute > 0 {
		l.heavy = rate.NewLimiter(rate.Every(time.Minute/time.Duration(heavyPerMinute)), 1)
	}
	return l
}

func (l *limits) wait(ctx context.Context, heavy bool) error {
	if heavy && l.heavy != nil {
		if err := l.heavy.Wait(ctx); err != nil {
			return err
		}
	}
	if l.all != nil {
		return l.all.Wait(ctx)
	}
	return nil
}

// retryable reports whether a status may succeed if tried again.
func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500
}

// backoff is the wait before retry n (from 1): Retry-After when the
// server gave one, else 500 ms × 1.5^(n-1) plus up to 1 s of jitter,
// at most 60 s.
func backoff(n int, h http.Header) time.Duration {
	if d := retryAfter(h); d > 0 {
		return d
	}
	d := 500 * time.Millisecond
	for range n - 1 {
		d = d * 3 / 2
	}
	d += rand.N(time.Second)
	return min(d, time.Minute)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
