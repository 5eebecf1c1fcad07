package webapp

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/oauth"
	"github.com/fathom-oss/fathom/internal/server"
)

// signInForm is the sign-in page's data.
type signInForm struct {
	Workspace, Email, Next string
}

func (h *Handler) signInPage(w http.ResponseWriter, r *http.Request) {
	next := localPath(r.URL.Query().Get("next"))
	if _, err := h.caller(r); err == nil { // signed in already
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	n := h.csrf.Nonce(w, r)
	h.render(w, r, http.StatusOK, "signin", page{Title: "Sign in", CSRF: h.csrf.Token(n),
		Data: signInForm{Workspace: h.cfg.DefaultTenant, Next: next}})
}

// signInSubmit checks the password with the OAuth sign-in's rules and
// limits, starts a session and sends the browser where it was going.
func (h *Handler) signInSubmit(w http.ResponseWriter, r *http.Request) {
	if !h.checkForm(w, r) {
		return
	}
	f := signInForm{Workspace: strings.TrimSpace(r.PostForm.Get("workspace")), Email: strings.TrimSpace(r.PostForm.Get("email")),
		Next: localPath(r.PostForm.Get("next"))}
	again := func(status int, msg string) {
		h.render(w, r, status, "signin", page{Title: "Sign in", CSRF: r.PostForm.Get("csrf_token"), Error: msg, Data: f})
	}
	for _, field := range []struct{ name, value string }{{"workspace", f.Workspace}, {"email", f.Email},
		{"password", r.PostForm.Get("password")}} {
		if field.value == "" {
			again(http.StatusBadRequest, field.name+" is required")
			return
		}
	}
	u, err := h.oauth.SignIn(r.Context(), f.Workspace, f.Email, r.PostForm.Get("password"), server.Info(r.Context()).ClientAddr)
	var limited *oauth.LimitedError
	switch {
	case errors.As(err, &limited):
		w.Header().Set("Retry-After", strconv.Itoa(int((limited.RetryAfter+time.Second-1)/time.Second)))
		again(http.StatusTooManyRequests, fathom.ErrorMessage(err))
		return
	case errors.Is(err, oauth.ErrBusy):
		w.Header().Set("Retry-After", "1")
		again(http.StatusServiceUnavailable, fathom.ErrorMessage(err))
		return
	case fathom.ErrorCode(err) == fathom.EUNAUTHORIZED:
		again(http.StatusUnauthorized, fathom.ErrorMessage(err))
		return
	case err != nil:
		h.fail(w, r, nil, err)
		return
	}
	// A deactivated user knows the password but may see nothing.
	if _, err := h.meetings.Caller(r.Context(), &fathom.Principal{TenantID: u.TenantID, UserID: u.ID}, false); err != nil {
		if c := fathom.ErrorCode(err); c == fathom.EFORBIDDEN || c == fathom.EUNAUTHORIZED {
			again(http.StatusForbidden, fathom.ErrorMessage(err))
			return
		}
		h.fail(w, r, nil, err)
		return
	}
	token, expires, err := h.sessions.Start(r.Context(), u)
	if err != nil {
		h.fail(w, r, nil, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", Expires: expires, HttpOnly: true,
		Secure: h.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, f.Next, http.StatusSeeOther)
}

// signOut ends the session on every server and clears the cookie.
func (h *Handler) signOut(w http.ResponseWriter, r *http.Request) {
	if !h.checkForm(w, r) {
		return
	}
	if ck, err := r.Cookie(sessionCookie); err == nil {
		if err := h.sessions.End(r.Context(), ck.Value); err != nil {
			h.fail(w, r, nil, err)
			return
		}
	}
	h.clearSession(w)
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}
