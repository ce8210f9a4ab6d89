package ioc

import (
	"net/netip"
	"strings"
)

// scanIPv4 finds dotted quads. A candidate is a maximal run of digits and
// dots; it must be exactly four parts of one to three digits, each at most
// 255, not touch a letter or digit on either side and not continue as a
// host name ("1.2.3.4.in-addr.arpa" is a name) or a longer dotted number
// ("10.0.17763.1" and "1.2.3.4.5" are versions). Unlike MSTICPy's regular
// expression, which finds "1.2.3.4" inside "1.2.3.4.5", such runs yield
// nothing.
func (x *extractor) scanIPv4() {
	s := x.s
	done := 0 // the text before done has been classified
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '.')
		if k < 0 {
			return
		}
		dot := i + k
		i = dot + 1
		if dot < done || !isDigit(before(s, dot)) {
			continue
		}
		start := dot
		for start > 0 && (isDigit(s[start-1]) || s[start-1] == '.') {
			start--
		}
		end := dot
		for end < len(s) && (isDigit(s[end]) || s[end] == '.') {
			end++
		}
		done, i = end, end
		for end > start && s[end-1] == '.' {
			end--
		}
		if end < len(s) && (s[end] == '.' && isAlnum(at(s, end+1)) || isWord(s[end])) {
			continue
		}
		if isWord(before(s, start)) {
			continue
		}
		for start < end && s[start] == '.' {
			start++
		}
		if validIPv4(s[start:end]) {
			x.add(cand{typ: kIPv4, start: start, end: end})
		}
	}
}

// validIPv4 reports whether s is four dot-separated decimal parts of one to
// three digits, each at most 255. Leading zeros are accepted as written
// ("010.001.002.003" appears in logs and means 10.1.2.3 to most tools).
func validIPv4(s string) bool {
	parts, n, digits := 0, 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if digits == 0 || n > 255 {
				return false
			}
			parts++
			n, digits = 0, 0
			continue
		}
		if !isDigit(s[i]) || digits == 3 {
			return false
		}
		n = n*10 + int(s[i]-'0')
		digits++
	}
	return parts == 4
}

// scanIPv6 finds IPv6 addresses in every textual form netip accepts
// (full, "::"-compressed, with an embedded dotted quad), without a zone:
// "fe80::1%eth0" yields "fe80::1". A candidate is a maximal run of hex
// digits, colons and dots that touches no other word character.
func (x *extractor) scanIPv6() {
	s := x.s
	done := 0
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], ':')
		if k < 0 {
			return
		}
		colon := i + k
		i = colon + 1
		if colon < done {
			continue
		}
		start := colon
		for start > 0 && isV6(s[start-1]) {
			start--
		}
		end := colon + 1
		for end < len(s) && isV6(s[end]) {
			end++
		}
		done, i = end, end
		for end > start && s[end-1] == '.' {
			end--
		}
		if isWord(before(s, start)) || isWord(at(s, end)) {
			continue
		}
		if plausibleIPv6(s[start:end]) {
			x.add(cand{typ: kIPv6, start: start, end: end})
		}
	}
}

func isV6(c byte) bool { return isHex(c) || c == ':' || c == '.' }

// plausibleIPv6 validates with netip and then rejects the valid addresses
// that are far likelier to be something else in prose and code: "::" on its
// own, and digit-free two-group forms such as "Foo::Bar" or "dead::beef".
func plausibleIPv6(s string) bool {
	if len(s) < 3 || strings.Count(s, ":") < 2 {
		return false
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is6() || a.IsUnspecified() && s == "::" {
		return false
	}
	if strings.ContainsAny(s, "0123456789") {
		return true
	}
	groups := 0
	for _, g := range strings.Split(s, ":") {
		if g != "" {
			groups++
		}
	}
	return groups >= 3
}
