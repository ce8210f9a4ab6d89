package decode

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// codecs returns the decodings to try for a fragment, in order.
func (k fragKind) codecs() []string {
	switch k {
	case fragHex:
		return []string{"hex", "base64"}
	case fragBase64, fragPowerShell:
		return []string{"base64"}
	case fragBase64URL:
		return []string{"base64url"}
	case fragEscapedHex, fragHexList:
		return []string{"hex"}
	case fragPercent:
		return []string{"url"}
	}
	return nil
}

// decodeAs decodes the fragment text with the named codec.
func decodeAs(codec string, k fragKind, s string) ([]byte, bool) {
	switch codec {
	case "base64":
		return decodeBase64(s, base64.RawStdEncoding)
	case "base64url":
		return decodeBase64(s, base64.RawURLEncoding)
	case "hex":
		switch k {
		case fragEscapedHex:
			return decodeHexItems(s, `\x`)
		case fragHexList:
			return decodeHexItems(s, "0x")
		}
		b, err := hex.DecodeString(s)
		return b, err == nil
	case "url":
		return decodePercent(s)
	}
	return nil, false
}

// decodeBase64 decodes s, ignoring line breaks and padding. Trailing bits
// that are not zero are accepted, as most decoders do.
func decodeBase64(s string, enc *base64.Encoding) ([]byte, bool) {
	if strings.ContainsAny(s, "\r\n") {
		s = strings.NewReplacer("\r", "", "\n", "").Replace(s)
	}
	s = strings.TrimRight(s, "=")
	if len(s)%4 == 1 {
		return nil, false
	}
	b, err := enc.DecodeString(s)
	return b, err == nil
}

// decodeHexItems decodes items of one or two hex digits, each after
// prefix ("\x" or "0x"), ignoring what separates them.
func decodeHexItems(s, prefix string) ([]byte, bool) {
	out := make([]byte, 0, len(s)/4)
	for i := 0; i+len(prefix) < len(s); {
		if !strings.EqualFold(s[i:i+len(prefix)], prefix) {
			i++
			continue
		}
		i += len(prefix)
		v, n := 0, 0
		for n < 2 && i < len(s) && isHexDigit(s[i]) {
			v = v<<4 | int(unhex(s[i]))
			i++
			n++
		}
		if n == 0 {
			return nil, false
		}
		out = append(out, byte(v))
	}
	return out, len(out) > 0
}

// decodePercent decodes %XX to a byte and %uXXXX to the two bytes of a
// UTF-16LE code unit (the IIS form, common in heap-spray shellcode); other
// characters are kept.
func decodePercent(s string) ([]byte, bool) {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		case c == '%' && i+5 < len(s) && (s[i+1] == 'u' || s[i+1] == 'U') && allHex(s[i+2:i+6]):
			out = append(out, unhex(s[i+4])<<4|unhex(s[i+5]), unhex(s[i+2])<<4|unhex(s[i+3]))
			i += 5
		default:
			out = append(out, c)
		}
	}
	return out, true
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// randomBase64 reports whether s looks like base64 of binary data rather
// than an identifier made of the same characters: upper and lower case
// letters and digits all present, no run of six digits or more (a SID, a
// timestamp; one in ten million for random base64), and '-' and '_' no
// more frequent than random data makes them (they separate the words of a
// pipe or file name).
func randomBase64(s string) bool {
	var up, low, dig bool
	digits, seps := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'A' <= c && c <= 'Z':
			up, digits = true, 0
		case 'a' <= c && c <= 'z':
			low, digits = true, 0
		case '0' <= c && c <= '9':
			dig = true
			if digits++; digits >= 6 {
				return false
			}
		case c == '-' || c == '_':
			seps++
			digits = 0
		default:
			digits = 0
		}
	}
	return up && low && dig && seps*16 <= len(s)
}
