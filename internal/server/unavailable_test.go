package server_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/server"
)

// TestReadyzNamesCauseAndLogsOncePerIncident: a storage fault turns /readyz
// not ready with its cause and a Retry-After, logged when it starts and when
// it ends, not at every probe.
func TestReadyzNamesCauseAndLogsOncePerIncident(t *testing.T) {
	t.Parallel()
	var failing atomic.Bool
	url, logs := startServerOn(t, "sqlite", func(context.Context) error {
		if failing.Load() {
			return fathom.Errorf(fathom.EUNAVAILABLE, "database writes are failing since 2026-01-01T00:00:00Z (disk full or database unavailable)")
		}
		return nil
	}, nil)
	if resp, body := get(t, url+"/readyz", nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("readyz before = %d %s", resp.StatusCode, body)
	}
	failing.Store(true)
	for range 5 {
		resp, body := get(t, url+"/readyz", nil)
		want := `{"status":"not ready","cause":"database writes are failing since 2026-01-01T00:00:00Z (disk full or database unavailable)","database":"sqlite"}` + "\n"
		if resp.StatusCode != http.StatusServiceUnavailable || body != want || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("readyz while failing = %d %q Retry-After %q, want 503 %q with Retry-After", resp.StatusCode, body,
				resp.Header.Get("Retry-After"), want)
		}
	}
	failing.Store(false)
	for range 3 {
		if resp, body := get(t, url+"/readyz", nil); resp.StatusCode != http.StatusOK {
			t.Fatalf("readyz after = %d %s", resp.StatusCode, body)
		}
	}
	if n := strings.Count(logs.String(), `msg="not ready"`); n != 1 {
		t.Fatalf("not ready logged %d times over 5 probes, want 1:\n%s", n, logs.String())
	}
	if n := strings.Count(logs.String(), `msg="ready again"`); n != 1 {
		t.Fatalf("ready again logged %d times, want 1:\n%s", n, logs.String())
	}
}

// TestReadyzReportsPausedBackground: a paused background is reported and
// does not by itself make the server not ready.
func TestReadyzReportsPausedBackground(t *testing.T) {
	t.Parallel()
	s := server.New(server.Config{Background: func() error {
		return fathom.Errorf(fathom.EUNAVAILABLE, "free disk 10.0 MiB under /data is below --min-free-disk 256.0 MiB: background work is paused")
	}}, slog.New(slog.DiscardHandler), nil)
	url := serve(t, s)
	resp, body := get(t, url+"/readyz", nil)
	want := `{"status":"ready","background":"free disk 10.0 MiB under /data is below --min-free-disk 256.0 MiB: background work is paused"}` + "\n"
	if resp.StatusCode != http.StatusOK || body != want {
		t.Fatalf("readyz = %d %q, want 200 %q", resp.StatusCode, body, want)
	}
}

// TestEvery503HasRetryAfter: whichever API answers 503 without a
// Retry-After, the client still gets one; one the handler set is kept.
func TestEvery503HasRetryAfter(t *testing.T) {
	t.Parallel()
	url, _ := startServer(t, nil, func(mux *server.Mux) {
		mux.HandleFunc("GET /bare", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(server.StatusFor(fathom.ErrorCode(errors.Join(errors.New("disk"),
				fathom.Errorf(fathom.EUNAVAILABLE, "cannot store")))))
		})
		mux.HandleFunc("GET /own", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "30")
			w.WriteHeader(http.StatusServiceUnavailable)
		})
		mux.HandleFunc("GET /fine", func(w http.ResponseWriter, r *http.Request) {})
	})
	for path, want := range map[string]string{"/bare": "5", "/own": "30", "/fine": ""} {
		resp, _ := get(t, url+path, nil)
		if got := resp.Header.Get("Retry-After"); got != want {
			t.Errorf("%s: Retry-After %q, want %q", path, got, want)
		}
	}
}

func serve(t *testing.T, s *server.Server) string {
	t.Helper()
	if err := s.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	go func() { _ = s.Serve() }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = s.Shutdown(ctx)
	})
	return "http://" + s.Addr().String()
}
