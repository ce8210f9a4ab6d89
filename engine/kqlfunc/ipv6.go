package kqlfunc

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// ipv6 is a 128-bit address (IPv4 text maps to ::ffff:a.b.c.d) with the
// prefix written after it in IPv6 bits (an IPv4 /n counts as 96+n).
type ipv6 struct {
	hi, lo uint64
	prefix int
}

func parseIPv6(s string) (ipv6, bool) {
	s = strings.TrimSpace(s)
	if v4, ok := parseIPv4(s); ok {
		return ipv6{0, 0xffff<<32 | uint64(v4.addr), 96 + v4.prefix}, true
	}
	text, pfx, hasPfx := strings.Cut(s, "/")
	prefix := 128
	if hasPfx {
		p, err := strconv.Atoi(pfx)
		if err != nil || p < 0 || p > 128 {
			return ipv6{}, false
		}
		prefix = p
	}
	a, err := netip.ParseAddr(text)
	if err != nil || a.Zone() != "" {
		return ipv6{}, false
	}
	b := a.As16()
	ip := ipv6{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:]), prefix}
	if strings.Contains(text, ".") {
		// an IPv4 tail (::192.168.1.1) reads as the mapped IPv4 address,
		// and its prefix counts IPv4 bits, as Kusto's parse_ipv6_mask
		// examples show
		if ip.hi == 0 && ip.lo>>32 == 0 {
			ip.lo |= 0xffff << 32
		}
		if hasPfx && prefix <= 32 {
			ip.prefix = 96 + prefix
		}
	}
	return ip, true
}

func (ip ipv6) mask(prefix int) ipv6 {
	switch {
	case prefix <= 0:
		return ipv6{0, 0, prefix}
	case prefix < 64:
		return ipv6{ip.hi &^ (1<<(64-prefix) - 1), 0, prefix}
	case prefix < 128:
		return ipv6{ip.hi, ip.lo &^ (1<<(128-prefix) - 1), prefix}
	}
	return ipv6{ip.hi, ip.lo, prefix}
}

func (ip ipv6) String() string {
	return fmt.Sprintf("%04x:%04x:%04x:%04x:%04x:%04x:%04x:%04x",
		ip.hi>>48, ip.hi>>32&0xffff, ip.hi>>16&0xffff, ip.hi&0xffff,
		ip.lo>>48, ip.lo>>32&0xffff, ip.lo>>16&0xffff, ip.lo&0xffff)
}

func cmp128(a, b ipv6) int64 {
	if a.hi != b.hi {
		if a.hi < b.hi {
			return -1
		}
		return 1
	}
	if a.lo != b.lo {
		if a.lo < b.lo {
			return -1
		}
		return 1
	}
	return 0
}

// ParseIPv6 is parse_ipv6(s): the canonical (fully expanded, lower-case)
// text of an IPv6 or IPv4 address masked by its prefix; null when invalid.
func ParseIPv6(s string) (string, bool) {
	ip, ok := parseIPv6(s)
	if !ok {
		return "", false
	}
	return ip.mask(ip.prefix).String(), true
}

// ParseIPv6Mask is parse_ipv6_mask(s, prefix), prefix in IPv6 bits.
func ParseIPv6Mask(s string, prefix int64) (string, bool) {
	ip, ok := parseIPv6(s)
	if !ok || prefix < 0 || prefix > 128 {
		return "", false
	}
	return ip.mask(min(ip.prefix, int(prefix))).String(), true
}

// IPv6Compare is ipv6_compare(a, b, prefix): -1, 0 or 1 over the addresses
// masked by the shortest of their prefixes and prefix (IPv6 bits).
func IPv6Compare(a, b string, prefix int64) (int64, bool) {
	x, ok1 := parseIPv6(a)
	y, ok2 := parseIPv6(b)
	if !ok1 || !ok2 || prefix < 0 || prefix > 128 {
		return 0, false
	}
	p := min(x.prefix, y.prefix, int(prefix))
	return cmp128(x.mask(p), y.mask(p)), true
}

// IPv6IsMatch is ipv6_is_match(a, b, prefix).
func IPv6IsMatch(a, b string, prefix int64) (bool, bool) {
	c, ok := IPv6Compare(a, b, prefix)
	return c == 0, ok
}

// IPv6IsInRange is ipv6_is_in_range(ip, range).
func IPv6IsInRange(ip, rng string) (bool, bool) {
	x, ok1 := parseIPv6(ip)
	r, ok2 := parseIPv6(rng)
	if !ok1 || !ok2 {
		return false, false
	}
	return cmp128(x.mask(r.prefix), r.mask(r.prefix)) == 0, true
}
