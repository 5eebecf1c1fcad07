package webapp

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/server"
)

// csp allows the page's own embedded assets and nothing else: no inline
// script or style, no other origin, no framing.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; connect-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// page is what every template reads: the frame's fields and the page's own.
type page struct {
	Title  string
	User   string // the signed-in user's email, "" when no one is
	CSRF   string
	Nav    string // the current section: meetings, webhooks, knowledge
	Status int
	Error  string
	Data   any
}

var funcs = template.FuncMap{
	"clock":   clock,
	"date":    func(t time.Time) string { return t.UTC().Format("Jan 2, 2006 15:04 UTC") },
	"minutes": minutes,
	"pct":     func(f float64) float64 { return f * 100 },
	"iso":     func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"secs":    func(d time.Duration) int64 { return int64(d.Seconds()) },
}

// parsePages parses each page with the frame and the parts they share.
func parsePages() map[string]*template.Template {
	base := template.Must(template.New("frame").Funcs(funcs).ParseFS(templateFS, "templates/frame.html", "templates/knowledgeparts.html"))
	out := map[string]*template.Template{}
	for _, name := range []string{"signin", "home", "call", "webhooks", "knowledge", "issuetype", "conversations", "error"} {
		out[name] = template.Must(template.Must(base.Clone()).ParseFS(templateFS, "templates/"+name+".html"))
	}
	return out
}

// render writes a page with headers that keep it out of caches and frames.
// It renders to a buffer first, so that a template error is a 500 page and
// never half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	var buf bytes.Buffer
	if err := h.pages[name].ExecuteTemplate(&buf, "frame", p); err != nil {
		server.Info(r.Context()).Err = fmt.Errorf("render %s: %w", name, err)
		status, buf = http.StatusInternalServerError, bytes.Buffer{}
		_ = h.pages["error"].ExecuteTemplate(&buf, "frame", page{Title: "Something went wrong", Status: status,
			Error: "internal error (request " + server.Info(r.Context()).ID + ")"})
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Security-Policy", csp)
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "same-origin")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// errorPage is the one error page: 403, 404, 500 and the rest.
func (h *Handler) errorPage(w http.ResponseWriter, r *http.Request, v *viewer, status int, msg string) {
	p := page{Title: http.StatusText(status), Status: status, Error: msg}
	if v != nil {
		p.User, p.CSRF = v.caller.Email, v.csrf
	}
	h.render(w, r, status, "error", p)
}

// fail shows a service's error as a page: its message for the caller's
// errors, "internal error" and the request id (the error logged with the
// request) for the rest.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, v *viewer, err error) {
	code := fathom.ErrorCode(err)
	if code == fathom.EINTERNAL {
		server.Info(r.Context()).Err = err
		h.errorPage(w, r, v, http.StatusInternalServerError, "internal error (request "+server.Info(r.Context()).ID+")")
		return
	}
	h.errorPage(w, r, v, server.StatusFor(code), fathom.ErrorMessage(err))
}

// WriteError writes an error the server answers itself (server.ErrorWriter)
// as a page.
func (h *Handler) WriteError(w http.ResponseWriter, r *http.Request, status int, _ string, msg string) {
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		if w.Header().Get("Retry-After") == "" {
			w.Header().Set("Retry-After", "1")
		}
	} else if status >= 500 {
		msg += " (request " + server.Info(r.Context()).ID + ")"
	}
	h.errorPage(w, r, nil, status, msg)
}

// clock writes an offset into a recording as m:ss or h:mm:ss.
func clock(d time.Duration) string {
	s := int64(d.Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return strconv.FormatInt(s/60, 10) + fmt.Sprintf(":%02d", s%60)
}

// minutes writes a duration in minutes, "under 1 min" below one.
func minutes(m float64) string {
	if m < 1 {
		return "under 1 min"
	}
	return fmt.Sprintf("%.0f min", m)
}
