package oauthapi

import (
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/oauth"
)

func ticketFixture(now *time.Time) (*Handler, *oauth.AuthorizeRequest, string) {
	h := New(nil, Config{Key: []byte("test key"), Now: func() time.Time { return *now }})
	req := &oauth.AuthorizeRequest{ClientID: "fci_x", RedirectURI: "https://app.example.com/cb", ResponseType: "code",
		Scope: "public_api", State: "st ate"}
	return h, req, h.issueTicket(ticket{TenantID: 1, UserID: 2, Nonce: "nonce", Request: digest(req)})
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
	if _, ok := New(nil, Config{Key: []byte("another key")}).readTicket(tk, "nonce", req); ok {
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
