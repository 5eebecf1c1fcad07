// Package server is the HTTP server shared by every API: timeouts, request
// ids, access logs, panic recovery, health and readiness, graceful
// shutdown, and the one table mapping error codes to statuses. API packages
// mount their routes on it; it holds no API's wire format.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"sync/atomic"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// Config holds the server's network settings.
type Config struct {
	ReadTimeout     time.Duration
	WriteTimeout    time.Duration
	IdleTimeout     time.Duration
	ShutdownTimeout time.Duration
	// Database names the engine /readyz reports ("sqlite", "postgres");
	// empty reports none.
	Database string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client (default none: the peer address is the client).
	TrustedProxies []netip.Prefix
	// AddressRateLimit is unauthenticated requests per second per client
	// address, AddressRateBurst its bucket (0: off; burst default 10x
	// the rate).
	AddressRateLimit float64
	AddressRateBurst int
	// Background, when set, reports why background work is paused (nil:
	// it runs); /readyz shows the reason without turning not-ready.
	Background func() error
	// Observe, when set, is told of every answered request (metrics).
	Observe Observer
}

// Server serves HTTP until shut down.
type Server struct {
	http       *http.Server
	listener   net.Listener
	mux        *Mux
	logger     *slog.Logger
	ready      func(context.Context) error
	database   string
	stopping   atomic.Bool
	trusted    []netip.Prefix
	addresses  *addressLimiter // nil: no per-address limit
	background func() error
	observer   Observer
	notReady   atomic.Bool // the last /readyz answer was not ready
	// errorWriters format the server's own errors per API (SetErrorWriter).
	errorWriters []errorRoute
	started      atomic.Uint64 // requests received
	inFlight     atomic.Int64  // requests being served
}

// Activity reports the requests being served now and the requests received
// since the server started, so that background work can yield to requests
// while there are any and run flat out when there are none.
func (s *Server) Activity() (inFlight int64, started uint64) {
	return s.inFlight.Load(), s.started.Load()
}

// New returns a server; ready reports whether dependencies (the database)
// answer, for /readyz.
func New(cfg Config, logger *slog.Logger, ready func(context.Context) error) *Server {
	s := &Server{mux: NewMux(), logger: logger, ready: ready, database: cfg.Database,
		trusted: cfg.TrustedProxies, background: cfg.Background, observer: cfg.Observe, addresses: newAddressLimiter(cfg.AddressRateLimit, cfg.AddressRateBurst)}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
	})
	s.mux.HandleFunc("GET /readyz", s.handleReady)
	s.mux.ServeMux.HandleFunc(fallback, s.handleUnmatched)
	s.http = &http.Server{
		Handler:           s.middleware(s.mux),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	return s
}

// Mux is where API packages register routes.
func (s *Server) Mux() *Mux { return s.mux }

// Routes lists the patterns registered on the server, sorted.
func (s *Server) Routes() []string { return s.mux.Patterns() }

// Handler is the mux behind the middleware, as the listener serves it
// (for benchmarks that bypass the network).
func (s *Server) Handler() http.Handler { return s.http.Handler }

// Listen binds addr (":0" picks a free port).
func (s *Server) Listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.listener = ln
	return nil
}

// CloseListener gives the address back when the server will not serve
// after all (a start failing after Listen). Once Serve has begun, Shutdown
// closes the listener instead.
func (s *Server) CloseListener() error {
	if s.listener == nil {
		return nil
	}
	return s.listener.Close()
}

// Addr is the bound address, once Listen has returned.
func (s *Server) Addr() net.Addr { return s.listener.Addr() }

// Serve serves until Shutdown; it returns nil after a clean shutdown.
func (s *Server) Serve() error {
	if err := s.http.Serve(s.listener); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Stopping reports whether Shutdown has begun: from then on the server is
// not ready, whatever its dependencies say.
func (s *Server) Stopping() bool { return s.stopping.Load() }

// Shutdown stops accepting connections and waits for in-flight requests
// until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopping.Store(true)
	return s.http.Shutdown(ctx)
}

// handleReady answers /readyz with the status and, so that an operator
// sees which database a server uses, the engine's name. When not ready it
// names the cause: an EUNAVAILABLE error's message as is (it is written for
// clients), any other error as "database unavailable". The log says when
// the server turns not ready and when it is ready again, not at every probe.
func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	status, code, cause := "ready", http.StatusOK, ""
	var err error
	switch {
	case s.stopping.Load():
		status, code = "shutting down", http.StatusServiceUnavailable
	case s.ready != nil:
		if err = s.ready(r.Context()); err != nil {
			status, code = "database unavailable", http.StatusServiceUnavailable
			if fathom.ErrorCode(err) == fathom.EUNAVAILABLE {
				status, cause = "not ready", fathom.ErrorMessage(err)
			}
		}
	}
	if was := s.notReady.Swap(err != nil); was != (err != nil) {
		if err != nil {
			s.logger.Error("not ready", "database", s.database, "err", err)
		} else {
			s.logger.Warn("ready again", "database", s.database)
		}
	}
	body := struct {
		Status     string `json:"status"`
		Cause      string `json:"cause,omitempty"`
		Background string `json:"background,omitempty"`
		Database   string `json:"database,omitempty"`
	}{Status: status, Cause: cause, Database: s.database}
	if s.background != nil {
		if err := s.background(); err != nil {
			body.Background = fathom.ErrorMessage(err)
		}
	}
	if code == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", retryAfterUnavailable)
	}
	b, _ := json.Marshal(body)
	w.WriteHeader(code)
	_, _ = w.Write(append(b, '\n'))
}

// retryAfterUnavailable is the Retry-After of a 503 whose writer set none:
// seconds after which the server may store data again.
const retryAfterUnavailable = "5"

// statuses maps error codes to HTTP statuses, once for every API.
var statuses = map[string]int{
	fathom.EINVALID:       http.StatusBadRequest,
	fathom.EUNAUTHORIZED:  http.StatusUnauthorized,
	fathom.ENOTFOUND:      http.StatusNotFound,
	fathom.ECONFLICT:      http.StatusConflict,
	fathom.ERATELIMIT:     http.StatusTooManyRequests,
	fathom.ETOOLARGE:      http.StatusRequestEntityTooLarge,
	fathom.EMEDIATYPE:     http.StatusUnsupportedMediaType,
	fathom.EUNPROCESSABLE: http.StatusUnprocessableEntity,
	fathom.EGONE:          http.StatusGone,
	fathom.EFORBIDDEN:     http.StatusForbidden,
	fathom.EUNAVAILABLE:   http.StatusServiceUnavailable,
	fathom.EINTERNAL:      http.StatusInternalServerError,
}

// StatusFor returns the HTTP status of an error code.
func StatusFor(code string) int {
	if s, ok := statuses[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}
