package gatewayapi

import (
	"html/template"
	"net/http"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/server"
)

// The consent pages are opened by a person's browser, not an API client:
// they answer with a redirect or a small HTML page, never JSON. They need
// no API key: the session token in the link, then the OAuth state, are
// the credentials, and both are secrets kept out of the access log (it logs
// paths, not queries).

// connect sends the browser to the upstream's consent screen.
func (h *Handler) connect(w http.ResponseWriter, r *http.Request) {
	to, err := h.gw.BeginConnect(r.Context(), r.URL.Query().Get("session_token"))
	if err != nil {
		page(w, r, err, nil)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	http.Redirect(w, r, to, http.StatusFound)
}

// callback finishes the consent and tells the person how it went.
func (h *Handler) callback(w http.ResponseWriter, r *http.Request) {
	c, err := h.gw.FinishConnect(r.Context(), r.URL.Query())
	page(w, r, err, c)
}

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 36em; margin: 4em auto; line-height: 1.5">
<h1>{{.Title}}</h1>
<p>{{.Message}}</p>
{{if .ID}}<p>Connection: <code>{{.ID}}</code></p>{{end}}
</body></html>
`))

// page writes the outcome of a consent step for a person.
func page(w http.ResponseWriter, r *http.Request, err error, c *fathom.Connection) {
	data := struct{ Title, Message, ID string }{Title: "Connected", Message: "Your Fathom account is connected. You can close this page."}
	status := http.StatusOK
	if c != nil {
		data.ID = c.ID
	}
	if err != nil {
		code := fathom.ErrorCode(err)
		status = server.StatusFor(code)
		data.Title, data.Message = "Not connected", fathom.ErrorMessage(err)
		if code == fathom.EINTERNAL {
			ri := server.Info(r.Context())
			ri.Err = err
			data.Message += " (request " + ri.ID + ")"
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	_ = pageTemplate.Execute(w, data)
}
