package oauth

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

type fixture struct {
	svc    *Service
	st     store.Store
	clock  *clock
	app    *RegisteredApp
	user   *fathom.User
	client Client
}

const redirect = "https://app.example.com/cb?x=1"

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st := sqlitetest.Open(t, t.TempDir())
	c := &clock{t: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)}
	svc := NewService(Deps{Store: st, Now: c.now}, Config{AccessTokenTTL: time.Hour, RefreshReuseGrace: 30 * time.Second})
	var u *fathom.User
	err := st.Write(ctx, func(tx store.Tx) error {
		tn, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "acme", CreatedAt: c.now()})
		if err != nil {
			return err
		}
		u, err = tx.UserCreate(ctx, &store.UserCreateParams{TenantID: tn.ID, Email: "alice@acme.com", CreatedAt: c.now()})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	app, err := svc.RegisterApp(ctx, "Notes", []string{redirect, "http://127.0.0.1:8765/cb"})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{svc: svc, st: st, clock: c, app: app, user: u, client: Client{ID: app.App.ClientID, Secret: app.Secret}}
}

func (f *fixture) code(t *testing.T, challenge, method string) string {
	t.Helper()
	code, err := f.svc.Authorize(context.Background(), f.app.App, fathom.Principal{TenantID: f.user.TenantID, UserID: f.user.ID}, AuthorizeRequest{ClientID: f.client.ID,
		RedirectURI: redirect, ResponseType: "code", CodeChallenge: challenge, CodeChallengeMethod: method})
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func (f *fixture) pair(t *testing.T) *TokenPair {
	t.Helper()
	p, err := f.svc.Exchange(context.Background(), f.client, f.code(t, "", ""), redirect, "")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func wantOAuthError(t *testing.T, err error, code string) {
	t.Helper()
	if e, ok := AsError(err); !ok || e.Code != code {
		t.Fatalf("err = %v, want OAuth error %s", err, code)
	}
}

func TestRegisterAppChecksRedirectURIs(t *testing.T) {
	f := newFixture(t)
	for _, uri := range []string{"http://app.example.com/cb", "https://app.example.com/cb#frag", "/cb", "https://u:p@app.example.com/cb", "ftp://x/cb"} {
		if _, err := f.svc.RegisterApp(context.Background(), "x", []string{uri}); fathom.ErrorCode(err) != fathom.EINVALID {
			t.Errorf("redirect URI %q accepted: %v", uri, err)
		}
	}
	if strings.Contains(f.app.App.SecretHash, f.app.Secret) || !strings.HasPrefix(f.app.Secret, SecretPrefix) {
		t.Fatal("secret stored in the clear or without its prefix")
	}
	if _, err := f.svc.App(context.Background(), f.client.ID, redirect+"&y=2"); fathom.ErrorCode(err) != fathom.EINVALID {
		t.Fatalf("a redirect URI with an extra parameter was accepted: %v", err)
	}
	if _, err := f.svc.App(context.Background(), f.client.ID, redirect); err != nil {
		t.Fatal(err)
	}
}

func TestPasswords(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.svc.SetPassword(ctx, f.user.TenantID, f.user.Email, "short"); fathom.ErrorCode(err) != fathom.EINVALID {
		t.Fatalf("short password err = %v", err)
	}
	if err := f.svc.SetPassword(ctx, f.user.TenantID, "nobody@acme.com", "correct horse battery"); fathom.ErrorCode(err) != fathom.ENOTFOUND {
		t.Fatalf("unknown user err = %v", err)
	}
	if err := f.svc.SetPassword(ctx, f.user.TenantID, f.user.Email, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	h, err := f.st.UserPasswordHash(ctx, f.user.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("stored hash %q is not PHC argon2id", h)
	}
	if u, err := f.svc.SignIn(ctx, "acme", "alice@acme.com", "correct horse battery", ""); err != nil || u.ID != f.user.ID {
		t.Fatalf("SignIn = %v, %v", u, err)
	}
	for _, c := range [][3]string{{"acme", "alice@acme.com", "wrong horse battery"}, {"other", "alice@acme.com", "correct horse battery"},
		{"acme", "bob@acme.com", "correct horse battery"}} {
		if _, err := f.svc.SignIn(ctx, c[0], c[1], c[2], ""); fathom.ErrorCode(err) != fathom.EUNAUTHORIZED {
			t.Errorf("SignIn%v err = %v, want unauthorized", c, err)
		}
	}
}

func TestExchange(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	verifier := strings.Repeat("v", 50)
	sum := sha256.Sum256([]byte(verifier))
	s256 := base64.RawURLEncoding.EncodeToString(sum[:])

	bad := f.client
	bad.Secret += "x"
	if _, err := f.svc.Exchange(ctx, bad, f.code(t, "", ""), redirect, ""); !errors.Is(err, errClient) {
		t.Fatalf("bad secret err = %v", err)
	}
	wantOAuthError(t, must(f.svc.Exchange(ctx, f.client, f.code(t, "", ""), "https://app.example.com/cb", "")), CodeInvalidGrant)
	wantOAuthError(t, must(f.svc.Exchange(ctx, f.client, f.code(t, s256, "S256"), redirect, strings.Repeat("w", 50))), CodeInvalidGrant)
	wantOAuthError(t, must(f.svc.Exchange(ctx, f.client, f.code(t, s256, "S256"), redirect, "")), CodeInvalidGrant)
	wantOAuthError(t, must(f.svc.Exchange(ctx, f.client, f.code(t, "", ""), redirect, verifier)), CodeInvalidGrant)
	wantOAuthError(t, must(f.svc.Exchange(ctx, f.client, "fac_nope", redirect, "")), CodeInvalidGrant)
	if _, err := f.svc.Exchange(ctx, f.client, f.code(t, s256, "S256"), redirect, verifier); err != nil {
		t.Fatalf("S256: %v", err)
	}
	if _, err := f.svc.Exchange(ctx, f.client, f.code(t, verifier, "plain"), redirect, verifier); err != nil {
		t.Fatalf("plain: %v", err)
	}

	expired := f.code(t, "", "")
	f.clock.add(10*time.Minute + time.Second)
	wantOAuthError(t, must(f.svc.Exchange(ctx, f.client, expired, redirect, "")), CodeInvalidGrant)

	code := f.code(t, "", "")
	p, err := f.svc.Exchange(ctx, f.client, code, redirect, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.AccessToken, AccessPrefix) || !strings.HasPrefix(p.RefreshToken, RefreshPrefix) ||
		p.ExpiresIn != time.Hour || p.Scope != "public_api" {
		t.Fatalf("pair = %+v", p)
	}
	if pr, err := f.svc.AuthenticateToken(ctx, p.AccessToken); err != nil || pr.UserID != f.user.ID || pr.TenantID != f.user.TenantID {
		t.Fatalf("AuthenticateToken = %+v, %v", pr, err)
	}
	// Reuse is refused and revokes what the first exchange issued.
	wantOAuthError(t, must(f.svc.Exchange(ctx, f.client, code, redirect, "")), CodeInvalidGrant)
	if _, err := f.svc.AuthenticateToken(ctx, p.AccessToken); fathom.ErrorCode(err) != fathom.EUNAUTHORIZED {
		t.Fatalf("token of a replayed code still works: %v", err)
	}
	// Access tokens expire.
	p = f.pair(t)
	f.clock.add(time.Hour)
	if _, err := f.svc.AuthenticateToken(ctx, p.AccessToken); fathom.ErrorCode(err) != fathom.EUNAUTHORIZED {
		t.Fatalf("expired access token accepted: %v", err)
	}
}

// must drops the value of a call whose error is what the test checks.
func must[T any](_ T, err error) error { return err }

func TestRefreshRotatesWithGrace(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p1 := f.pair(t)
	p2, err := f.svc.Refresh(ctx, f.client, p1.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if p2.RefreshToken == p1.RefreshToken || p2.AccessToken == p1.AccessToken {
		t.Fatal("refresh did not rotate")
	}
	f.clock.add(10 * time.Second)
	again, err := f.svc.Refresh(ctx, f.client, p1.RefreshToken)
	if err != nil {
		t.Fatalf("refresh within the grace: %v", err)
	}
	if again.AccessToken != p2.AccessToken || again.RefreshToken != p2.RefreshToken || again.ExpiresIn != time.Hour-10*time.Second {
		t.Fatalf("within the grace got another pair: %+v vs %+v", again, p2)
	}
	other := newFixtureApp(t, f)
	wantOAuthError(t, must(f.svc.Refresh(ctx, other, p2.RefreshToken)), CodeInvalidGrant)
	wantOAuthError(t, must(f.svc.Refresh(ctx, f.client, p2.AccessToken)), CodeInvalidGrant)

	// After the grace the old token is a replay: the grant goes.
	f.clock.add(21 * time.Second)
	wantOAuthError(t, must(f.svc.Refresh(ctx, f.client, p1.RefreshToken)), CodeInvalidGrant)
	wantOAuthError(t, must(f.svc.Refresh(ctx, f.client, p2.RefreshToken)), CodeInvalidGrant)
	if _, err := f.svc.AuthenticateToken(ctx, p2.AccessToken); fathom.ErrorCode(err) != fathom.EUNAUTHORIZED {
		t.Fatalf("access token of a revoked family still works: %v", err)
	}
}

// newFixtureApp registers a second app and returns its credentials.
func newFixtureApp(t *testing.T, f *fixture) Client {
	a, err := f.svc.RegisterApp(context.Background(), "Other", []string{redirect})
	if err != nil {
		t.Fatal(err)
	}
	return Client{ID: a.App.ClientID, Secret: a.Secret}
}

func TestConcurrentRefreshesAgree(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p := f.pair(t)
	const n = 10
	pairs := make([]*TokenPair, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() { defer wg.Done(); pairs[i], errs[i] = f.svc.Refresh(ctx, f.client, p.RefreshToken) }()
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("refresh %d: %v", i, errs[i])
		}
		if pairs[i].RefreshToken != pairs[0].RefreshToken || pairs[i].AccessToken != pairs[0].AccessToken {
			t.Fatalf("refresh %d got another pair", i)
		}
	}
	tok, err := f.st.OAuthTokenGetByHash(ctx, hashSecret(p.RefreshToken))
	if err != nil {
		t.Fatal(err)
	}
	list, err := f.st.OAuthTokenList(ctx, tok.GrantID)
	if err != nil {
		t.Fatal(err)
	}
	valid := 0
	for _, k := range list {
		if k.Kind == fathom.TokenRefresh && k.RotatedAt == nil && !k.Revoked() {
			valid++
			if k.Hash != hashSecret(pairs[0].RefreshToken) {
				t.Fatal("the valid refresh token is not the one handed out")
			}
		}
	}
	if valid != 1 || len(list) != 4 {
		t.Fatalf("%d valid refresh tokens among %d tokens, want 1 among 4", valid, len(list))
	}
}

func TestRevoke(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p := f.pair(t)
	bad := f.client
	bad.Secret = "fcs_wrong"
	if err := f.svc.Revoke(ctx, bad, p.AccessToken); !errors.Is(err, errClient) {
		t.Fatalf("revoke with a bad secret err = %v", err)
	}
	if err := f.svc.Revoke(ctx, newFixtureApp(t, f), p.RefreshToken); err != nil {
		t.Fatalf("another client's token: %v", err)
	}
	if _, err := f.svc.AuthenticateToken(ctx, p.AccessToken); err != nil {
		t.Fatalf("another client revoked the token: %v", err)
	}
	if err := f.svc.Revoke(ctx, f.client, "frt_unknown"); err != nil {
		t.Fatalf("unknown token: %v", err)
	}
	if err := f.svc.Revoke(ctx, f.client, p.AccessToken); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.AuthenticateToken(ctx, p.AccessToken); fathom.ErrorCode(err) != fathom.EUNAUTHORIZED {
		t.Fatalf("revoked access token works: %v", err)
	}
	p2, err := f.svc.Refresh(ctx, f.client, p.RefreshToken)
	if err != nil {
		t.Fatalf("revoking the access token took the refresh token: %v", err)
	}
	if err := f.svc.Revoke(ctx, f.client, p2.RefreshToken); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.AuthenticateToken(ctx, p2.AccessToken); fathom.ErrorCode(err) != fathom.EUNAUTHORIZED {
		t.Fatalf("revoking the refresh token left its access token: %v", err)
	}
	wantOAuthError(t, must(f.svc.Refresh(ctx, f.client, p2.RefreshToken)), CodeInvalidGrant)
}

func TestAuthorizeRequestCheck(t *testing.T) {
	for _, c := range []struct {
		r    AuthorizeRequest
		code string
	}{
		{AuthorizeRequest{ResponseType: "token"}, CodeUnsupportedResponseType},
		{AuthorizeRequest{ResponseType: "code", Scope: "admin"}, CodeInvalidScope},
		{AuthorizeRequest{ResponseType: "code", CodeChallenge: "short"}, CodeInvalidRequest},
		{AuthorizeRequest{ResponseType: "code", CodeChallenge: strings.Repeat("a", 43), CodeChallengeMethod: "S512"}, CodeInvalidRequest},
		{AuthorizeRequest{ResponseType: "code", CodeChallengeMethod: "S256"}, CodeInvalidRequest},
	} {
		wantOAuthError(t, c.r.Check(), c.code)
	}
	r := AuthorizeRequest{ResponseType: "code", CodeChallenge: strings.Repeat("a", 43)}
	if err := r.Check(); err != nil || r.Scope != "public_api" || r.CodeChallengeMethod != "plain" {
		t.Fatalf("defaults: %+v, %v", r, err)
	}
}

func TestCheckPasswordRejectsMalformedHashes(t *testing.T) {
	for _, h := range []string{"", "$argon2i$v=19$m=16,t=1,p=1$c2FsdA$aGFzaA", "$argon2id$v=19$m=0,t=1,p=1$c2FsdA$aGFzaA", "plain"} {
		if checkPassword(h, "x") {
			t.Errorf("hash %q matched", h)
		}
	}
}
