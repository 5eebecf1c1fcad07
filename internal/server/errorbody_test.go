package server_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/server"
)

// TestErrorWriterPerAPI: the server's own errors (a panic, a refused
// address) take the format of the API under the longest matching prefix,
// and the Context API's envelope elsewhere.
func TestErrorWriterPerAPI(t *testing.T) {
	t.Parallel()
	s := server.New(server.Config{ReadTimeout: 5 * time.Second, WriteTimeout: 5 * time.Second, IdleTimeout: 5 * time.Second,
		AddressRateLimit: 0.001, AddressRateBurst: 3}, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	writer := func(tag string) server.ErrorWriter {
		return func(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_ = json.NewEncoder(w).Encode(map[string]string{"api": tag, "code": code, "error": msg})
		}
	}
	s.SetErrorWriter("/a/", writer("a"))
	s.SetErrorWriter("/a/b/", writer("ab"))
	for _, p := range []string{"/a/", "/other"} {
		s.Mux().HandleFunc(p, func(http.ResponseWriter, *http.Request) { panic("boom") })
	}
	base := serve(t, s)
	for _, c := range []struct {
		path, api, code string
		status          int
	}{
		{"/a/x", "a", "internal", 500},
		{"/a/b/x", "ab", "internal", 500},
		{"/other", "", "", 500},
		{"/a/b/x", "ab", "rate_limited", 429}, // the address's burst of 3 is spent
		{"/other", "", "", 429},
	} {
		resp, err := http.Get(base + c.path)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Fatalf("%s = %d %v, want %d", c.path, resp.StatusCode, body, c.status)
		}
		if c.api == "" {
			if body["success"] != false || body["requestId"] == nil || body["api"] != nil {
				t.Errorf("%s = %v, want the envelope", c.path, body)
			}
			continue
		}
		if body["api"] != c.api || body["code"] != c.code || body["error"] == "" {
			t.Errorf("%s = %v, want api %s code %s", c.path, body, c.api, c.code)
		}
	}
}
