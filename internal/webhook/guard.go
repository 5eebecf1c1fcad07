package webhook

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Errors a Guard returns, wrapped in errors whose messages read as a
// predicate of the field ("must be an absolute https URL", "points to a
// private address (127.0.0.1)"), so a caller can write
// "destination_url " + err.Error().
var (
	// ErrInvalidURL: the URL is malformed, not absolute, not https (or http
	// when private targets are allowed), has no host or carries credentials.
	ErrInvalidURL = errors.New("invalid destination URL")
	// ErrPrivateAddress: the host is, or resolves to, an address outside the
	// public internet (loopback, private, link-local, CGNAT, multicast, ...).
	ErrPrivateAddress = errors.New("points to a private address")
)

// guardError carries a field-ready message and the sentinel it is a kind of.
type guardError struct {
	msg  string
	kind error
}

func (e *guardError) Error() string { return e.msg }
func (e *guardError) Unwrap() error { return e.kind }

func invalidURL(msg string) error { return &guardError{msg, ErrInvalidURL} }

func privateAddress(what string) error {
	return &guardError{ErrPrivateAddress.Error() + " (" + what + ")", ErrPrivateAddress}
}

// Guard keeps deliveries away from the server's own network (SSRF). The zero
// value is the safe default: public https targets only.
type Guard struct {
	// AllowPrivate lets targets be loopback, private, link-local and other
	// non-public addresses, and lets them use plain http (default false).
	// It is the operator's option for development and private networks.
	AllowPrivate bool
}

// CheckURL parses raw and checks it as a delivery target: an absolute https
// URL (http too when AllowPrivate) with a host and no user credentials. A
// literal IP address, and the name localhost, are checked at once; other
// host names are checked again at connect time, address by address, by
// DialContext. The error's message reads as a predicate of the field.
func (g Guard) CheckURL(raw string) (*url.URL, error) {
	want := "must be an absolute https URL"
	if g.AllowPrivate {
		want = "must be an absolute http or https URL"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, invalidURL(want)
	}
	switch {
	case u.Scheme != "https" && (u.Scheme != "http" || !g.AllowPrivate):
		return nil, invalidURL(want)
	case u.Opaque != "" || u.Host == "" || u.Hostname() == "":
		return nil, invalidURL(want)
	case u.User != nil:
		return nil, invalidURL("must not contain user credentials")
	}
	host := strings.ToLower(u.Hostname())
	if ip, err := netip.ParseAddr(host); err == nil {
		if err := g.checkAddr(ip); err != nil {
			return nil, err
		}
		return u, nil
	}
	if numericHost(host) {
		return nil, invalidURL("has an invalid host (" + host + ")")
	}
	if name := strings.TrimSuffix(host, "."); !g.AllowPrivate && (name == "localhost" || strings.HasSuffix(name, ".localhost")) {
		return nil, privateAddress(host)
	}
	return u, nil
}

// numericHost reports whether a host that is not an IP literal would still be
// read as an IPv4 address by some resolvers ("127.1", "2130706433",
// "0x7f.1"): its last label is a number, which no real domain name has.
func numericHost(host string) bool {
	host = strings.TrimSuffix(host, ".")
	last := host[strings.LastIndexByte(host, '.')+1:]
	if last == "" {
		return false
	}
	if strings.HasPrefix(last, "0x") {
		last = last[2:]
		return strings.Trim(last, "0123456789abcdef") == ""
	}
	return strings.Trim(last, "0123456789") == ""
}

// CheckAddr reports whether a delivery may connect to ip.
func (g Guard) CheckAddr(ip netip.Addr) error { return g.checkAddr(ip) }

func (g Guard) checkAddr(ip netip.Addr) error {
	if g.AllowPrivate || isPublic(ip) {
		return nil
	}
	return privateAddress(ip.String())
}

// ControlContext is a net.Dialer ControlContext that refuses, unless
// AllowPrivate, every connection to an address CheckAddr refuses. It runs
// after name resolution, for each address tried, so a name that resolves (or
// is rebound) to 127.0.0.1 is refused just like the literal.
func (g Guard) ControlContext(_ context.Context, _, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return invalidURL("has an unparsable address (" + address + ")")
	}
	return g.checkAddr(ap.Addr())
}

// DialContext dials like net.Dialer.DialContext with ControlContext applied,
// for use as an http.Transport's DialContext.
func (g Guard) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	return g.dialer().DialContext(ctx, network, addr)
}

func (g Guard) dialer() *net.Dialer {
	return &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, ControlContext: g.ControlContext}
}
