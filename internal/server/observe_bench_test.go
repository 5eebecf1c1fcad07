package server_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/cputime"
	"github.com/fathom-oss/fathom/internal/metrics"
	"github.com/fathom-oss/fathom/internal/server"
)

// BenchmarkMiddleware is the cost of the middleware per request, through
// the mux to a handler that writes a small answer, without and with the
// metrics observer; the difference is what counting a request costs.
// Logs go nowhere, so that the figures are the middleware's own;
// cpu-ns/op is the process's CPU time (user+sys) per request, which a
// loaded machine disturbs far less than ns/op.
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
			cpu := cputime.Process()
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
			}
			b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkObserveRequest is what the metrics observer alone costs per
// request: a counter and a histogram of a route already seen.
func BenchmarkObserveRequest(b *testing.B) {
	r := metrics.New(metrics.Sources{}, slog.New(slog.DiscardHandler))
	b.ReportAllocs()
	cpu := cputime.Process()
	for b.Loop() {
		r.ObserveRequest("/api/v1/context/conversations/{conversationId}", http.MethodGet, http.StatusOK, 1500*time.Microsecond)
	}
	b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
}
