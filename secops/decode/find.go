package decode

import "strings"

// The fragment finder is one hand-written pass over the text. It proposes
// candidates; whether a candidate is reported depends on what it decodes
// to (see unpacker.accept), so the finder can afford to be generous.

// fragKind is how a fragment is encoded.
type fragKind uint8

const (
	fragBase64     fragKind = iota + 1
	fragBase64URL           // base64 with the URL alphabet ('-', '_')
	fragHex                 // a run of hex digits: tried as hex, then as base64
	fragEscapedHex          // \x4d\x5a...
	fragHexList             // 0x4d,0x5a,... (PowerShell and C# byte arrays)
	fragPercent             // %XX and %uXXXX escapes
	fragPowerShell          // the argument of powershell -EncodedCommand
)

// strong reports whether the form of the fragment alone shows it is
// encoded data, so that it is reported whatever it decodes to. The
// argument of "-e" is not: other tools have an -e switch too.
func (k fragKind) strong() bool {
	switch k {
	case fragEscapedHex, fragHexList, fragPercent:
		return true
	}
	return false
}

type fragment struct {
	start, end int
	kind       fragKind
}

// b64Class marks the characters of base64 runs (both alphabets).
var b64Class = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c], t[c+'a'-'A'] = true, true
	}
	for _, c := range "0123456789+/-_" {
		t[c] = true
	}
	return t
}()

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// boundary reports whether a switch or a number may start after c.
func boundary(c byte) bool {
	return c == 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '(' || c == ',' || c == '='
}

// findFragments returns the candidate fragments of s in order, without
// overlaps.
func findFragments(s string, lim Limits) []fragment {
	var out []fragment
	percent := percentSpans(s)
	for i := 0; i < len(s); {
		next := len(s) // the next percent-encoded token bounds every other scan
		if len(percent) > 0 {
			if percent[0].start <= i {
				out = append(out, percent[0])
				i = percent[0].end
				percent = percent[1:]
				continue
			}
			next = percent[0].start
		}
		if f, ok := special(s[:next], i, lim); ok {
			out = append(out, f)
			i = f.end
			continue
		}
		if !b64Class[s[i]] {
			i++
			continue
		}
		j, wrapped := runEnd(s[:next], i)
		out = appendRun(out, s, i, j, wrapped, lim)
		i = j
	}
	return out
}

// special tries the fragments that start with a marker at s[i]: a
// PowerShell -EncodedCommand switch, "\x" escapes, a "0x" byte list.
func special(s string, i int, lim Limits) (fragment, bool) {
	switch c := s[i]; {
	case (c == '-' || c == '/') && boundary(before(s, i)):
		return powerShellArg(s, i+1)
	case c == 0xe2 && strings.HasPrefix(s[i:], "\u2013") && boundary(before(s, i)):
		return powerShellArg(s, i+3) // "–enc": an en dash, which PowerShell accepts
	case c == '\\' && at(s, i+1) == 'x':
		return escapedHex(s, i, lim)
	case c == '0' && (at(s, i+1) == 'x' || at(s, i+1) == 'X') && boundary(before(s, i)):
		return hexList(s, i, lim)
	}
	return fragment{}, false
}

func before(s string, i int) byte {
	if i <= 0 {
		return 0
	}
	return s[i-1]
}

func at(s string, i int) byte {
	if i >= len(s) {
		return 0
	}
	return s[i]
}

// powerShellArg parses the switch name at s[i:] and, when it selects
// -EncodedCommand (any prefix PowerShell accepts: -e, -ec, -en, -enc,
// ..., -EncodedCommand), returns its base64 argument as a fragment.
func powerShellArg(s string, i int) (fragment, bool) {
	j := i
	for j < len(s) && isLetter(s[j]) && j-i < 14 {
		j++
	}
	name := strings.ToLower(s[i:j])
	if name != "e" && name != "ec" && !(len(name) >= 2 && strings.HasPrefix("encodedcommand", name)) {
		return fragment{}, false
	}
	if j < len(s) && s[j] == ':' {
		j++
	}
	k := j
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	if k == j && at(s, j-1) != ':' {
		return fragment{}, false
	}
	if q := at(s, k); q == '"' || q == '\'' {
		k++
	}
	e := k
	for e < len(s) && (isLetter(s[e]) || '0' <= s[e] && s[e] <= '9' || s[e] == '+' || s[e] == '/') {
		e++
	}
	for n := 0; n < 2 && at(s, e) == '='; n++ {
		e++
	}
	if e-k < 4 {
		return fragment{}, false
	}
	return fragment{start: k, end: e, kind: fragPowerShell}, true
}

// escapedHex finds a run of "\xHH" escapes.
func escapedHex(s string, i int, lim Limits) (fragment, bool) {
	j, n := i, 0
	for j+3 < len(s) && s[j] == '\\' && s[j+1] == 'x' && isHexDigit(s[j+2]) && isHexDigit(s[j+3]) {
		j += 4
		n++
	}
	if n < lim.MinHexBytes {
		return fragment{}, false
	}
	return fragment{start: i, end: j, kind: fragEscapedHex}, true
}

// hexList finds "0xHH" items separated by commas and/or spaces.
func hexList(s string, i int, lim Limits) (fragment, bool) {
	j, end, n := i, i, 0
	for {
		if at(s, j) != '0' || (at(s, j+1) != 'x' && at(s, j+1) != 'X') || !isHexDigit(at(s, j+2)) {
			break
		}
		j += 3
		if isHexDigit(at(s, j)) {
			j++
		}
		if isHexDigit(at(s, j)) {
			break // a wider number: not a byte list
		}
		end, n = j, n+1
		if at(s, j) == ',' {
			j++
		}
		for at(s, j) == ' ' {
			j++
		}
	}
	if n < lim.MinHexBytes {
		return fragment{}, false
	}
	return fragment{start: i, end: end, kind: fragHexList}, true
}

// runEnd returns the end of the base64 run starting at i: characters of
// either alphabet, up to two '=' of padding, and line breaks when the line
// before is a whole number of base64 quanta of at least 40 characters (the
// way MIME and certutil wrap base64).
func runEnd(s string, i int) (end int, wrapped bool) {
	j := i
	for {
		line := j
		for j < len(s) && b64Class[s[j]] {
			j++
		}
		for n := 0; n < 2 && at(s, j) == '='; n++ {
			j++
		}
		if n := j - line; n < 40 || n%4 != 0 {
			return j, wrapped
		}
		k := j
		if at(s, k) == '\r' {
			k++
		}
		if at(s, k) != '\n' || !b64Class[at(s, k+1)] {
			return j, wrapped
		}
		j, wrapped = k+1, true
	}
}

// twoCases reports whether s has both upper- and lower-case letters.
func twoCases(s string) bool {
	var up, low bool
	for i := 0; i < len(s) && !(up && low); i++ {
		c := s[i]
		up = up || 'A' <= c && c <= 'Z'
		low = low || 'a' <= c && c <= 'z'
	}
	return up && low
}

// appendRun classifies the base64-alphabet run s[i:j] and appends the
// fragments it holds.
func appendRun(out []fragment, s string, i, j int, wrapped bool, lim Limits) []fragment {
	for i < j && s[i] == '-' {
		i++ // a command-line switch, not data
	}
	if j-i > 2 && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && allHex(s[i+2:j]) {
		i += 2 // a SQL or C hex literal: 0x4445434c...
	}
	run := s[i:j]
	n := len(run)
	if n < lim.MinBase64Len && n < 2*lim.MinHexBytes {
		return out
	}
	if wrapped {
		n -= strings.Count(run, "\n") + strings.Count(run, "\r")
	}
	switch {
	case n%2 == 0 && n >= 2*lim.MinHexBytes && allHex(run):
		return append(out, fragment{start: i, end: j, kind: fragHex})
	case !twoCases(run):
		return out // words, identifiers, upper-case constants: base64 of data mixes cases
	case !strings.ContainsAny(run, "-_"):
		if n >= lim.MinBase64Len {
			out = append(out, fragment{start: i, end: j, kind: fragBase64})
		}
		return out
	case !strings.ContainsAny(run, "+/"):
		if n >= lim.MinBase64Len {
			out = append(out, fragment{start: i, end: j, kind: fragBase64URL})
		}
		return out
	}
	// Both alphabets: words joined by '-' and '_'; try the pieces.
	for p := i; p < j; {
		q := p
		for q < j && s[q] != '-' && s[q] != '_' {
			q++
		}
		if q-p >= lim.MinBase64Len {
			out = append(out, fragment{start: p, end: q, kind: fragBase64})
		}
		p = q + 1
	}
	return out
}

func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return true
}

// percentSpans finds the white-space-delimited tokens with at least three
// percent escapes (%XX or %uXXXX).
func percentSpans(s string) []fragment {
	var out []fragment
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '%')
		if k < 0 {
			break
		}
		p := i + k
		start := p
		for start > 0 && !tokenStop(s[start-1]) {
			start--
		}
		end := p
		for end < len(s) && !tokenStop(s[end]) {
			end++
		}
		if countEscapes(s[start:end]) >= 3 {
			out = append(out, fragment{start: start, end: end, kind: fragPercent})
		}
		i = end + 1
	}
	return out
}

func tokenStop(c byte) bool {
	return c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`'
}

// countEscapes counts the %XX and %uXXXX escapes of s.
func countEscapes(s string) int {
	n := 0
	for i := 0; i+2 < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		if isHexDigit(s[i+1]) && isHexDigit(s[i+2]) {
			n++
			i += 2
		} else if (s[i+1] == 'u' || s[i+1] == 'U') && i+5 < len(s) && allHex(s[i+2:i+6]) {
			n++
			i += 5
		}
	}
	return n
}
