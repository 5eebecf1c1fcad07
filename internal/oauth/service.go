// Package oauth holds the rules of the OAuth 2.0 authorization server that
// lets third-party apps call the meetings API on a user's behalf: registered
// apps, users' passwords (Argon2id), sign-in, one-time authorization codes
// with PKCE, short-lived access tokens and one-time rotating refresh tokens
// with a reuse grace.
//
// It knows nothing of HTTP (oauthapi decodes and encodes the wire) or SQL.
// It must never log or return a stored secret: secrets, codes and tokens
// exist in the clear only in the answer that hands them out, and are stored
// as SHA-256 hashes (passwords as Argon2id).
package oauth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Prefixes of what the server hands out, so that secret scanners and
// people recognise them.
const (
	AccessPrefix   = "fat_" // access tokens
	RefreshPrefix  = "frt_" // refresh tokens
	SecretPrefix   = "fcs_" // client secrets
	ClientIDPrefix = "fci_" // client ids (public)
	codePrefix     = "fac_" // authorization codes
)

// Config sets lifetimes.
type Config struct {
	// AccessTokenTTL is the lifetime of access tokens (default 1h).
	AccessTokenTTL time.Duration
	// RefreshReuseGrace is how long a rotated refresh token still answers
	// with the same successor pair (0: not at all; serve passes 30s).
	RefreshReuseGrace time.Duration
	// CodeTTL is the lifetime of authorization codes (default 10m).
	CodeTTL time.Duration
	// HashConcurrency is how many Argon2id password hashes run at once
	// (default: the number of usable cores); HashQueue how many sign-ins
	// may wait for one (default 4 per slot). Beyond, sign-in answers
	// ErrBusy.
	HashConcurrency int
	HashQueue       int
	// SignIn throttles password guessing (see SignInLimits for defaults).
	SignIn SignInLimits
}

// Deps are what the service uses.
type Deps struct {
	Store  store.Store
	Logger *slog.Logger
	Now    func() time.Time // nil: time.Now
}

// Service is the authorization server's rules.
type Service struct {
	store    store.Store
	logger   *slog.Logger
	now      func() time.Time
	cfg      Config
	gate     *hashGate
	attempts *attempts
}

// NewService returns a service.
func NewService(d Deps, cfg Config) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if cfg.AccessTokenTTL <= 0 {
		cfg.AccessTokenTTL = time.Hour
	}
	if cfg.CodeTTL <= 0 {
		cfg.CodeTTL = 10 * time.Minute
	}
	return &Service{store: d.Store, logger: d.Logger, now: d.Now, cfg: cfg,
		gate: newHashGate(cfg.HashConcurrency, cfg.HashQueue), attempts: newAttempts(cfg.SignIn)}
}

// RegisteredApp is a new app. Secret is shown once and never stored.
type RegisteredApp struct {
	App    *fathom.OAuthApp
	Secret string
}

// RegisterApp registers an app with its exact redirect URIs: https, or
// http on a loopback host for development (RFC 8252), no fragment.
func (s *Service) RegisterApp(ctx context.Context, name string, redirectURIs []string) (*RegisteredApp, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 200 {
		return nil, fathom.Errorf(fathom.EINVALID, "name is required (at most 200 characters)")
	}
	if len(redirectURIs) == 0 || len(redirectURIs) > 20 {
		return nil, fathom.Errorf(fathom.EINVALID, "give between 1 and 20 redirect URIs")
	}
	var uris []string
	for _, u := range redirectURIs {
		if err := checkRedirectURI(u); err != nil {
			return nil, err
		}
		if !slices.Contains(uris, u) {
			uris = append(uris, u)
		}
	}
	clientID := ClientIDPrefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(randomBytes(10)))
	secret := SecretPrefix + randomToken()
	var out *RegisteredApp
	err := s.store.Write(ctx, func(tx store.Tx) error {
		a, err := tx.OAuthAppCreate(ctx, &store.OAuthAppCreateParams{ClientID: clientID, SecretHash: hashSecret(secret),
			Name: name, RedirectURIs: uris, CreatedAt: s.now()})
		out = &RegisteredApp{App: a, Secret: secret}
		return err
	})
	return out, err
}

func checkRedirectURI(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || !u.IsAbs() || u.Host == "" || len(raw) > 2000:
		return fathom.Errorf(fathom.EINVALID, "redirect URI %q must be an absolute URL", raw)
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return fathom.Errorf(fathom.EINVALID, "redirect URI %q must not have a fragment", raw)
	case u.User != nil:
		return fathom.Errorf(fathom.EINVALID, "redirect URI %q must not carry credentials", raw)
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && isLoopback(u.Hostname()):
		return nil
	}
	return fathom.Errorf(fathom.EINVALID, "redirect URI %q must be https (http only on localhost)", raw)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ListApps lists the registered apps, oldest first.
func (s *Service) ListApps(ctx context.Context) ([]*fathom.OAuthApp, error) {
	return s.store.OAuthAppList(ctx)
}

// DeleteApp removes an app and every grant and token it holds.
func (s *Service) DeleteApp(ctx context.Context, clientID string) error {
	err := s.store.Write(ctx, func(tx store.Tx) error { return tx.OAuthAppDelete(ctx, clientID) })
	if errors.Is(err, store.ErrNotFound) {
		return fathom.Errorf(fathom.ENOTFOUND, "no app with client id %q", clientID)
	}
	return err
}

// App returns the app with clientID if redirectURI is exactly one of its
// registered URIs. The authorization endpoint calls it before anything
// else: until it succeeds, no error may be redirected to the client.
func (s *Service) App(ctx context.Context, clientID, redirectURI string) (*fathom.OAuthApp, error) {
	a, err := s.store.OAuthAppGetByClientID(ctx, clientID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && clientID == "") {
		return nil, fathom.Errorf(fathom.EINVALID, "unknown client_id")
	}
	if err != nil {
		return nil, err
	}
	if !slices.Contains(a.RedirectURIs, redirectURI) {
		return nil, fathom.Errorf(fathom.EINVALID, "redirect_uri is not registered for this app")
	}
	return a, nil
}

// SetPassword sets the password of a user of a tenant and, in the same
// write, ends the user's web sessions: whoever signed in with the old
// password signs in again.
func (s *Service) SetPassword(ctx context.Context, tenantID int64, email, password string) error {
	if len(password) < 10 || len(password) > 1024 {
		return fathom.Errorf(fathom.EINVALID, "password must be between 10 and 1024 bytes")
	}
	var hash string
	var err error
	if gateErr := s.gate.do(ctx, func() { hash, err = hashPassword(password) }); gateErr != nil {
		return gateErr
	}
	if err != nil {
		return err
	}
	err = s.store.Write(ctx, func(tx store.Tx) error {
		u, err := tx.UserGetByEmail(ctx, tenantID, email)
		if err != nil {
			return err
		}
		if err := tx.UserSetPasswordHash(ctx, u.ID, hash); err != nil {
			return err
		}
		_, err = tx.WebSessionDeleteUser(ctx, u.ID)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return fathom.Errorf(fathom.ENOTFOUND, "no user %q in this workspace (add one with fathom workspace users add)", email)
	}
	return err
}

var errSignIn = fathom.Errorf(fathom.EUNAUTHORIZED, "wrong workspace, email or password")

// SignIn checks a user's password, typed from address (the client's IP;
// "" when unknown). Every wrong answer is the same error and takes as long
// as a wrong password, so that it reveals no account. Failures are counted
// (see SignInLimits): a locked pair or address is refused with a
// *LimitedError before any hash, and a busy server with ErrBusy.
func (s *Service) SignIn(ctx context.Context, tenantName, email, password, address string) (*fathom.User, error) {
	email = strings.TrimSpace(email)
	account, addr := accountKey(tenantName, email), addressKey(address)
	delay, err := s.attempts.check(account, addr, s.now())
	if err != nil {
		return nil, err
	}
	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		}
	}
	hash, u, err := s.passwordOf(ctx, tenantName, email)
	if err != nil {
		return nil, err
	}
	ok := false
	if err := s.gate.do(ctx, func() {
		if hash == "" {
			checkPassword(dummyHash(), password)
			return
		}
		ok = checkPassword(hash, password)
	}); err != nil {
		return nil, err
	}
	if !ok {
		s.attempts.fail(account, addr, s.now())
		return nil, errSignIn
	}
	s.attempts.succeed(account, addr, s.now())
	return u, nil
}

// passwordOf returns the user's hash, "" when there is no such user or it
// has no password.
func (s *Service) passwordOf(ctx context.Context, tenantName, email string) (string, *fathom.User, error) {
	t, err := s.store.TenantGetByName(ctx, tenantName)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil, nil
	} else if err != nil {
		return "", nil, err
	}
	u, err := s.store.UserGetByEmail(ctx, t.ID, email)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil, nil
	} else if err != nil {
		return "", nil, err
	}
	hash, err := s.store.UserPasswordHash(ctx, u.ID)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil, nil
	}
	return hash, u, err
}

// AuthenticateClient returns the app whose credentials c are, or
// invalid_client. The token and revoke endpoints call it before counting a
// request against the app's limit, so that a wrong secret never costs the
// real app its quota.
func (s *Service) AuthenticateClient(ctx context.Context, c Client) (*fathom.OAuthApp, error) {
	return s.authenticateClient(ctx, c)
}

// authenticateClient checks a client's credentials in constant time.
func (s *Service) authenticateClient(ctx context.Context, c Client) (*fathom.OAuthApp, error) {
	a, err := s.store.OAuthAppGetByClientID(ctx, c.ID)
	if errors.Is(err, store.ErrNotFound) || c.ID == "" {
		subtle.ConstantTimeCompare([]byte(hashSecret(c.Secret)), []byte(hashSecret("")))
		return nil, errClient
	}
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare([]byte(hashSecret(c.Secret)), []byte(a.SecretHash)) != 1 {
		return nil, errClient
	}
	return a, nil
}

// hashSecret is how client secrets, codes and tokens are stored. They carry
// 256 random bits, so a fast hash is enough.
func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("oauth: crypto/rand failed: %v", err)) // never on supported platforms
	}
	return b
}

// randomToken is 32 random bytes, URL-safe.
func randomToken() string { return base64.RawURLEncoding.EncodeToString(randomBytes(32)) }
