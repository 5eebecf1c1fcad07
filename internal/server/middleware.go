package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// RequestInfo travels with a request so that layers below the middleware
// can add what the access log should say (the tenant, once authenticated).
type RequestInfo struct {
	ID       string
	TenantID int64
	Err      error // an internal error, logged with the request
	// ClientAddr is the client's IP (behind a trusted proxy, the one it
	// forwarded for), for per-address limits.
	ClientAddr string
}

type infoKey struct{}

// Info returns the request's info; never nil inside the middleware.
func Info(ctx context.Context) *RequestInfo {
	if ri, ok := ctx.Value(infoKey{}).(*RequestInfo); ok {
		return ri
	}
	return &RequestInfo{}
}

// WithInfo returns ctx carrying ri (for tests and non-HTTP callers).
func WithInfo(ctx context.Context, ri *RequestInfo) context.Context {
	return context.WithValue(ctx, infoKey{}, ri)
}

func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		if !probe(r) {
			// Health probes are no client work: an orchestrator polling
			// them must not make background analysis rest.
			s.started.Add(1)
			s.inFlight.Add(1)
			defer s.inFlight.Add(-1)
		}
		ri := &RequestInfo{ID: requestID(r.Header.Get("X-Request-Id")), ClientAddr: clientAddr(r, s.trusted)}
		w.Header().Set("X-Request-Id", ri.ID)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		r = r.WithContext(WithInfo(r.Context(), ri))
		limited := s.addresses != nil && !probe(r)
		if limited {
			if wait, blocked := s.addresses.blocked(addressKey(ri.ClientAddr), start); blocked {
				s.refuse(rec, r, ri, wait)
				s.observeRefused(r, rec.status, time.Since(start))
				return
			}
			defer func() {
				if ri.TenantID == 0 {
					s.addresses.take(addressKey(ri.ClientAddr), start)
				}
			}()
		}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.logger.Error("panic", "request_id", ri.ID, "panic", p)
				if !rec.wrote {
					s.writeError(rec, r, http.StatusInternalServerError, fathom.EINTERNAL, "internal error")
				}
			}
			level, status := slog.LevelInfo, rec.status
			gone := r.Context().Err() != nil // the client went away before the answer
			switch {
			case gone && status >= 500:
				// The handler failed because its context was cancelled:
				// not a server fault. 499 is what proxies log for it.
				status = statusClientClosed
			case status == http.StatusServiceUnavailable:
				// Refused for a known cause (shutting down, storage
				// unavailable) that is logged once on its own.
				level = slog.LevelWarn
			case status >= 500:
				level = slog.LevelError
			}
			elapsed := time.Since(start)
			s.observe(r, status, elapsed)
			attrs := []slog.Attr{
				slog.String("request_id", ri.ID), slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.Int("status", status), slog.Duration("duration", elapsed),
			}
			if gone {
				attrs = append(attrs, slog.Bool("client_disconnected", true))
			}
			if ri.TenantID != 0 {
				attrs = append(attrs, slog.Int64("tenant", ri.TenantID))
			}
			if ri.Err != nil && status != statusClientClosed {
				attrs = append(attrs, slog.String("err", ri.Err.Error()))
			}
			s.logger.LogAttrs(r.Context(), level, "request", attrs...)
		}()
		next.ServeHTTP(rec, r)
	})
}

// statusClientClosed is logged for a request whose client disconnected
// before its answer (nginx's 499).
const statusClientClosed = 499

// refuse answers a request of an address over its unauthenticated limit.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, ri *RequestInfo, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
	s.writeError(w, r, http.StatusTooManyRequests, fathom.ERATELIMIT,
		"too many unauthenticated requests from this address; retry after the time in Retry-After")
	s.logger.LogAttrs(r.Context(), slog.LevelWarn, "request", slog.String("request_id", ri.ID), slog.String("method", r.Method),
		slog.String("path", r.URL.Path), slog.Int("status", http.StatusTooManyRequests), slog.String("client", ri.ClientAddr),
		slog.String("limit", "address"))
}

// requestID echoes a client's id when it is a safe token of at most 128
// characters, and makes a new one otherwise.
func requestID(given string) string {
	if given != "" && len(given) <= 128 && safeToken(given) {
		return given
	}
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "req_" + hex.EncodeToString(b)
}

func safeToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':'
		if !ok {
			return false
		}
	}
	return true
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
		// Every 503 tells the client when to try again, whichever API
		// wrote it: a client that honours it retries instead of failing.
		if code == http.StatusServiceUnavailable && r.Header().Get("Retry-After") == "" {
			r.Header().Set("Retry-After", retryAfterUnavailable)
		}
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// probe reports whether r is a health probe (/healthz, /readyz).
func probe(r *http.Request) bool {
	return r.URL.Path == "/healthz" || r.URL.Path == "/readyz"
}
