package gateway

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// refreshGuard keeps one account from spending the upstream app's refresh
// quota, which every account of the gateway shares. An upstream that keeps
// answering 401 would otherwise make each call a refresh and a resend.
//
//   - Per connection: a refresh that failed (the token endpoint did not
//     answer or refused for a reason other than invalid_grant), or that did
//     not help (the resend was refused 401 again), backs the connection off:
//     no refresh for 1s, doubling with each further failure, at most
//     maxBackoff. Meanwhile a 401 stands and an expired token is an
//     EUNAVAILABLE "retry later". A refresh that helped clears it.
//   - Per account: at most perMinute refreshes after a 401 a minute (a burst
//     of a third of that), so that the app's quota is shared among
//     accounts, not drawn down by the busiest.
type refreshGuard struct {
	perMinute int // 0: no per-account share

	mu       sync.Mutex
	conns    map[string]*backoff
	accounts map[int64]*rate.Limiter
	swept    time.Time
}

type backoff struct {
	failures int
	until    time.Time
	last     time.Time
}

const maxBackoff = 5 * time.Minute

func newRefreshGuard(perMinute int) *refreshGuard {
	return &refreshGuard{perMinute: perMinute, conns: map[string]*backoff{}, accounts: map[int64]*rate.Limiter{}}
}

// admit reports whether connection conn of account may refresh now; if
// not, how long until it may. after401 counts the refresh against the
// account's share: refreshes for an expiring token are bounded by the
// token's lifetime already, those after a 401 only by the guard.
func (g *refreshGuard) admit(conn string, account int64, after401 bool, now time.Time) (bool, time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.sweep(now)
	if b := g.conns[conn]; b != nil && now.Before(b.until) {
		return false, b.until.Sub(now)
	}
	if g.perMinute <= 0 || !after401 {
		return true, 0
	}
	lim := g.accounts[account]
	if lim == nil {
		lim = rate.NewLimiter(rate.Limit(float64(g.perMinute)/60), max(1, g.perMinute/3))
		g.accounts[account] = lim
	}
	r := lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// failed backs conn off after a refresh that failed or did not help.
func (g *refreshGuard) failed(conn string, now time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	b := g.conns[conn]
	if b == nil {
		b = &backoff{}
		g.conns[conn] = b
	}
	d := maxBackoff
	if b.failures < 20 && time.Second<<b.failures < maxBackoff {
		d = time.Second << b.failures
	}
	b.failures++
	b.until, b.last = now.Add(d), now
}

// helped clears conn's backoff after a refresh whose resend was accepted.
func (g *refreshGuard) helped(conn string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.conns, conn)
}

// sweep forgets backoffs and account buckets idle for longer than the
// longest backoff, at most once a minute.
func (g *refreshGuard) sweep(now time.Time) {
	if now.Sub(g.swept) < time.Minute {
		return
	}
	g.swept = now
	for id, b := range g.conns {
		if now.Sub(b.last) > 2*maxBackoff {
			delete(g.conns, id)
		}
	}
	for id, l := range g.accounts {
		if l.TokensAt(now) >= float64(l.Burst()) {
			delete(g.accounts, id)
		}
	}
}
