package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/server"
)

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

var generatedID = regexp.MustCompile(`^req_[0-9a-f]{24}$`)

// startServer serves s's handler on a free port with routes added by
// register, and shuts it down (checking Serve returned nil) at cleanup.
func startServer(t *testing.T, ready func(context.Context) error, register func(mux *server.Mux)) (string, *syncBuffer) {
	t.Helper()
	return startServerOn(t, "", ready, register)
}

// startServerOn is startServer with the database engine /readyz names.
func startServerOn(t *testing.T, database string, ready func(context.Context) error, register func(mux *server.Mux)) (string, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	s := server.New(server.Config{ReadTimeout: 5 * time.Second, WriteTimeout: 5 * time.Second, IdleTimeout: 5 * time.Second,
		Database: database}, slog.New(slog.NewTextHandler(logs, nil)), ready)
	if register != nil {
		register(s.Mux())
	}
	if err := s.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve() }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		if err := <-done; err != nil {
			t.Errorf("Serve returned %v after Shutdown, want nil", err)
		}
	})
	return "http://" + s.Addr().String(), logs
}

func get(t *testing.T, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func TestRequestID(t *testing.T) {
	t.Parallel()
	url, _ := startServer(t, nil, func(mux *server.Mux) {
		mux.HandleFunc("GET /id", func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, server.Info(r.Context()).ID)
		})
	})
	max := strings.Repeat("a", 128)
	tests := []struct {
		name, given string
		echoed      bool
	}{
		{"safe token", "abc-DEF_123.x:y", true},
		{"128 characters", max, true},
		{"129 characters", max + "a", false},
		{"space", "abc def", false},
		{"empty", "", false},
		{"slash", "a/b", false},
		{"quote", `a"b`, false},
		{"non-ASCII", "réq", false},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		resp, body := get(t, url+"/id", map[string]string{"X-Request-Id": tt.given})
		got := resp.Header.Get("X-Request-Id")
		if body != got {
			t.Errorf("%s: handler saw id %q, header says %q", tt.name, body, got)
		}
		if tt.echoed {
			if got != tt.given {
				t.Errorf("%s: id = %q, want %q echoed", tt.name, got, tt.given)
			}
			continue
		}
		if !generatedID.MatchString(got) {
			t.Errorf("%s: id = %q, want a new req_ id", tt.name, got)
		}
		if seen[got] {
			t.Errorf("%s: generated id %q repeated", tt.name, got)
		}
		seen[got] = true
	}
}

func TestPanicRecovery(t *testing.T) {
	t.Parallel()
	url, logs := startServer(t, nil, func(mux *server.Mux) {
		mux.HandleFunc("GET /panic", func(w http.ResponseWriter, r *http.Request) { panic("boom") })
		mux.HandleFunc("GET /panic-after-write", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusAccepted)
			_, _ = io.WriteString(w, "partial")
			panic("late boom")
		})
	})
	for _, given := range []string{"", "client-id-1"} {
		resp, body := get(t, url+"/panic", map[string]string{"X-Request-Id": given})
		if resp.StatusCode != http.StatusInternalServerError {
			t.Fatalf("status = %d, want 500", resp.StatusCode)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
		id := resp.Header.Get("X-Request-Id")
		if given != "" && id != given {
			t.Errorf("X-Request-Id = %q, want %q", id, given)
		}
		var got struct {
			Success   *bool  `json:"success"`
			Message   string `json:"message"`
			RequestID string `json:"requestId"`
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("body %q is not JSON: %v", body, err)
		}
		if got.Success == nil || *got.Success || got.Message != "internal error" || got.RequestID != id {
			t.Errorf("body = %s, want success false, internal error, requestId %q", body, id)
		}
		if strings.Contains(body, "boom") {
			t.Errorf("body leaks the panic value: %s", body)
		}
		if l := logs.String(); !strings.Contains(l, "msg=panic request_id="+id) || !strings.Contains(l, "panic=boom") {
			t.Errorf("panic not logged with its request id:\n%s", l)
		}
	}
	// A panic after the response started keeps what was written.
	resp, body := get(t, url+"/panic-after-write", nil)
	if resp.StatusCode != http.StatusAccepted || body != "partial" {
		t.Errorf("panic after write: %d %q, want 202 %q", resp.StatusCode, body, "partial")
	}
	// And the server keeps serving.
	for range 3 {
		if resp, body := get(t, url+"/healthz", nil); resp.StatusCode != http.StatusOK || body != `{"status":"ok"}`+"\n" {
			t.Fatalf("healthz after panic: %d %q", resp.StatusCode, body)
		}
	}
}

func TestReadyz(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		database string
		ready    func(context.Context) error
		status   int
		body     string
	}{
		{"no check", "", nil, http.StatusOK, `{"status":"ready"}`},
		{"check passes", "", func(context.Context) error { return nil }, http.StatusOK, `{"status":"ready"}`},
		{"check fails", "", func(context.Context) error { return errors.New("database is locked") }, http.StatusServiceUnavailable,
			`{"status":"database unavailable"}`},
		{"names the engine", "postgres", func(context.Context) error { return nil }, http.StatusOK,
			`{"status":"ready","database":"postgres"}`},
		{"names the engine that fails", "sqlite", func(context.Context) error { return errors.New("database is locked") },
			http.StatusServiceUnavailable, `{"status":"database unavailable","database":"sqlite"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			url, logs := startServerOn(t, tt.database, tt.ready, nil)
			resp, body := get(t, url+"/readyz", nil)
			if resp.StatusCode != tt.status || body != tt.body+"\n" {
				t.Errorf("readyz = %d %q, want %d %q", resp.StatusCode, body, tt.status, tt.body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
			if tt.status != http.StatusOK && strings.Contains(body, "locked") {
				t.Errorf("readyz leaks the error: %q", body)
			}
			if tt.status != http.StatusOK && !strings.Contains(logs.String(), "database is locked") {
				t.Errorf("readiness failure not logged:\n%s", logs.String())
			}
		})
	}
}

func TestStatusFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code string
		want int
	}{
		{fathom.EINVALID, http.StatusBadRequest},
		{fathom.EUNAUTHORIZED, http.StatusUnauthorized},
		{fathom.ENOTFOUND, http.StatusNotFound},
		{fathom.ECONFLICT, http.StatusConflict},
		{fathom.ERATELIMIT, http.StatusTooManyRequests},
		{fathom.EUNAVAILABLE, http.StatusServiceUnavailable},
		{fathom.EINTERNAL, http.StatusInternalServerError},
		{"", http.StatusInternalServerError},
		{"no_such_code", http.StatusInternalServerError},
	}
	for _, tt := range tests {
		if got := server.StatusFor(tt.code); got != tt.want {
			t.Errorf("StatusFor(%q) = %d, want %d", tt.code, got, tt.want)
		}
	}
}

func TestInfoOutsideMiddleware(t *testing.T) {
	t.Parallel()
	if ri := server.Info(context.Background()); ri == nil || ri.ID != "" {
		t.Errorf("Info(empty ctx) = %+v, want a non-nil empty info", ri)
	}
	want := &server.RequestInfo{ID: "req_x", TenantID: 7}
	if got := server.Info(server.WithInfo(context.Background(), want)); got != want {
		t.Errorf("Info(WithInfo(ri)) = %p, want %p", got, want)
	}
}

// TestProbesAreNoActivity: health probes do not count as client requests
// in Activity, which background analysis reads to decide whether to rest.
func TestProbesAreNoActivity(t *testing.T) {
	s := server.New(server.Config{ReadTimeout: 5 * time.Second, WriteTimeout: 5 * time.Second, IdleTimeout: 5 * time.Second},
		slog.New(slog.NewTextHandler(&syncBuffer{}, nil)), func(context.Context) error { return nil })
	s.Mux().HandleFunc("GET /work", func(w http.ResponseWriter, r *http.Request) {})
	url := serve(t, s)
	for _, p := range []string{"/healthz", "/readyz", "/healthz"} {
		get(t, url+p, nil)
	}
	if _, started := s.Activity(); started != 0 {
		t.Fatalf("after three probes Activity started = %d, want 0", started)
	}
	get(t, url+"/work", nil)
	if _, started := s.Activity(); started != 1 {
		t.Fatalf("after one request Activity started = %d, want 1", started)
	}
}

// TestClientDisconnectIsNotAServerError: a handler that fails because its
// client went away is logged as a disconnect (499, info), not a 500 error.
func TestClientDisconnectIsNotAServerError(t *testing.T) {
	entered, finished := make(chan struct{}), make(chan struct{})
	url, logs := startServer(t, nil, func(mux *server.Mux) {
		mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
			defer close(finished)
			close(entered)
			<-r.Context().Done()
			server.Info(r.Context()).Err = r.Context().Err()
			w.WriteHeader(http.StatusInternalServerError)
		})
	})
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/slow", nil)
	go func() { <-entered; cancel() }()
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Fatal("the request was not cancelled")
	}
	<-finished
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(logs.String(), "path=/slow") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	line := logs.String()
	if !strings.Contains(line, "status=499") || !strings.Contains(line, "client_disconnected=true") ||
		strings.Contains(line, "level=ERROR") || strings.Contains(line, "status=500") {
		t.Fatalf("log: %s", line)
	}
}
