package gateway_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/gateway"
)

// TestUpstreamThatKeepsRefusingIsNotRefreshedPerCall: when the resend
// after a refresh is refused again, the connection backs off: further 401s
// stand without a refresh until the backoff (1s, then doubling) is over.
func TestUpstreamThatKeepsRefusingIsNotRefreshedPerCall(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.connected(t, h.key)
	for i := range 10 {
		if r := h.do(t, http.MethodGet, "/fathom/external/v1/always401", h.key, ""); r.Status != http.StatusUnauthorized {
			t.Fatalf("call %d = %d %s", i, r.Status, r.Raw)
		}
	}
	if n := h.up.refreshes.Load(); n != 1 {
		t.Fatalf("refreshes after 10 refused calls = %d, want 1", n)
	}
	h.clock.Advance(time.Second)
	h.do(t, http.MethodGet, "/fathom/external/v1/always401", h.key, "")
	h.do(t, http.MethodGet, "/fathom/external/v1/always401", h.key, "")
	if n := h.up.refreshes.Load(); n != 2 {
		t.Fatalf("refreshes after the backoff = %d, want 2", n)
	}
	// A call the upstream accepts is not held back by the backoff.
	if r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, ""); r.Status != http.StatusOK {
		t.Fatalf("accepted call = %d %s", r.Status, r.Raw)
	}
}

// TestRefreshShareIsPerAccount: one account that spent its share of
// refreshes does not take another account's.
func TestRefreshShareIsPerAccount(t *testing.T) {
	t.Parallel()
	h := newHarness(t, func(c *gateway.Config) { c.RefreshesPerMinute = 3 }) // burst 1
	other := h.newKey(t, "acme", "b@acme.test")
	h.connected(t, h.key)
	h.connected(t, other)
	h.up.revokeAccess()
	if r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, ""); r.Status != http.StatusOK {
		t.Fatalf("first refresh of A = %d %s", r.Status, r.Raw)
	}
	h.up.revokeAccess()
	if r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, ""); r.Status != http.StatusUnauthorized {
		t.Fatalf("A over its share = %d %s", r.Status, r.Raw)
	}
	if r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", other, ""); r.Status != http.StatusOK || !strings.Contains(r.Raw, "Bearer at-") {
		t.Fatalf("B = %d %s", r.Status, r.Raw)
	}
	if n := h.up.refreshes.Load(); n != 2 {
		t.Fatalf("refreshes = %d, want 2 (A once, B once)", n)
	}
	h.clock.Advance(20 * time.Second)
	if r := h.do(t, http.MethodGet, "/fathom/external/v1/meetings", h.key, ""); r.Status != http.StatusOK {
		t.Fatalf("A after 20 s = %d %s", r.Status, r.Raw)
	}
}
