package app_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/fathom-oss/fathom/internal/config"
)

// behindProxy makes the server trust the loopback as a reverse proxy, so
// that a test can speak for many client addresses with X-Forwarded-For.
func behindProxy(c *config.Config) { c.TrustedProxies = "127.0.0.1" }

// TestSignInLockoutSparesTheOwner: wrong passwords from one address lock
// that address out of the account, even with the right password (429 with
// Retry-After, before any hash), while the owner signs in from elsewhere.
func TestSignInLockoutSparesTheOwner(t *testing.T) {
	e := startOAuth(t, behindProxy)
	attacker := newBrowser(t)
	attacker.from = "203.0.113.9"
	signin := attacker.get(e.authorizeURL)
	for i := range 5 {
		p := attacker.submit(e.URL, signin.with("action", "signin", "workspace", "acme", "email", "alice@acme.com", "password", "not the password"))
		if p.status != 401 {
			t.Fatalf("guess %d: %d", i, p.status)
		}
	}
	p := attacker.submit(e.URL, signin.with("action", "signin", "workspace", "acme", "email", "alice@acme.com", "password", oauthPassword))
	if p.status != 429 || p.header.Get("Retry-After") != "1" || !strings.Contains(p.body, "too many failed sign-ins") {
		t.Fatalf("locked pair: %d %v", p.status, p.header)
	}
	owner := newBrowser(t)
	owner.from = "198.51.100.4"
	e.consent(t, owner, e.authorizeURL)
}

// TestSignInFloodIsBounded: parallel sign-ins beyond the hashing slots
// and their queue are answered 503 with Retry-After instead of each
// holding an Argon2id hash's memory.
func TestSignInFloodIsBounded(t *testing.T) {
	e := startOAuth(t, behindProxy, func(c *config.Config) { c.PasswordHashConcurrency = 1 })
	const n = 48
	type attempt struct {
		b    *browser
		form page
	}
	var all []attempt
	for i := range n {
		b := newBrowser(t)
		b.from = fmt.Sprintf("203.0.113.%d", i+1)
		all = append(all, attempt{b, b.get(e.authorizeURL)})
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	start := make(chan struct{})
	for i, a := range all {
		wg.Go(func() {
			<-start
			p := a.b.submit(e.URL, a.form.with("action", "signin", "workspace", "acme",
				"email", fmt.Sprintf("nobody%d@acme.com", i), "password", "not the password"))
			if p.status == 503 && p.header.Get("Retry-After") == "" {
				t.Errorf("503 without Retry-After")
			}
			mu.Lock()
			statuses[p.status]++
			mu.Unlock()
		})
	}
	close(start)
	wg.Wait()
	if statuses[503] == 0 || statuses[401]+statuses[503] != n {
		t.Fatalf("statuses %v: want 401s and some 503s", statuses)
	}
}

func (e *oauthEnv) tokenCallFrom(t *testing.T, from, body string) reply {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.URL+"/external/v1/oauth2/token", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", from)
	return do(t, req)
}

// TestOAuthTokenRateLimit: the token endpoint authenticates the client
// before counting against its app. Wrong secrets for a real client id, and
// made-up client ids, count against the sender's address and never lock
// the real app out; the app's own requests have their 60 a minute.
func TestOAuthTokenRateLimit(t *testing.T) {
	e := startOAuth(t, behindProxy)
	wrong := "client_id=" + e.clientID + "&client_secret=wrong&refresh_token=frt_x&grant_type=refresh_token"
	right := "client_id=" + e.clientID + "&client_secret=" + e.secret + "&refresh_token=frt_x&grant_type=refresh_token"
	for i := range 60 {
		if r := e.tokenCallFrom(t, "203.0.113.1", wrong); r.Status != 401 {
			t.Fatalf("wrong secret %d: %d %s", i, r.Status, r.Raw)
		}
		if r := e.tokenCallFrom(t, "203.0.113.2", fmt.Sprintf("client_id=fci_madeup%d&client_secret=x&refresh_token=frt_x&grant_type=refresh_token", i)); r.Status != 401 {
			t.Fatalf("made-up client %d: %d %s", i, r.Status, r.Raw)
		}
	}
	for _, from := range []string{"203.0.113.1", "203.0.113.2"} {
		if r := e.tokenCallFrom(t, from, wrong); r.Status != 429 || r.Header.Get("Retry-After") == "" || r.Body["error"] != "temporarily_unavailable" {
			t.Fatalf("61st failure from %s: %d %s", from, r.Status, r.Raw)
		}
	}
	for i := range 60 {
		if r := e.tokenCallFrom(t, "198.51.100.1", right); r.Status != 400 || r.Body["error"] != "invalid_grant" {
			t.Fatalf("the real app, request %d: %d %s", i, r.Status, r.Raw)
		}
	}
	if r := e.tokenCallFrom(t, "198.51.100.1", right); r.Status != 429 || r.Header.Get("Retry-After") == "" {
		t.Fatalf("the app's 61st request: %d %s", r.Status, r.Raw)
	}
}

// TestUnauthenticatedTrafficLimitedPerAddress: requests that end without
// an authenticated tenant drain their address's bucket; an empty bucket is
// refused with 429 before any work, while other addresses and health
// probes go on.
func TestUnauthenticatedTrafficLimitedPerAddress(t *testing.T) {
	cfg := testConfig(t)
	behindProxy(&cfg)
	cfg.AddressRateLimit, cfg.AddressRateBurst = 0.001, 3
	s := start(t, cfg)
	ws := seedWorkspace(t, s)
	call := func(from, key string) reply {
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/external/v1/meetings", nil)
		req.Header.Set("X-Forwarded-For", from)
		if key != "" {
			req.Header.Set("X-Api-Key", key)
		}
		return do(t, req)
	}
	for i := range 3 {
		if r := call("203.0.113.5", "fth_wrong"); r.Status != 401 {
			t.Fatalf("request %d: %d %s", i, r.Status, r.Raw)
		}
	}
	if r := call("203.0.113.5", ""); r.Status != 429 || r.Header.Get("Retry-After") == "" {
		t.Fatalf("4th unauthenticated request: %d %s", r.Status, r.Raw)
	}
	for i := range 5 {
		if r := call("198.51.100.5", ws.alice); r.Status != 200 {
			t.Fatalf("authenticated request %d from another address: %d %s", i, r.Status, r.Raw)
		}
	}
	if r := s.get(t, "/healthz", ""); r.Status != 200 {
		t.Fatalf("healthz: %d", r.Status)
	}
}
