package ioc

import (
	"strings"

	"golang.org/x/net/publicsuffix"
)

// Host names are validated against the public-suffix list compiled into
// golang.org/x/net/publicsuffix (pinned in go.mod, no network at run time):
// the last label must be a top-level domain of the list's ICANN section
// ("like.uk" yes, "like.iandom" no) and the whole name must not itself be a
// public suffix ("co.uk" is not a host).

const (
	maxLabel = 63
	maxName  = 253
)

// scanDNS finds host names: maximal runs of labels (letters, digits, '-',
// '_') joined by single dots, with a known top-level domain. A run that is
// followed by '@' is an e-mail local part, one followed by '(' is a method
// call ("document.write("), one after '$' a variable property
// ("$host.name"); none of them is reported.
func (x *extractor) scanDNS() {
	s := x.s
	done := 0
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '.')
		if k < 0 {
			return
		}
		dot := i + k
		i = dot + 1
		if dot < done {
			continue
		}
		start := dot
		for start > 0 && (isLabel(s[start-1]) || s[start-1] == '.') {
			start--
		}
		end := dot + 1
		for end < len(s) && (isLabel(s[end]) || s[end] == '.') {
			end++
		}
		done, i = end, end
		if before(s, start) == '%' && end-start > 2 && isHex(s[start]) && isHex(s[start+1]) {
			start += 2 // "%2Fevil.com": the escape's digits are not part of the name
		}
		if c := at(s, end); c == '@' || c == '(' || before(s, start) == '$' {
			continue
		}
		// A double dot cannot be inside a name: look at each piece.
		for p := start; p < end; {
			q := p + strings.Index(s[p:end], "..")
			if q < p {
				q = end
			}
			x.addName(p, q)
			p = q + 2
		}
	}
}

// addName trims s[start:end] to start and end with a letter or digit and
// adds it when it is a valid host name.
func (x *extractor) addName(start, end int) {
	s := x.s
	for start < end && !isAlnum(s[start]) {
		start++
	}
	for end > start && !isAlnum(s[end-1]) {
		end--
	}
	if start < end && x.validDomain(s[start:end]) {
		x.add(cand{typ: kDNS, start: start, end: end})
	}
}

// validDomain is the package function validDomain with a cache: a log
// repeats the same few names (and file names that look like them) on every
// line, and the public-suffix lookups dominate the host-name scanner.
func (x *extractor) validDomain(name string) bool {
	dot := strings.LastIndexByte(name, '.')
	if dot < 0 || !plausibleTLD(name[dot+1:]) {
		return false // most candidates ("svchost.exe" aside) fail here, without a lookup
	}
	ok, seen := x.names[name]
	if !seen {
		if x.names == nil {
			x.names = map[string]bool{}
		}
		ok = validDomain(name)
		x.names[name] = ok
	}
	return ok
}

// validDomain reports whether name is a syntactically valid host name of at
// least two labels whose top-level domain is in the public-suffix list and
// which is not itself a public suffix.
func validDomain(name string) bool {
	if len(name) > maxName || !validLabels(name) {
		return false
	}
	dot := strings.LastIndexByte(name, '.')
	if dot < 0 || !knownTLD(name[dot+1:]) {
		return false
	}
	lname := strings.ToLower(name)
	suffix, icann := publicsuffix.PublicSuffix(lname)
	return !(icann && suffix == lname)
}

// validLabels checks every dot-separated label: 1 to 63 characters of
// letters, digits, '-' and '_', not starting or ending with '-'.
func validLabels(name string) bool {
	n := 0
	for i := 0; i <= len(name); i++ {
		if i == len(name) || name[i] == '.' {
			if n == 0 || n > maxLabel || name[i-n] == '-' || name[i-1] == '-' {
				return false
			}
			n = 0
			continue
		}
		if !isLabel(name[i]) {
			return false
		}
		n++
	}
	return true
}

// knownTLD reports whether tld (any case) is a top-level domain of the
// public-suffix list's ICANN section. Wildcard-only TLDs such as "ck"
// (listed as "*.ck") count, hence the probe with a dummy label.
func knownTLD(tld string) bool {
	if !plausibleTLD(tld) {
		return false
	}
	_, icann := publicsuffix.PublicSuffix("x." + strings.ToLower(tld))
	return icann
}

// plausibleTLD checks the form of a top-level domain: 2 to 63 letters, or
// an "xn--" punycode label.
func plausibleTLD(tld string) bool {
	if len(tld) < 2 || len(tld) > maxLabel {
		return false
	}
	punycode := strings.HasPrefix(tld, "xn--") || strings.HasPrefix(tld, "XN--")
	for i := 0; i < len(tld); i++ {
		if !isAlpha(tld[i]) && !(punycode && (isDigit(tld[i]) || tld[i] == '-')) {
			return false
		}
	}
	return true
}

// scanEmail finds addr@domain with a practical local part (letters, digits
// and "._%+-") and a valid host name. The user part of a URL's authority
// ("https://user@host") is not an e-mail address.
func (x *extractor) scanEmail() {
	s := x.s
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '@')
		if k < 0 {
			return
		}
		atSign := i + k
		i = atSign + 1
		start := atSign
		for start > 0 && class[s[start-1]]&cEmailLocal != 0 && atSign-start < 64 {
			start--
		}
		for start < atSign && s[start] == '.' {
			start++
		}
		local := s[start:atSign]
		if local == "" || local[len(local)-1] == '.' || strings.Contains(local, "..") || userInfo(s, start) {
			continue
		}
		end := atSign + 1
		for end < len(s) && (isLabel(s[end]) || s[end] == '.') && end-atSign <= maxName {
			end++
		}
		for end > atSign+1 && !isAlnum(s[end-1]) {
			end--
		}
		if end > atSign+1 && x.validDomain(s[atSign+1:end]) {
			x.add(cand{typ: kEmail, start: start, end: end})
		}
	}
}

// userInfo reports whether the text ending at offset start belongs to the
// authority of a URL: walking back over userinfo characters reaches "://".
func userInfo(s string, start int) bool {
	j := start
	for j > 0 && start-j < 256 {
		c := s[j-1]
		if c == '/' {
			return j >= 3 && s[j-2] == '/' && s[j-3] == ':'
		}
		if isSpace(c) || c == '"' || c == '<' || c == '>' || c == '@' {
			return false
		}
		j--
	}
	return false
}
