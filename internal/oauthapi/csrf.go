package oauthapi

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/oauth"
)

// CSRF protection of the sign-in and consent forms (double submit, signed):
// the browser holds a random nonce in a signed, HttpOnly, SameSite=Lax
// cookie; each form carries a token derived from that nonce with the
// server's key. A cross-site form can neither read the token nor, with
// SameSite=Lax, send the cookie.
//
// Sign-in state travels to the consent form as a ticket: the user, the
// nonce and a digest of the authorization request, signed and valid for a
// few minutes. No session is kept on the server.

const (
	csrfCookie = "fathom_oauth_csrf"
	ticketTTL  = 10 * time.Minute
)

var b64 = base64.RawURLEncoding

// signer signs with the handler's key; purposes keep the signatures of
// cookies, form tokens and tickets apart.
type signer struct{ key []byte }

func (s signer) mac(purpose, msg string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(purpose + "\x00" + msg))
	return b64.EncodeToString(m.Sum(nil))
}

func (s signer) verify(purpose, msg, sig string) bool {
	return hmac.Equal([]byte(s.mac(purpose, msg)), []byte(sig))
}

// nonce returns the request's verified CSRF nonce, or makes one and sets
// its cookie.
func (h *Handler) nonce(w http.ResponseWriter, r *http.Request) string {
	if n, ok := h.cookieNonce(r); ok {
		return n
	}
	n := b64.EncodeToString(randomBytes(24))
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: n + "." + h.sign.mac("cookie", n), Path: basePath,
		HttpOnly: true, Secure: h.secure, SameSite: http.SameSiteLaxMode})
	return n
}

func (h *Handler) cookieNonce(r *http.Request) (string, bool) {
	c, err := r.Cookie(csrfCookie)
	if err != nil {
		return "", false
	}
	n, sig, ok := strings.Cut(c.Value, ".")
	if !ok || n == "" || !h.sign.verify("cookie", n, sig) {
		return "", false
	}
	return n, true
}

// checkCSRF verifies the form's token against the cookie's nonce.
func (h *Handler) checkCSRF(r *http.Request) (string, bool) {
	n, ok := h.cookieNonce(r)
	if !ok {
		return "", false
	}
	return n, h.sign.verify("form", n, r.PostForm.Get("csrf_token"))
}

// ticket is the signed-in user, bound to one browser and one request.
type ticket struct {
	TenantID int64  `json:"t"`
	UserID   int64  `json:"u"`
	Email    string `json:"m"`
	Nonce    string `json:"n"`
	Request  string `json:"d"` // digest of the authorization request
	Expires  int64  `json:"e"`
}

func (h *Handler) issueTicket(tk ticket) string {
	tk.Expires = h.now().Add(ticketTTL).Unix()
	raw, _ := json.Marshal(tk)
	body := b64.EncodeToString(raw)
	return body + "." + h.sign.mac("ticket", body)
}

// readTicket returns the ticket if it is signed, unexpired, and bound to
// this nonce and request.
func (h *Handler) readTicket(s, nonce string, req *oauth.AuthorizeRequest) (*ticket, bool) {
	body, sig, ok := strings.Cut(s, ".")
	if !ok || !h.sign.verify("ticket", body, sig) {
		return nil, false
	}
	raw, err := b64.DecodeString(body)
	if err != nil {
		return nil, false
	}
	var tk ticket
	if json.Unmarshal(raw, &tk) != nil || tk.Nonce != nonce || tk.Request != digest(req) || h.now().Unix() > tk.Expires {
		return nil, false
	}
	return &tk, true
}

// digest identifies an authorization request, so that a ticket issued for
// one cannot approve another.
func digest(r *oauth.AuthorizeRequest) string {
	raw, _ := json.Marshal([]string{r.ClientID, r.RedirectURI, r.ResponseType, r.Scope, r.State, r.CodeChallenge, r.CodeChallengeMethod})
	sum := sha256.Sum256(raw)
	return b64.EncodeToString(sum[:])
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails on supported platforms (Go 1.24+)
	return b
}
