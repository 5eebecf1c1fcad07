// Package webapp is the server's web pages for people: sign-in and
// sign-out, the meetings home, a meeting's page (/calls/{id}), its share
// page (/share/{token}), the webhooks page and the knowledge dashboard
// (/knowledge). Pages are html/template
// rendered on the server from embedded templates and assets, under a
// strict Content-Security-Policy; the little JavaScript there is only
// enhances pages that work without it.
//
// It decodes requests, calls the services (internal/meeting,
// internal/session, internal/oauth, internal/conversation) and renders what they return: it holds
// no rules of its own (who may see a meeting is meeting.Service's) and
// never touches storage.
package webapp

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/fathom-oss/fathom/internal/conversation"
	"github.com/fathom-oss/fathom/internal/csrf"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/oauth"
	"github.com/fathom-oss/fathom/internal/server"
	"github.com/fathom-oss/fathom/internal/session"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

const (
	sessionCookie = "fathom_session"
	csrfCookie    = "fathom_csrf"
)

// Prefixes are the paths the pages are served under (besides "/"), for
// the server's own errors to be written as pages.
var Prefixes = []string{"/calls/", "/share/", "/signin", "/signout", "/webhooks", "/knowledge", "/assets/"}

// Config sets the pages' behaviour.
type Config struct {
	// SecureCookies marks the cookies Secure (the public URL is https).
	SecureCookies bool
	// DefaultTenant pre-fills the sign-in form's workspace.
	DefaultTenant string
	Logger        *slog.Logger
}

// Handler serves the pages.
type Handler struct {
	meetings *meeting.Service
	// conversations is the Context API's knowledge, for the dashboard.
	conversations *conversation.Service
	sessions      *session.Service
	oauth         *oauth.Service
	csrf          *csrf.Guard
	cfg           Config
	pages         map[string]*template.Template
}

// New returns a handler whose CSRF cookie and form tokens are signed with
// key. The key is required: servers behind one database must share it so
// that a form served by one posts to another (the app derives it from the
// secret key), and an empty key would sign forms anyone can forge.
func New(meetings *meeting.Service, conversations *conversation.Service, sessions *session.Service, signIn *oauth.Service,
	key []byte, cfg Config) (*Handler, error) {
	sign, err := csrf.NewSigner(key)
	if err != nil {
		return nil, fmt.Errorf("webapp: %w", err)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Handler{meetings: meetings, conversations: conversations, sessions: sessions, oauth: signIn, cfg: cfg, pages: parsePages(),
		csrf: csrf.New(sign, csrfCookie, "/", cfg.SecureCookies)}, nil
}

// Register mounts the routes on mux.
func (h *Handler) Register(mux *server.Mux) {
	mux.HandleFunc("GET /{$}", h.signedIn(h.home))
	mux.HandleFunc("GET /signin", h.signInPage)
	mux.HandleFunc("POST /signin", h.signInSubmit)
	mux.HandleFunc("POST /signout", h.signOut)
	mux.HandleFunc("GET /calls/{id}", h.signedIn(h.call))
	mux.HandleFunc("GET /calls/{id}/media", h.signedIn(h.callMedia))
	mux.HandleFunc("GET /share/{token}", h.share)
	mux.HandleFunc("GET /share/{token}/media", h.sharedMedia)
	mux.HandleFunc("GET /webhooks", h.signedIn(h.webhooks))
	mux.HandleFunc("POST /webhooks/{id}/deliveries/{delivery}/redeliver", h.signedIn(h.redeliver))
	mux.HandleFunc("GET /knowledge", h.signedIn(h.knowledge))
	mux.HandleFunc("GET /knowledge/conversations", h.signedIn(h.knowledgeConversations))
	mux.HandleFunc("GET /knowledge/{name}", h.signedIn(h.knowledgeType))
	assets, _ := fs.Sub(assetFS, "assets")
	files := http.StripPrefix("/assets/", http.FileServerFS(assets))
	mux.Handle("GET /assets/{file}", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	}))
}

// viewer is the signed-in person on a page.
type viewer struct {
	caller *meeting.Caller
	csrf   string // the form token of this browser
}

// signedIn runs next for a signed-in user with a live session; anyone
// else goes to the sign-in page, and comes back after.
func (h *Handler) signedIn(next func(http.ResponseWriter, *http.Request, *viewer)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, err := h.caller(r)
		if errors.Is(err, session.ErrNoSession) {
			h.clearSession(w)
			dest := "/signin?next=" + url.QueryEscape(r.URL.RequestURI())
			if r.Method != http.MethodGet {
				dest = "/signin"
			}
			http.Redirect(w, r, dest, http.StatusSeeOther)
			return
		}
		if err != nil {
			h.fail(w, r, nil, err)
			return
		}
		next(w, r, &viewer{caller: c, csrf: h.csrf.Token(h.csrf.Nonce(w, r))})
	}
}

// caller resolves the request's session to its member.
func (h *Handler) caller(r *http.Request) (*meeting.Caller, error) {
	ck, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil, session.ErrNoSession
	}
	p, err := h.sessions.Resolve(r.Context(), ck.Value)
	if err != nil {
		return nil, err
	}
	c, err := h.meetings.Caller(r.Context(), p, false)
	if fathom.ErrorCode(err) == fathom.EUNAUTHORIZED { // the user is gone
		return nil, session.ErrNoSession
	}
	return c, err
}

func (h *Handler) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: h.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// checkForm reads a posted form and verifies its CSRF token; it answers
// the request itself when it may not go on.
func (h *Handler) checkForm(w http.ResponseWriter, r *http.Request) bool {
	if server.DeclaredTooLarge(r, 64<<10) != nil {
		h.errorPage(w, r, nil, http.StatusRequestEntityTooLarge, "The form is too large.")
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		h.errorPage(w, r, nil, http.StatusBadRequest, "The form could not be read.")
		return false
	}
	if _, ok := h.csrf.Check(r); !ok {
		h.errorPage(w, r, nil, http.StatusForbidden, "The form expired or did not come from this site. Go back, reload the page and try again.")
		return false
	}
	return true
}

// localPath returns next when it is a path on this site, else "/": the
// sign-in page never sends a browser elsewhere.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
