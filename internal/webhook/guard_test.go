package webhook

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"testing"
)

func TestCheckURL(t *testing.T) {
	t.Parallel()
	strict, open := Guard{}, Guard{AllowPrivate: true}
	tests := []struct {
		name  string
		guard Guard
		raw   string
		want  error  // nil, ErrInvalidURL or ErrPrivateAddress
		msg   string // the whole message, when it matters
	}{
		{"public https", strict, "https://example.com/hook?connectionId=1", nil, ""},
		{"public https with port", strict, "https://example.com:8443/hook", nil, ""},
		{"public IPv4 literal", strict, "https://93.184.216.34/", nil, ""},
		{"public IPv6 literal", strict, "https://[2606:2800:220:1::1]/", nil, ""},
		{"upper-case scheme", strict, "HTTPS://example.com/", nil, ""},
		{"plain http", strict, "http://example.com/hook", ErrInvalidURL, "must be an absolute https URL"},
		{"plain http allowed", open, "http://example.com/hook", nil, ""},
		{"relative", strict, "/hook", ErrInvalidURL, "must be an absolute https URL"},
		{"relative, private allowed", open, "example.com/hook", ErrInvalidURL, "must be an absolute http or https URL"},
		{"no host", strict, "https:///hook", ErrInvalidURL, ""},
		{"opaque", strict, "https:example.com", ErrInvalidURL, ""},
		{"other scheme", open, "ftp://example.com/", ErrInvalidURL, ""},
		{"javascript", open, "javascript:alert(1)", ErrInvalidURL, ""},
		{"empty", strict, "", ErrInvalidURL, ""},
		{"unparsable", strict, "https://exa mple.com/%zz", ErrInvalidURL, ""},
		{"credentials", strict, "https://user:pw@example.com/", ErrInvalidURL, "must not contain user credentials"},
		{"credentials, private allowed", open, "https://user@example.com/", ErrInvalidURL, ""},
		{"loopback", strict, "https://127.0.0.1:8080/hook", ErrPrivateAddress, "points to a private address (127.0.0.1)"},
		{"loopback allowed", open, "http://127.0.0.1:8080/hook", nil, ""},
		{"localhost", strict, "https://localhost/hook", ErrPrivateAddress, "points to a private address (localhost)"},
		{"localhost dot", strict, "https://LOCALHOST./hook", ErrPrivateAddress, ""},
		{"sub.localhost", strict, "https://a.localhost/hook", ErrPrivateAddress, ""},
		{"localhost allowed", open, "http://localhost:1/hook", nil, ""},
		{"metadata", strict, "https://169.254.169.254/latest", ErrPrivateAddress, ""},
		{"private 10", strict, "https://10.1.2.3/", ErrPrivateAddress, ""},
		{"IPv6 loopback", strict, "https://[::1]/", ErrPrivateAddress, "points to a private address (::1)"},
		{"IPv4-mapped loopback", strict, "https://[::ffff:127.0.0.1]/", ErrPrivateAddress, ""},
		{"link-local with zone", strict, "https://[fe80::1%25eth0]/", ErrPrivateAddress, ""},
		{"unspecified", strict, "https://0.0.0.0/", ErrPrivateAddress, ""},
		{"decimal IPv4", strict, "https://2130706433/", ErrInvalidURL, "has an invalid host (2130706433)"},
		{"short IPv4", strict, "https://127.1/", ErrInvalidURL, ""},
		{"hex IPv4", strict, "https://0x7f.0x1/", ErrInvalidURL, ""},
		{"leading-zero IPv4", open, "https://010.0.0.1/", ErrInvalidURL, ""},
		{"numeric label not last", strict, "https://123.example.com/", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u, err := tt.guard.CheckURL(tt.raw)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("CheckURL(%q) = %v, want %v", tt.raw, err, tt.want)
			}
			if err == nil && u == nil || err != nil && u != nil {
				t.Fatalf("CheckURL(%q) = %v, %v", tt.raw, u, err)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("message = %q, want %q", err.Error(), tt.msg)
			}
			if err != nil && strings.Contains(err.Error(), "webhook") {
				t.Errorf("message %q must read as a field predicate", err.Error())
			}
		})
	}
}

func TestIsPublic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ip   string
		want bool
	}{
		{"93.184.216.34", true},
		{"8.8.8.8", true},
		{"2606:2800:220:1::1", true},
		{"64:ff9b::808:808", true}, // NAT64 of 8.8.8.8
		{"2002:808:808::1", true},  // 6to4 of 8.8.8.8
		{"::ffff:8.8.8.8", true},   // IPv4-mapped public
		{"127.0.0.1", false},
		{"127.255.255.254", false},
		{"10.0.0.1", false},
		{"172.16.0.1", false},
		{"172.31.255.255", false},
		{"172.32.0.1", true},
		{"192.168.1.1", false},
		{"169.254.169.254", false},
		{"0.0.0.0", false},
		{"0.1.2.3", false},
		{"100.64.0.1", false},
		{"100.127.255.255", false},
		{"100.128.0.1", true},
		{"224.0.0.1", false},
		{"239.255.255.250", false},
		{"255.255.255.255", false},
		{"192.0.0.170", false},
		{"198.18.0.1", false},
		{"::", false},
		{"::1", false},
		{"::127.0.0.1", false},      // IPv4-compatible
		{"::ffff:127.0.0.1", false}, // IPv4-mapped
		{"::ffff:10.0.0.1", false},
		{"::ffff:169.254.169.254", false},
		{"64:ff9b::7f00:1", false},   // NAT64 of 127.0.0.1
		{"2002:7f00:1::", false},     // 6to4 of 127.0.0.1
		{"2002:a9fe:a9fe::1", false}, // 6to4 of 169.254.169.254
		{"fc00::1", false},
		{"fd12:3456::1", false},
		{"fe80::1", false},
		{"fe80::1%eth0", false},
		{"fec0::1", false},
		{"ff02::1", false},
		{"100::1", false},
	}
	for _, tt := range tests {
		if got := isPublic(netip.MustParseAddr(tt.ip)); got != tt.want {
			t.Errorf("isPublic(%s) = %v, want %v", tt.ip, got, tt.want)
		}
	}
}

// TestDialRefusesPrivate checks the connect-time check, which is what stops
// a public-looking name that resolves, or is rebound, to a private address.
func TestDialRefusesPrivate(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	tests := []struct {
		name  string
		guard Guard
		addr  string
		want  error
	}{
		{"literal refused", Guard{}, "127.0.0.1:" + port, ErrPrivateAddress},
		{"name resolving to loopback refused", Guard{}, "localhost:" + port, ErrPrivateAddress},
		{"literal allowed", Guard{AllowPrivate: true}, "127.0.0.1:" + port, nil},
		{"name allowed", Guard{AllowPrivate: true}, "localhost:" + port, nil},
	}
	for _, tt := range tests {
		c, err := tt.guard.DialContext(context.Background(), "tcp4", tt.addr)
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("%s: DialContext(%s) = %v, want %v", tt.name, tt.addr, err, tt.want)
		}
		if c != nil {
			c.Close()
		}
	}
}

func TestControlContext(t *testing.T) {
	t.Parallel()
	g := Guard{}
	for addr, want := range map[string]error{
		"93.184.216.34:443":        nil,
		"[::ffff:127.0.0.1]:80":    ErrPrivateAddress,
		"[fe80::1%eth0]:443":       ErrPrivateAddress,
		"10.0.0.1:443":             ErrPrivateAddress,
		"not-an-address:443":       ErrInvalidURL,
		"[2606:2800:220:1::1]:443": nil,
	} {
		err := g.ControlContext(context.Background(), "tcp", addr, nil)
		if !errors.Is(err, want) || (want == nil) != (err == nil) {
			t.Errorf("ControlContext(%s) = %v, want %v", addr, err, want)
		}
	}
}

// FuzzCheckURL checks that CheckURL never panics and never accepts a URL
// that is not absolute https with a host and no credentials, or a literal
// non-public address.
func FuzzCheckURL(f *testing.F) {
	for _, s := range []string{"https://example.com/", "http://127.0.0.1/", "https://[::ffff:10.0.0.1]/", "https://u@h/", "https://2130706433/", "https://localhost./"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := Guard{}.CheckURL(raw)
		if err != nil {
			return
		}
		if u.Scheme != "https" || u.Host == "" || u.User != nil {
			t.Fatalf("CheckURL(%q) accepted %#v", raw, u)
		}
		if ip, err := netip.ParseAddr(u.Hostname()); err == nil && !isPublic(ip) {
			t.Fatalf("CheckURL(%q) accepted private %s", raw, ip)
		}
	})
}
