package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/fathom-oss/fathom/internal/config"
)

const (
	oauthRedirect = "https://app.example.com/cb?x=1"
	oauthPassword = "correct horse battery staple"
)

// syncBuffer is a log sink tests can read while the server writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}
func (b *syncBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.buf.String() }

// oauthEnv is a server whose every log line is kept, with tenant acme,
// alice's password and a registered app.
type oauthEnv struct {
	*testServer
	logs             *syncBuffer
	alice            string // alice's API key
	clientID, secret string
	authorizeURL     string
}

func startOAuth(t *testing.T, tune ...func(*config.Config)) *oauthEnv {
	t.Helper()
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg := testConfig(t)
	for _, f := range tune {
		f(&cfg)
	}
	s := startLogged(t, cfg, logger)
	ws := seedWorkspace(t, s)
	ctx := context.Background()
	tn, err := s.DB.TenantGetByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.OAuth.SetPassword(ctx, tn.ID, "alice@acme.com", oauthPassword); err != nil {
		t.Fatal(err)
	}
	reg, err := s.OAuth.RegisterApp(ctx, "Meeting Notes", []string{oauthRedirect})
	if err != nil {
		t.Fatal(err)
	}
	e := &oauthEnv{testServer: s, logs: logs, alice: ws.alice, clientID: reg.App.ClientID, secret: reg.Secret}
	// Exactly what the SDK's getAuthorizationUrl builds (spec A.3).
	e.authorizeURL = s.URL + "/external/v1/oauth2/authorize?client_id=" + e.clientID +
		"&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1&scope=public_api&state=st+ate&response_type=code"
	return e
}

// browser keeps cookies and does not follow redirects, as a user's
// browser would hand the last one to the app.
type browser struct {
	t      *testing.T
	client *http.Client
	from   string // X-Forwarded-For, for servers that trust the loopback proxy
}

func newBrowser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

type page struct {
	status   int
	header   http.Header
	body     string
	location string
	fields   url.Values
}

var hiddenField = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

func (b *browser) do(req *http.Request) page {
	b.t.Helper()
	if b.from != "" {
		req.Header.Set("X-Forwarded-For", b.from)
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	p := page{status: resp.StatusCode, header: resp.Header, body: string(raw), location: resp.Header.Get("Location"), fields: url.Values{}}
	for _, m := range hiddenField.FindAllStringSubmatch(p.body, -1) {
		p.fields.Set(m[1], html.UnescapeString(m[2]))
	}
	return p
}

func (b *browser) get(u string) page {
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	return b.do(req)
}

func (b *browser) submit(base string, form url.Values) page {
	req, _ := http.NewRequest(http.MethodPost, base+"/external/v1/oauth2/authorize", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// with returns the page's hidden fields plus extra pairs.
func (p page) with(kv ...string) url.Values {
	f := url.Values{}
	for k, v := range p.fields {
		f[k] = slices.Clone(v)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Set(kv[i], kv[i+1])
	}
	return f
}

// consent walks the authorize page and signs alice in.
func (e *oauthEnv) consent(t *testing.T, b *browser, authorizeURL string) page {
	t.Helper()
	signin := b.get(authorizeURL)
	if signin.status != 200 || !strings.Contains(signin.body, "Meeting Notes") || signin.fields.Get("csrf_token") == "" {
		t.Fatalf("authorize page: %d %s", signin.status, signin.body)
	}
	c := b.submit(e.URL, signin.with("action", "signin", "workspace", "acme", "email", "alice@acme.com", "password", oauthPassword))
	if c.status != 200 || !strings.Contains(c.body, "public_api") || c.fields.Get("ticket") == "" {
		t.Fatalf("consent page: %d %s", c.status, c.body)
	}
	return c
}

// tokenCall posts a raw form body to the token or revoke endpoint.
func (e *oauthEnv) tokenCall(t *testing.T, path, body string, basic ...string) reply {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.URL+"/external/v1/oauth2/"+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if len(basic) == 2 {
		req.SetBasicAuth(basic[0], basic[1])
	}
	return do(t, req)
}

func (e *oauthEnv) bearer(t *testing.T, path, token string) reply {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	return do(t, req)
}

func checkTokenReply(t *testing.T, r reply) (access, refresh string) {
	t.Helper()
	var keys map[string]json.RawMessage
	_ = json.Unmarshal([]byte(r.Raw), &keys)
	if r.Status != 200 || len(keys) != 5 || r.Body["token_type"] != "Bearer" || r.Body["expires_in"] != 3600.0 ||
		r.Body["scope"] != "public_api" || r.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("token reply: %d %v %s", r.Status, r.Header, r.Raw)
	}
	access, _ = r.Body["access_token"].(string)
	refresh, _ = r.Body["refresh_token"].(string)
	if access == "" || refresh == "" {
		t.Fatalf("token reply without tokens: %s", r.Raw)
	}
	return access, refresh
}

func TestOAuthFlowEndToEnd(t *testing.T) {
	e := startOAuth(t)
	id := recordingID(t, e.ingest(t, e.alice, map[string]any{"external_id": "oauth-1", "title": "Roadmap"}))
	e.waitProcessed(t, e.alice, id)

	b := newBrowser(t)
	c := e.consent(t, b, e.authorizeURL)
	back := b.submit(e.URL, c.with("action", "approve"))
	if back.status != http.StatusFound || !strings.HasPrefix(back.location, oauthRedirect+"&") {
		t.Fatalf("approve: %d to %q", back.status, back.location)
	}
	loc, _ := url.Parse(back.location)
	code := loc.Query().Get("code")
	if loc.Query().Get("state") != "st ate" || loc.Query().Get("x") != "1" || code == "" {
		t.Fatalf("redirect %q lost the state, the URI's query or the code", back.location)
	}

	// The SDK's exact body (spec §12.2).
	r := e.tokenCall(t, "token", "client_id="+e.clientID+"&client_secret="+e.secret+"&code="+code+
		"&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1&grant_type=authorization_code")
	at1, rt1 := checkTokenReply(t, r)

	list := e.bearer(t, "/external/v1/meetings?include_summary=true&include_transcript=true&include_action_items=true", at1)
	items, _ := list.Body["items"].([]any)
	if list.Status != 200 || len(items) != 1 || list.Header.Get("RateLimit-Limit") == "" {
		t.Fatalf("meetings with an OAuth token: %d %s", list.Status, list.Raw)
	}
	m := items[0].(map[string]any)
	if m["default_summary"] != nil || m["transcript"] != nil || m["action_items"] == nil {
		t.Fatalf("OAuth caller got inlined content or lost action items: %s", list.Raw)
	}
	if sum := e.bearer(t, fmt.Sprintf("/external/v1/recordings/%d/summary", id), at1); sum.Status != 200 || sum.Body["summary"] == nil {
		t.Fatalf("summary through /recordings: %d %s", sum.Status, sum.Raw)
	}

	r = e.tokenCall(t, "token", "client_id="+e.clientID+"&client_secret="+e.secret+"&refresh_token="+rt1+"&grant_type=refresh_token")
	at2, rt2 := checkTokenReply(t, r)
	if at2 == at1 || rt2 == rt1 {
		t.Fatal("refresh did not rotate")
	}
	if got := e.bearer(t, "/external/v1/teams", at2); got.Status != 200 {
		t.Fatalf("refreshed token: %d %s", got.Status, got.Raw)
	}
	if got := e.tokenCall(t, "revoke", "token="+url.QueryEscape(rt2), e.clientID, e.secret); got.Status != 200 {
		t.Fatalf("revoke: %d %s", got.Status, got.Raw)
	}
	if got := e.bearer(t, "/external/v1/teams", at2); got.Status != 401 {
		t.Fatalf("revoked grant's token: %d %s", got.Status, got.Raw)
	}
	// API keys as Bearer still work.
	if got := e.bearer(t, "/external/v1/teams", e.alice); got.Status != 200 {
		t.Fatalf("API key as bearer: %d %s", got.Status, got.Raw)
	}

	logs := e.logs.String()
	if !strings.Contains(logs, "/external/v1/oauth2/token") {
		t.Fatal("the log capture saw no request")
	}
	for name, secret := range map[string]string{"client secret": e.secret, "code": code, "access token": at1,
		"refresh token": rt1, "second access token": at2, "second refresh token": rt2, "password": oauthPassword, "api key": e.alice} {
		if strings.Contains(logs, secret) {
			t.Errorf("the %s appears in the server log", name)
		}
	}
}

func TestOAuthBadPaths(t *testing.T) {
	e := startOAuth(t)
	b := newBrowser(t)

	// Unverified client or redirect URI: a page, never a redirect.
	for _, u := range []string{
		strings.Replace(e.authorizeURL, "%3Fx%3D1", "%3Fx%3D2", 1),
		strings.Replace(e.authorizeURL, "https%3A%2F%2Fapp.example.com", "https%3A%2F%2Fevil.example", 1),
		strings.Replace(e.authorizeURL, e.clientID, "fci_unknown", 1),
	} {
		if p := b.get(u); p.status != 400 || p.location != "" {
			t.Errorf("GET %s: %d to %q, want an error page", u, p.status, p.location)
		}
	}
	// Verified redirect URI: errors go back with the state.
	p := b.get(strings.Replace(e.authorizeURL, "response_type=code", "response_type=token", 1))
	if p.status != 302 || !strings.Contains(p.location, "error=unsupported_response_type") || !strings.Contains(p.location, "state=st+ate") {
		t.Errorf("unsupported response type: %d to %q", p.status, p.location)
	}

	c := e.consent(t, b, e.authorizeURL)
	// No CSRF token, or a forged one: 403.
	if p := b.submit(e.URL, c.with("action", "approve", "csrf_token", "")); p.status != 403 || p.location != "" {
		t.Errorf("missing CSRF token: %d %q", p.status, p.location)
	}
	if p := newBrowser(t).submit(e.URL, c.with("action", "approve")); p.status != 403 {
		t.Errorf("CSRF token without its cookie: %d", p.status)
	}
	// A state changed after sign-in does not match the ticket.
	if p := b.submit(e.URL, c.with("action", "approve", "state", "other")); p.status != 403 || p.location != "" {
		t.Errorf("tampered state: %d %q", p.status, p.location)
	}
	if p := b.submit(e.URL, c.with("action", "deny")); p.status != 302 || p.location != oauthRedirect+"&error=access_denied&error_description=the+user+denied+access&state=st+ate" {
		t.Errorf("deny: %d to %q", p.status, p.location)
	}
	signin := b.get(e.authorizeURL)
	if p := b.submit(e.URL, signin.with("action", "signin", "workspace", "acme", "email", "alice@acme.com", "password", "wrong password!")); p.status != 401 ||
		!strings.Contains(p.body, "wrong workspace, email or password") {
		t.Errorf("wrong password: %d %s", p.status, p.body)
	}

	// A state with every awkward character comes back byte for byte.
	odd := "a b&c=d/é+%"
	c = e.consent(t, b, strings.Replace(e.authorizeURL, "state=st+ate", "state="+url.QueryEscape(odd), 1))
	back := b.submit(e.URL, c.with("action", "approve"))
	loc, _ := url.Parse(back.location)
	if loc == nil || loc.Query().Get("state") != odd {
		t.Fatalf("state %q came back as %q", odd, back.location)
	}
	code := loc.Query().Get("code")

	body := "client_id=" + e.clientID + "&client_secret=" + e.secret + "&code=" + code + "&redirect_uri=" + url.QueryEscape(oauthRedirect) + "&grant_type=authorization_code"
	bad := e.tokenCall(t, "token", strings.Replace(body, e.secret, e.secret+"x", 1))
	if bad.Status != 401 || bad.Body["error"] != "invalid_client" || bad.Body["error_description"] == nil || bad.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("bad secret: %d %s", bad.Status, bad.Raw)
	}
	if r := e.tokenCall(t, "token", strings.Replace(body, "%3Fx%3D1", "%3Fx%3D2", 1)); r.Status != 400 || r.Body["error"] != "invalid_grant" {
		t.Fatalf("other redirect_uri at exchange: %d %s", r.Status, r.Raw)
	}
	checkTokenReply(t, e.tokenCall(t, "token", body))
	if r := e.tokenCall(t, "token", body); r.Status != 400 || r.Body["error"] != "invalid_grant" {
		t.Fatalf("code reuse: %d %s", r.Status, r.Raw)
	}
	if r := e.tokenCall(t, "token", "grant_type=password&client_id="+e.clientID+"&client_secret="+e.secret); r.Status != 400 || r.Body["error"] != "unsupported_grant_type" {
		t.Fatalf("password grant: %d %s", r.Status, r.Raw)
	}
	if r := e.post(t, "/external/v1/oauth2/token", "", `{"grant_type":"refresh_token"}`); r.Status != 400 || r.Body["error"] != "invalid_request" {
		t.Fatalf("JSON body: %d %s", r.Status, r.Raw)
	}
	if r := e.bearer(t, "/external/v1/meetings", "fat_forged"); r.Status != 401 {
		t.Fatalf("forged token: %d %s", r.Status, r.Raw)
	}
}

// A consent form served by one server is accepted by another server of the
// same database and secret key (servers behind a load balancer, or a
// restart), and refused by a server with another secret key.
func TestOAuthFormsAcrossServers(t *testing.T) {
	e := startOAuth(t, func(c *config.Config) { c.SecretKey = strings.Repeat("ab", 32) })
	b := newBrowser(t)
	signin := b.get(e.authorizeURL)
	if signin.status != 200 || signin.fields.Get("csrf_token") == "" {
		t.Fatalf("authorize page: %d %s", signin.status, signin.body)
	}
	cfg := e.cfg
	if onPostgres(cfg) {
		cfg.DataDir = t.TempDir() // a second server beside the first
	} else {
		e.close(t) // SQLite has one server per data directory: the next one
	}
	s2 := start(t, cfg)
	c := b.submit(s2.URL, signin.with("action", "signin", "workspace", "acme", "email", "alice@acme.com", "password", oauthPassword))
	if c.status != 200 || c.fields.Get("ticket") == "" {
		t.Fatalf("sign-in form of one server posted to another: %d %s", c.status, c.body)
	}
	back := b.submit(s2.URL, c.with("action", "approve"))
	if back.status != http.StatusFound || !strings.HasPrefix(back.location, oauthRedirect+"&") {
		t.Fatalf("approve: %d to %q", back.status, back.location)
	}

	other := cfg
	other.SecretKey = strings.Repeat("cd", 32)
	if onPostgres(cfg) {
		other.DataDir = t.TempDir()
	} else {
		s2.close(t)
	}
	s3 := start(t, other)
	if p := b.submit(s3.URL, signin.with("action", "signin", "workspace", "acme", "email", "alice@acme.com", "password", oauthPassword)); p.status == 200 {
		t.Fatalf("a server with another secret key accepted the form: %d %s", p.status, p.body)
	}
}
