package server

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// clientAddr is the address a request came from: the peer's IP, or, when
// the peer is one of the trusted proxies, the nearest address in
// X-Forwarded-For that is not a trusted proxy. Without trusted proxies the
// header is ignored, since any client can write it.
func clientAddr(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	peer = peer.Unmap()
	if !trustedAddr(peer, trusted) {
		return peer.String()
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a malformed hop: trust nothing before it
		}
		a = a.Unmap()
		if !trustedAddr(a, trusted) {
			return a.String()
		}
		peer = a
	}
	return peer.String()
}

func trustedAddr(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// addressKey is what the per-address limit counts: the IP, IPv6 narrowed
// to its /64, which one host usually holds whole.
func addressKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil || !a.Is6() {
		return addr
	}
	p, _ := a.Prefix(64)
	return p.String()
}

// maxAddresses bounds the per-address limiter's table.
const maxAddresses = 100_000

// addressLimiter limits unauthenticated traffic per client address: every
// request that ends without an authenticated tenant (no credentials, wrong
// credentials, the OAuth pages and endpoints) takes a token from its
// address's bucket, and while the bucket is empty the address is refused
// with 429 before any work. Authenticated requests take no token, so
// clients with valid keys are limited only by their tenant's limits unless
// they share an address with a flood.
type addressLimiter struct {
	rate  rate.Limit
	burst int

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
	swept   time.Time
}

func newAddressLimiter(perSecond float64, burst int) *addressLimiter {
	if perSecond <= 0 {
		return nil
	}
	if burst <= 0 {
		burst = max(1, int(perSecond*10))
	}
	return &addressLimiter{rate: rate.Limit(perSecond), burst: burst, buckets: map[string]*rate.Limiter{}}
}

// blocked reports whether addr has no token left, and how long until it
// has one.
func (l *addressLimiter) blocked(addr string, now time.Time) (time.Duration, bool) {
	l.mu.Lock()
	b := l.buckets[addr]
	l.mu.Unlock()
	if b == nil || b.TokensAt(now) >= 1 {
		return 0, false
	}
	r := b.ReserveN(now, 1)
	d := r.DelayFrom(now)
	r.CancelAt(now)
	return max(d, time.Second), true
}

// take counts one unauthenticated request of addr.
func (l *addressLimiter) take(addr string, now time.Time) {
	l.mu.Lock()
	b := l.buckets[addr]
	if b == nil {
		l.sweep(now)
		b = rate.NewLimiter(l.rate, l.burst)
		l.buckets[addr] = b
	}
	l.mu.Unlock()
	b.AllowN(now, 1)
}

// sweep drops full buckets (they hold nothing worth keeping) at most once
// a minute, and an arbitrary tenth when the table is still full.
func (l *addressLimiter) sweep(now time.Time) {
	if len(l.buckets) < maxAddresses && now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	for k, b := range l.buckets {
		if b.TokensAt(now) >= float64(l.burst) {
			delete(l.buckets, k)
		}
	}
	for k := range l.buckets {
		if len(l.buckets) < maxAddresses*9/10 {
			break
		}
		delete(l.buckets, k)
	}
}
