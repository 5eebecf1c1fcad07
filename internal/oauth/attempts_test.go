package oauth

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

const (
	goodPassword = "correct horse battery"
	badPassword  = "wrong horse battery"
)

func wantLimited(t *testing.T, err error, retry time.Duration) {
	t.Helper()
	var l *LimitedError
	if !errors.As(err, &l) || l.RetryAfter != retry || fathom.ErrorCode(err) != fathom.ERATELIMIT {
		t.Fatalf("err = %v, want limited for %s", err, retry)
	}
}

// TestSignInLocksThePairNotTheOwner: guessing from one address locks
// that address out of the account with growing delays, while the owner
// signs in from another address at once.
func TestSignInLocksThePairNotTheOwner(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.svc.SetPassword(ctx, f.user.TenantID, f.user.Email, goodPassword); err != nil {
		t.Fatal(err)
	}
	const attacker, owner = "203.0.113.7", "198.51.100.2"
	for i := range 5 {
		if _, err := f.svc.SignIn(ctx, "acme", "alice@acme.com", badPassword, attacker); fathom.ErrorCode(err) != fathom.EUNAUTHORIZED {
			t.Fatalf("guess %d: %v", i, err)
		}
	}
	// Locked even with the right password: the lock answers before the hash.
	_, err := f.svc.SignIn(ctx, "ACME", " Alice@acme.com", goodPassword, attacker)
	wantLimited(t, err, time.Second)
	if u, err := f.svc.SignIn(ctx, "acme", "alice@acme.com", goodPassword, owner); err != nil || u.ID != f.user.ID {
		t.Fatalf("owner from another address: %v, %v", u, err)
	}
	f.clock.add(time.Second)
	if _, err := f.svc.SignIn(ctx, "acme", "alice@acme.com", badPassword, attacker); fathom.ErrorCode(err) != fathom.EUNAUTHORIZED {
		t.Fatalf("guess after the lock: %v", err)
	}
	_, err = f.svc.SignIn(ctx, "acme", "alice@acme.com", badPassword, attacker)
	wantLimited(t, err, 2*time.Second) // doubled
	// Failures are forgotten after an hour without one.
	f.clock.add(time.Hour + 3*time.Second)
	if _, err := f.svc.SignIn(ctx, "acme", "alice@acme.com", badPassword, attacker); fathom.ErrorCode(err) != fathom.EUNAUTHORIZED {
		t.Fatalf("after an hour: %v", err)
	}
}

// TestSignInLocksAnAddressGuessingManyAccounts: one address trying one
// password on many accounts is locked across accounts; IPv6 counts per /64.
func TestSignInLocksAnAddressGuessingManyAccounts(t *testing.T) {
	a := newAttempts(SignInLimits{})
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 20 {
		addr := addressKey(fmt.Sprintf("2001:db8::%x", i+1)) // one /64
		if _, err := a.check(accountKey("acme", fmt.Sprintf("u%d@acme.com", i)), addr, now); err != nil {
			t.Fatalf("attempt %d: %v", i, err)
		}
		a.fail(accountKey("acme", fmt.Sprintf("u%d@acme.com", i)), addr, now)
	}
	_, err := a.check(accountKey("acme", "new@acme.com"), addressKey("2001:db8::ffff"), now)
	wantLimited(t, err, time.Second)
	if _, err := a.check(accountKey("acme", "new@acme.com"), addressKey("2001:db8:1::1"), now); err != nil {
		t.Fatalf("another /64: %v", err)
	}
}

// TestSignInSlowsAnAccountUnderAttackButNeverRefuses: failures from many
// addresses delay new addresses' attempts on that account (a delay, not a
// refusal), and an address that signed in before is not delayed.
func TestSignInSlowsAnAccountUnderAttackButNeverRefuses(t *testing.T) {
	a := newAttempts(SignInLimits{})
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	acct := accountKey("acme", "alice@acme.com")
	a.succeed(acct, "198.51.100.2", now)
	for i := range 12 {
		a.fail(acct, fmt.Sprintf("203.0.113.%d", i), now)
	}
	delay, err := a.check(acct, "192.0.2.1", now)
	if err != nil || delay != time.Second { // 250ms doubled twice (12th failure)
		t.Fatalf("new address: delay %s, err %v", delay, err)
	}
	if delay, err := a.check(acct, "198.51.100.2", now); err != nil || delay != 0 {
		t.Fatalf("known address: delay %s, err %v", delay, err)
	}
	for i := range 40 {
		a.fail(acct, fmt.Sprintf("203.0.114.%d", i), now)
	}
	if delay, err := a.check(acct, "192.0.2.1", now); err != nil || delay != 10*time.Second {
		t.Fatalf("capped: delay %s, err %v", delay, err)
	}
}

// TestAttemptsStayBounded: a flood of made-up accounts keeps at most
// maxTracked entries.
func TestAttemptsStayBounded(t *testing.T) {
	a := newAttempts(SignInLimits{})
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range maxTracked + 5000 {
		a.fail(accountKey("acme", fmt.Sprint(i)), "203.0.113.1", now)
	}
	if len(a.account) > maxTracked || len(a.pair) > maxTracked {
		t.Fatalf("tracked %d accounts, %d pairs", len(a.account), len(a.pair))
	}
}

// TestHashGateBoundsWork: with every slot busy and the queue full, a
// further hash is refused at once with ErrBusy; a queued one runs once a
// slot frees.
func TestHashGateBoundsWork(t *testing.T) {
	g := newHashGate(1, 1)
	ctx := context.Background()
	inside, release := make(chan struct{}), make(chan struct{})
	first := make(chan error, 1)
	go func() { first <- g.do(ctx, func() { close(inside); <-release }) }()
	<-inside
	queued := make(chan error, 1)
	ran := false
	go func() { queued <- g.do(ctx, func() { ran = true }) }()
	for g.waiting.Load() != 1 {
		runtime.Gosched()
	}
	if err := g.do(ctx, func() { t.Error("ran past the bound") }); !errors.Is(err, ErrBusy) || fathom.ErrorCode(err) != fathom.EUNAVAILABLE {
		t.Fatalf("third caller: %v", err)
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatalf("first caller: %v", err)
	}
	if err := <-queued; err != nil || !ran {
		t.Fatalf("queued caller: %v, ran %v", err, ran)
	}
}
