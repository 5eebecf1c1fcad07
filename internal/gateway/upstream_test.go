package gateway_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// upstream is a fake Fathom: OAuth authorize and token endpoints (with
// PKCE and rotating refresh tokens) and an API that only answers the
// access tokens it issued, until they expire.
type upstream struct {
	*httptest.Server
	deny       atomic.Bool  // authorize answers error=access_denied
	expiresIn  atomic.Int64 // seconds, of tokens issued from now on
	tokenDelay time.Duration
	now        func() time.Time // the clock access tokens expire by

	refreshes atomic.Int64 // refresh_token grants received
	exchanges atomic.Int64 // authorization_code grants received

	mu        sync.Mutex
	n         int                  // codes issued
	tok       int                  // token pairs issued
	codes     map[string]string    // code → code_challenge
	access    map[string]time.Time // valid access tokens, to their expiry
	refresh   map[string]bool      // valid refresh tokens
	forms     []string             // raw token request bodies
	requests  []*http.Request      // API requests received
	lastBody  []string             // their bodies
	badClient bool
}

const (
	clientID     = "cid"
	clientSecret = "csecret"
)

func newUpstream(t testing.TB, now func() time.Time) *upstream {
	u := &upstream{now: now, codes: map[string]string{}, access: map[string]time.Time{}, refresh: map[string]bool{}}
	u.expiresIn.Store(3600)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /external/v1/oauth2/authorize", u.authorize)
	mux.HandleFunc("POST /external/v1/oauth2/token", u.token)
	mux.HandleFunc("/external/v1/", u.api)
	u.Server = httptest.NewServer(mux)
	t.Cleanup(u.Close)
	return u
}

func (u *upstream) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	to, err := url.Parse(q.Get("redirect_uri"))
	if err != nil || q.Get("client_id") != clientID || q.Get("scope") != "public_api" || q.Get("response_type") != "code" ||
		q.Get("code_challenge_method") != "S256" {
		http.Error(w, "bad authorize request: "+r.URL.RawQuery, http.StatusBadRequest)
		return
	}
	back := url.Values{"state": {q.Get("state")}}
	if u.deny.Load() {
		back.Set("error", "access_denied")
	} else {
		u.mu.Lock()
		u.n++
		code := fmt.Sprintf("code-%d", u.n)
		u.codes[code] = q.Get("code_challenge")
		u.mu.Unlock()
		back.Set("code", code)
	}
	to.RawQuery = back.Encode()
	http.Redirect(w, r, to.String(), http.StatusFound)
}

func (u *upstream) token(w http.ResponseWriter, r *http.Request) {
	if u.tokenDelay > 0 {
		time.Sleep(u.tokenDelay) // widen the window in which concurrent refreshes could overlap
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 4096))
	body := string(raw)
	form, perr := url.ParseQuery(body)
	u.mu.Lock()
	defer u.mu.Unlock()
	u.forms = append(u.forms, body)
	fail := func(status int, code string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": "refused"})
	}
	if err != nil || perr != nil {
		fail(http.StatusBadRequest, "invalid_request") // the gateway sent a body that could not be read as a form
		return
	}
	if form.Get("client_id") != clientID || form.Get("client_secret") != clientSecret || u.badClient {
		fail(http.StatusUnauthorized, "invalid_client")
		return
	}
	switch form.Get("grant_type") {
	case "authorization_code":
		u.exchanges.Add(1)
		challenge, ok := u.codes[form.Get("code")]
		sum := sha256.Sum256([]byte(form.Get("code_verifier")))
		if !ok || base64.RawURLEncoding.EncodeToString(sum[:]) != challenge {
			fail(http.StatusBadRequest, "invalid_grant")
			return
		}
		delete(u.codes, form.Get("code"))
	case "refresh_token":
		u.refreshes.Add(1)
		if !u.refresh[form.Get("refresh_token")] {
			fail(http.StatusBadRequest, "invalid_grant")
			return
		}
		delete(u.refresh, form.Get("refresh_token")) // one-time use, rotates
	default:
		fail(http.StatusBadRequest, "unsupported_grant_type")
		return
	}
	u.tok++
	at, rt := fmt.Sprintf("at-%d", u.tok), fmt.Sprintf("rt-%d", u.tok)
	u.access[at], u.refresh[rt] = u.now().Add(time.Duration(u.expiresIn.Load())*time.Second), true
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"access_token": at, "token_type": "Bearer",
		"expires_in": u.expiresIn.Load(), "refresh_token": rt, "scope": "public_api"})
}

func (u *upstream) api(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "reading the body: "+err.Error(), http.StatusBadRequest) // the gateway forwarded a broken body
		return
	}
	u.mu.Lock()
	u.requests = append(u.requests, r.Clone(r.Context()))
	u.lastBody = append(u.lastBody, string(body))
	expires, ok := u.access[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
	ok = ok && u.now().Before(expires)
	u.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Upstream", "yes")
	switch {
	case !ok || r.URL.Path == "/external/v1/always401":
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error":"invalid token"}`))
	case r.URL.Path == "/external/v1/page":
		_, _ = w.Write(page2KB)
	case r.URL.Path == "/external/v1/missing":
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error":"no such recording","code":"not_found"}`))
	case r.URL.Path == "/external/v1/limited":
		w.Header().Set("Retry-After", "42")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"error":"slow down"}`))
	default:
		_ = json.NewEncoder(w).Encode(map[string]any{"items": []any{}, "next_cursor": nil,
			"token": r.Header.Get("Authorization"), "path": r.URL.EscapedPath(), "query": r.URL.RawQuery,
			"method": r.Method, "body": string(body)})
	}
}

// page2KB is a meetings page of about 2 KB, the benchmark's answer.
var page2KB = func() []byte {
	items := make([]map[string]any, 0, 8)
	for i := range 8 {
		items = append(items, map[string]any{"title": fmt.Sprintf("Weekly sync %d", i), "recording_id": 1000 + i,
			"url": fmt.Sprintf("https://fathom.video/calls/%d", 1000+i), "created_at": "2026-11-21T12:00:00Z",
			"recorded_by": map[string]any{"name": "Alice Example", "email": "alice@acme.test"}})
	}
	b, err := json.Marshal(map[string]any{"limit": 10, "next_cursor": nil, "items": items})
	if err != nil {
		panic(err)
	}
	return b
}()

// revokeAccess makes the upstream refuse every access token issued so far.
func (u *upstream) revokeAccess() {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.access = map[string]time.Time{}
}

// revokeRefresh makes the upstream refuse every refresh token issued.
func (u *upstream) revokeRefresh() {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.refresh = map[string]bool{}
}

func (u *upstream) lastRequest() *http.Request {
	u.mu.Lock()
	defer u.mu.Unlock()
	if len(u.requests) == 0 {
		return nil
	}
	return u.requests[len(u.requests)-1]
}
