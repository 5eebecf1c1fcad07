package gateway_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestWrongMethodIsA405InTheGatewayShape: another method on a gateway
// route is a 405 with Allow and the gateway's JSON error, not the mux's
// plain text.
func TestWrongMethodIsA405InTheGatewayShape(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for _, c := range []struct{ method, path, allow string }{
		{http.MethodPut, "/connections", "GET, POST"},
		{http.MethodPost, "/connections/1", "GET, DELETE"},
		{http.MethodPost, "/connect", "GET"},
		{http.MethodDelete, "/connect/callback", "GET"},
	} {
		r := h.do(t, c.method, c.path, h.key, "")
		if r.Status != http.StatusMethodNotAllowed || r.Header.Get("Allow") != c.allow ||
			!strings.Contains(r.Raw, `"error":"`+c.method+` is not allowed here; use `+c.allow+`"`) {
			t.Errorf("%s %s: %d %v %s", c.method, c.path, r.Status, r.Header, r.Raw)
		}
	}
}
