// Package contextapi is the HTTP face of the Context API
// (/api/v1/context/*): it decodes requests, authenticates the X-API-Key,
// meters the tenant, calls the conversation service and encodes the
// vendor's envelope. It holds no rules of its own; see README.md.
package contextapi

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/fathom-oss/fathom/internal/conversation"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/quota"
	"github.com/fathom-oss/fathom/internal/server"
)

// Authenticator resolves an API key to its principal.
type Authenticator interface {
	Authenticate(ctx context.Context, key string) (*fathom.Principal, error)
}

// Handler serves the Context API.
type Handler struct {
	conversations *conversation.Service
	auth          Authenticator
	meter         *quota.Meter
	maxBody       int64
	logger        *slog.Logger
}

// New returns a handler; maxBody caps request bodies in bytes.
func New(conversations *conversation.Service, auth Authenticator, meter *quota.Meter, maxBody int64, logger *slog.Logger) *Handler {
	return &Handler{conversations: conversations, auth: auth, meter: meter, maxBody: maxBody, logger: logger}
}

// Register mounts the routes on mux.
func (h *Handler) Register(mux *server.Mux) {
	mux.Handle("POST /api/v1/context/track", h.rawEndpoint(quota.OpWrite, h.track))
	mux.Handle("POST /api/v1/context/resolve", h.endpoint(quota.OpWrite, h.resolve))
	mux.Handle("POST /api/v1/context/feedback", h.endpoint(quota.OpWrite, h.feedback))
	mux.Handle("POST /api/v1/context/similarity", h.endpoint(quota.OpRetrieval, h.similarity))
	mux.Handle("GET /api/v1/context/conversations/{conversationId}", h.endpoint(quota.OpRead, h.getConversation))
	mux.Handle("DELETE /api/v1/context/conversations/{conversationId}", h.endpoint(quota.OpWrite, h.deleteConversation))
	mux.Handle("GET /api/v1/context/issues", h.endpoint(quota.OpRead, h.listIssues))
	mux.Handle("GET /api/v1/context/issues/{name}", h.endpoint(quota.OpRead, h.getIssue))
	mux.Handle("GET /api/v1/context/graph", h.endpoint(quota.OpRead, h.graph))
	// Other methods and paths under /api/v1/context/ are the server's
	// fallback's: a 405 with Allow or a 404, in this API's envelope.
}

// result is what an operation returns for the envelope.
type result struct {
	message  string
	data     any
	replayed bool
}

type operation func(ctx context.Context, p *fathom.Principal, body object, r *http.Request) (*result, error)

// rawOperation is an operation that decodes its body itself.
type rawOperation func(ctx context.Context, p *fathom.Principal, body []byte, r *http.Request) (*result, error)

// endpoint wraps an operation with authentication, metering, body decoding
// and the envelope.
func (h *Handler) endpoint(op quota.Op, fn operation) http.Handler {
	return h.rawEndpoint(op, func(ctx context.Context, p *fathom.Principal, body []byte, r *http.Request) (*result, error) {
		var obj object
		if r.Method == http.MethodPost {
			var err error
			if obj, err = decodeObject(body); err != nil {
				return nil, err
			}
		}
		return fn(ctx, p, obj, r)
	})
}

// rawEndpoint wraps an operation with authentication, metering, reading
// the body of a POST and the envelope.
func (h *Handler) rawEndpoint(op quota.Op, fn rawOperation) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		key := r.Header.Get("X-API-Key")
		if key == "" {
			h.fail(w, r, fathom.Errorf(fathom.EUNAUTHORIZED, "missing API key: send it in the X-API-Key header"))
			return
		}
		p, err := h.auth.Authenticate(ctx, key)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		server.Info(ctx).TenantID = p.TenantID
		status, err := h.meter.Admit(ctx, p.TenantID, op)
		setRateHeaders(w, status)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		var body []byte
		if r.Method == http.MethodPost {
			if body, err = readBody(w, r, h.maxBody); err != nil {
				h.fail(w, r, err)
				return
			}
		}
		res, err := fn(ctx, p, body, r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if res.replayed {
			w.Header().Set("Idempotent-Replayed", "true")
		}
		h.write(w, http.StatusOK, envelope{Success: true, Message: res.message, Data: res.data, RequestID: server.Info(ctx).ID})
	})
}

// track decodes its body on the fast path when it can (decodeTrackFast).
func (h *Handler) track(ctx context.Context, p *fathom.Principal, body []byte, r *http.Request) (*result, error) {
	params, ok := decodeTrackFast(body)
	if !ok {
		obj, err := decodeObject(body)
		if err != nil {
			return nil, err
		}
		if params, err = decodeTrack(obj); err != nil {
			return nil, err
		}
	}
	params.IdempotencyKey = r.Header.Get("Idempotency-Key")
	res, err := h.conversations.Track(ctx, p.TenantID, params)
	if err != nil {
		return nil, err
	}
	return &result{message: "Conversation tracking initiated", replayed: res.Replayed, data: trackData{
		ConversationID: res.ConversationID, MessagesReceived: res.MessagesReceived, IsIncremental: res.IsIncremental,
		MessagesAppended: res.MessagesAppended, Status: string(res.Status), Reopened: res.Reopened}}, nil
}

func (h *Handler) resolve(ctx context.Context, p *fathom.Principal, body object, r *http.Request) (*result, error) {
	params, err := decodeResolve(body)
	if err != nil {
		return nil, err
	}
	params.IdempotencyKey = r.Header.Get("Idempotency-Key")
	res, err := h.conversations.Resolve(ctx, p.TenantID, params)
	if err != nil {
		return nil, err
	}
	return &result{message: "Conversation marked as resolved", replayed: res.Replayed, data: resolveData{
		ConversationID: res.ConversationID, ResolutionNotes: res.ResolutionNotes, NotesGenerated: res.Generated}}, nil
}

func (h *Handler) similarity(ctx context.Context, p *fathom.Principal, body object, _ *http.Request) (*result, error) {
	params, err := decodeSimilarity(body)
	if err != nil {
		return nil, err
	}
	res, err := h.conversations.Similar(ctx, p.TenantID, params)
	if err != nil {
		return nil, err
	}
	return &result{message: "Similar conversations retrieved", data: toSimilarityData(res)}, nil
}

func (h *Handler) getConversation(ctx context.Context, p *fathom.Principal, _ object, r *http.Request) (*result, error) {
	page, err := decodePage(r.URL.Query())
	if err != nil {
		return nil, err
	}
	id := r.PathValue("conversationId")
	d, err := h.conversations.Get(ctx, p.TenantID, id, page)
	if err != nil {
		return nil, err
	}
	return &result{message: "Conversation retrieved", data: toConversationData(d, r.URL.EscapedPath())}, nil
}

func (h *Handler) deleteConversation(ctx context.Context, p *fathom.Principal, _ object, r *http.Request) (*result, error) {
	id := r.PathValue("conversationId")
	if err := h.conversations.Delete(ctx, p.TenantID, id); err != nil {
		return nil, err
	}
	return &result{message: "Conversation deleted", data: map[string]string{"conversationId": id}}, nil
}

// fail writes err as the error envelope. Internal errors are logged with
// the request and shown only as "internal error".
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := fathom.ErrorCode(err)
	ri := server.Info(r.Context())
	if code == fathom.EINTERNAL {
		ri.Err = err
	}
	env := envelope{Success: false, Message: fathom.ErrorMessage(err), RequestID: ri.ID}
	var q *fathom.QuotaError
	if errors.As(err, &q) {
		env.Limit, env.Used, env.Quota = string(q.Limit), &q.Used, &q.Quota
		env.ResetAt = q.ResetAt.UTC().Format(time.RFC3339)
		w.Header().Set("Retry-After", strconv.FormatInt(int64(max(1, (q.RetryAfter+time.Second-1)/time.Second)), 10))
	}
	h.write(w, server.StatusFor(code), env)
}

func (h *Handler) write(w http.ResponseWriter, status int, env envelope) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(env); err != nil {
		h.logger.Debug("write response", "err", err)
	}
}

// setRateHeaders sets the IETF RateLimit-* fields when a limit applies.
func setRateHeaders(w http.ResponseWriter, s quota.Status) {
	if s.Limit == 0 {
		return
	}
	w.Header().Set("RateLimit-Limit", strconv.FormatInt(s.Limit, 10))
	w.Header().Set("RateLimit-Remaining", strconv.FormatInt(s.Remaining, 10))
	reset := time.Until(s.Reset)
	w.Header().Set("RateLimit-Reset", strconv.FormatInt(int64(max(0, (reset+time.Second-1)/time.Second)), 10))
}
