package server_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/server"
)

// TestRoutesListsWhatIsRegistered: the route table lists the server's own
// routes and every pattern an API registers, and still routes requests.
func TestRoutesListsWhatIsRegistered(t *testing.T) {
	s := server.New(server.Config{}, slog.New(slog.DiscardHandler), nil)
	s.Mux().HandleFunc("POST /api/x/{id}", func(w http.ResponseWriter, r *http.Request) {})
	s.Mux().Handle("/catch/", http.NotFoundHandler())
	want := []string{"/catch/", "GET /healthz", "GET /readyz", "POST /api/x/{id}"}
	if got := s.Routes(); !slices.Equal(got, want) {
		t.Fatalf("routes %q, want %q", got, want)
	}
	if _, pattern := s.Mux().Handler(&http.Request{Method: "POST", URL: mustURL(t, "/api/x/7"), Host: "h"}); pattern != "POST /api/x/{id}" {
		t.Fatalf("routed to %q", pattern)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestWrongMethodOnHealthIsJSON: another method than GET on the probes is
// a 405 naming the allowed methods in the server's one error format, not
// the mux's plain text.
func TestWrongMethodOnHealthIsJSON(t *testing.T) {
	s := server.New(server.Config{}, slog.New(slog.DiscardHandler), nil)
	for _, path := range []string{"/healthz", "/readyz"} {
		w := httptest.NewRecorder()
		s.Mux().ServeHTTP(w, httptest.NewRequest(http.MethodPost, path, nil))
		if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, HEAD" ||
			!strings.Contains(w.Body.String(), `"message":"POST is not allowed on `+path+`; use GET or HEAD"`) {
			t.Errorf("POST %s: %d %v %s", path, w.Code, w.Header(), w.Body)
		}
	}
}
