package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// strippedHeaders never reach the upstream: the caller's credentials
// (X-Api-Key too, which Fathom would prefer over the injected bearer), its
// cookies and the gateway's own header. Host and hop-by-hop headers are
// dropped by httputil.ReverseProxy.
var strippedHeaders = []string{"Authorization", "X-Api-Key", "Cookie", "Maton-Connection", "X-Maton-Connection"}

// maxReplay is the largest request body kept in memory so that a call
// answered 401 can be sent again after a refresh; larger bodies stream and
// are not retried.
const maxReplay = 1 << 20

// call is what one proxied request carries through the ReverseProxy.
type call struct {
	conn   *fathom.Connection
	target *url.URL
}

type callKey struct{}

// Select returns the connection a call of p uses: the one named by
// header (Maton-Connection), else p's oldest ACTIVE fathom connection.
// EINVALID (400, as Maton answers) when there is none, when the named one
// is not p's, or when it is not ACTIVE.
func (s *Service) Select(ctx context.Context, p *fathom.Principal, header string) (*fathom.Connection, error) {
	var row *store.ConnectionRow
	if header = strings.TrimSpace(header); header != "" {
		r, err := s.store.ConnectionGet(ctx, p.TenantID, p.UserID, header)
		if errors.Is(err, store.ErrNotFound) {
			shown := header
			if len(shown) > 64 {
				shown = shown[:64] + "…"
			}
			return nil, fathom.Errorf(fathom.EINVALID, "Maton-Connection %q is not a connection of this API key's account: list yours with GET /connections", shown)
		}
		if err != nil {
			return nil, err
		}
		row = r
	} else {
		rows, err := s.store.ConnectionList(ctx, &store.ConnectionListParams{TenantID: p.TenantID, UserID: p.UserID,
			App: fathom.AppFathom, Status: fathom.ConnectionActive})
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			return nil, fathom.Errorf(fathom.EINVALID, "no ACTIVE fathom connection for this API key's account: create one with POST /connections and open its url")
		}
		row = rows[0]
	}
	if row.App != fathom.AppFathom {
		return nil, fathom.Errorf(fathom.EINVALID, "connection %s is for app %q, not fathom", row.ID, row.App)
	}
	if row.Status != fathom.ConnectionActive {
		return nil, unusable(&row.Connection)
	}
	return s.open(row, true)
}

// Connection returns the connection a call of p goes through (see
// Select), with an access token good for the call: refreshed first when it
// expires within its refresh margin (RefreshMargin, or a quarter of a
// shorter lifetime).
func (s *Service) Connection(ctx context.Context, p *fathom.Principal, h http.Header) (*fathom.Connection, error) {
	c, err := s.Select(ctx, p, firstHeader(h, "Maton-Connection", "X-Maton-Connection"))
	if err != nil {
		return nil, err
	}
	return s.usable(ctx, c)
}

// Forward sends r to the upstream as nativePath (the escaped path after
// /fathom, starting with "/") plus r's raw query, with c's bearer in place
// of the caller's credentials, and writes back the upstream's status,
// headers (hop-by-hop removed) and body; a 401 is retried once after a
// refresh when the body can be resent. It returns an error, having written
// nothing, only when r cannot be forwarded at all.
func (s *Service) Forward(w http.ResponseWriter, r *http.Request, c *fathom.Connection, nativePath string) error {
	target, err := url.Parse(s.upstream.String() + nativePath)
	if err != nil || !strings.HasPrefix(nativePath, "/") {
		return fathom.Errorf(fathom.EINVALID, "the path after /fathom is not a valid upstream path")
	}
	target.RawQuery = r.URL.RawQuery
	if err := replayable(r); err != nil {
		return fathom.Errorf(fathom.EINVALID, "could not read the request body")
	}
	s.proxy.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), callKey{}, &call{conn: c, target: target})))
	return nil
}

func firstHeader(h http.Header, names ...string) string {
	for _, n := range names {
		if v := h.Get(n); v != "" {
			return v
		}
	}
	return ""
}

// replayable reads a body of up to maxReplay bytes into memory and sets
// GetBody, so that the call can be sent again; a larger one streams.
func replayable(r *http.Request) error {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
		return nil
	}
	buf, err := io.ReadAll(io.LimitReader(r.Body, maxReplay+1))
	if err != nil {
		return err
	}
	if len(buf) > maxReplay {
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(buf), r.Body), r.Body}
		return nil
	}
	r.Body, r.ContentLength, r.TransferEncoding = io.NopCloser(bytes.NewReader(buf)), int64(len(buf)), nil
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(buf)), nil }
	return nil
}

func (s *Service) newProxy() http.Handler {
	return &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			c := pr.In.Context().Value(callKey{}).(*call)
			pr.Out.URL, pr.Out.Host = c.target, ""
			for _, h := range strippedHeaders {
				pr.Out.Header.Del(h)
			}
			pr.Out.Header.Set("Authorization", "Bearer "+c.conn.AccessToken)
		},
		Transport:  retryTransport{s},
		BufferPool: &bufferPool{},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			if errors.Is(err, context.Canceled) {
				return // the caller went away
			}
			s.logger.Warn("gateway: upstream call failed", "method", r.Method, "path", r.URL.Path, "err", err)
			writeBadGateway(w)
		},
	}
}

// bufferPool recycles the 32 KiB copy buffers the ReverseProxy would
// otherwise allocate per call (measured: clearing them was 8% of CPU).
type bufferPool struct{ p sync.Pool }

func (b *bufferPool) Get() []byte {
	if v, ok := b.p.Get().(*[]byte); ok {
		return *v
	}
	return make([]byte, 32<<10)
}

func (b *bufferPool) Put(buf []byte) { b.p.Put(&buf) }

// retryTransport sends a call; when the upstream answers 401 and the call
// can be sent again, it refreshes the connection's token once and resends.
// A resend refused again backs the connection off (refreshGuard), so that
// an upstream that keeps answering 401 does not cost a refresh per call.
type retryTransport struct{ s *Service }

func (t retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.s.cfg.Transport.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusUnauthorized ||
		(req.Body != nil && req.Body != http.NoBody && req.GetBody == nil) {
		return resp, err
	}
	c := req.Context().Value(callKey{}).(*call)
	fresh, rerr := t.s.refresh(req.Context(), c.conn, c.conn.AccessToken)
	if rerr != nil || fresh.AccessToken == c.conn.AccessToken {
		return resp, nil // the upstream's 401 stands
	}
	retry := req.Clone(req.Context())
	if req.GetBody != nil {
		if retry.Body, err = req.GetBody(); err != nil {
			return resp, nil
		}
	}
	retry.Header.Set("Authorization", "Bearer "+fresh.AccessToken)
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	again, err := t.s.cfg.Transport.RoundTrip(retry)
	switch {
	case err != nil:
	case again.StatusCode == http.StatusUnauthorized:
		t.s.guard.failed(c.conn.ID, t.s.now()) // the refresh did not help: do not repeat it at every call
	default:
		t.s.guard.helped(c.conn.ID)
	}
	return again, err
}

func writeBadGateway(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusBadGateway)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": "the upstream did not answer: retry later", "code": "bad_gateway"})
}
