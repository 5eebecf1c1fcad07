package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

func testOAuth(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, u := seedTenant(t, st, "oa")

	// Apps.
	var app *fathom.OAuthApp
	uris := []string{"https://app.test/cb?x=1", "http://127.0.0.1:9/cb"}
	write(t, st, func(tx store.Tx) (err error) {
		app, err = tx.OAuthAppCreate(ctx, &store.OAuthAppCreateParams{ClientID: "cid", SecretHash: "sh", Name: "App",
			RedirectURIs: uris, CreatedAt: now})
		return err
	})
	err := st.Write(ctx, func(tx store.Tx) error {
		_, err := tx.OAuthAppCreate(ctx, &store.OAuthAppCreateParams{ClientID: "cid", SecretHash: "x", Name: "dup", RedirectURIs: uris, CreatedAt: now})
		return err
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("duplicate client id err = %v, want ErrDuplicate", err)
	}
	got := must(st.OAuthAppGetByClientID(ctx, "cid"))
	if got.ID != app.ID || got.SecretHash != "sh" || got.Name != "App" || fmt.Sprint(got.RedirectURIs) != fmt.Sprint(uris) || !got.CreatedAt.Equal(now) {
		t.Fatalf("OAuthAppGetByClientID = %+v", got)
	}
	if _, err := st.OAuthAppGetByClientID(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing app err = %v", err)
	}
	if l := must(st.OAuthAppList(ctx)); len(l) != 1 || l[0].ClientID != "cid" {
		t.Fatalf("OAuthAppList = %+v", l)
	}

	// Passwords.
	if h := must(st.UserPasswordHash(ctx, u.ID)); h != "" {
		t.Fatalf("new user has password hash %q", h)
	}
	write(t, st, func(tx store.Tx) error { return tx.UserSetPasswordHash(ctx, u.ID, "$argon2id$x") })
	if h := must(st.UserPasswordHash(ctx, u.ID)); h != "$argon2id$x" {
		t.Fatalf("UserPasswordHash = %q", h)
	}
	if _, err := st.UserPasswordHash(ctx, 99999); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing user err = %v", err)
	}

	// Codes: one use only.
	code := &fathom.OAuthCode{Hash: "ch", AppID: app.ID, TenantID: tn.ID, UserID: u.ID, RedirectURI: uris[0],
		Scope: fathom.OAuthScope, Challenge: "chal", ChallengeMethod: "S256", CreatedAt: now, ExpiresAt: now.Add(10 * time.Minute)}
	write(t, st, func(tx store.Tx) error { return tx.OAuthCodeCreate(ctx, code) })
	c := must(st.OAuthCodeGetByHash(ctx, "ch"))
	if c.UsedAt != nil || c.GrantID != 0 || c.RedirectURI != uris[0] || c.Challenge != "chal" || c.ChallengeMethod != "S256" ||
		!c.ExpiresAt.Equal(now.Add(10*time.Minute)) || c.TenantID != tn.ID || c.UserID != u.ID {
		t.Fatalf("OAuthCodeGetByHash = %+v", c)
	}
	grant := &fathom.OAuthGrant{AppID: app.ID, TenantID: tn.ID, UserID: u.ID, Scope: fathom.OAuthScope, CreatedAt: now}
	write(t, st, func(tx store.Tx) error {
		if err := tx.OAuthGrantCreate(ctx, grant); err != nil {
			return err
		}
		return tx.OAuthCodeUse(ctx, "ch", grant.ID, now)
	})
	if c := must(st.OAuthCodeGetByHash(ctx, "ch")); c.UsedAt == nil || c.GrantID != grant.ID {
		t.Fatalf("used code = %+v", c)
	}
	err = st.Write(ctx, func(tx store.Tx) error { return tx.OAuthCodeUse(ctx, "ch", grant.ID, now) })
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second use err = %v, want ErrNotFound", err)
	}

	// Tokens: rotation once, revocation.
	exp := now.Add(time.Hour)
	access := &fathom.OAuthToken{GrantID: grant.ID, Kind: fathom.TokenAccess, Hash: "a1", ExpiresAt: &exp, CreatedAt: now}
	refresh := &fathom.OAuthToken{GrantID: grant.ID, Kind: fathom.TokenRefresh, Hash: "r1", CreatedAt: now}
	next := &fathom.OAuthToken{GrantID: grant.ID, Kind: fathom.TokenRefresh, Hash: "r2", CreatedAt: now}
	write(t, st, func(tx store.Tx) error {
		for _, k := range []*fathom.OAuthToken{access, refresh, next} {
			if err := tx.OAuthTokenCreate(ctx, k); err != nil {
				return err
			}
		}
		return nil
	})
	a := must(st.OAuthTokenGetByHash(ctx, "a1"))
	if a.ID != access.ID || a.Kind != fathom.TokenAccess || a.ExpiresAt == nil || !a.ExpiresAt.Equal(exp) || a.AppID != app.ID ||
		a.TenantID != tn.ID || a.UserID != u.ID || a.Scope != fathom.OAuthScope || a.Revoked() {
		t.Fatalf("access token = %+v", a)
	}
	rotate := &store.OAuthTokenRotateParams{TokenID: refresh.ID, ReplacedBy: next.ID, Successor: []byte{1, 2, 3}, At: now}
	write(t, st, func(tx store.Tx) error { return tx.OAuthTokenRotate(ctx, rotate) })
	r := must(st.OAuthTokenGetByHash(ctx, "r1"))
	if r.RotatedAt == nil || !r.RotatedAt.Equal(now) || r.ReplacedBy != next.ID || string(r.Successor) != "\x01\x02\x03" || r.ExpiresAt != nil {
		t.Fatalf("rotated token = %+v", r)
	}
	if err := st.Write(ctx, func(tx store.Tx) error { return tx.OAuthTokenRotate(ctx, rotate) }); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second rotation err = %v, want ErrNotFound", err)
	}
	err = st.Write(ctx, func(tx store.Tx) error {
		return tx.OAuthTokenRotate(ctx, &store.OAuthTokenRotateParams{TokenID: access.ID, ReplacedBy: next.ID, At: now})
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("rotating an access token err = %v, want ErrNotFound", err)
	}
	write(t, st, func(tx store.Tx) error { return tx.OAuthTokenRevoke(ctx, access.ID, now) })
	write(t, st, func(tx store.Tx) error { return tx.OAuthTokenRevoke(ctx, access.ID, now) })
	if a := must(st.OAuthTokenGetByHash(ctx, "a1")); a.RevokedAt == nil || !a.Revoked() {
		t.Fatalf("revoked access token = %+v", a)
	}
	if n := must(st.OAuthTokenGetByHash(ctx, "r2")); n.Revoked() {
		t.Fatalf("revoking one token revoked another: %+v", n)
	}
	write(t, st, func(tx store.Tx) error { return tx.OAuthGrantRevoke(ctx, grant.ID, now) })
	write(t, st, func(tx store.Tx) error { return tx.OAuthGrantRevoke(ctx, grant.ID, now) })
	list := must(st.OAuthTokenList(ctx, grant.ID))
	if len(list) != 3 {
		t.Fatalf("OAuthTokenList = %d tokens", len(list))
	}
	for _, k := range list {
		if !k.Revoked() || k.GrantRevokedAt == nil || k.Successor != nil {
			t.Fatalf("token %s of a revoked grant = %+v", k.Hash, k)
		}
	}
	if _, err := st.OAuthTokenGetByHash(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing token err = %v", err)
	}

	// Deleting an app takes its grants, codes and tokens.
	write(t, st, func(tx store.Tx) error { return tx.OAuthAppDelete(ctx, "cid") })
	if _, err := st.OAuthTokenGetByHash(ctx, "r2"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("token of a deleted app err = %v", err)
	}
	if _, err := st.OAuthCodeGetByHash(ctx, "ch"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("code of a deleted app err = %v", err)
	}
	if err := st.Write(ctx, func(tx store.Tx) error { return tx.OAuthAppDelete(ctx, "cid") }); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second delete err = %v, want ErrNotFound", err)
	}
}
