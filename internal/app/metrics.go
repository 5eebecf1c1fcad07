package app

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/health"
	"github.com/fathom-oss/fathom/internal/job"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/metrics"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
)

// newMetrics builds the registry, its figures read at each scrape from
// the app's parts (which exist by the time a scrape can arrive: /metrics is
// served only once Open has made them).
func (a *App) newMetrics() *metrics.Registry {
	return metrics.New(metrics.Sources{
		Jobs:     func(ctx context.Context) (*job.BacklogStats, error) { return a.db.JobBacklog.Read(ctx) },
		Analysis: func(ctx context.Context) (*store.ConversationBacklog, error) { return a.DB.ConversationBacklog(ctx) },
		Search:   func() search.Size { return a.catalog.Size() },
		Knowledge: func() knowledge.Size {
			return a.Knowledge.Size()
		},
		StoreErrors: func() health.StoreErrors { return a.health.StoreErrors() },
		FreeDisk:    func() (int64, bool) { return a.health.FreeSpace() },
		Ready:       a.ready,
		InFlight: func() int64 {
			n, _ := a.server.Activity()
			return n
		},
	}, a.logger)
}

// serveMetrics exposes the registry where the operator asked: on a
// listener of its own (--metrics-addr), and on the main listener to
// requests bearing --metrics-token. With neither, /metrics is not served.
func (a *App) serveMetrics() error {
	if a.cfg.MetricsToken != "" {
		a.server.Mux().Handle("GET /metrics", a.bearer(a.cfg.MetricsToken, a.metrics.Handler()))
	}
	if a.cfg.MetricsAddr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", a.cfg.MetricsAddr)
	if err != nil {
		return fmt.Errorf("--metrics-addr %s: %w", a.cfg.MetricsAddr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.metrics.Handler())
	a.metricsServer = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 16 << 10}
	a.metricsListener = ln
	go func() {
		if err := a.metricsServer.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			a.logger.Error("metrics listener stopped", "addr", ln.Addr().String(), "err", err)
		}
	}()
	a.logger.Info("metrics listening", "addr", ln.Addr().String())
	return nil
}

// MetricsAddr is the address of the metrics listener ("" when there is
// none).
func (a *App) MetricsAddr() string {
	if a.metricsListener == nil {
		return ""
	}
	return a.metricsListener.Addr().String()
}

// closeMetrics stops the metrics listener.
func (a *App) closeMetrics(ctx context.Context) error {
	if a.metricsServer == nil {
		return nil
	}
	return a.metricsServer.Shutdown(ctx)
}

// bearer lets through requests whose Authorization is "Bearer token" (the
// scheme in any case, the token compared in constant time); others get a
// 401 that names the scheme.
func (a *App) bearer(token string, next http.Handler) http.Handler {
	want := []byte(token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, got, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		if !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare([]byte(got), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			a.server.WriteError(w, r, http.StatusUnauthorized, fathom.EUNAUTHORIZED, "Authorization: Bearer with the --metrics-token is required")
			return
		}
		next.ServeHTTP(w, r)
	})
}
