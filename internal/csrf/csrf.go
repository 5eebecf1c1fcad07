// Package csrf guards the server's HTML forms against cross-site request
// forgery with signed double-submit cookies: the browser holds a random
// nonce in a signed, HttpOnly, SameSite=Lax cookie; each form carries a
// token derived from that nonce with the server's key. A cross-site form
// can neither read the token nor, with SameSite=Lax, send the cookie.
//
// It keeps no state on the server: servers sharing a key accept each
// other's forms. It knows nothing of what the forms do.
package csrf

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
)

// FieldName is the form field that carries the token.
const FieldName = "csrf_token"

var b64 = base64.RawURLEncoding

// Signer signs messages with a key; purposes keep the signatures of
// cookies, form tokens and anything else signed with the key apart.
type Signer struct{ key []byte }

// MinKeyBytes is the shortest key NewSigner takes.
const MinKeyBytes = 32

// NewSigner returns a signer with key. The key is required, at least
// MinKeyBytes long: an empty or short key would sign tokens anyone can
// forge, and a key made up here could not be shared by the servers of one
// database, whose forms each must accept.
func NewSigner(key []byte) (Signer, error) {
	if len(key) < MinKeyBytes {
		return Signer{}, fmt.Errorf("the signing key has %d bytes, want at least %d", len(key), MinKeyBytes)
	}
	return Signer{key: key}, nil
}

// Sign returns msg's signature for purpose.
func (s Signer) Sign(purpose, msg string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(purpose + "\x00" + msg))
	return b64.EncodeToString(m.Sum(nil))
}

// Verify reports whether sig is msg's signature for purpose.
func (s Signer) Verify(purpose, msg, sig string) bool {
	return hmac.Equal([]byte(s.Sign(purpose, msg)), []byte(sig))
}

// Guard issues and checks the nonce cookie and form tokens of one set of
// pages.
type Guard struct {
	sign   Signer
	cookie string
	path   string
	secure bool
}

// New returns a guard whose cookie is named cookie, scoped to path and
// marked Secure when secure (the public URL is https).
func New(sign Signer, cookie, path string, secure bool) *Guard {
	return &Guard{sign: sign, cookie: cookie, path: path, secure: secure}
}

// Nonce returns the request's verified nonce, or makes one and sets its
// cookie on w.
func (g *Guard) Nonce(w http.ResponseWriter, r *http.Request) string {
	if n, ok := g.cookieNonce(r); ok {
		return n
	}
	b := make([]byte, 24)
	_, _ = rand.Read(b) // never fails on supported platforms (Go 1.24+)
	n := b64.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: g.cookie, Value: n + "." + g.sign.Sign("cookie", n), Path: g.path,
		HttpOnly: true, Secure: g.secure, SameSite: http.SameSiteLaxMode})
	return n
}

// Token is the form token that goes with nonce.
func (g *Guard) Token(nonce string) string { return g.sign.Sign("form", nonce) }

// Check verifies the posted form's token (r.PostForm must be parsed)
// against the cookie's nonce, and returns the nonce.
func (g *Guard) Check(r *http.Request) (string, bool) {
	n, ok := g.cookieNonce(r)
	if !ok {
		return "", false
	}
	return n, g.sign.Verify("form", n, r.PostForm.Get(FieldName))
}

func (g *Guard) cookieNonce(r *http.Request) (string, bool) {
	c, err := r.Cookie(g.cookie)
	if err != nil {
		return "", false
	}
	n, sig, ok := strings.Cut(c.Value, ".")
	if !ok || n == "" || !g.sign.Verify("cookie", n, sig) {
		return "", false
	}
	return n, true
}
