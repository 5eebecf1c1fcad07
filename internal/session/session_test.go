package session_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/session"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

func TestSessionLifecycle(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := sqlitetest.Open(t, dir)
	var u *fathom.User
	if err := st.Write(ctx, func(tx store.Tx) error {
		tn, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "acme", CreatedAt: time.Now()})
		if err != nil {
			return err
		}
		u, err = tx.UserCreate(ctx, &store.UserCreateParams{TenantID: tn.ID, Email: "a@acme.com", CreatedAt: time.Now()})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	svc := session.New(st, nil, session.Config{TTL: time.Hour, Now: func() time.Time { return now }})

	token, expires, err := svc.Start(ctx, u)
	if err != nil || len(token) < 40 || !expires.Equal(now.Add(time.Hour)) {
		t.Fatalf("Start = %q, %v, %v", token, expires, err)
	}
	p, err := svc.Resolve(ctx, token)
	if err != nil || p.UserID != u.ID || p.TenantID != u.TenantID {
		t.Fatalf("Resolve = %+v, %v", p, err)
	}
	if _, err := st.WebSessionGetByHash(ctx, token); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the token itself is stored: %v", err)
	}
	madeUp := []byte(token)
	madeUp[0] ^= 1 // differs from the real token whatever its first letter
	for name, tok := range map[string]string{"empty": "", "made up": string(madeUp)} {
		if _, err := svc.Resolve(ctx, tok); !errors.Is(err, session.ErrNoSession) || fathom.ErrorCode(err) != fathom.EUNAUTHORIZED {
			t.Errorf("%s token: err = %v, want ErrNoSession", name, err)
		}
	}

	// Another server on the same database knows the session.
	other := session.New(st, nil, session.Config{Now: func() time.Time { return now }})
	if _, err := other.Resolve(ctx, token); err != nil {
		t.Fatalf("another server: %v", err)
	}

	// Signed out: gone, on every server.
	if err := svc.End(ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Resolve(ctx, token); !errors.Is(err, session.ErrNoSession) {
		t.Fatalf("after sign-out err = %v", err)
	}

	// Expired: refused, and swept at the next sign-in.
	token, _, _ = svc.Start(ctx, u)
	now = now.Add(time.Hour)
	if _, err := svc.Resolve(ctx, token); !errors.Is(err, session.ErrNoSession) {
		t.Fatalf("expired session err = %v", err)
	}
	if _, _, err := svc.Start(ctx, u); err != nil {
		t.Fatal(err)
	}
	if n, err := countExpired(ctx, st, now); err != nil || n != 0 {
		t.Fatalf("expired sessions left after a sign-in: %d, %v", n, err)
	}
}

// countExpired deletes (in a transaction rolled back) what has expired,
// to count it.
func countExpired(ctx context.Context, st store.Store, now time.Time) (int64, error) {
	var n int64
	errRollback := errors.New("rollback")
	err := st.Write(ctx, func(tx store.Tx) (err error) {
		if n, err = tx.WebSessionDeleteExpired(ctx, now); err != nil {
			return err
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		return 0, err
	}
	return n, nil
}
