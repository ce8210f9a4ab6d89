package decode

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Decoded bytes count as text when they are valid UTF-8 or UTF-16 made of
// printable characters: that is what makes a decoding worth reporting (a
// random run of letters decodes to binary noise) and what is scanned again
// for further encoded fragments.

// asText returns data as a string when it is printable text, and the
// encoding it was converted from ("" for UTF-8, "utf16le" or "utf16be").
func asText(data []byte) (text, enc string, ok bool) {
	switch {
	case len(data) >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf:
		data = data[3:]
	case len(data) >= 2 && data[0] == 0xff && data[1] == 0xfe:
		return utf16Text(data[2:], false, "utf16le")
	case len(data) >= 2 && data[0] == 0xfe && data[1] == 0xff:
		return utf16Text(data[2:], true, "utf16be")
	case looksUTF16LE(data):
		return utf16Text(data, false, "utf16le")
	}
	if !utf8.Valid(data) {
		return "", "", false
	}
	s := string(data)
	if n := strings.Count(s, "\x00"); n > 0 && n*4 < len(s) {
		// argv joined by NULs, as auditd's hex PROCTITLE holds it: shown
		// with spaces, the way ausearch -i prints it.
		s = strings.ReplaceAll(strings.TrimRight(s, "\x00"), "\x00", " ")
	}
	return s, "", printable(s)
}

// looksUTF16LE reports whether most odd bytes are zero and most even bytes
// are not, as in UTF-16LE text of Latin script (PowerShell's
// -EncodedCommand payloads); runs of zero bytes are not text.
func looksUTF16LE(data []byte) bool {
	if len(data) < 4 || len(data)%2 != 0 {
		return false
	}
	oddZeros, evenZeros := 0, 0
	for i := 0; i < len(data); i += 2 {
		if data[i] == 0 {
			evenZeros++
		}
		if data[i+1] == 0 {
			oddZeros++
		}
	}
	pairs := len(data) / 2
	return oddZeros*4 >= pairs*3 && evenZeros*10 < pairs
}

// utf16Text converts UTF-16 to a string, giving up as soon as a character
// that is no text appears (a lone surrogate, a control character).
func utf16Text(data []byte, bigEndian bool, enc string) (string, string, bool) {
	if len(data)%2 != 0 {
		return "", "", false
	}
	unit := func(i int) rune {
		a, b := rune(data[i]), rune(data[i+1])
		if bigEndian {
			a, b = b, a
		}
		return a | b<<8
	}
	var sb strings.Builder
	sb.Grow(len(data) / 2)
	for i := 0; i < len(data); i += 2 {
		r := unit(i)
		if utf16.IsSurrogate(r) && i+3 < len(data) {
			r = utf16.DecodeRune(r, unit(i+2))
			i += 2
		}
		if r == utf8.RuneError || r == 0 {
			return "", "", false
		}
		sb.WriteRune(r)
	}
	s := sb.String()
	return s, enc, printable(s)
}

// printable reports whether s reads as text: no control characters other
// than tab and line breaks, no replacement characters (the mark of invalid
// input), at most 2% odd characters in longer texts, and letters or digits
// for at least a quarter of it.
func printable(s string) bool {
	n, bad, alnum := 0, 0, 0
	for _, r := range s {
		n++
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == utf8.RuneError:
			bad++
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			alnum++
		case !unicode.IsPrint(r) && !unicode.IsSpace(r):
			bad++
		}
	}
	if n == 0 || alnum*4 < n {
		return false
	}
	if n < 16 {
		return bad == 0
	}
	return bad*50 <= n
}

// plainText reports whether data is valid UTF-8 without control characters
// other than tab and line breaks.
func plainText(data []byte) bool {
	if !utf8.Valid(data) {
		return false
	}
	for _, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			return false
		}
	}
	return true
}
