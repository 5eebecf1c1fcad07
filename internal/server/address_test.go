package server

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientAddr(t *testing.T) {
	proxy := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	for _, c := range []struct {
		name, peer, xff string
		trusted         []netip.Prefix
		want            string
	}{
		{"no proxy trusted: header ignored", "203.0.113.1:5000", "198.51.100.1", nil, "203.0.113.1"},
		{"untrusted peer: header ignored", "203.0.113.1:5000", "198.51.100.1", proxy, "203.0.113.1"},
		{"trusted proxy: nearest client", "10.0.0.2:5000", "198.51.100.9, 198.51.100.1, 10.0.0.3", proxy, "198.51.100.1"},
		{"trusted proxy, no header", "10.0.0.2:5000", "", proxy, "10.0.0.2"},
		{"malformed hop stops the walk", "10.0.0.2:5000", "198.51.100.1, junk", proxy, "10.0.0.2"},
		{"mapped IPv4", "[::ffff:203.0.113.1]:5000", "", nil, "203.0.113.1"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.peer
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := clientAddr(r, c.trusted); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if got := addressKey("2001:db8::1"); got != "2001:db8::/64" {
		t.Errorf("IPv6 key %q", got)
	}
}
