// Package fathomapi is the HTTP face of the meetings API, wire-compatible
// with Fathom's External API v1 (/external/v1/*): it authenticates, applies
// Fathom's rate limits, decodes queries and bodies, calls the meeting
// service and encodes Fathom's JSON. It holds no rules of its own; see
// README.md for what it supports and the decisions it keeps.
package fathomapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"hash/fnv"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/server"
)

// Authenticator resolves an API key to its principal.
type Authenticator interface {
	Authenticate(ctx context.Context, key string) (*fathom.Principal, error)
}

// TokenAuthenticator resolves OAuth access tokens sent as
// Authorization: Bearer.
type TokenAuthenticator interface {
	// IsAccessToken reports whether a bearer value is an OAuth access
	// token rather than an API key.
	IsAccessToken(token string) bool
	AuthenticateToken(ctx context.Context, token string) (*fathom.Principal, error)
}

// Config sets the API's limits.
type Config struct {
	// RateLimit and HeavyRateLimit are requests per minute per account
	// (defaults 60 and 30, Fathom's; 0 is unlimited).
	RateLimit      int
	HeavyRateLimit int
	// DownloadRateLimit is recording downloads made per minute per
	// account (Fathom's is 30; 0 is unlimited; spec §6).
	DownloadRateLimit int
	// MaxBodyBytes caps ingestion bodies (default 32 MiB).
	MaxBodyBytes int64
	// HeavyUploads is how many ingestion bodies over 1 MiB (or of unknown
	// length) are read at once (default 2); others wait up to 5 s, then
	// are answered 503 with Retry-After. Each holds its body and its
	// decoded form in memory.
	HeavyUploads int
	// Tokens authenticates OAuth access tokens (nil: bearer values are
	// API keys only).
	Tokens TokenAuthenticator
}

// Handler serves /external/v1.
type Handler struct {
	meetings *meeting.Service
	render   *Renderer
	auth     Authenticator
	tokens   TokenAuthenticator
	limits   *limiter
	maxBody  int64
	uploads  chan struct{} // slots of heavy uploads
	logger   *slog.Logger
}

// New returns a handler.
func New(meetings *meeting.Service, render *Renderer, auth Authenticator, cfg Config, logger *slog.Logger) *Handler {
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 32 << 20
	}
	if cfg.HeavyUploads <= 0 {
		cfg.HeavyUploads = 2
	}
	return &Handler{meetings: meetings, render: render, auth: auth, tokens: cfg.Tokens, maxBody: cfg.MaxBodyBytes, logger: logger,
		uploads: make(chan struct{}, cfg.HeavyUploads),
		limits:  newLimiter(cfg.RateLimit, cfg.HeavyRateLimit, cfg.DownloadRateLimit, time.Now)}
}

// Register mounts the routes on mux.
func (h *Handler) Register(mux *server.Mux) {
	const p = "/external/v1"
	mux.Handle("GET "+p+"/meetings", h.endpoint(heavyIfInlined, h.listMeetings))
	mux.Handle("GET "+p+"/meetings/{recording_id}", h.endpoint(heavyIfInlined, h.getMeeting))
	mux.Handle("DELETE "+p+"/meetings/{recording_id}", h.endpoint(neverHeavy, h.deleteMeeting))
	mux.Handle("GET "+p+"/recordings/{recording_id}/summary", h.endpoint(alwaysHeavy, h.summary))
	mux.Handle("GET "+p+"/recordings/{recording_id}/transcript", h.endpoint(alwaysHeavy, h.transcript))
	mux.Handle("POST "+p+"/recordings", longTransfer(h.endpoint(unmetered, h.ingest)))
	mux.Handle("PUT "+p+"/recordings/{recording_id}/media", longTransfer(h.endpoint(unmetered, h.putMedia)))
	mux.Handle("POST "+p+"/recordings/{recording_id}/download", h.endpoint(downloads, h.createDownload))
	mux.Handle("GET "+p+"/recordings/{recording_id}/downloads/{download_id}", h.endpoint(neverHeavy, h.getDownload))
	// The signed link of a download's file: no credentials, the signature
	// is one.
	mux.Handle("GET "+p+"/recordings/{recording_id}/downloads/{download_id}/{kind}", longTransfer(http.HandlerFunc(h.serveDownloadFile)))
	mux.Handle("GET "+p+"/teams", h.endpoint(neverHeavy, h.listTeams))
	mux.Handle("GET "+p+"/team_members", h.endpoint(neverHeavy, h.listMembers))
	mux.Handle("GET "+p+"/meeting_types", h.endpoint(neverHeavy, h.listMeetingTypes))
	mux.Handle("GET "+p+"/users", h.endpoint(neverHeavy, h.listUsers))
	mux.Handle("POST "+p+"/webhooks", h.endpoint(neverHeavy, h.createWebhook))
	mux.Handle("GET "+p+"/webhooks", h.endpoint(neverHeavy, h.listWebhooks))
	mux.Handle("DELETE "+p+"/webhooks/{id}", h.endpoint(neverHeavy, h.deleteWebhook))
	mux.Handle("GET "+p+"/webhooks/{id}/deliveries", h.endpoint(neverHeavy, h.listDeliveries))
	mux.Handle("POST "+p+"/webhooks/{id}/deliveries/{delivery_id}/redeliver", h.endpoint(neverHeavy, h.redeliver))
	mux.Handle("GET "+p+"/callback_secret", h.endpoint(neverHeavy, h.callbackSecret))
	mux.Handle("GET "+p+"/search", h.endpoint(neverHeavy, h.search))
	mux.Handle("GET "+p+"/recordings/{recording_id}/analytics", h.endpoint(neverHeavy, h.meetingAnalytics))
	mux.Handle("GET "+p+"/analytics", h.endpoint(alwaysHeavy, h.report))
	// No catch-all under p: a path no route takes falls through to the
	// server's, which answers a 405 with Allow when the path has routes
	// for other methods and a 404 otherwise, in this API's error format
	// (the error writer set for p).
}

// heaviness says how a request counts against the rate limits.
type heaviness func(r *http.Request) cost

type cost int

const (
	free     cost = iota // not limited: our own bulk ingestion, not part of Fathom's API
	light                // counts against the global limit
	heavy                // counts against the global and the heavy limit
	download             // counts against the global and the download limit
)

func alwaysHeavy(*http.Request) cost { return heavy }
func neverHeavy(*http.Request) cost  { return light }
func unmetered(*http.Request) cost   { return free }
func downloads(*http.Request) cost   { return download }

// heavyIfInlined: meetings with summaries or transcripts inlined are heavy.
func heavyIfInlined(r *http.Request) cost {
	q := query{r.URL.Query()}
	t, _ := q.bool("include_transcript")
	s, _ := q.bool("include_summary")
	if t || s {
		return heavy
	}
	return light
}

// operation handles an authenticated request and returns the status and
// the value to encode (nil: no body).
type operation func(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error)

func (h *Handler) endpoint(costOf heaviness, fn operation) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		c, account, err := h.authenticate(r)
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="fathom"`)
			h.fail(w, r, err)
			return
		}
		server.Info(ctx).TenantID = c.TenantID
		st := rateStatus{allowed: true}
		if cost := costOf(r); cost != free {
			st = h.limits.admit(account, cost)
		}
		if st.limit > 0 {
			w.Header().Set("RateLimit-Limit", strconv.Itoa(st.limit))
			w.Header().Set("RateLimit-Remaining", strconv.Itoa(st.remaining))
			w.Header().Set("RateLimit-Reset", strconv.Itoa(int((st.reset+time.Second-1)/time.Second)))
		}
		if !st.allowed {
			w.Header().Set("Retry-After", strconv.Itoa(int((st.reset+time.Second-1)/time.Second)))
			writeError(w, http.StatusTooManyRequests, "rate_limited", "rate limit reached: at most "+
				strconv.Itoa(st.limit)+" requests per 60 seconds; retry after the time in Retry-After")
			return
		}
		status, body, err := fn(ctx, c, r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if body == nil {
			w.WriteHeader(status)
			return
		}
		writeJSON(w, status, body)
	})
}

// authenticate reads X-Api-Key, or else Authorization: Bearer, as the
// official SDK sends them (spec §2.1). A bearer OAuth access token makes an
// OAuth caller (spec §2.2). It returns the account that rate limits count
// against: the API key's id, or for an OAuth token a negative number drawn
// from the token (limits per OAuth token, spec §6).
func (h *Handler) authenticate(r *http.Request) (*meeting.Caller, int64, error) {
	key := strings.TrimSpace(r.Header.Get("X-Api-Key"))
	bearer := false
	if key == "" {
		if scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " "); ok && strings.EqualFold(scheme, "bearer") {
			key, bearer = strings.TrimSpace(token), true
		}
	}
	if key == "" {
		return nil, 0, fathom.Errorf(fathom.EUNAUTHORIZED, "missing credentials: send an API key in X-Api-Key or a token in Authorization: Bearer")
	}
	if bearer && h.tokens != nil && h.tokens.IsAccessToken(key) {
		p, err := h.tokens.AuthenticateToken(r.Context(), key)
		if err != nil {
			return nil, 0, err
		}
		c, err := h.meetings.Caller(r.Context(), p, true)
		if err != nil {
			return nil, 0, err
		}
		sum := fnv.New64a()
		sum.Write([]byte(key))
		return c, -int64(sum.Sum64()>>1) - 1, nil
	}
	p, err := h.auth.Authenticate(r.Context(), key)
	if err != nil {
		return nil, 0, err
	}
	c, err := h.meetings.Caller(r.Context(), p, false)
	if err != nil {
		return nil, 0, err
	}
	return c, p.KeyID, nil
}

// fail writes err as Fathom's error body. Internal errors are logged with
// the request id and shown only as "internal error".
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := fathom.ErrorCode(err)
	if code == fathom.EINTERNAL {
		server.Info(r.Context()).Err = err
	}
	if errors.Is(err, errUploadsBusy) {
		w.Header().Set("Retry-After", "2")
	}
	msg := fathom.ErrorMessage(err)
	if code == fathom.EINTERNAL {
		msg += " (request " + server.Info(r.Context()).ID + ")"
	}
	writeError(w, server.StatusFor(code), code, msg)
}

// WriteError writes an error the server answers itself (server.ErrorWriter)
// as this API's error body; an internal error names the request.
func WriteError(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	if code == fathom.EINTERNAL {
		msg += " (request " + server.Info(r.Context()).ID + ")"
	}
	writeError(w, status, code, msg)
}

// errorJSON is the error body the spec decides (§5).
type errorJSON struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, errorJSON{Error: msg, Code: code})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = newEncoder(w).Encode(v)
}

// newEncoder writes the API's JSON: '&', '<' and '>' as themselves, not
// \u0026 and the like, so that links read as they are. Nothing the API
// writes is HTML.
func newEncoder(w io.Writer) *json.Encoder {
	e := json.NewEncoder(w)
	e.SetEscapeHTML(false)
	return e
}

// marshal is json.Marshal in the API's style (see newEncoder), for the
// bodies pushed to webhooks and callbacks.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := newEncoder(&b).Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// recordingID reads the path's recording id.
func recordingID(r *http.Request) (int64, error) {
	s := r.PathValue("recording_id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, fathom.Errorf(fathom.EINVALID, "recording_id must be a positive integer, got %q", s)
	}
	return id, nil
}
