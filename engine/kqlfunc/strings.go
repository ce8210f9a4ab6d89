package kqlfunc

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Trim is trim(regex, s): all leading and trailing matches of regex go.
// An invalid regex leaves s as it is.
func Trim(regex, s string) string { return TrimEnd(regex, TrimStart(regex, s)) }

// TrimStart is trim_start(regex, s).
func TrimStart(regex, s string) string {
	re, err := regexp.Compile(`^(?:` + regex + `)+`)
	if err != nil {
		return s
	}
	return re.ReplaceAllLiteralString(s, "")
}

// TrimEnd is trim_end(regex, s).
func TrimEnd(regex, s string) string {
	re, err := regexp.Compile(`(?:` + regex + `)+$`)
	if err != nil {
		return s
	}
	if loc := re.FindStringIndex(s); loc != nil {
		return s[:loc[0]]
	}
	return s
}

// Split is split(s, delimiter): the parts between delimiters, "" giving
// [""]. An empty delimiter splits nothing.
func Split(s, delimiter string) []any {
	if delimiter == "" {
		return []any{s}
	}
	parts := strings.Split(s, delimiter)
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out
}

// StrcatArray is strcat_array(array, delimiter): the elements as text,
// joined. A value that is not an array gives "".
func StrcatArray(arr any, delimiter string) string {
	a, ok := arr.([]any)
	if !ok {
		return ""
	}
	parts := make([]string, len(a))
	for i, e := range a {
		parts[i] = DynamicText(e)
	}
	return strings.Join(parts, delimiter)
}

// Countof is countof(text, search, kind): "normal" counts every occurrence,
// overlapping ones included; "regex" counts non-overlapping matches. ok is
// false (null) for an unknown kind or a bad regex.
func Countof(text, search, kind string) (int64, bool) {
	switch kind {
	case "", "normal":
		if search == "" {
			return 0, true
		}
		var n int64
		for i := 0; ; {
			j := strings.Index(text[i:], search)
			if j < 0 {
				return n, true
			}
			n++
			_, size := utf8.DecodeRuneInString(text[i+j:])
			i += j + size
		}
	case "regex":
		re, err := regexp.Compile(search)
		if err != nil {
			return 0, false
		}
		return int64(len(re.FindAllStringIndex(text, -1))), true
	}
	return 0, false
}

// IndexOf is indexof(s, lookup, start, length, occurrence) with Kusto's
// rules: positions count characters; a negative start counts from the end;
// a match must lie within length characters (-1: to the end) of where its
// search starts, and the search for each further occurrence starts one
// character after the previous match (as .NET's IndexOf with a count, which
// Kusto's documented results follow); -1 when not found; null (ok false)
// when occurrence < 0 or length < -1.
func IndexOf(s, lookup string, start, length, occurrence int64) (int64, bool) {
	if occurrence < 0 || length < -1 {
		return 0, false
	}
	runes := []rune(s)
	look := []rune(lookup)
	n := int64(len(runes))
	if start < 0 {
		start = max(n+start, 0)
	}
	occurrence = max(occurrence, 1)
	for pos := start; pos <= n; {
		end := n
		if length >= 0 && pos+length < n {
			end = pos + length
		}
		i := runeIndex(runes[pos:end], look)
		if i < 0 {
			return -1, true
		}
		if occurrence--; occurrence == 0 {
			return pos + int64(i), true
		}
		pos += int64(i) + 1
	}
	return -1, true
}

func runeIndex(hay, needle []rune) int {
	for i := 0; i+len(needle) <= len(hay); i++ {
		match := true
		for j, r := range needle {
			if hay[i+j] != r {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

// ExtractAll is extract_all(regex, s): every match, as an array of the
// single capture group's text, of arrays of all groups' texts when there
// are several, or of the whole matches when there are none. A bad regex or
// no match gives null (ok false).
func ExtractAll(regex, s string) (any, bool) {
	re, err := regexp.Compile(regex)
	if err != nil {
		return nil, false
	}
	matches := re.FindAllStringSubmatch(s, -1)
	if len(matches) == 0 {
		return nil, false
	}
	out := make([]any, len(matches))
	for i, m := range matches {
		switch len(m) {
		case 1:
			out[i] = m[0]
		case 2:
			out[i] = m[1]
		default:
			groups := make([]any, len(m)-1)
			for j, g := range m[1:] {
				groups[j] = g
			}
			out[i] = groups
		}
	}
	return out, true
}

// Translate is translate(searchList, replacementList, source): each
// character of source found in searchList becomes the character at the
// same position of replacementList, or its last character when the list
// is shorter; an empty replacementList deletes the characters.
func Translate(search, replacement, source string) string {
	from, to := []rune(search), []rune(replacement)
	index := make(map[rune]int, len(from))
	for i, r := range from {
		if _, seen := index[r]; !seen {
			index[r] = i
		}
	}
	var b strings.Builder
	for _, r := range source {
		i, ok := index[r]
		switch {
		case !ok:
			b.WriteRune(r)
		case len(to) == 0:
		case i < len(to):
			b.WriteRune(to[i])
		default:
			b.WriteRune(to[len(to)-1])
		}
	}
	return b.String()
}
