// Package gateway holds the rules of the Maton-compatible gateway: a gateway
// account (a user, through any of its API keys) connects upstream Fathom
// accounts by OAuth, and calls /fathom/{native-path} with the connection's
// bearer token injected. It creates, lists and deletes connections, walks
// the consent (authorize, callback, code exchange), keeps tokens sealed at
// rest and fresh (one refresh per connection at a time), and forwards calls.
//
// It must not log or return a token, a secret or a session in an error,
// must never let one account see or use another's connection, and holds no
// wire format of its connections API (that is internal/gatewayapi).
package gateway

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/secret"
	"github.com/fathom-oss/fathom/internal/store"
)

// Config says where the upstream is and how the gateway reaches it.
type Config struct {
	// PublicURL is this server as users' browsers reach it: connect links
	// are PublicURL/connect?session_token=… and the OAuth redirect URI is
	// PublicURL/connect/callback (required).
	PublicURL string
	// UpstreamURL receives /fathom/{native-path} calls (required).
	UpstreamURL string
	// AuthorizeURL and TokenURL are the upstream's OAuth endpoints;
	// ClientID and ClientSecret the operator's app there. Without a
	// ClientID, connections cannot be created.
	AuthorizeURL string
	TokenURL     string
	ClientID     string
	ClientSecret string
	// RateLimit is requests per second per account (0: unlimited).
	RateLimit float64
	// RefreshesPerMinute is the token refreshes one account may cause a
	// minute, its share of the upstream app's refresh quota (default 6;
	// negative: no share).
	RefreshesPerMinute int
	// Transport carries token requests and proxied calls (default
	// http.DefaultTransport); it should have dial and header timeouts.
	Transport http.RoundTripper
	// Logger receives failures; never tokens (default: discard).
	Logger *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Service is the gateway.
type Service struct {
	cfg      Config
	store    store.Store
	box      *secret.Box
	upstream *url.URL
	client   *http.Client // token requests
	proxy    http.Handler
	limits   *limiter
	flights  flights
	guard    *refreshGuard
	now      func() time.Time
	logger   *slog.Logger
}

// RefreshMargin is how long before expiry an access token is refreshed,
// at most: a token issued for less than 4×RefreshMargin is refreshed when
// a quarter of its lifetime is left (see refreshMargin).
const RefreshMargin = 5 * time.Minute

// sessionLifetime is how long a connect link stays usable.
const sessionLifetime = 24 * time.Hour

// New returns a Service; it checks cfg's URLs.
func New(st store.Store, box *secret.Box, cfg Config) (*Service, error) {
	for name, v := range map[string]string{"PublicURL": cfg.PublicURL, "UpstreamURL": cfg.UpstreamURL,
		"AuthorizeURL": cfg.AuthorizeURL, "TokenURL": cfg.TokenURL} {
		if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("gateway: %s must be an absolute http or https URL, got %q", name, v)
		}
	}
	cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	upstream, _ := url.Parse(strings.TrimRight(cfg.UpstreamURL, "/"))
	if cfg.Transport == nil {
		cfg.Transport = http.DefaultTransport
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.RefreshesPerMinute == 0 {
		cfg.RefreshesPerMinute = 6
	}
	s := &Service{guard: newRefreshGuard(cfg.RefreshesPerMinute), cfg: cfg, store: st, box: box, upstream: upstream, now: cfg.Now, logger: cfg.Logger,
		client: &http.Client{Transport: cfg.Transport, Timeout: 30 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		limits:  newLimiter(cfg.RateLimit, cfg.Now),
		flights: flights{m: map[string]*flight{}}}
	s.proxy = s.newProxy()
	return s, nil
}

// Create starts a connection of the caller: PENDING, with a connect link
// (see ConnectURL) the user opens to grant access upstream. Errors:
// EINVALID for another app or method, EUNAVAILABLE when the operator has
// not configured an OAuth client.
func (s *Service) Create(ctx context.Context, p *fathom.Principal, app, method string) (*fathom.Connection, error) {
	if app != fathom.AppFathom {
		return nil, fathom.Errorf(fathom.EINVALID, "app %q is not supported: the only app is %q", app, fathom.AppFathom)
	}
	if method == "" {
		method = fathom.MethodOAuth2
	}
	if method != fathom.MethodOAuth2 {
		return nil, fathom.Errorf(fathom.EINVALID, "method %q is not supported for app fathom: use %q", method, fathom.MethodOAuth2)
	}
	if s.cfg.ClientID == "" {
		return nil, fathom.Errorf(fathom.EUNAVAILABLE, "the gateway has no OAuth client: the operator must set --gateway-client-id and --gateway-client-secret")
	}
	id, err := newUUID()
	if err != nil {
		return nil, err
	}
	session, err := randomToken()
	if err != nil {
		return nil, err
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	c := fathom.Connection{ID: id, TenantID: p.TenantID, UserID: p.UserID, App: app, Method: method,
		Status: fathom.ConnectionPending, SessionToken: session, CreatedAt: now, UpdatedAt: now, Metadata: map[string]string{}}
	row, err := s.seal(&c)
	if err != nil {
		return nil, err
	}
	row.SessionHash = hash(session)
	if err := s.store.Write(ctx, func(tx store.Tx) error { return tx.ConnectionCreate(ctx, row) }); err != nil {
		return nil, fmt.Errorf("create connection: %w", err)
	}
	return &c, nil
}

// ListFilter selects connections; empty fields do not filter.
type ListFilter struct{ App, Status string }

// List returns the caller's connections, oldest first. EINVALID for an
// unknown status.
func (s *Service) List(ctx context.Context, p *fathom.Principal, f ListFilter) ([]*fathom.Connection, error) {
	switch f.Status {
	case "", fathom.ConnectionPending, fathom.ConnectionActive, fathom.ConnectionFailed:
	default:
		return nil, fathom.Errorf(fathom.EINVALID, "status must be ACTIVE, PENDING or FAILED, got %q", f.Status)
	}
	rows, err := s.store.ConnectionList(ctx, &store.ConnectionListParams{TenantID: p.TenantID, UserID: p.UserID,
		App: f.App, Status: f.Status})
	if err != nil {
		return nil, err
	}
	out := make([]*fathom.Connection, 0, len(rows))
	for _, r := range rows {
		c, err := s.open(r, false)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// Get returns a connection of the caller; ENOTFOUND for any other.
func (s *Service) Get(ctx context.Context, p *fathom.Principal, id string) (*fathom.Connection, error) {
	r, err := s.store.ConnectionGet(ctx, p.TenantID, p.UserID, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "connection %q not found", id)
	}
	if err != nil {
		return nil, err
	}
	return s.open(r, false)
}

// Delete forgets a connection of the caller and its tokens (the upstream
// has no revocation endpoint; the user may revoke the app there).
// ENOTFOUND for any other.
func (s *Service) Delete(ctx context.Context, p *fathom.Principal, id string) error {
	err := s.store.Write(ctx, func(tx store.Tx) error { return tx.ConnectionDelete(ctx, p.TenantID, p.UserID, id) })
	if errors.Is(err, store.ErrNotFound) {
		return fathom.Errorf(fathom.ENOTFOUND, "connection %q not found", id)
	}
	return err
}

// ConnectURL is the link the user opens to finish a connection.
func (s *Service) ConnectURL(c *fathom.Connection) string {
	return s.cfg.PublicURL + "/connect?session_token=" + url.QueryEscape(c.SessionToken)
}

// RedirectURI is where the upstream sends the user back; the operator
// registers it with the upstream's OAuth app.
func (s *Service) RedirectURI() string { return s.cfg.PublicURL + "/connect/callback" }

// seal turns a connection into a row with its secrets encrypted, each
// bound to the connection's id and its column.
func (s *Service) seal(c *fathom.Connection) (*store.ConnectionRow, error) {
	r := &store.ConnectionRow{Connection: *c}
	r.SessionToken, r.Verifier, r.AccessToken, r.RefreshToken = "", "", "", ""
	var err error
	for _, f := range []struct {
		dst   *[]byte
		plain string
		col   string
	}{{&r.Sealed.SessionToken, c.SessionToken, "session"}, {&r.Sealed.Verifier, c.Verifier, "verifier"},
		{&r.Sealed.AccessToken, c.AccessToken, "access"}, {&r.Sealed.RefreshToken, c.RefreshToken, "refresh"}} {
		if *f.dst, err = s.box.Seal(f.plain, c.ID+"/"+f.col); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// open decrypts a row; tokens too only when withTokens.
func (s *Service) open(r *store.ConnectionRow, withTokens bool) (*fathom.Connection, error) {
	c := r.Connection
	type field struct {
		dst    *string
		sealed []byte
		col    string
	}
	fields := []field{{&c.SessionToken, r.Sealed.SessionToken, "session"}}
	if withTokens {
		fields = append(fields, field{&c.Verifier, r.Sealed.Verifier, "verifier"},
			field{&c.AccessToken, r.Sealed.AccessToken, "access"}, field{&c.RefreshToken, r.Sealed.RefreshToken, "refresh"})
	}
	for _, f := range fields {
		v, err := s.box.Open(f.sealed, c.ID+"/"+f.col)
		if err != nil {
			return nil, fmt.Errorf("connection %s %s: %w (was --secret-key changed?)", c.ID, f.col, err)
		}
		*f.dst = v
	}
	return &c, nil
}

// save seals c and stores it with its state hash, inside tx.
func (s *Service) save(ctx context.Context, tx store.Tx, c *fathom.Connection, stateHash string) error {
	row, err := s.seal(c)
	if err != nil {
		return err
	}
	row.StateHash = stateHash
	return tx.ConnectionUpdate(ctx, row)
}

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// randomToken returns 256 random bits, URL-safe.
func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// newUUID returns a random (version 4) UUID.
func newUUID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("connection id: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:], nil
}

// flights lets one refresh per connection run at a time: callers that
// arrive while one runs wait for its result instead of starting another.
type flights struct {
	mu sync.Mutex
	m  map[string]*flight
}

type flight struct {
	done chan struct{}
	c    *fathom.Connection
	err  error
}

func (f *flights) do(key string, fn func() (*fathom.Connection, error)) (*fathom.Connection, error) {
	f.mu.Lock()
	if fl, ok := f.m[key]; ok {
		f.mu.Unlock()
		<-fl.done
		return fl.c, fl.err
	}
	fl := &flight{done: make(chan struct{}), err: errors.New("gateway: token refresh aborted")}
	f.m[key] = fl
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		delete(f.m, key)
		f.mu.Unlock()
		close(fl.done)
	}()
	fl.c, fl.err = fn()
	return fl.c, fl.err
}
