package oauthapi

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/oauth"
	"github.com/fathom-oss/fathom/internal/server"
)

// The authorization endpoint (RFC 6749 §4.1.1): GET shows the sign-in page,
// POST to the same path signs in, then approves or denies. Until the client
// and its exact redirect URI are verified, every error is a page; after,
// errors go back to the client as ?error=...&state=....

// requestParams are the authorization request's parameters, carried from
// the query into the forms as hidden fields.
var requestParams = []string{"client_id", "redirect_uri", "scope", "state", "response_type", "code_challenge", "code_challenge_method"}

func authorizeRequest(v url.Values) (oauth.AuthorizeRequest, bool) {
	for _, p := range requestParams {
		if len(v[p]) > 1 { // RFC 6749 §3.1: no parameter twice
			return oauth.AuthorizeRequest{}, false
		}
	}
	return oauth.AuthorizeRequest{ClientID: v.Get("client_id"), RedirectURI: v.Get("redirect_uri"), Scope: v.Get("scope"),
		State: v.Get("state"), ResponseType: v.Get("response_type"), CodeChallenge: v.Get("code_challenge"),
		CodeChallengeMethod: v.Get("code_challenge_method")}, true
}

// start validates the request's client and redirect URI, then the rest; it
// reports whether the handler may go on.
func (h *Handler) start(w http.ResponseWriter, r *http.Request, v url.Values) (*fathom.OAuthApp, oauth.AuthorizeRequest, bool) {
	req, ok := authorizeRequest(v)
	if !ok {
		errorPage(w, http.StatusBadRequest, "Invalid request", "A parameter of the authorization request appears more than once.")
		return nil, req, false
	}
	app, err := h.svc.App(r.Context(), req.ClientID, req.RedirectURI)
	if err != nil {
		h.pageFail(w, r, err)
		return nil, req, false
	}
	if err := req.Check(); err != nil {
		e, _ := oauth.AsError(err)
		redirect(w, r, req, url.Values{"error": {e.Code}, "error_description": {e.Description}})
		return nil, req, false
	}
	return app, req, true
}

func (h *Handler) authorizePage(w http.ResponseWriter, r *http.Request) {
	app, req, ok := h.start(w, r, r.URL.Query())
	if !ok {
		return
	}
	n := h.csrf.Nonce(w, r)
	render(w, http.StatusOK, "signin", h.form(n, app, req, page{Title: "Sign in", Workspace: h.defaultTenant}))
}

func (h *Handler) authorizeSubmit(w http.ResponseWriter, r *http.Request) {
	if server.DeclaredTooLarge(r, 64<<10) != nil {
		errorPage(w, http.StatusRequestEntityTooLarge, "Invalid request", "The form is too large.")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		errorPage(w, http.StatusBadRequest, "Invalid request", "The form could not be read.")
		return
	}
	n, ok := h.csrf.Check(r)
	if !ok {
		errorPage(w, http.StatusForbidden, "Forbidden", "The form expired or did not come from this site. Start again from the application.")
		return
	}
	app, req, ok := h.start(w, r, r.PostForm)
	if !ok {
		return
	}
	switch r.PostForm.Get("action") {
	case "signin":
		h.signIn(w, r, n, app, req)
	case "approve", "deny":
		tk, ok := h.readTicket(r.PostForm.Get("ticket"), n, &req)
		if !ok {
			errorPage(w, http.StatusForbidden, "Sign-in expired", "Your sign-in expired or does not belong to this request. Start again from the application.")
			return
		}
		if r.PostForm.Get("action") == "deny" {
			redirect(w, r, req, url.Values{"error": {oauth.CodeAccessDenied}, "error_description": {"the user denied access"}})
			return
		}
		code, err := h.svc.Authorize(r.Context(), app, fathom.Principal{TenantID: tk.TenantID, UserID: tk.UserID}, req)
		if err != nil {
			h.pageFail(w, r, err)
			return
		}
		redirect(w, r, req, url.Values{"code": {code}})
	default:
		errorPage(w, http.StatusBadRequest, "Invalid request", "Unknown action.")
	}
}

func (h *Handler) signIn(w http.ResponseWriter, r *http.Request, n string, app *fathom.OAuthApp, req oauth.AuthorizeRequest) {
	workspace, email := strings.TrimSpace(r.PostForm.Get("workspace")), strings.TrimSpace(r.PostForm.Get("email"))
	u, err := h.svc.SignIn(r.Context(), workspace, email, r.PostForm.Get("password"), server.Info(r.Context()).ClientAddr)
	var limited *oauth.LimitedError
	switch {
	case errors.As(err, &limited):
		w.Header().Set("Retry-After", strconv.Itoa(int((limited.RetryAfter+time.Second-1)/time.Second)))
		render(w, http.StatusTooManyRequests, "signin", h.form(n, app, req, page{Title: "Sign in",
			Error: fathom.ErrorMessage(err), Workspace: workspace, Email: email}))
		return
	case errors.Is(err, oauth.ErrBusy):
		w.Header().Set("Retry-After", "1")
		render(w, http.StatusServiceUnavailable, "signin", h.form(n, app, req, page{Title: "Sign in",
			Error: fathom.ErrorMessage(err), Workspace: workspace, Email: email}))
		return
	}
	if fathom.ErrorCode(err) == fathom.EUNAUTHORIZED {
		render(w, http.StatusUnauthorized, "signin", h.form(n, app, req, page{Title: "Sign in",
			Error: fathom.ErrorMessage(err), Workspace: workspace, Email: email}))
		return
	} else if err != nil {
		h.pageFail(w, r, err)
		return
	}
	tk := h.issueTicket(ticket{TenantID: u.TenantID, UserID: u.ID, Email: u.Email, Nonce: n, Request: digest(&req)})
	host := req.RedirectURI
	if ru, err := url.Parse(req.RedirectURI); err == nil {
		host = ru.Host
	}
	render(w, http.StatusOK, "consent", h.form(n, app, req, page{Title: "Authorize " + app.Name, Email: u.Email,
		Scope: req.Scope, Ticket: tk, RedirectHost: host}))
}

// form fills what every form carries: the request, the CSRF token, the app.
func (h *Handler) form(n string, app *fathom.OAuthApp, req oauth.AuthorizeRequest, p page) page {
	p.Action, p.CSRF, p.AppName = basePath+"authorize", h.csrf.Token(n), app.Name
	for _, kv := range [][2]string{{"client_id", req.ClientID}, {"redirect_uri", req.RedirectURI}, {"scope", req.Scope},
		{"state", req.State}, {"response_type", req.ResponseType}, {"code_challenge", req.CodeChallenge},
		{"code_challenge_method", req.CodeChallengeMethod}} {
		if kv[1] != "" {
			p.Hidden = append(p.Hidden, hidden{Name: kv[0], Value: kv[1]})
		}
	}
	return p
}

// redirect sends the browser back to the verified redirect URI with the
// answer and the state, exactly as the client sent it.
func redirect(w http.ResponseWriter, r *http.Request, req oauth.AuthorizeRequest, answer url.Values) {
	if req.State != "" {
		answer.Set("state", req.State)
	}
	sep := "?"
	if strings.Contains(req.RedirectURI, "?") {
		sep = "&"
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	http.Redirect(w, r, req.RedirectURI+sep+answer.Encode(), http.StatusFound)
}

// pageFail shows an error page; internal errors are logged with the
// request and shown only as "internal error".
func (h *Handler) pageFail(w http.ResponseWriter, r *http.Request, err error) {
	code := fathom.ErrorCode(err)
	if code == fathom.EINTERNAL {
		server.Info(r.Context()).Err = err
		errorPage(w, http.StatusInternalServerError, "Something went wrong", "internal error (request "+server.Info(r.Context()).ID+")")
		return
	}
	errorPage(w, server.StatusFor(code), "Cannot authorize this application", fathom.ErrorMessage(err))
}
