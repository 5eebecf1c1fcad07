// Package gatewayapi is the HTTP face of the gateway, wire-compatible with
// Maton's: the connections API (/connections), the consent pages a user's
// browser walks through (/connect, /connect/callback) and the proxy
// (/fathom/{native-path}). It authenticates API keys sent as
// Authorization: Bearer, applies the per-account rate limit, decodes,
// calls the gateway service and encodes Maton's JSON. It holds no rules;
// see README.md for what it supports and the decisions it keeps.
package gatewayapi

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/gateway"
	"github.com/fathom-oss/fathom/internal/server"
)

// Authenticator resolves an API key to its principal.
type Authenticator interface {
	Authenticate(ctx context.Context, key string) (*fathom.Principal, error)
}

// Handler serves the gateway's routes.
type Handler struct {
	gw   *gateway.Service
	auth Authenticator
}

// New returns a handler.
func New(gw *gateway.Service, auth Authenticator) *Handler {
	return &Handler{gw: gw, auth: auth}
}

// Register mounts the routes on mux.
func (h *Handler) Register(mux *server.Mux) {
	mux.Handle("GET /connections", h.endpoint(h.listConnections))
	mux.Handle("POST /connections", h.endpoint(h.createConnection))
	mux.Handle("GET /connections/{id}", h.endpoint(h.getConnection))
	mux.Handle("DELETE /connections/{id}", h.endpoint(h.deleteConnection))
	mux.HandleFunc("GET /connect", h.connect)
	mux.HandleFunc("GET /connect/callback", h.callback)
	mux.Handle("/"+fathom.AppFathom+"/", h.authenticated(h.proxy))
	// Other methods on these paths get the gateway's error shape, not the
	// mux's plain text.
	for path, allow := range map[string]string{"/connections": "GET, POST", "/connections/{id}": "GET, DELETE",
		"/connect": "GET", "/connect/callback": "GET"} {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			writeJSON(w, http.StatusMethodNotAllowed, errorJSON{Error: r.Method + " is not allowed here; use " + allow, Code: "method_not_allowed"})
		})
	}
}

// authed handles a request of an authenticated, admitted account.
type authed func(w http.ResponseWriter, r *http.Request, p *fathom.Principal)

// authenticated checks the Bearer API key and the account's rate limit
// before fn.
func (h *Handler) authenticated(fn authed) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := h.authenticate(r)
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="gateway"`)
			fail(w, r, err)
			return
		}
		server.Info(r.Context()).TenantID = p.TenantID
		if ok, wait := h.gw.Allow(p); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
			fail(w, r, fathom.Errorf(fathom.ERATELIMIT, "rate limit reached: the gateway allows a limited number of requests per second per account; retry after the time in Retry-After"))
			return
		}
		fn(w, r, p)
	})
}

// authenticate reads the API key from Authorization: Bearer (Maton's
// form).
func (h *Handler) authenticate(r *http.Request) (*fathom.Principal, error) {
	scheme, key, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !ok || !strings.EqualFold(scheme, "bearer") || strings.TrimSpace(key) == "" {
		return nil, fathom.Errorf(fathom.EUNAUTHORIZED, "missing credentials: send your API key as Authorization: Bearer <key>")
	}
	return h.auth.Authenticate(r.Context(), strings.TrimSpace(key))
}

// operation handles an authenticated request and returns the status and
// the value to encode.
type operation func(r *http.Request, p *fathom.Principal) (int, any, error)

func (h *Handler) endpoint(fn operation) http.Handler {
	return h.authenticated(func(w http.ResponseWriter, r *http.Request, p *fathom.Principal) {
		status, body, err := fn(r, p)
		if err != nil {
			fail(w, r, err)
			return
		}
		writeJSON(w, status, body)
	})
}

func (h *Handler) proxy(w http.ResponseWriter, r *http.Request, p *fathom.Principal) {
	c, err := h.gw.Connection(r.Context(), p, r.Header)
	if err != nil {
		fail(w, r, err)
		return
	}
	native := strings.TrimPrefix(r.URL.EscapedPath(), "/"+fathom.AppFathom)
	if err := h.gw.Forward(w, r, c, native); err != nil {
		fail(w, r, err)
	}
}

// errorJSON is the gateway's error body: spec §15 #1's shape, whose
// "error" is what Maton's clients read.
type errorJSON struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

// fail writes err with the status of its code. Internal errors are logged
// with the request and shown only as "internal error" with its id.
func fail(w http.ResponseWriter, r *http.Request, err error) {
	code := fathom.ErrorCode(err)
	msg := fathom.ErrorMessage(err)
	if code == fathom.EINTERNAL {
		ri := server.Info(r.Context())
		ri.Err = err
		msg += " (request " + ri.ID + ")"
	}
	writeJSON(w, server.StatusFor(code), errorJSON{Error: msg, Code: code})
}

// WriteError writes an error the server answers itself (server.ErrorWriter)
// as the gateway's error body; an internal error names the request.
func WriteError(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	if code == fathom.EINTERNAL {
		msg += " (request " + server.Info(r.Context()).ID + ")"
	}
	writeJSON(w, status, errorJSON{Error: msg, Code: code})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
