package gatewayapi

import (
	"encoding/json"
	"io"
	"net/http"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/gateway"
	"github.com/fathom-oss/fathom/internal/server"
)

// connectionJSON is Maton's Connection object (spec §14.2).
type connectionJSON struct {
	ConnectionID    string            `json:"connection_id"`
	Status          string            `json:"status"`
	CreationTime    string            `json:"creation_time"`
	LastUpdatedTime string            `json:"last_updated_time"`
	URL             string            `json:"url"`
	App             string            `json:"app"`
	Method          string            `json:"method"`
	Metadata        map[string]string `json:"metadata"`
}

// timeLayout is Maton's: UTC with microseconds and Z.
const timeLayout = "2006-01-02T15:04:05.000000Z"

func (h *Handler) wire(c *fathom.Connection) connectionJSON {
	md := c.Metadata
	if md == nil {
		md = map[string]string{}
	}
	return connectionJSON{ConnectionID: c.ID, Status: c.Status, CreationTime: c.CreatedAt.UTC().Format(timeLayout),
		LastUpdatedTime: c.UpdatedAt.UTC().Format(timeLayout), URL: h.gw.ConnectURL(c), App: c.App, Method: c.Method,
		Metadata: md}
}

type connectionEnvelope struct {
	Connection connectionJSON `json:"connection"`
}

func (h *Handler) listConnections(r *http.Request, p *fathom.Principal) (int, any, error) {
	q := r.URL.Query()
	cs, err := h.gw.List(r.Context(), p, gateway.ListFilter{App: q.Get("app"), Status: q.Get("status")})
	if err != nil {
		return 0, nil, err
	}
	out := make([]connectionJSON, 0, len(cs))
	for _, c := range cs {
		out = append(out, h.wire(c))
	}
	return http.StatusOK, map[string]any{"connections": out}, nil
}

// createConnection answers 200, not 201: Maton's docs show no status and
// clients written against them are safest with the plain one.
func (h *Handler) createConnection(r *http.Request, p *fathom.Principal) (int, any, error) {
	var body struct {
		App    string `json:"app"`
		Method string `json:"method"`
	}
	if err := server.DeclaredTooLarge(r, 64<<10); err != nil {
		return 0, nil, err
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil {
		return 0, nil, fathom.Errorf(fathom.EINVALID, "could not read the request body")
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		return 0, nil, fathom.Errorf(fathom.EINVALID, `body must be JSON like {"app":"fathom","method":"OAUTH2"}`)
	}
	c, err := h.gw.Create(r.Context(), p, body.App, body.Method)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, connectionEnvelope{h.wire(c)}, nil
}

func (h *Handler) getConnection(r *http.Request, p *fathom.Principal) (int, any, error) {
	c, err := h.gw.Get(r.Context(), p, r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, connectionEnvelope{h.wire(c)}, nil
}

// deleteConnection answers 200 with the id and the time of deletion (the
// shape is unknown, spec §15 #14; clients accept any 2xx).
func (h *Handler) deleteConnection(r *http.Request, p *fathom.Principal) (int, any, error) {
	id := r.PathValue("id")
	if err := h.gw.Delete(r.Context(), p, id); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"connection_id": id, "deleted": true,
		"deletion_time": time.Now().UTC().Format(timeLayout)}, nil
}
