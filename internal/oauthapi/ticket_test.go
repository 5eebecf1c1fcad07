package oauthapi

import (
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/csrf"
	"github.com/fathom-oss/fathom/internal/oauth"
)

func ticketFixture(now *time.Time) (*Handler, *oauth.AuthorizeRequest, string) {
	h := mustNew(New(nil, key("test key"), Config{Now: func() time.Time { return *now }}))
	req := &oauth.AuthorizeRequest{ClientID: "fci_x", RedirectURI: "https://app.example.com/cb", ResponseType: "code",
		Scope: "public_api", State: "st ate"}
	return h, req, h.issueTicket(ticket{TenantID: 1, UserID: 2, Nonce: "nonce", Request: digest(req)})
}

// key is a signing key of the required length made from seed.
func key(seed string) []byte {
	k := make([]byte, csrf.MinKeyBytes)
	copy(k, seed)
	return k
}

func mustNew(h *Handler, err error) *Handler {
	if err != nil {
		panic(err)
	}
	return h
}

// The signing key is required: no key, or a short one, is refused rather
// than replaced by a random key that other servers cannot share.
func TestNewRequiresTheKey(t *testing.T) {
	for _, k := range [][]byte{nil, []byte("short")} {
		if _, err := New(nil, k, Config{}); err == nil {
			t.Errorf("New took a %d-byte key", len(k))
		}
	}
	if _, err := New(nil, key("k"), Config{}); err != nil {
		t.Errorf("New refused a %d-byte key: %v", csrf.MinKeyBytes, err)
	}
}

func TestTicketIsBound(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	h, req, tk := ticketFixture(&now)
	if got, ok := h.readTicket(tk, "nonce", req); !ok || got.UserID != 2 || got.TenantID != 1 {
		t.Fatalf("valid ticket refused: %+v", got)
	}
	if _, ok := h.readTicket(tk, "other nonce", req); ok {
		t.Error("ticket accepted with another browser's nonce")
	}
	other := *req
	other.State = "st ate2"
	if _, ok := h.readTicket(tk, "nonce", &other); ok {
		t.Error("ticket accepted for another request")
	}
	if _, ok := mustNew(New(nil, key("another key"), Config{})).readTicket(tk, "nonce", req); ok {
		t.Error("ticket accepted under another key")
	}
	now = now.Add(ticketTTL + time.Second)
	if _, ok := h.readTicket(tk, "nonce", req); ok {
		t.Error("expired ticket accepted")
	}
}

// FuzzReadTicket: no string but the issued ticket is ever accepted.
func FuzzReadTicket(f *testing.F) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	h, req, valid := ticketFixture(&now)
	f.Add(valid)
	f.Add("")
	f.Add("e30.")
	f.Add(valid[:len(valid)-1] + "A")
	f.Fuzz(func(t *testing.T, s string) {
		if _, ok := h.readTicket(s, "nonce", req); ok && s != valid {
			t.Fatalf("forged ticket %q accepted", s)
		}
	})
}
