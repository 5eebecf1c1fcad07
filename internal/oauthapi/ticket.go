package oauthapi

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/oauth"
)

// Sign-in state travels to the consent form as a ticket: the user, the
// CSRF nonce (internal/csrf) and a digest of the authorization request,
// signed and valid for a few minutes. No session is kept on the server.

const (
	csrfCookie = "fathom_oauth_csrf"
	ticketTTL  = 10 * time.Minute
)

var b64 = base64.RawURLEncoding

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
	return body + "." + h.sign.Sign("ticket", body)
}

// readTicket returns the ticket if it is signed, unexpired, and bound to
// this nonce and request.
func (h *Handler) readTicket(s, nonce string, req *oauth.AuthorizeRequest) (*ticket, bool) {
	body, sig, ok := strings.Cut(s, ".")
	if !ok || !h.sign.Verify("ticket", body, sig) {
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
