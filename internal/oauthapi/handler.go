// Package oauthapi is the HTTP face of the OAuth 2.0 authorization server,
// at the paths and in the wire format of Fathom's
// (/external/v1/oauth2/authorize and /token, plus /revoke): it renders the
// sign-in and consent pages, guards them against CSRF, decodes the token
// endpoint's forms and client credentials, applies the per-app rate limit,
// and encodes RFC 6749's JSON. The rules live in internal/oauth.
//
// It must never log or echo a secret: passwords, client secrets, codes and
// tokens appear only in the responses that hand them out.
package oauthapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fathom-oss/fathom/internal/csrf"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/oauth"
	"github.com/fathom-oss/fathom/internal/server"
)

const basePath = "/external/v1/oauth2/"

// Config sets the endpoints' behaviour.
type Config struct {
	// SecureCookies marks the CSRF cookie Secure (set when the public URL
	// is https).
	SecureCookies bool
	// RateLimit is token and revoke requests per minute per app, counted
	// once the client is authenticated, and failed client authentications
	// per minute per client address (default 60, Fathom's; negative:
	// unlimited).
	RateLimit int
	// DefaultTenant pre-fills the sign-in form's workspace (default
	// "default").
	DefaultTenant string
	Now           func() time.Time // nil: time.Now
}

// Handler serves the authorization server's endpoints.
type Handler struct {
	svc           *oauth.Service
	sign          csrf.Signer // signs tickets
	csrf          *csrf.Guard
	defaultTenant string
	now           func() time.Time
	limits        *windowLimiter // requests per authenticated app
	badClients    *windowLimiter // failed client authentications per address
}

// New returns a handler whose CSRF cookie, form tokens and sign-in tickets
// are signed with key. The key is required, not made up when missing:
// every server sharing a database must sign with the same one (the app
// derives it from the secret key), or a form served by one fails on
// another and every restart voids the forms open.
func New(svc *oauth.Service, key []byte, cfg Config) (*Handler, error) {
	sign, err := csrf.NewSigner(key)
	if err != nil {
		return nil, fmt.Errorf("oauthapi: %w", err)
	}
	if cfg.RateLimit == 0 {
		cfg.RateLimit = 60
	}
	if cfg.DefaultTenant == "" {
		cfg.DefaultTenant = "default"
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Handler{svc: svc, sign: sign, csrf: csrf.New(sign, csrfCookie, basePath, cfg.SecureCookies), defaultTenant: cfg.DefaultTenant,
		now: cfg.Now, limits: newWindowLimiter(cfg.RateLimit, cfg.Now), badClients: newWindowLimiter(cfg.RateLimit, cfg.Now)}, nil
}

// Register mounts the routes on mux.
func (h *Handler) Register(mux *server.Mux) {
	mux.HandleFunc("GET "+basePath+"authorize", h.authorizePage)
	mux.HandleFunc("POST "+basePath+"authorize", h.authorizeSubmit)
	mux.HandleFunc("POST "+basePath+"token", h.token)
	mux.HandleFunc("POST "+basePath+"revoke", h.revoke)
}

// tokenJSON is the token response the official SDK parses (spec §12.2).
type tokenJSON struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
	Scope        string `json:"scope"`
}

func (h *Handler) token(w http.ResponseWriter, r *http.Request) {
	f, client, ok := h.decodeForm(w, r)
	if !ok {
		return
	}
	var pair *oauth.TokenPair
	var err error
	switch f.Get("grant_type") {
	case "authorization_code":
		if f.Get("code") == "" {
			writeError(w, r, oauthErr(oauth.CodeInvalidRequest, "code is required"))
			return
		}
		pair, err = h.svc.Exchange(r.Context(), client, f.Get("code"), f.Get("redirect_uri"), f.Get("code_verifier"))
	case "refresh_token":
		if f.Get("refresh_token") == "" {
			writeError(w, r, oauthErr(oauth.CodeInvalidRequest, "refresh_token is required"))
			return
		}
		pair, err = h.svc.Refresh(r.Context(), client, f.Get("refresh_token"))
	case "":
		err = oauthErr(oauth.CodeInvalidRequest, "grant_type is required")
	default:
		err = oauthErr(oauth.CodeUnsupportedGrantType, `grant_type must be "authorization_code" or "refresh_token"`)
	}
	if err != nil {
		writeError(w, r, err)
		return
	}
	secs := int64((pair.ExpiresIn + time.Second - 1) / time.Second)
	writeJSON(w, http.StatusOK, tokenJSON{AccessToken: pair.AccessToken, TokenType: "Bearer", ExpiresIn: max(secs, 1),
		RefreshToken: pair.RefreshToken, Scope: pair.Scope})
}

// revoke is RFC 7009's endpoint: 200 whether or not the token existed.
func (h *Handler) revoke(w http.ResponseWriter, r *http.Request) {
	f, client, ok := h.decodeForm(w, r)
	if !ok {
		return
	}
	if f.Get("token") == "" {
		writeError(w, r, oauthErr(oauth.CodeInvalidRequest, "token is required"))
		return
	}
	if err := h.svc.Revoke(r.Context(), client, f.Get("token")); err != nil {
		writeError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
}

// decodeForm reads a token or revoke request's form and client
// credentials (client_secret_post or client_secret_basic, not both),
// authenticates the client and applies its app's rate limit.
func (h *Handler) decodeForm(w http.ResponseWriter, r *http.Request) (url.Values, oauth.Client, bool) {
	var c oauth.Client
	if ct := r.Header.Get("Content-Type"); !hasMediaType(ct, "application/x-www-form-urlencoded") {
		writeError(w, r, oauthErr(oauth.CodeInvalidRequest, "Content-Type must be application/x-www-form-urlencoded"))
		return nil, c, false
	}
	if server.DeclaredTooLarge(r, 64<<10) != nil {
		writeError(w, r, oauthErr(oauth.CodeInvalidRequest, "the form must be at most 64 KiB"))
		return nil, c, false
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		writeError(w, r, oauthErr(oauth.CodeInvalidRequest, "the form could not be read"))
		return nil, c, false
	}
	f := r.PostForm
	for k, v := range f {
		if len(v) > 1 {
			writeError(w, r, oauthErr(oauth.CodeInvalidRequest, k+" appears more than once"))
			return nil, c, false
		}
	}
	c = oauth.Client{ID: f.Get("client_id"), Secret: f.Get("client_secret")}
	if id, secret, basic := r.BasicAuth(); basic {
		id, err1 := url.QueryUnescape(id) // RFC 6749 §2.3.1: form-encoded first
		secret, err2 := url.QueryUnescape(secret)
		if err1 != nil || err2 != nil || f.Has("client_secret") || (c.ID != "" && c.ID != id) {
			writeError(w, r, oauthErr(oauth.CodeInvalidRequest, "use one client authentication method"))
			return nil, c, false
		}
		c = oauth.Client{ID: id, Secret: secret}
	}
	if c.ID == "" {
		writeError(w, r, oauthErr(oauth.CodeInvalidClient, "client_id is required"))
		return nil, c, false
	}
	// The client is authenticated before anything is counted against its
	// app, so that a wrong secret (or a made-up client id) never costs a
	// real app its quota; failures count against the client's address.
	addr := server.Info(r.Context()).ClientAddr
	if ok, retry := h.badClients.check(addr); !ok {
		tooMany(w, retry, "too many failed client authentications from this address; retry after the time in Retry-After")
		return nil, c, false
	}
	app, err := h.svc.AuthenticateClient(r.Context(), c)
	if err != nil {
		if e, ok := oauth.AsError(err); ok && e.Code == oauth.CodeInvalidClient {
			h.badClients.add(addr)
		}
		writeError(w, r, err)
		return nil, c, false
	}
	if ok, retry := h.limits.allow(app.ClientID); !ok {
		tooMany(w, retry, "rate limit reached: at most "+strconv.Itoa(h.limits.limit)+" requests per 60 seconds per app")
		return nil, c, false
	}
	return f, c, true
}

func tooMany(w http.ResponseWriter, retry time.Duration, desc string) {
	w.Header().Set("Retry-After", strconv.Itoa(max(1, int((retry+time.Second-1)/time.Second))))
	writeJSON(w, http.StatusTooManyRequests, errorJSON{Error: "temporarily_unavailable", Description: desc})
}

// errorJSON is RFC 6749 §5.2's error body.
type errorJSON struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// WriteError writes an error the server answers itself (server.ErrorWriter)
// as RFC 6749 JSON: temporarily_unavailable for a 429 or 503, else
// server_error naming the request.
func WriteError(w http.ResponseWriter, r *http.Request, status int, _ string, msg string) {
	code := "temporarily_unavailable"
	if status != http.StatusTooManyRequests && status != http.StatusServiceUnavailable {
		code, msg = "server_error", msg+" (request "+server.Info(r.Context()).ID+")"
	}
	writeJSON(w, status, errorJSON{Error: code, Description: msg})
}

func oauthErr(code, desc string) *oauth.Error { return &oauth.Error{Code: code, Description: desc} }

// writeError writes err in RFC 6749's form: 401 for invalid_client, 400 for
// the other OAuth errors, 500 "server_error" for anything else (logged with
// the request, never shown).
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	e, ok := oauth.AsError(err)
	switch {
	case ok && e.Code == oauth.CodeInvalidClient:
		w.Header().Set("WWW-Authenticate", `Basic realm="fathom"`)
		writeJSON(w, http.StatusUnauthorized, errorJSON{Error: e.Code, Description: e.Description})
	case ok:
		writeJSON(w, http.StatusBadRequest, errorJSON{Error: e.Code, Description: e.Description})
	default:
		if fathom.ErrorCode(err) == fathom.EINTERNAL {
			server.Info(r.Context()).Err = err
		}
		writeJSON(w, http.StatusInternalServerError, errorJSON{Error: "server_error",
			Description: "internal error (request " + server.Info(r.Context()).ID + ")"})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func hasMediaType(contentType, want string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.EqualFold(strings.TrimSpace(mt), want)
}

// windowLimiter counts requests per key (an app's client id, or a client
// address) in fixed 60-second windows, all windows starting together so
// that the map is dropped at each turn.
type windowLimiter struct {
	limit int
	now   func() time.Time

	mu     sync.Mutex
	start  time.Time
	counts map[string]int
}

func newWindowLimiter(limit int, now func() time.Time) *windowLimiter {
	return &windowLimiter{limit: limit, now: now, counts: map[string]int{}}
}

// allow counts a request and reports whether it is within the limit, and
// otherwise how long until the window turns.
func (l *windowLimiter) allow(key string) (bool, time.Duration) {
	ok, retry := l.check(key)
	if ok {
		l.add(key)
	}
	return ok, retry
}

// check reports whether key is under its limit, without counting.
func (l *windowLimiter) check(key string) (bool, time.Duration) {
	if l.limit < 0 {
		return true, 0
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.turn(now)
	if l.counts[key] >= l.limit {
		return false, l.start.Add(time.Minute).Sub(now)
	}
	return true, 0
}

// add counts a request of key. A key new in a window holding maxKeys is
// not counted: the table stays bounded, and the per-address limit of the
// server covers a flood from that many addresses.
func (l *windowLimiter) add(key string) {
	if l.limit < 0 {
		return
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.turn(now)
	if _, ok := l.counts[key]; !ok && len(l.counts) >= maxKeys {
		return
	}
	l.counts[key]++
}

func (l *windowLimiter) turn(now time.Time) {
	if now.Sub(l.start) >= time.Minute {
		l.start, l.counts = now, map[string]int{}
	}
}

const maxKeys = 100_000
