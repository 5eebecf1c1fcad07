package gateway_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestConnectFlowMakesConnectionActive(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	id, link := h.create(t, h.key)
	if !strings.HasPrefix(link, h.srv.URL+"/connect?session_token=") {
		t.Fatalf("url = %s", link)
	}
	r := h.do(t, http.MethodGet, "/connections/"+id, h.key, "")
	c := r.connection()
	timeRE := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)
	if c["status"] != "PENDING" || c["app"] != "fathom" || c["method"] != "OAUTH2" || c["url"] != link ||
		!timeRE.MatchString(c["creation_time"].(string)) || !timeRE.MatchString(c["last_updated_time"].(string)) ||
		!strings.Contains(r.Raw, `"metadata":{}`) {
		t.Fatalf("pending connection = %s", r.Raw)
	}

	// A browser: /connect redirects to the upstream's consent, which
	// redirects back to the callback.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	first := send(t, noFollow, newRequest(t, http.MethodGet, link))
	to, err := url.Parse(first.Header.Get("Location"))
	if err != nil {
		t.Fatalf("connect redirect Location: %v", err)
	}
	q := to.Query()
	if first.Status != http.StatusFound || !strings.HasPrefix(to.String(), h.up.URL+"/external/v1/oauth2/authorize?client_id=cid&redirect_uri=") ||
		q.Get("redirect_uri") != h.srv.URL+"/connect/callback" || q.Get("scope") != "public_api" || q.Get("state") == "" ||
		q.Get("response_type") != "code" || q.Get("code_challenge") == "" {
		t.Fatalf("connect redirect = %d %s", first.Status, to)
	}
	page := send(t, http.DefaultClient, newRequest(t, http.MethodGet, link))
	if page.Status != http.StatusOK || !strings.Contains(page.Raw, "Connected") || !strings.Contains(page.Raw, id) {
		t.Fatalf("callback page = %d %s", page.Status, page.Raw)
	}
	if s := h.status(t, h.key, id); s != "ACTIVE" {
		t.Fatalf("status after consent = %s", s)
	}
	h.up.mu.Lock()
	form := h.up.forms[len(h.up.forms)-1]
	h.up.mu.Unlock()
	want := "client_id=cid&client_secret=csecret&code=code-1&redirect_uri=" + url.QueryEscape(h.srv.URL+"/connect/callback") +
		"&grant_type=authorization_code&code_verifier="
	if !strings.HasPrefix(form, want) {
		t.Fatalf("token request body = %s, want prefix %s", form, want)
	}
	// The link, and the state, are single-use.
	if again := send(t, http.DefaultClient, newRequest(t, http.MethodGet, link)); again.Status != http.StatusConflict || !strings.Contains(again.Raw, "already ACTIVE") {
		t.Fatalf("second use of link = %d %s", again.Status, again.Raw)
	}
	cb := h.do(t, http.MethodGet, "/connect/callback?code=x&"+url.Values{"state": {q.Get("state")}}.Encode(), "", "")
	if cb.Status != http.StatusNotFound {
		t.Fatalf("replayed callback = %d %s", cb.Status, cb.Raw)
	}

	r = h.do(t, http.MethodGet, "/fathom/external/v1/meetings?limit=1", h.key, "")
	if r.Status != http.StatusOK || r.Body["token"] != "Bearer at-1" {
		t.Fatalf("proxied call = %d %s", r.Status, r.Raw)
	}

	// At rest the tokens are ciphertext bound to their row.
	row, err := h.db.ConnectionGet(context.Background(), 1, 1, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(row.Sealed.AccessToken) == 0 || bytes.Contains(row.Sealed.AccessToken, []byte("at-1")) ||
		bytes.Contains(row.Sealed.RefreshToken, []byte("rt-1")) || row.AccessToken != "" {
		t.Fatalf("stored row holds plaintext: %+v", row)
	}
	dir := filepath.Dir(h.dbPath(t))
	if err := h.db.Close(); err != nil { // flush the WAL into the file before reading it
		t.Fatal(err)
	}
	for _, f := range []string{"test.db", "test.db-wal"} {
		raw, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil && (f == "test.db" || !errors.Is(err, fs.ErrNotExist)) { // the WAL is gone once checkpointed
			t.Fatal(err)
		}
		if f == "test.db" && len(raw) == 0 {
			t.Fatal("database file is empty")
		}
		for _, secret := range []string{"at-1", "rt-1", clientSecret} {
			if bytes.Contains(raw, []byte(secret)) {
				t.Errorf("%s contains %q in plaintext", f, secret)
			}
		}
	}
}

func TestConnectDeniedMakesConnectionFailed(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.up.deny.Store(true)
	id, page := h.connect(t, h.key)
	if page.Status != http.StatusBadRequest || !strings.Contains(page.Raw, "access_denied") {
		t.Fatalf("denied page = %d %s", page.Status, page.Raw)
	}
	r := h.do(t, http.MethodGet, "/connections/"+id, h.key, "")
	if r.connection()["status"] != "FAILED" || !strings.Contains(r.Raw, `"error":"access_denied"`) {
		t.Fatalf("denied connection = %s", r.Raw)
	}
	r = h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, "")
	if r.Status != http.StatusBadRequest || !strings.Contains(r.errorMessage(), "no ACTIVE fathom connection") {
		t.Fatalf("call without an ACTIVE connection = %d %s", r.Status, r.Raw)
	}
	r = h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, "", "Maton-Connection", id)
	if r.Status != http.StatusBadRequest || !strings.Contains(r.errorMessage(), "FAILED (access_denied)") {
		t.Fatalf("call through a FAILED connection = %d %s", r.Status, r.Raw)
	}
}

func TestCodeExchangeRefusedMakesConnectionFailed(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.up.mu.Lock()
	h.up.badClient = true
	h.up.mu.Unlock()
	id, page := h.connect(t, h.key)
	if page.Status != http.StatusBadRequest || !strings.Contains(page.Raw, "invalid_client") {
		t.Fatalf("page = %d %s", page.Status, page.Raw)
	}
	if s := h.status(t, h.key, id); s != "FAILED" {
		t.Fatalf("status = %s", s)
	}
}

func TestConnectionsAPI(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	other := h.newKey(t, "acme", "b@acme.test")
	stranger := h.newKey(t, "globex", "c@globex.test")
	active := h.connected(t, h.key)
	pending, _ := h.create(t, h.key)
	theirs, _ := h.create(t, other)

	ids := func(r reply) string {
		list, ok := r.Body["connections"].([]any)
		if !ok {
			return "(no connections list)"
		}
		out := ""
		for _, c := range list {
			m, _ := c.(map[string]any)
			id, _ := m["connection_id"].(string)
			out += id + " "
		}
		return out
	}
	for _, tc := range []struct {
		query, want string
	}{
		{"", active + " " + pending + " "},
		{"?app=fathom&status=ACTIVE", active + " "},
		{"?status=PENDING", pending + " "},
		{"?app=slack", ""},
	} {
		if r := h.do(t, http.MethodGet, "/connections"+tc.query, h.key, ""); r.Status != http.StatusOK || ids(r) != tc.want {
			t.Errorf("list%s = %d %s, want %s", tc.query, r.Status, r.Raw, tc.want)
		}
	}
	if r := h.do(t, http.MethodGet, "/connections", stranger, ""); r.Raw != "{\"connections\":[]}\n" {
		t.Errorf("another tenant's list = %s", r.Raw)
	}
	for _, tc := range []struct {
		name, method, path, key, body string
		status                        int
	}{
		{"bad status filter", "GET", "/connections?status=DONE", h.key, "", 400},
		{"another app", "POST", "/connections", h.key, `{"app":"slack"}`, 400},
		{"another method", "POST", "/connections", h.key, `{"app":"fathom","method":"API_KEY"}`, 400},
		{"not JSON", "POST", "/connections", h.key, `app=fathom`, 400},
		{"another user's", "GET", "/connections/" + theirs, h.key, "", 404},
		{"another tenant's", "GET", "/connections/" + active, stranger, "", 404},
		{"delete another user's", "DELETE", "/connections/" + theirs, h.key, "", 404},
		{"no key", "GET", "/connections", "", "", 401},
		{"bad key", "GET", "/connections", "fth_nope", "", 401},
		{"proxy bad key", "GET", "/fathom/external/v1/meetings", "fth_nope", "", 401},
	} {
		r := h.do(t, tc.method, tc.path, tc.key, tc.body)
		if r.Status != tc.status || r.errorMessage() == "" {
			t.Errorf("%s: %d %s, want %d with an error", tc.name, r.Status, r.Raw, tc.status)
		}
	}
	if r := h.do(t, http.MethodPost, "/connections", h.key, `{"app":"fathom"}`); r.connection()["method"] != "OAUTH2" {
		t.Errorf("create without method = %s", r.Raw)
	}
	r := h.do(t, http.MethodDelete, "/connections/"+active, h.key, "")
	if r.Status != http.StatusOK || r.Body["connection_id"] != active {
		t.Fatalf("delete = %d %s", r.Status, r.Raw)
	}
	if r := h.do(t, http.MethodGet, "/connections/"+active, h.key, ""); r.Status != http.StatusNotFound {
		t.Fatalf("deleted connection = %d", r.Status)
	}
	if r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, ""); r.Status != http.StatusBadRequest {
		t.Fatalf("call after deleting the only ACTIVE connection = %d %s", r.Status, r.Raw)
	}
}

// A connection that fails during the consent but cannot be saved FAILED
// must not be answered as if it had: the store's error comes back, naming
// the connection, and the row stays as it was.
func TestConnectFailureNotSavedIsReturned(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	t.Run("expired link", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t)
		id, link := h.create(t, h.key)
		u, err := url.Parse(link)
		if err != nil {
			t.Fatal(err)
		}
		h.clock.Advance(25 * time.Hour)
		h.writes.failing.Store(true)
		_, err = h.gw.BeginConnect(ctx, u.Query().Get("session_token"))
		if !errors.Is(err, errWriteRefused) || !strings.Contains(err.Error(), id) {
			t.Fatalf("BeginConnect on an expired link with writes failing = %v, want the store's error naming %s", err, id)
		}
		h.writes.failing.Store(false)
		if s := h.status(t, h.key, id); s != "PENDING" {
			t.Fatalf("status = %s, want PENDING (not saved)", s)
		}
		// Once the store writes again, the same link is refused as expired.
		page := send(t, noFollow, newRequest(t, http.MethodGet, link))
		if page.Status != http.StatusConflict || !strings.Contains(page.Raw, "expired") {
			t.Fatalf("expired link = %d %s", page.Status, page.Raw)
		}
		if s := h.status(t, h.key, id); s != "FAILED" {
			t.Fatalf("status = %s, want FAILED", s)
		}
	})

	t.Run("callback without a code", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t)
		id, link := h.create(t, h.key)
		first := send(t, noFollow, newRequest(t, http.MethodGet, link))
		to, err := url.Parse(first.Header.Get("Location"))
		if err != nil || to.Query().Get("state") == "" {
			t.Fatalf("connect redirect = %d %q (%v)", first.Status, first.Header.Get("Location"), err)
		}
		callback := url.Values{"state": {to.Query().Get("state")}}
		h.writes.failing.Store(true)
		c, err := h.gw.FinishConnect(ctx, callback)
		if c == nil || c.ID != id {
			t.Fatalf("FinishConnect without a code, writes failing, returned connection %v, want %s", c != nil, id)
		}
		if !errors.Is(err, errWriteRefused) || !strings.Contains(err.Error(), id) {
			t.Fatalf("FinishConnect without a code, writes failing = %v, want the store's error naming %s", err, id)
		}
		h.writes.failing.Store(false)
		if s := h.status(t, h.key, id); s != "PENDING" {
			t.Fatalf("status = %s, want PENDING (not saved)", s)
		}
		page := h.do(t, http.MethodGet, "/connect/callback?"+callback.Encode(), "", "")
		if page.Status != http.StatusBadRequest || !strings.Contains(page.Raw, "no authorization code") {
			t.Fatalf("callback without a code = %d %s", page.Status, page.Raw)
		}
		if s := h.status(t, h.key, id); s != "FAILED" {
			t.Fatalf("status = %s, want FAILED", s)
		}
	})
}
