package gateway_test

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/gateway"
)

func TestProxyForwardsAndStripsCallerCredentials(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	id := h.connected(t, h.key)
	r := h.do(t, http.MethodPost, "/fathom/external/v1/webhooks?x=1&include[]=a%20b", h.key, `{"destination_url":"https://x.test"}`,
		"Content-Type", "application/json", "X-Custom", "kept", "Cookie", "session=secret", "X-Api-Key", "fth_other",
		"Maton-Connection", id, "Connection", "X-Hop", "X-Hop", "dropped")
	if r.Status != http.StatusOK || r.Header.Get("X-Upstream") != "yes" {
		t.Fatalf("proxied call = %d %s", r.Status, r.Raw)
	}
	if r.Body["method"] != "POST" || r.Body["path"] != "/external/v1/webhooks" || r.Body["query"] != "x=1&include[]=a%20b" ||
		r.Body["body"] != `{"destination_url":"https://x.test"}` || r.Body["token"] != "Bearer at-1" {
		t.Fatalf("upstream saw %s", r.Raw)
	}
	got := h.up.lastRequest()
	for _, name := range []string{"Cookie", "X-Api-Key", "Maton-Connection", "X-Hop"} {
		if v := got.Header.Get(name); v != "" {
			t.Errorf("upstream received %s: %q", name, v)
		}
	}
	if got.Header.Get("Authorization") != "Bearer at-1" || strings.Contains(strings.Join(got.Header.Values("Authorization"), ","), h.key) {
		t.Errorf("upstream Authorization = %q", got.Header.Values("Authorization"))
	}
	if got.Header.Get("X-Custom") != "kept" || got.Header.Get("Content-Type") != "application/json" {
		t.Errorf("upstream lost headers: %v", got.Header)
	}
	if got.Host != strings.TrimPrefix(h.up.URL, "http://") {
		t.Errorf("upstream Host = %s", got.Host)
	}
}

func TestProxyPassesUpstreamStatusesThrough(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.connected(t, h.key)
	r := h.do(t, http.MethodGet, "/fathom/external/v1/missing", h.key, "")
	if r.Status != http.StatusNotFound || r.Raw != `{"error":"no such recording","code":"not_found"}` {
		t.Fatalf("404 = %d %s", r.Status, r.Raw)
	}
	r = h.do(t, http.MethodGet, "/fathom/external/v1/limited", h.key, "")
	if r.Status != http.StatusTooManyRequests || r.Raw != `{"error":"slow down"}` || r.Header.Get("Retry-After") != "42" {
		t.Fatalf("429 = %d %s %v", r.Status, r.Raw, r.Header)
	}
}

func TestProxyRefreshesBeforeExpiry(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.connected(t, h.key)
	h.clock.Advance(50 * time.Minute) // 10 minutes left: no refresh
	if r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, ""); r.Body["token"] != "Bearer at-1" {
		t.Fatalf("call = %s", r.Raw)
	}
	h.clock.Advance(6 * time.Minute) // 4 minutes left: refresh first
	if r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, ""); r.Body["token"] != "Bearer at-2" {
		t.Fatalf("call near expiry = %s", r.Raw)
	}
	if n := h.up.refreshes.Load(); n != 1 {
		t.Fatalf("refreshes = %d, want 1", n)
	}
	h.up.mu.Lock()
	form := h.up.forms[len(h.up.forms)-1]
	h.up.mu.Unlock()
	if form != "client_id=cid&client_secret=csecret&refresh_token=rt-1&grant_type=refresh_token" {
		t.Fatalf("refresh body = %s", form)
	}
}

// TestShortLivedTokenIsRefreshedOncePerLifetime: a provider whose access
// tokens live 60 s, less than RefreshMargin, gets one refresh per token
// once three quarters of its lifetime are spent, not one per call. Calls
// every 10 s for 3 minutes: the token issued at 0 s serves until 45 s, so
// the refreshes happen at the calls of 50, 100 and 150 s.
func TestShortLivedTokenIsRefreshedOncePerLifetime(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.up.expiresIn.Store(60)
	h.connected(t, h.key)
	var got []string
	for range 18 {
		h.clock.Advance(10 * time.Second)
		r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, "")
		if r.Status != http.StatusOK {
			t.Fatalf("call after %d calls = %d %s", len(got), r.Status, r.Raw)
		}
		token, _ := r.Body["token"].(string)
		got = append(got, strings.TrimPrefix(token, "Bearer "))
	}
	want := []string{"at-1", "at-1", "at-1", "at-1",
		"at-2", "at-2", "at-2", "at-2", "at-2",
		"at-3", "at-3", "at-3", "at-3", "at-3",
		"at-4", "at-4", "at-4", "at-4"}
	if !slices.Equal(got, want) {
		t.Errorf("tokens used = %v\nwant %v", got, want)
	}
	if n := h.up.refreshes.Load(); n != 3 {
		t.Fatalf("refreshes over 18 calls in 3 minutes of 60 s tokens = %d, want 3", n)
	}
}

func TestConcurrentCallsWithExpiredTokenRefreshOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.up.tokenDelay = 50 * time.Millisecond
	h.connected(t, h.key)
	h.clock.Advance(2 * time.Hour)
	var wg sync.WaitGroup
	replies := make([]reply, 10)
	for i := range replies {
		wg.Go(func() { replies[i] = h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, "") })
	}
	wg.Wait()
	for i, r := range replies {
		if r.Status != http.StatusOK || r.Body["token"] != "Bearer at-2" {
			t.Errorf("call %d = %d %s", i, r.Status, r.Raw)
		}
	}
	if n := h.up.refreshes.Load(); n != 1 {
		t.Fatalf("upstream refreshes = %d, want exactly 1", n)
	}
}

func TestProxyRefreshesOnceAfter401(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.connected(t, h.key)
	h.up.revokeAccess()
	r := h.do(t, http.MethodPost, "/fathom/external/v1/webhooks", h.key, `{"a":1}`, "Content-Type", "application/json")
	if r.Status != http.StatusOK || r.Body["token"] != "Bearer at-2" || r.Body["body"] != `{"a":1}` {
		t.Fatalf("call after upstream 401 = %d %s", r.Status, r.Raw)
	}
	if n := h.up.refreshes.Load(); n != 1 {
		t.Fatalf("refreshes = %d", n)
	}
	// Refused again after the refresh: the upstream's 401 stands, and no
	// second refresh is tried for the same call.
	h.up.revokeAccess()
	h.up.revokeRefresh()
	r = h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, "")
	if r.Status != http.StatusUnauthorized || r.Raw != `{"error":"invalid token"}` {
		t.Fatalf("call with refused refresh = %d %s", r.Status, r.Raw)
	}
}

func TestInvalidGrantMakesConnectionFailed(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	id := h.connected(t, h.key)
	h.up.revokeRefresh()
	h.clock.Advance(2 * time.Hour)
	r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, "", "Maton-Connection", id)
	if r.Status != http.StatusBadRequest || !strings.Contains(r.errorMessage(), "FAILED (invalid_grant)") ||
		strings.Contains(r.Raw, "rt-1") || strings.Contains(r.Raw, "at-1") {
		t.Fatalf("call = %d %s", r.Status, r.Raw)
	}
	if s := h.status(t, h.key, id); s != "FAILED" {
		t.Fatalf("status = %s", s)
	}
	if n := h.up.refreshes.Load(); n != 1 {
		t.Fatalf("refreshes = %d", n)
	}
}

func TestConnectionSelection(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	first := h.connected(t, h.key)  // at-1
	second := h.connected(t, h.key) // at-2
	pending, _ := h.create(t, h.key)
	other := h.newKey(t, "acme", "b@acme.test")
	theirs := h.connected(t, other) // at-3
	for _, tc := range []struct {
		name, header, value, token string
	}{
		{"default: oldest ACTIVE", "", "", "Bearer at-1"},
		{"Maton-Connection", "Maton-Connection", second, "Bearer at-2"},
		{"lower-case x-maton-connection", "x-maton-connection", second, "Bearer at-2"},
		{"Maton-Connection first", "MATON-CONNECTION", first, "Bearer at-1"},
	} {
		r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, "", tc.header, tc.value)
		if r.Status != http.StatusOK || r.Body["token"] != tc.token {
			t.Errorf("%s: %d %s, want %s", tc.name, r.Status, r.Raw, tc.token)
		}
	}
	for _, tc := range []struct{ name, value, want string }{
		{"another user's", theirs, "is not a connection of this API key's account"},
		{"unknown", "00000000-0000-4000-8000-000000000000", "is not a connection of this API key's account"},
		{"pending", pending, "is PENDING: open its url"},
	} {
		r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, "", "Maton-Connection", tc.value)
		if r.Status != http.StatusBadRequest || !strings.Contains(r.errorMessage(), tc.want) {
			t.Errorf("%s: %d %s, want 400 %q", tc.name, r.Status, r.Raw, tc.want)
		}
	}
	if r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", other, ""); r.Body["token"] != "Bearer at-3" {
		t.Errorf("other user's default = %s", r.Raw)
	}
}

func TestRateLimitPerAccount(t *testing.T) {
	t.Parallel()
	h := newHarness(t, func(c *gateway.Config) { c.RateLimit = 10 })
	h.connected(t, h.key)
	other := h.newKey(t, "acme", "b@acme.test")
	// The connect flow made one API call; the clock moves 1 ms per read,
	// too little to refill a token, so the burst of 10 is nearly spent.
	limited := 0
	for range 12 {
		r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, "")
		if r.Status == http.StatusTooManyRequests {
			limited++
			if r.Header.Get("Retry-After") == "" || !strings.Contains(r.errorMessage(), "rate limit") {
				t.Fatalf("429 = %v %s", r.Header, r.Raw)
			}
		}
	}
	if limited < 2 {
		t.Fatalf("%d of 12 calls limited, want at least 2 past 10/s", limited)
	}
	if r := h.do(t, http.MethodGet, "/connections", other, ""); r.Status != http.StatusOK {
		t.Fatalf("another account limited too: %d", r.Status)
	}
	h.clock.Advance(time.Second)
	if r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, ""); r.Status != http.StatusOK {
		t.Fatalf("after a second = %d %s", r.Status, r.Raw)
	}
}
