package kqlfunc

import (
	"fmt"
	"strconv"
	"strings"
)

// ipv4 is an IPv4 address with the prefix length written after it (32
// when there is none).
type ipv4 struct {
	addr   uint32
	prefix int
}

// parseIPv4 reads "a.b.c.d" or "a.b.c.d/n".
func parseIPv4(s string) (ipv4, bool) {
	s = strings.TrimSpace(s)
	text, pfx, hasPfx := strings.Cut(s, "/")
	prefix := 32
	if hasPfx {
		p, err := strconv.Atoi(pfx)
		if err != nil || p < 0 || p > 32 {
			return ipv4{}, false
		}
		prefix = p
	}
	addr, ok := parseDotted(text)
	return ipv4{addr, prefix}, ok
}

func parseDotted(s string) (uint32, bool) {
	var addr uint32
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return 0, false
	}
	for _, p := range parts {
		if p == "" || len(p) > 3 {
			return 0, false
		}
		n := 0
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return 0, false
			}
			n = n*10 + int(p[i]-'0')
		}
		if n > 255 {
			return 0, false
		}
		addr = addr<<8 | uint32(n)
	}
	return addr, true
}

func mask4(addr uint32, prefix int) uint32 {
	if prefix <= 0 {
		return 0
	}
	return addr &^ (1<<(32-prefix) - 1)
}

func formatDotted(a uint32) string {
	return fmt.Sprintf("%d.%d.%d.%d", a>>24, a>>16&255, a>>8&255, a&255)
}

// ParseIPv4 is parse_ipv4(s): the address as a long, masked by its
// /prefix; null (ok false) when s is no IPv4 address.
func ParseIPv4(s string) (int64, bool) {
	ip, ok := parseIPv4(s)
	return int64(mask4(ip.addr, ip.prefix)), ok
}

// ParseIPv4Mask is parse_ipv4_mask(s, prefix).
func ParseIPv4Mask(s string, prefix int64) (int64, bool) {
	ip, ok := parseIPv4(s)
	if !ok || prefix < 0 || prefix > 32 {
		return 0, false
	}
	return int64(mask4(ip.addr, min(ip.prefix, int(prefix)))), true
}

// IPv4Compare is ipv4_compare(a, b, prefix): -1, 0 or 1 comparing the
// addresses masked by the shortest of their own prefixes and prefix.
func IPv4Compare(a, b string, prefix int64) (int64, bool) {
	x, ok1 := parseIPv4(a)
	y, ok2 := parseIPv4(b)
	if !ok1 || !ok2 || prefix < 0 || prefix > 32 {
		return 0, false
	}
	p := min(x.prefix, y.prefix, int(prefix))
	u, v := mask4(x.addr, p), mask4(y.addr, p)
	switch {
	case u < v:
		return -1, true
	case u > v:
		return 1, true
	}
	return 0, true
}

// IPv4IsMatch is ipv4_is_match(a, b, prefix).
func IPv4IsMatch(a, b string, prefix int64) (bool, bool) {
	c, ok := IPv4Compare(a, b, prefix)
	return c == 0, ok
}

// IPv4IsInRange is ipv4_is_in_range(ip, range).
func IPv4IsInRange(ip, rng string) (bool, bool) {
	x, ok1 := parseIPv4(ip)
	r, ok2 := parseIPv4(rng)
	if !ok1 || !ok2 {
		return false, false
	}
	return mask4(x.addr, r.prefix) == mask4(r.addr, r.prefix), true
}

// IPv4IsInAnyRange is ipv4_is_in_any_range(ip, ranges): ranges is an array
// (or one range); null when ip is invalid, invalid ranges never match.
func IPv4IsInAnyRange(ip string, ranges any) (bool, bool) {
	if _, ok := parseIPv4(ip); !ok {
		return false, false
	}
	for _, r := range StringList(ranges) {
		if in, ok := IPv4IsInRange(ip, r); ok && in {
			return true, true
		}
	}
	return false, true
}

var privateIPv4 = []ipv4{{10 << 24, 8}, {172<<24 | 16<<16, 12}, {192<<24 | 168<<16, 16}}

// IPv4IsPrivate is ipv4_is_private(ip): inside 10/8, 172.16/12 or
// 192.168/16 (a /prefix must not reach outside the range).
func IPv4IsPrivate(ip string) (bool, bool) {
	x, ok := parseIPv4(ip)
	if !ok {
		return false, false
	}
	for _, r := range privateIPv4 {
		if x.prefix >= r.prefix && mask4(x.addr, r.prefix) == r.addr {
			return true, true
		}
	}
	return false, true
}

// IPv4NetmaskSuffix is ipv4_netmask_suffix(ip): the /prefix, 32 without.
func IPv4NetmaskSuffix(ip string) (int64, bool) {
	x, ok := parseIPv4(ip)
	return int64(x.prefix), ok
}

// FormatIPv4 is format_ipv4(ip, prefix): the masked address as text; ""
// when ip or prefix is invalid.
func FormatIPv4(ip string, prefix int64) string {
	x, ok := parseIPv4(ip)
	if !ok || prefix < 0 || prefix > 32 {
		return ""
	}
	return formatDotted(mask4(x.addr, min(x.prefix, int(prefix))))
}

// FormatIPv4Long is format_ipv4 of an address given as a long.
func FormatIPv4Long(ip, prefix int64) string {
	if ip < 0 || ip > 0xFFFFFFFF {
		return ""
	}
	return FormatIPv4(formatDotted(uint32(ip)), prefix)
}

// FormatIPv4Mask is format_ipv4_mask(ip, prefix): "a.b.c.d/n".
func FormatIPv4Mask(ip string, prefix int64) string {
	x, ok := parseIPv4(ip)
	if !ok || prefix < 0 || prefix > 32 {
		return ""
	}
	p := min(x.prefix, int(prefix))
	return formatDotted(mask4(x.addr, p)) + "/" + strconv.Itoa(p)
}

// FormatIPv4MaskLong is format_ipv4_mask of an address given as a long.
func FormatIPv4MaskLong(ip, prefix int64) string {
	if ip < 0 || ip > 0xFFFFFFFF {
		return ""
	}
	return FormatIPv4Mask(formatDotted(uint32(ip)), prefix)
}

// ipv4sIn returns the valid IPv4 addresses of text that stand alone: not
// glued to a letter, digit or dot on either side.
func ipv4sIn(text string) []string {
	var out []string
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) || i > 0 && (isTermByte(text[i-1]) || text[i-1] == '.') {
			continue
		}
		j := i
		for j < len(text) && (isDigit(text[j]) || text[j] == '.') {
			j++
		}
		cand := strings.TrimRight(text[i:j], ".")
		end := i + len(cand)
		if end < len(text) && isTermByte(text[end]) {
			i = j
			continue
		}
		if _, ok := parseDotted(cand); ok {
			out = append(out, cand)
		}
		i = j
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// HasIPv4 is has_ipv4(source, ip): source holds ip as a delimited address.
func HasIPv4(source, ip string) bool { return HasAnyIPv4(source, []any{ip}) }

// HasAnyIPv4 is has_any_ipv4(source, ips).
func HasAnyIPv4(source string, ips any) bool {
	want := map[uint32]bool{}
	for _, s := range StringList(ips) {
		if a, ok := parseDotted(s); ok {
			want[a] = true
		}
	}
	if len(want) == 0 {
		return false
	}
	for _, found := range ipv4sIn(source) {
		if a, _ := parseDotted(found); want[a] {
			return true
		}
	}
	return false
}

// HasIPv4Prefix is has_ipv4_prefix(source, prefix): an address of source
// starts with prefix, which must be a whole address or end with a dot
// after one to three octets.
func HasIPv4Prefix(source, prefix string) bool { return HasAnyIPv4Prefix(source, []any{prefix}) }

// HasAnyIPv4Prefix is has_any_ipv4_prefix(source, prefixes).
func HasAnyIPv4Prefix(source string, prefixes any) bool {
	var valid []string
	for _, p := range StringList(prefixes) {
		if validIPv4Prefix(p) {
			valid = append(valid, p)
		}
	}
	if len(valid) == 0 {
		return false
	}
	for _, found := range ipv4sIn(source) {
		for _, p := range valid {
			if strings.HasPrefix(found, p) && (strings.HasSuffix(p, ".") || found == p) {
				return true
			}
		}
	}
	return false
}

func validIPv4Prefix(p string) bool {
	if _, ok := parseDotted(p); ok {
		return true
	}
	if !strings.HasSuffix(p, ".") {
		return false
	}
	parts := strings.Split(strings.TrimSuffix(p, "."), ".")
	if len(parts) > 3 {
		return false
	}
	for _, o := range parts {
		n, err := strconv.Atoi(o)
		if err != nil || o == "" || len(o) > 3 || n > 255 || n < 0 {
			return false
		}
	}
	return true
}
