package ioc

import (
	"net/netip"
	"strings"
)

// schemes are the URL schemes recognised in front of "://" (MSTICPy's set
// plus the TLS and WebSocket variants and smb).
var schemes = map[string]bool{
	"http": true, "https": true, "ftp": true, "ftps": true, "sftp": true, "tftp": true,
	"telnet": true, "ldap": true, "ldaps": true, "file": true, "ws": true, "wss": true, "smb": true,
}

// defangedSchemes are the usual defanged spellings, already lower case.
var defangedSchemes = map[string]string{
	"hxxp": "http", "hxxps": "https", "hxtp": "http", "hxtps": "https", "htxp": "http", "htxps": "https",
	"fxp": "ftp", "fxps": "ftps", "sfxp": "sftp",
}

// maxNestedURLs bounds how many URLs are reported inside one URL (a
// redirect target in a query string is common; "a://a://a://..." is an
// attack on the extractor's time, not an indicator).
const maxNestedURLs = 8

// urlStop reports the characters that end a URL in running text: white
// space and controls, quotes, angle brackets and the characters command
// shells use as syntax around an argument.
func urlStop(c byte) bool {
	if c <= ' ' || c == 0x7f {
		return true
	}
	switch c {
	case '"', '\'', '<', '>', '`', '\\', '^', '{', '}', '|':
		return true
	}
	return false
}

// scanURLs finds scheme://authority[/path][?query][#fragment] with a known
// (or defanged) scheme, reporting the URL and, as a nested match, its host.
func (x *extractor) scanURLs() {
	s := x.s
	outerEnd, nested := -1, 0
	for i := 0; i < len(s); {
		k := strings.Index(s[i:], "://")
		if k < 0 {
			return
		}
		colon := i + k
		i = colon + 3
		start, scheme, ok := x.scheme(colon)
		if !ok {
			continue
		}
		if start < outerEnd {
			if nested++; nested > maxNestedURLs {
				continue
			}
		}
		end, host, ok := x.urlAt(colon+3, scheme)
		if !ok {
			continue
		}
		c := cand{typ: kURL, start: start, end: end}
		if !strings.EqualFold(scheme, s[start:colon]) {
			c.val = x.value(scheme + s[colon:end])
		}
		x.add(c)
		if host.typ != kNone {
			x.add(host)
		}
		if end > outerEnd {
			outerEnd, nested = end, 0
		}
	}
}

// scheme returns the start and the refanged, lower-case name of the scheme
// that ends at colon.
func (x *extractor) scheme(colon int) (int, string, bool) {
	s := x.s
	start := colon
	for start > 0 && colon-start < 8 && isAlpha(s[start-1]) {
		start--
	}
	if start == colon || isAlnum(before(s, start)) {
		return 0, "", false
	}
	name := strings.ToLower(s[start:colon])
	if schemes[name] {
		return start, name, true
	}
	if d, ok := defangedSchemes[name]; ok && !x.noDefang {
		return start, d, true
	}
	return 0, "", false
}

// urlAt parses the URL from the authority at offset a and returns its end
// and its host as a candidate (typ empty when the host is empty).
func (x *extractor) urlAt(a int, scheme string) (int, cand, bool) {
	s := x.s
	b := a
	for b < len(s) && !urlStop(s[b]) && s[b] != '/' && s[b] != '?' && s[b] != '#' {
		b++
	}
	host, ok := x.authority(a, b)
	if !ok || host.typ == kNone && scheme != "file" {
		return 0, cand{}, false
	}
	end := b
	for end < len(s) && !urlStop(s[end]) {
		end++
	}
	return trimURL(s, b, end), host, true
}

// authority validates userinfo@host:port in s[a:b] and returns the host.
func (x *extractor) authority(a, b int) (cand, bool) {
	s := x.s
	h := a
	if at := strings.LastIndexByte(s[a:b], '@'); at >= 0 {
		h = a + at + 1
	}
	hostEnd := b
	if h < b && s[h] == '[' {
		r := strings.IndexByte(s[h:b], ']')
		if r < 0 {
			return cand{}, false
		}
		if _, err := netip.ParseAddr(s[h+1 : h+r]); err != nil {
			return cand{}, false
		}
		hostEnd = h + r + 1
		if !validPort(s[hostEnd:b]) {
			return cand{}, false
		}
		return cand{typ: kIPv6, start: h + 1, end: hostEnd - 1, sub: true}, true
	}
	if c := strings.IndexByte(s[h:b], ':'); c >= 0 {
		hostEnd = h + c
		if !validPort(s[hostEnd:b]) {
			return cand{}, false
		}
	}
	host := s[h:hostEnd]
	if host == "" {
		return cand{}, true
	}
	host = strings.TrimSuffix(host, ".")
	c := cand{start: h, end: h + len(host), sub: true}
	switch {
	case strings.Trim(host, "0123456789.") == "":
		if !validIPv4(host) {
			return cand{}, false
		}
		c.typ = kIPv4
	case validLabels(host) && strings.IndexFunc(host, func(r rune) bool { return r < 0x80 && isAlpha(byte(r)) }) >= 0:
		c.typ = kDNS
	default:
		return cand{}, false
	}
	return c, true
}

// validPort accepts "", ":" and ":n" with n in 0..65535.
func validPort(p string) bool {
	if p == "" || p == ":" {
		return true
	}
	if p[0] != ':' || len(p) > 6 {
		return false
	}
	n := 0
	for i := 1; i < len(p); i++ {
		if !isDigit(p[i]) {
			return false
		}
		n = n*10 + int(p[i]-'0')
	}
	return n <= 65535
}

// trimURL drops the punctuation that ends a sentence or closes a bracket
// around a URL rather than belonging to it, never cutting into the
// authority that ends at b. A closing bracket stays when the URL opens as
// many as it closes ("/wiki/Go_(language)").
func trimURL(s string, b, end int) int {
	var paren, bracket int // opened minus closed, over s[b:end]
	for i := b; i < end; i++ {
		switch s[i] {
		case '(':
			paren++
		case ')':
			paren--
		case '[':
			bracket++
		case ']':
			bracket--
		}
	}
	for end > b {
		switch s[end-1] {
		case '.', ',', ';', ':', '!', '?':
		case ')':
			if paren >= 0 {
				return end
			}
			paren++
		case ']':
			if bracket >= 0 {
				return end
			}
			bracket++
		default:
			return end
		}
		end--
	}
	return end
}
