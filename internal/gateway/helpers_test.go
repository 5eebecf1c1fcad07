package gateway_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/gateway"
	"github.com/fathom-oss/fathom/internal/gatewayapi"
	"github.com/fathom-oss/fathom/internal/secret"
	"github.com/fathom-oss/fathom/internal/server"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/sqlite"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
	"github.com/fathom-oss/fathom/internal/tenant"
)

// clock is a settable time for the gateway.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

// harness is the gateway's HTTP API on a test server, over a real SQLite
// database, in front of a fake upstream.
type harness struct {
	up      *upstream
	db      *sqlite.DB
	writes  *faultyStore // h.db as the gateway sees it
	gw      *gateway.Service
	srv     *httptest.Server
	tenants *tenant.Service
	clock   *clock
	key     string // an API key of user A of tenant "acme"
}

type option func(*gateway.Config)

func newHarness(t testing.TB, opts ...option) *harness {
	clk := &clock{t: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)}
	up := newUpstream(t, clk.Now)
	dir := t.TempDir()
	h := &harness{up: up, db: sqlitetest.Open(t, dir), clock: clk}
	h.tenants = tenant.NewService(h.db, nil)
	h.key = h.newKey(t, "acme", "a@acme.test")
	box, err := secret.NewBox(bytes.Repeat([]byte{42}, secret.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	h.srv = httptest.NewUnstartedServer(nil)
	cfg := gateway.Config{PublicURL: "http://" + h.srv.Listener.Addr().String(), UpstreamURL: up.URL,
		AuthorizeURL: up.URL + "/external/v1/oauth2/authorize", TokenURL: up.URL + "/external/v1/oauth2/token",
		ClientID: clientID, ClientSecret: clientSecret, RateLimit: 1000, Now: h.clock.Now}
	for _, o := range opts {
		o(&cfg)
	}
	h.writes = &faultyStore{Store: h.db}
	if h.gw, err = gateway.New(h.writes, box, cfg); err != nil {
		t.Fatal(err)
	}
	mux := server.NewMux()
	gatewayapi.New(h.gw, h.tenants).Register(mux)
	h.srv.Config.Handler = mux
	h.srv.Start()
	t.Cleanup(h.srv.Close)
	return h
}

// errWriteRefused is what faultyStore's Write returns while it fails.
var errWriteRefused = errors.New("test store: write refused")

// faultyStore is a store whose writes can be made to fail, without
// running them, while its reads go on: a database that cannot save.
type faultyStore struct {
	store.Store
	failing atomic.Bool
}

func (f *faultyStore) Write(ctx context.Context, fn func(store.Tx) error) error {
	if f.failing.Load() {
		return errWriteRefused
	}
	return f.Store.Write(ctx, fn)
}

func (h *harness) newKey(t testing.TB, tenantName, email string) string {
	t.Helper()
	k, err := h.tenants.CreateKey(context.Background(), tenant.CreateKeyParams{Tenant: tenantName, UserEmail: email})
	if err != nil {
		t.Fatal(err)
	}
	return k.Secret
}

// reply is a decoded response.
type reply struct {
	Status int
	Header http.Header
	Body   map[string]any
	Raw    string
}

func (r reply) connection() map[string]any { c, _ := r.Body["connection"].(map[string]any); return c }
func (r reply) errorMessage() string       { m, _ := r.Body["error"].(string); return m }

// do sends a request to the gateway; headers are name, value pairs.
func (h *harness) do(t testing.TB, method, path, key, body string, headers ...string) reply {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, h.srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] != "" {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	return send(t, http.DefaultClient, req)
}

func send(t testing.TB, client *http.Client, req *http.Request) reply {
	t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the answer: %v", req.Method, req.URL, err)
	}
	r := reply{Status: resp.StatusCode, Header: resp.Header, Raw: string(raw)}
	// JSON answers must decode; the consent pages are HTML.
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt == "application/json" {
		if err := json.Unmarshal(raw, &r.Body); err != nil {
			t.Fatalf("%s %s: %d answer is not a JSON object: %v\n%s", req.Method, req.URL, resp.StatusCode, err, raw)
		}
	}
	return r
}

// newRequest is http.NewRequest without a body, failing tb on an error
// (an unparsable link the gateway made, say).
func newRequest(tb testing.TB, method, url string) *http.Request {
	tb.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return req
}

// create makes a PENDING connection and returns its id and url.
func (h *harness) create(t testing.TB, key string) (string, string) {
	t.Helper()
	r := h.do(t, http.MethodPost, "/connections", key, `{"app":"fathom","method":"OAUTH2"}`, "Content-Type", "application/json")
	if r.Status != http.StatusOK || r.connection()["status"] != "PENDING" {
		t.Fatalf("create connection = %d %s", r.Status, r.Raw)
	}
	return r.connection()["connection_id"].(string), r.connection()["url"].(string)
}

// connect creates a connection and walks its url through the upstream's
// consent like a browser; it returns the id and the final page.
func (h *harness) connect(t testing.TB, key string) (string, reply) {
	t.Helper()
	id, link := h.create(t, key)
	return id, send(t, http.DefaultClient, newRequest(t, http.MethodGet, link)) // follows /connect → authorize → /connect/callback
}

// connected is connect that requires success.
func (h *harness) connected(t testing.TB, key string) string {
	t.Helper()
	id, page := h.connect(t, key)
	if page.Status != http.StatusOK || !strings.Contains(page.Raw, "Connected") {
		t.Fatalf("connect page = %d %s", page.Status, page.Raw)
	}
	return id
}

func (h *harness) status(t testing.TB, key, id string) string {
	t.Helper()
	r := h.do(t, http.MethodGet, "/connections/"+id, key, "")
	s, _ := r.connection()["status"].(string)
	return s
}

// dbPath is the test database's file.
func (h *harness) dbPath(t testing.TB) string {
	t.Helper()
	var name string
	if err := h.db.Writer().QueryRow(`SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	return name
}
