package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

func testWebSessions(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, u := seedTenant(t, st, "ws")
	live := &fathom.WebSession{Hash: "h-live", TenantID: tn.ID, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	old := &fathom.WebSession{Hash: "h-old", TenantID: tn.ID, UserID: u.ID, CreatedAt: now.Add(-2 * time.Hour), ExpiresAt: now.Add(-time.Hour)}
	edge := &fathom.WebSession{Hash: "h-edge", TenantID: tn.ID, UserID: u.ID, CreatedAt: now.Add(-time.Hour), ExpiresAt: now}
	write(t, st, func(tx store.Tx) error {
		for _, s := range []*fathom.WebSession{live, old, edge} {
			if err := tx.WebSessionCreate(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	got := must(st.WebSessionGetByHash(ctx, "h-live"))
	if got.Hash != live.Hash || got.TenantID != tn.ID || got.UserID != u.ID ||
		!got.CreatedAt.Equal(now) || !got.ExpiresAt.Equal(now.Add(time.Hour)) {
		t.Fatalf("WebSessionGetByHash = %+v, want %+v", got, live)
	}
	if _, err := st.WebSessionGetByHash(ctx, "h-nope"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown session err = %v, want ErrNotFound", err)
	}
	err := st.Write(ctx, func(tx store.Tx) error {
		return tx.WebSessionCreate(ctx, &fathom.WebSession{Hash: "h-live", TenantID: tn.ID, UserID: u.ID, CreatedAt: now, ExpiresAt: now})
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("duplicate session hash err = %v, want ErrDuplicate", err)
	}

	// Expired sessions go, up to and including the instant given.
	var n int64
	write(t, st, func(tx store.Tx) (err error) { n, err = tx.WebSessionDeleteExpired(ctx, now); return err })
	if n != 2 {
		t.Fatalf("WebSessionDeleteExpired deleted %d, want 2", n)
	}
	for _, h := range []string{"h-old", "h-edge"} {
		if _, err := st.WebSessionGetByHash(ctx, h); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("expired session %s err = %v, want ErrNotFound", h, err)
		}
	}

	// A user's sessions end together; another user's stay.
	_, other := seedTenant(t, st, "ws-other")
	write(t, st, func(tx store.Tx) error {
		for _, s := range []*fathom.WebSession{
			{Hash: "h-a", TenantID: tn.ID, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)},
			{Hash: "h-b", TenantID: tn.ID, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)},
			{Hash: "h-other", TenantID: other.TenantID, UserID: other.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)},
		} {
			if err := tx.WebSessionCreate(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	write(t, st, func(tx store.Tx) (err error) { n, err = tx.WebSessionDeleteUser(ctx, u.ID); return err })
	if n != 3 { // h-live, h-a, h-b
		t.Fatalf("WebSessionDeleteUser deleted %d, want 3", n)
	}
	for _, h := range []string{"h-live", "h-a", "h-b"} {
		if _, err := st.WebSessionGetByHash(ctx, h); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("session %s of a user whose sessions ended: err = %v, want ErrNotFound", h, err)
		}
	}
	must(st.WebSessionGetByHash(ctx, "h-other"))
	write(t, st, func(tx store.Tx) error {
		return tx.WebSessionCreate(ctx, &fathom.WebSession{Hash: "h-live", TenantID: tn.ID, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)})
	})

	// Signing out ends one session; twice is no error.
	write(t, st, func(tx store.Tx) error { return tx.WebSessionDelete(ctx, "h-live") })
	write(t, st, func(tx store.Tx) error { return tx.WebSessionDelete(ctx, "h-live") })
	if _, err := st.WebSessionGetByHash(ctx, "h-live"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("signed-out session err = %v, want ErrNotFound", err)
	}
}
