package app_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/tenant"
)

// testServer is a real server on a free port with its own data directory.
type testServer struct {
	*app.App
	URL string
	Key string
	cfg config.Config
}

// testConfig is a server on a free port with its own data directory and,
// with FATHOM_TEST_ENGINE=postgres, its own throwaway PostgreSQL database
// (dropped when the test ends): every end-to-end test runs on either
// engine.
func testConfig(t testing.TB) config.Config {
	t.Helper()
	cfg := config.Default()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = t.TempDir()
	cfg.SQLiteSynchronous = "normal"
	cfg.BootstrapKey = false
	cfg.LogLevel = "warn"
	if pgtest.Requested(t) {
		cfg.DatabaseURL = pgtest.NewMigratedDatabase(t)
	}
	return cfg
}

// onPostgres reports whether cfg's server runs on PostgreSQL.
func onPostgres(cfg config.Config) bool { return cfg.Engine() == config.EnginePostgres }

// rawDB opens the server's database directly, on either engine, for tests
// that look under the API; placeholder is "?" on SQLite and "$1" on
// PostgreSQL.
func rawDB(t testing.TB, cfg config.Config) (db *sql.DB, placeholder string) {
	t.Helper()
	var err error
	if onPostgres(cfg) {
		db, placeholder = stdlib.OpenDB(mustParsePgx(t, cfg.DatabaseURL)), "$1"
	} else {
		db, err = sql.Open("sqlite", "file:"+cfg.SQLiteFile()+"?_pragma=busy_timeout(5000)")
		placeholder = "?"
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, placeholder
}

func mustParsePgx(t testing.TB, url string) pgx.ConnConfig {
	t.Helper()
	c, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	return *c
}

func start(t testing.TB, cfg config.Config) *testServer {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		logger = slog.New(slog.NewTextHandler(&testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	return startLogged(t, cfg, logger)
}

// startLogged opens the app on cfg with logger and closes it when the
// test ends.
func startLogged(t testing.TB, cfg config.Config, logger *slog.Logger) *testServer {
	t.Helper()
	a := app.New(cfg, logger, io.Discard)
	if err := a.Open(context.Background()); err != nil {
		t.Fatalf("open app: %v", err)
	}
	s := &testServer{App: a, URL: "http://" + a.Addr(), cfg: cfg}
	t.Cleanup(func() { s.close(t) })
	return s
}

func (s *testServer) close(t testing.TB) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Close(ctx); err != nil {
		t.Errorf("close app: %v", err)
	}
}

// newKey creates a key for a user of the named tenant.
func (s *testServer) newKey(t testing.TB, tenantName string) string {
	t.Helper()
	k, err := s.Tenants.CreateKey(context.Background(), tenant.CreateKeyParams{Tenant: tenantName, UserEmail: "ops@" + tenantName + ".test"})
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

func (r reply) data() map[string]any {
	d, _ := r.Body["data"].(map[string]any)
	return d
}

func (r reply) message() string { m, _ := r.Body["message"].(string); return m }

func (s *testServer) post(t testing.TB, path, key, body string, headers ...string) reply {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("X-API-Key", key)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return do(t, req)
}

func do(t testing.TB, req *http.Request) reply {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := reply{Status: resp.StatusCode, Header: resp.Header, Raw: string(raw)}
	_ = json.Unmarshal(raw, &r.Body)
	return r
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// eventually polls cond through the public API until it holds or the
// deadline passes; background analysis has no other signal to wait on.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type testWriter struct{ t testing.TB }

func (w *testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}
