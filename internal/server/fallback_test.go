package server_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/server"
)

// A path no route takes is a JSON 404 in its API's format, and a path
// routed for other methods a 405 naming them, never Go's plain text.
func TestUnmatchedAnswersInTheAPIsFormat(t *testing.T) {
	t.Parallel()
	s := server.New(server.Config{ReadTimeout: 5 * time.Second, WriteTimeout: 5 * time.Second, IdleTimeout: 5 * time.Second},
		slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	s.SetErrorWriter("/a/", func(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]string{"code": code, "error": msg})
	})
	s.Mux().HandleFunc("GET /a/thing", func(w http.ResponseWriter, r *http.Request) {})
	s.Mux().HandleFunc("DELETE /a/thing", func(w http.ResponseWriter, r *http.Request) {})
	base := serve(t, s)
	for _, c := range []struct {
		method, path string
		status       int
		allow, field string
	}{
		{"GET", "/wp-login.php", 404, "", "message"},
		{"GET", "/a/nothing", 404, "", "code"},
		{"POST", "/a/thing", 405, "GET, HEAD, DELETE", "code"},
	} {
		req, _ := http.NewRequest(c.method, base+c.path, strings.NewReader(""))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != c.status || body[c.field] == nil {
			t.Errorf("%s %s = %d %v (%v), want %d with %q", c.method, c.path, resp.StatusCode, body, err, c.status, c.field)
		}
		if got := resp.Header.Get("Allow"); got != c.allow {
			t.Errorf("%s %s: Allow %q, want %q", c.method, c.path, got, c.allow)
		}
	}
	if routes := s.Routes(); len(routes) != 2+2 { // healthz, readyz and the two above
		t.Errorf("routes %v: the fallback is not a route", routes)
	}
}
