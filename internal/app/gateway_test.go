package app_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/fathom-oss/fathom/internal/config"
)

// lockedBuffer collects the server's log from many goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// fakeFathom is an OAuth upstream with one user: it grants every consent
// and answers /external/v1/meetings to the access token it issued.
func fakeFathom(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /external/v1/oauth2/authorize", func(w http.ResponseWriter, r *http.Request) {
		to, _ := url.Parse(r.URL.Query().Get("redirect_uri"))
		to.RawQuery = url.Values{"code": {"the-code"}, "state": {r.URL.Query().Get("state")}}.Encode()
		http.Redirect(w, r, to.String(), http.StatusFound)
	})
	mux.HandleFunc("POST /external/v1/oauth2/token", func(w http.ResponseWriter, r *http.Request) {
		if r.FormValue("client_id") != "e2e-client" || r.FormValue("client_secret") != "e2e-client-secret" ||
			r.FormValue("code") != "the-code" {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":"invalid_grant"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"upstream-access-token-e2e","token_type":"Bearer","expires_in":3600,` +
			`"refresh_token":"upstream-refresh-token-e2e","scope":"public_api"}`))
	})
	mux.HandleFunc("GET /external/v1/meetings", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("Authorization") != "Bearer upstream-access-token-e2e" {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error":"bad token"}`))
			return
		}
		_, _ = w.Write([]byte(`{"items":[{"title":"Quarterly review"}],"limit":1,"next_cursor":null}`))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// gatewayConfig is a test configuration whose gateway signs in to, and
// calls, a fake Fathom upstream.
func gatewayConfig(t *testing.T) config.Config {
	t.Helper()
	up := fakeFathom(t)
	cfg := testConfig(t)
	cfg.GatewayUpstreamURL = up.URL
	cfg.GatewayAuthorizeURL = up.URL + "/external/v1/oauth2/authorize"
	cfg.GatewayTokenURL = up.URL + "/external/v1/oauth2/token"
	cfg.GatewayClientID, cfg.GatewayClientSecret = "e2e-client", "e2e-client-secret"
	return cfg
}

func TestGatewayEndToEnd(t *testing.T) {
	cfg := gatewayConfig(t)
	logs := &lockedBuffer{}
	s := startLogged(t, cfg, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	key := s.newKey(t, "acme")

	call := func(method, path, body string, headers ...string) reply {
		t.Helper()
		req, _ := http.NewRequest(method, s.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		return do(t, req)
	}
	created := call(http.MethodPost, "/connections", `{"app":"fathom","method":"OAUTH2"}`, "Content-Type", "application/json")
	conn, _ := created.Body["connection"].(map[string]any)
	if created.Status != http.StatusOK || conn["status"] != "PENDING" {
		t.Fatalf("create = %d %s", created.Status, created.Raw)
	}
	link := conn["url"].(string)
	if !strings.HasPrefix(link, s.URL+"/connect?session_token=") {
		t.Fatalf("url = %s, want one on this server", link)
	}
	// The user's browser: /connect → upstream authorize → /connect/callback.
	page, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	page.Body.Close()
	if page.StatusCode != http.StatusOK || page.Request.URL.Path != "/connect/callback" {
		t.Fatalf("consent ended at %s with %d", page.Request.URL, page.StatusCode)
	}
	got := call(http.MethodGet, "/connections/"+conn["connection_id"].(string), "")
	if c, _ := got.Body["connection"].(map[string]any); c["status"] != "ACTIVE" {
		t.Fatalf("connection after consent = %s", got.Raw)
	}

	r := call(http.MethodGet, "/fathom/external/v1/meetings?limit=1", "")
	var body struct {
		Items []struct{ Title string } `json:"items"`
	}
	_ = json.Unmarshal([]byte(r.Raw), &body)
	if r.Status != http.StatusOK || len(body.Items) != 1 || body.Items[0].Title != "Quarterly review" {
		t.Fatalf("call through the gateway = %d %s", r.Status, r.Raw)
	}
	if r := call(http.MethodGet, "/fathom/external/v1/meetings", "", "Authorization", "Bearer fth_wrong"); r.Status != http.StatusUnauthorized {
		t.Fatalf("bad key = %d", r.Status)
	}

	fi, err := os.Stat(filepath.Join(cfg.DataDir, "secret.key"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("secret.key: %v %v", fi, err)
	}
	s.close(t)
	log := logs.String()
	if !strings.Contains(log, "/fathom/external/v1/meetings") {
		t.Fatalf("access log missing the gateway call:\n%s", log)
	}
	for _, secret := range []string{"upstream-access-token-e2e", "upstream-refresh-token-e2e", "e2e-client-secret",
		"the-code", key, strings.SplitN(link, "session_token=", 2)[1]} {
		if strings.Contains(log, secret) {
			t.Errorf("the log contains a secret (%.12s…)", secret)
		}
	}
}
