// Package kqlfunc holds KQL scalar functions written in plain Go over the
// Go values the table package fixes: term matching, URL, path and command
// line parsing, encodings, IPv4/IPv6, datetime and timespan text, dynamic
// arrays and bags. It imports no database code. The engine registers the
// ones DuckDB lacks as UDFs (see engine/sqlrepr for which are used how);
// the rest serve as the reference the SQL formulations are tested against.
package kqlfunc

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// isTermByte reports whether c belongs to a term: Kusto splits strings into
// maximal runs of ASCII letters and digits.
func isTermByte(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}

// TermOp is one of Kusto's term operators.
type TermOp struct {
	// Prefix and Suffix say which ends of the needle must sit on a term
	// boundary: has checks both, hasprefix the start, hassuffix the end.
	Prefix, Suffix bool
	// CaseSensitive is true for the _cs forms.
	CaseSensitive bool
}

// TermOps maps the operator names to their meaning.
var termOps = map[string]TermOp{
	"has":          {Prefix: true, Suffix: true},
	"has_cs":       {Prefix: true, Suffix: true, CaseSensitive: true},
	"hasprefix":    {Prefix: true},
	"hasprefix_cs": {Prefix: true, CaseSensitive: true},
	"hassuffix":    {Suffix: true},
	"hassuffix_cs": {Suffix: true, CaseSensitive: true},
}

// LookupTermOp returns the operator with the given name ("has",
// "hasprefix_cs", ...).
func LookupTermOp(name string) (TermOp, bool) {
	op, ok := termOps[name]
	return op, ok
}

// Match reports whether needle occurs in haystack as the operator demands.
// A needle end that is a letter or digit must meet a term boundary (the
// string's end or a character outside [0-9A-Za-z]); an end that is not
// needs nothing, so has "foo.bar" and has " x" behave as Kusto's phrase
// matching does. Case-insensitive forms fold ASCII letters, and other
// characters by Unicode simple folding. An empty needle always matches.
func (op TermOp) Match(haystack, needle string) bool {
	if needle == "" {
		return true
	}
	checkStart := op.Prefix && isTermByte(needle[0])
	checkEnd := op.Suffix && isTermByte(needle[len(needle)-1])
	if op.CaseSensitive || isASCII(needle) {
		return op.matchBytes(haystack, needle, checkStart, checkEnd)
	}
	for i := 0; i < len(haystack); i++ {
		if checkStart && i > 0 && isTermByte(haystack[i-1]) {
			continue
		}
		end, ok := op.matchAt(haystack, i, needle)
		if !ok {
			continue
		}
		if checkEnd && end < len(haystack) && isTermByte(haystack[end]) {
			continue
		}
		return true
	}
	return false
}

// matchBytes is Match for a case-sensitive or ASCII needle: candidates
// come from IndexByte (vectorised) on the needle's first byte, in both
// cases, and compare byte by byte.
func (op TermOp) matchBytes(h, n string, checkStart, checkEnd bool) bool {
	lo, up := n[0], n[0]
	if !op.CaseSensitive {
		lo, up = lowerASCII(n[0]), upperASCII(n[0])
	}
	nextLo, nextUp := -1, -1
	for i := 0; i+len(n) <= len(h); i++ {
		if nextLo < i {
			nextLo = indexFrom(h, lo, i)
		}
		if nextUp < i {
			nextUp = indexFrom(h, up, i)
		}
		i = min(nextLo, nextUp)
		if i+len(n) > len(h) {
			return false
		}
		if checkStart && i > 0 && isTermByte(h[i-1]) {
			continue
		}
		cand := h[i : i+len(n)]
		if op.CaseSensitive && cand != n || !op.CaseSensitive && !equalFoldASCII(cand, n) {
			continue
		}
		if !checkEnd || i+len(n) == len(h) || !isTermByte(h[i+len(n)]) {
			return true
		}
	}
	return false
}

// indexFrom is the index of c in s at or after from, or len(s).
func indexFrom(s string, c byte, from int) int {
	if j := strings.IndexByte(s[from:], c); j >= 0 {
		return from + j
	}
	return len(s)
}

// equalFoldASCII compares a haystack slice with an ASCII needle, folding
// ASCII letters only.
func equalFoldASCII(h, n string) bool {
	for i := 0; i < len(n); i++ {
		if lowerASCII(h[i]) != lowerASCII(n[i]) {
			return false
		}
	}
	return true
}

func upperASCII(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// matchAt compares needle with haystack at byte i and returns where the
// match ends.
func (op TermOp) matchAt(haystack string, i int, needle string) (int, bool) {
	if op.CaseSensitive {
		return i + len(needle), strings.HasPrefix(haystack[i:], needle)
	}
	j := i
	for _, nr := range needle {
		if j >= len(haystack) {
			return 0, false
		}
		hr, size := utf8.DecodeRuneInString(haystack[j:])
		if nr < utf8.RuneSelf || hr < utf8.RuneSelf {
			if nr >= utf8.RuneSelf || hr >= utf8.RuneSelf || lowerASCII(byte(nr)) != lowerASCII(byte(hr)) {
				return 0, false
			}
		} else if hr != nr && !strings.EqualFold(string(hr), string(nr)) {
			return 0, false
		}
		j += size
	}
	return j, true
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Has is Kusto's has: needle is a whole term (or phrase) of haystack,
// case-insensitively.
func Has(haystack, needle string) bool { return termOps["has"].Match(haystack, needle) }

// HasCS is has_cs, the case-sensitive has.
func HasCS(haystack, needle string) bool { return termOps["has_cs"].Match(haystack, needle) }

// HasPrefix is hasprefix: a term of haystack starts with needle.
func HasPrefix(haystack, needle string) bool { return termOps["hasprefix"].Match(haystack, needle) }

// HasSuffix is hassuffix: a term of haystack ends with needle.
func HasSuffix(haystack, needle string) bool { return termOps["hassuffix"].Match(haystack, needle) }

// HasAny is has_any: haystack has at least one of the needles.
func HasAny(haystack string, needles []string) bool {
	for _, n := range needles {
		if Has(haystack, n) {
			return true
		}
	}
	return false
}

// HasAll is has_all: haystack has every needle. An empty list matches.
func HasAll(haystack string, needles []string) bool {
	for _, n := range needles {
		if !Has(haystack, n) {
			return false
		}
	}
	return true
}

// Regex returns an RE2 pattern (DuckDB's regexp_matches and Go's regexp
// agree on it) that matches exactly the haystacks op.Match accepts for this
// needle. The engine's macros run it after a cheap contains() prefilter.
func (op TermOp) Regex(needle string) string {
	var b strings.Builder
	op.writeRegex(&b, needle)
	return b.String()
}

const (
	termStart = `(?:^|[^0-9A-Za-z])`
	termEnd   = `(?:$|[^0-9A-Za-z])`
)

func (op TermOp) writeRegex(b *strings.Builder, needle string) {
	if needle == "" {
		return
	}
	if op.Prefix && isTermByte(needle[0]) {
		b.WriteString(termStart)
	}
	for _, r := range needle {
		switch {
		case op.CaseSensitive:
			b.WriteString(regexp.QuoteMeta(string(r)))
		case r < utf8.RuneSelf && isTermByte(byte(r)) && r > '9':
			// ASCII letters fold to their ASCII pair only (RE2's (?i)
			// would also take the Kelvin sign for k and the long s for s).
			b.WriteByte('[')
			b.WriteByte(lowerASCII(byte(r)))
			b.WriteByte(lowerASCII(byte(r)) - 'a' + 'A')
			b.WriteByte(']')
		case r < utf8.RuneSelf:
			b.WriteString(regexp.QuoteMeta(string(r)))
		default:
			b.WriteString("(?i:" + regexp.QuoteMeta(string(r)) + ")")
		}
	}
	if op.Suffix && isTermByte(needle[len(needle)-1]) {
		b.WriteString(termEnd)
	}
}

// AnyRegex returns one RE2 pattern that matches when op.Match accepts any
// of the needles; it never matches for an empty list. RE2 runs the
// alternation in one pass, so has_any over a long IoC list stays linear.
func (op TermOp) AnyRegex(needles []string) string {
	if len(needles) == 0 {
		return `[^\x00-\x{10FFFF}]` // matches nothing
	}
	var b strings.Builder
	b.WriteString("(?:")
	for i, n := range needles {
		if i > 0 {
			b.WriteByte('|')
		}
		op.writeRegex(&b, n)
	}
	b.WriteString(")")
	return b.String()
}
