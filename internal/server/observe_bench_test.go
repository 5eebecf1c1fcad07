package server_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/metrics"
	"github.com/fathom-oss/fathom/internal/server"
)

// BenchmarkMiddleware is the cost of the middleware per request, through
// the mux to a handler that writes a small answer, without and with the
// metrics observer; the difference is what counting a request costs.
// Logs go nowhere, so that the figures are the middleware's own.
func BenchmarkMiddleware(b *testing.B) {
	for _, arm := range []struct {
		name    string
		observe server.Observer
	}{
		{"plain", nil},
		{"metrics", metrics.New(metrics.Sources{}, slog.New(slog.DiscardHandler)).ObserveRequest},
	} {
		b.Run(arm.name, func(b *testing.B) {
			s := server.New(server.Config{ReadTimeout: time.Second, WriteTimeout: time.Second, IdleTimeout: time.Second,
				Observe: arm.observe}, slog.New(slog.DiscardHandler), nil)
			s.Mux().HandleFunc("GET /api/v1/context/conversations/{conversationId}", func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write([]byte(`{"success":true}`))
			})
			h := s.Handler()
			req := httptest.NewRequest(http.MethodGet, "/api/v1/context/conversations/conv-1", nil)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
