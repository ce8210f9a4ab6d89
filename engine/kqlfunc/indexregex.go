package kqlfunc

import (
	"regexp"
	"strings"

	"golang.org/x/net/idna"
)

// IndexOfRegex is indexof_regex(source, regex, start, length, occurrence):
// the rune index of the occurrence-th match (matches do not overlap) of
// regex in source[start:start+length] (length -1: to the end), -1 when
// there is none, null for a negative start or an invalid regex, as the
// docs' examples show.
func IndexOfRegex(s, pattern string, start, length, occurrence int64) (int64, bool) {
	if start < 0 || length < -1 || occurrence < 0 {
		return 0, false
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return 0, false
	}
	runes := []rune(s)
	n := int64(len(runes))
	if start > n {
		return -1, true
	}
	end := n
	if length >= 0 && start+length < n {
		end = start + length
	}
	region := string(runes[start:end])
	matches := re.FindAllStringIndex(region, -1)
	occurrence = max(occurrence, 1)
	if int64(len(matches)) < occurrence {
		return -1, true
	}
	byteAt := matches[occurrence-1][0]
	return start + int64(len([]rune(region[:byteAt]))), true
}

// PunycodeFromString is punycode_from_string: the Punycode (RFC 3492)
// encoding of one label, without the xn-- prefix; "" when it cannot be
// encoded.
func PunycodeFromString(s string) string {
	if s == "" {
		return ""
	}
	ascii, err := idna.Punycode.ToASCII(s)
	if err != nil || strings.Contains(s, ".") {
		return ""
	}
	if rest, ok := strings.CutPrefix(ascii, "xn--"); ok {
		return rest
	}
	return ascii + "-" // an ASCII label encodes to itself plus the delimiter
}

// PunycodeToString is punycode_to_string: the label a Punycode encoding
// (without xn--) stands for; "" when it is not valid Punycode.
func PunycodeToString(s string) string {
	if s == "" {
		return ""
	}
	u, err := idna.Punycode.ToUnicode("xn--" + s)
	if err != nil || strings.HasPrefix(u, "xn--") {
		return ""
	}
	return u
}
