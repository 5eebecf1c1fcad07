package webhook

import "net/netip"

// nonPublic lists the ranges a delivery must not reach unless the operator
// allows private targets: everything that is not a globally routed unicast
// address and could reach the server's own host or network.
var nonPublic = prefixes(
	"0.0.0.0/8",      // "this network", including the unspecified 0.0.0.0
	"10.0.0.0/8",     // private
	"100.64.0.0/10",  // shared address space (carrier-grade NAT)
	"127.0.0.0/8",    // loopback
	"169.254.0.0/16", // link-local, including cloud metadata 169.254.169.254
	"172.16.0.0/12",  // private
	"192.0.0.0/24",   // IETF protocol assignments
	"192.168.0.0/16", // private
	"198.18.0.0/15",  // benchmarking, used inside some networks
	"224.0.0.0/4",    // multicast
	"240.0.0.0/4",    // reserved, including broadcast 255.255.255.255
	"::/96",          // unspecified, loopback and IPv4-compatible addresses
	"64:ff9b:1::/48", // local-use NAT64
	"100::/64",       // discard-only
	"fc00::/7",       // unique local
	"fe80::/10",      // link-local
	"fec0::/10",      // site-local (deprecated, still routed by some)
	"ff00::/8",       // multicast
)

// Translation prefixes whose addresses carry an IPv4 address that decides.
var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96") // IPv4 in the last 32 bits
	sixToFour = netip.MustParsePrefix("2002::/16")    // IPv4 in bits 16-47
)

func prefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// isPublic reports whether ip is a public unicast address. IPv4-mapped
// (::ffff:a.b.c.d), NAT64 and 6to4 addresses are judged by the IPv4 address
// they carry.
func isPublic(ip netip.Addr) bool {
	ip = ip.WithZone("").Unmap()
	if !ip.IsValid() {
		return false
	}
	if ip.Is6() {
		b := ip.As16()
		switch {
		case nat64.Contains(ip):
			return isPublic(netip.AddrFrom4([4]byte(b[12:16])))
		case sixToFour.Contains(ip):
			return isPublic(netip.AddrFrom4([4]byte(b[2:6])))
		}
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}
