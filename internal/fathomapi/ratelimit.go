package fathomapi

import (
	"sync"
	"time"
)

// limiter counts requests per account in fixed 60-second windows: Fathom's
// limits are "N per 60 s", and a window makes RateLimit-Remaining and
// RateLimit-Reset exact. Heavy requests (summaries, transcripts) count
// against both limits, and so do recording downloads against theirs.
type limiter struct {
	global, heavy, download int // per window; 0 is unlimited
	window                  time.Duration
	now                     func() time.Time

	mu       sync.Mutex
	accounts map[int64]*window
	swept    time.Time
}

type window struct {
	start                   time.Time
	global, heavy, download int
}

// rateStatus is what the RateLimit-* headers report.
type rateStatus struct {
	limit, remaining int
	reset            time.Duration
	allowed          bool
}

func newLimiter(global, heavy, download int, now func() time.Time) *limiter {
	return &limiter{global: global, heavy: heavy, download: download, window: time.Minute, now: now, accounts: map[int64]*window{}}
}

// admit counts a request of account of the given cost (light, heavy or
// download) and reports the tightest limit that applies to it.
func (l *limiter) admit(account int64, c cost) rateStatus {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	w := l.accounts[account]
	if w == nil || now.Sub(w.start) >= l.window {
		w = &window{start: now}
		l.accounts[account] = w
	}
	reset := w.start.Add(l.window).Sub(now)
	st := rateStatus{limit: l.global, remaining: l.global - w.global, reset: reset, allowed: true}
	if l.global > 0 && w.global >= l.global {
		st.allowed = false
	}
	limit, used := 0, (*int)(nil)
	switch c {
	case heavy:
		limit, used = l.heavy, &w.heavy
	case download:
		limit, used = l.download, &w.download
	}
	if used != nil && limit > 0 && (l.global == 0 || limit-*used < st.remaining) {
		st.limit, st.remaining = limit, limit-*used
		if *used >= limit {
			st.allowed = false
		}
	}
	if st.allowed {
		w.global++
		st.remaining--
		if used != nil {
			*used++
		}
	}
	st.remaining = max(st.remaining, 0)
	return st
}

// sweep forgets accounts idle for a window, at most once a window.
func (l *limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < l.window {
		return
	}
	l.swept = now
	for id, w := range l.accounts {
		if now.Sub(w.start) >= l.window {
			delete(l.accounts, id)
		}
	}
}
