package oauth

import (
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// SignInLimits throttle password guessing. Failed sign-ins are counted
// three ways, and each way answers differently so that an attacker cannot
// turn the limits against the account's owner:
//
//   - per (account, address) pair: after PairFailures failures, the pair is
//     locked for 1s, a delay that doubles with each further failure, up to
//     MaxDelay. Only that pair: the owner signing in from elsewhere is not
//     locked out.
//   - per address, across accounts: after AddressFailures failures, the
//     address is locked the same way (one machine guessing many accounts).
//   - per account, across addresses: after AccountFailures failures, each
//     attempt from an address that has not signed in to the account before
//     is answered only after a delay (250ms, doubling with each further
//     failure, at most AccountMaxDelay). It slows
//     a guessing botnet; it never refuses anyone.
//
// Failures are forgotten after Forget without one. A successful sign-in
// clears its pair and marks the pair as known, exempting it from the
// per-account delay. Counts live in memory (a restart forgets them) and at
// most maxTracked keys of each kind are kept.
type SignInLimits struct {
	PairFailures    int           // default 5; negative: no pair limit
	AddressFailures int           // default 20; negative: no address limit
	AccountFailures int           // default 10; negative: no account delay
	MaxDelay        time.Duration // default 15m
	AccountMaxDelay time.Duration // default 10s
	Forget          time.Duration // default 1h
}

func (l SignInLimits) withDefaults() SignInLimits {
	if l.PairFailures == 0 {
		l.PairFailures = 5
	}
	if l.AddressFailures == 0 {
		l.AddressFailures = 20
	}
	if l.AccountFailures == 0 {
		l.AccountFailures = 10
	}
	if l.MaxDelay <= 0 {
		l.MaxDelay = 15 * time.Minute
	}
	if l.AccountMaxDelay <= 0 {
		l.AccountMaxDelay = 10 * time.Second
	}
	if l.Forget <= 0 {
		l.Forget = time.Hour
	}
	return l
}

// LimitedError is a sign-in refused before any password was checked: the
// pair or the address is locked for RetryAfter.
type LimitedError struct {
	RetryAfter time.Duration
}

func (e *LimitedError) Error() string { return e.Unwrap().Error() }

// Unwrap gives the error its code (ERATELIMIT, 429) and a message that
// says when to try again.
func (e *LimitedError) Unwrap() error {
	secs := int((e.RetryAfter + time.Second - 1) / time.Second)
	return fathom.Errorf(fathom.ERATELIMIT, "too many failed sign-ins; try again in %d seconds", max(secs, 1))
}

// maxTracked bounds each map of the attempt counter, so that made-up
// accounts and spoofed addresses cannot grow memory without limit.
const maxTracked = 100_000

// failures is one key's record.
type failures struct {
	count int
	last  time.Time // last failure
	until time.Time // locked or delayed until
}

// attempts counts failed sign-ins.
type attempts struct {
	lim SignInLimits

	mu      sync.Mutex
	pair    map[string]*failures
	address map[string]*failures
	account map[string]*failures
	known   map[string]time.Time // pairs that signed in, when
}

func newAttempts(lim SignInLimits) *attempts {
	return &attempts{lim: lim.withDefaults(), pair: map[string]*failures{}, address: map[string]*failures{},
		account: map[string]*failures{}, known: map[string]time.Time{}}
}

// accountKey names an account as typed: workspace and email, case folded.
func accountKey(tenantName, email string) string {
	return strings.ToLower(strings.TrimSpace(tenantName)) + "\x00" + strings.ToLower(strings.TrimSpace(email))
}

// addressKey is the client address, IPv6 narrowed to its /64 (one host
// usually holds a whole /64).
func addressKey(address string) string {
	ip, err := netip.ParseAddr(address)
	if err != nil {
		return address
	}
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// check reports whether a sign-in may proceed now: a *LimitedError when
// the pair or address is locked, else how long to hold the answer back
// because the account is under attack (0 if not).
func (a *attempts) check(account, address string, now time.Time) (time.Duration, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	pair := account + "\x00" + address
	var wait time.Duration
	for _, f := range []*failures{a.pair[pair], a.address[address]} {
		if f != nil && now.Before(f.until) {
			wait = max(wait, f.until.Sub(now))
		}
	}
	if wait > 0 {
		return 0, &LimitedError{RetryAfter: wait}
	}
	if _, ok := a.known[pair]; ok {
		return 0, nil
	}
	if f := a.account[account]; f != nil && now.Before(f.until) {
		return f.until.Sub(now), nil
	}
	return 0, nil
}

// fail counts a failed sign-in.
func (a *attempts) fail(account, address string, now time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	l := a.lim
	a.count(a.pair, account+"\x00"+address, l.PairFailures, l.MaxDelay, time.Second, now)
	a.count(a.address, address, l.AddressFailures, l.MaxDelay, time.Second, now)
	a.count(a.account, account, l.AccountFailures, l.AccountMaxDelay, 250*time.Millisecond, now)
}

// succeed clears the pair and remembers it as known.
func (a *attempts) succeed(account, address string, now time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	pair := account + "\x00" + address
	delete(a.pair, pair)
	if len(a.known) >= maxTracked {
		a.evictKnown(now)
	}
	a.known[pair] = now
}

// count adds a failure to key; from the free-th failure on, the key is
// held for base, doubled at each further failure, at most ceiling.
func (a *attempts) count(m map[string]*failures, key string, free int, ceiling, base time.Duration, now time.Time) {
	if free < 0 {
		return
	}
	f := m[key]
	if f == nil {
		if len(m) >= maxTracked {
			a.evict(m, now)
		}
		f = &failures{}
		m[key] = f
	}
	if now.Sub(f.last) > a.lim.Forget {
		f.count = 0
	}
	f.count++
	f.last = now
	if over := f.count - free; over >= 0 {
		d := ceiling
		if over < 30 && base<<over < ceiling {
			d = base << over
		}
		f.until = now.Add(d)
	}
}

// evict makes room in a full map: first what is forgotten anyway, then, if
// still full, an arbitrary tenth (map order is random), so that a flood of
// new keys costs the flood's own keys as much as anyone's.
func (a *attempts) evict(m map[string]*failures, now time.Time) {
	for k, f := range m {
		if now.Sub(f.last) > a.lim.Forget && !now.Before(f.until) {
			delete(m, k)
		}
	}
	for k := range m {
		if len(m) < maxTracked*9/10 {
			break
		}
		delete(m, k)
	}
}

func (a *attempts) evictKnown(now time.Time) {
	for k, at := range a.known {
		if now.Sub(at) > 30*24*time.Hour || len(a.known) >= maxTracked*9/10 {
			delete(a.known, k)
		}
	}
}
