package ioc

// Byte classes for the hand-written scanners. The hot loops test one table
// entry per byte instead of calling unicode functions or running regular
// expressions; every class is ASCII-only, so UTF-8 continuation bytes never
// join a token.
const (
	cDigit uint8 = 1 << iota
	cHex
	cAlpha
	cLabel // host-name label character: letter, digit, '-', '_'
	cSpace
	cEmailLocal // practical e-mail local-part character
	cLinux      // linux path component character
)

var class = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] |= cDigit | cHex | cLabel | cEmailLocal | cLinux
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] |= cAlpha | cLabel | cEmailLocal | cLinux
		t[c-'a'+'A'] |= cAlpha | cLabel | cEmailLocal | cLinux
	}
	for _, c := range "abcdefABCDEF" {
		t[c] |= cHex
	}
	for _, c := range "-_" {
		t[c] |= cLabel
	}
	for _, c := range " \t\r\n\v\f" {
		t[c] |= cSpace
	}
	for _, c := range "._%+-" {
		t[c] |= cEmailLocal
	}
	for _, c := range "._+-@%~,:=#" {
		t[c] |= cLinux
	}
	return t
}()

func isDigit(c byte) bool { return class[c]&cDigit != 0 }
func isHex(c byte) bool   { return class[c]&cHex != 0 }
func isAlpha(c byte) bool { return class[c]&cAlpha != 0 }
func isAlnum(c byte) bool { return class[c]&(cAlpha|cDigit) != 0 }
func isLabel(c byte) bool { return class[c]&cLabel != 0 }
func isSpace(c byte) bool { return class[c]&cSpace != 0 }

// isWord reports whether c continues a word (letter, digit, underscore):
// an indicator that touches a word character on either side is part of a
// larger token and not reported.
func isWord(c byte) bool { return isAlnum(c) || c == '_' }

// before returns s[i-1], or 0 at the start of s.
func before(s string, i int) byte {
	if i <= 0 {
		return 0
	}
	return s[i-1]
}

// at returns s[i], or 0 past the end of s.
func at(s string, i int) byte {
	if i >= len(s) {
		return 0
	}
	return s[i]
}

// lower returns the ASCII lower case of c.
func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasPrefixFold reports whether s[i:] starts with prefix, ignoring ASCII
// case; prefix must be lower case.
func hasPrefixFold(s string, i int, prefix string) bool {
	if len(s)-i < len(prefix) {
		return false
	}
	for j := 0; j < len(prefix); j++ {
		if lower(s[i+j]) != prefix[j] {
			return false
		}
	}
	return true
}
