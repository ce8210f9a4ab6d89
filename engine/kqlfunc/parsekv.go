package kqlfunc

import (
	"regexp"
	"strings"
	"unicode"
)

// KVOptions configure ParseKV, the parse-kv operator's extraction.
type KVOptions struct {
	// Keys are the keys to extract; others are ignored.
	Keys []string
	// Pair and KV are the pair and key/value delimiters; both empty
	// selects the non-specified-delimiter mode, where any character that
	// is not a letter or a digit separates.
	Pair, KV string
	// Quotes are one- or two-character strings: the opening and closing
	// quote (the same character when one).
	Quotes []string
	// Escapes are characters that escape the next one inside quotes.
	Escapes []string
	// Greedy lets an unquoted value run up to the pair delimiter before the
	// next key, so values may contain the pair delimiter.
	Greedy bool
	// Regex, when set, finds the pairs instead: group 1 the key, group 2
	// the value.
	Regex *regexp.Regexp
}

// ParseKV extracts the values of opts.Keys from text. The first
// occurrence of a key wins; keys and values are trimmed of white space.
func ParseKV(text string, opts KVOptions) map[string]string {
	want := map[string]bool{}
	for _, k := range opts.Keys {
		want[k] = true
	}
	out := map[string]string{}
	add := func(k, v string) {
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if want[k] {
			if _, dup := out[k]; !dup {
				out[k] = v
			}
		}
	}
	switch {
	case opts.Regex != nil:
		for _, m := range opts.Regex.FindAllStringSubmatch(text, -1) {
			if len(m) >= 3 {
				add(m[1], m[2])
			}
		}
	case opts.Pair == "" && opts.KV == "":
		kvAny(text, opts, add)
	default:
		kvDelimited(text, opts, add)
	}
	return out
}

// kvScanner reads quoted strings with escapes.
type kvScanner struct {
	s    string
	opts KVOptions
}

// quoted reads a quoted string at i: its unescaped text and the position
// after the closing quote; ok is false when s[i] opens no quote.
func (k kvScanner) quoted(i int) (text string, next int, ok bool) {
	for _, q := range k.opts.Quotes {
		if q == "" || !strings.HasPrefix(k.s[i:], q[:1]) {
			continue
		}
		closing := q[len(q)-1:]
		var b strings.Builder
		j := i + 1
		for j < len(k.s) {
			c := k.s[j : j+1]
			if k.isEscape(c) && j+1 < len(k.s) {
				b.WriteByte(k.s[j+1])
				j += 2
				continue
			}
			if c == closing {
				return b.String(), j + 1, true
			}
			b.WriteString(c)
			j++
		}
		return b.String(), len(k.s), true
	}
	return "", i, false
}

func (k kvScanner) isEscape(c string) bool {
	for _, e := range k.opts.Escapes {
		if e == c {
			return true
		}
	}
	return false
}

// kvDelimited scans key KV value Pair key KV value ...
func kvDelimited(s string, opts KVOptions, add func(k, v string)) {
	sc := kvScanner{s: s, opts: opts}
	i := 0
	for i < len(s) {
		i = kvSkipSpace(s, i)
		if i >= len(s) {
			return
		}
		key, next, ok := sc.quoted(i)
		if ok {
			next = kvSkipSpace(s, next)
			if !strings.HasPrefix(s[next:], opts.KV) {
				i = kvAfterPair(s, next, opts.Pair)
				continue
			}
		} else {
			kv := kvIndexFrom(s, i, opts.KV)
			pair := kvIndexFrom(s, i, opts.Pair)
			if kv < 0 || pair >= 0 && pair < kv {
				if pair < 0 {
					return
				}
				i = pair + len(opts.Pair)
				continue
			}
			key, next = s[i:kv], kv
		}
		i = kvSkipSpace(s, next+len(opts.KV))
		var value string
		if v, after, ok := sc.quoted(i); ok {
			value, i = v, kvAfterPair(s, after, opts.Pair)
		} else {
			end := kvValueEnd(s, i, opts)
			value = s[i:end]
			i = end + len(opts.Pair)
		}
		add(key, value)
	}
}

// kvValueEnd finds the end of an unquoted value starting at i: the next pair
// delimiter, or (greedy) the last one before the next key.
func kvValueEnd(s string, i int, opts KVOptions) int {
	pair := kvIndexFrom(s, i, opts.Pair)
	if pair < 0 {
		return len(s)
	}
	if !opts.Greedy {
		return pair
	}
	kv := kvIndexFrom(s, i, opts.KV)
	if kv < 0 {
		return len(s)
	}
	last := strings.LastIndex(s[i:kv], opts.Pair)
	if last < 0 {
		return pair
	}
	return i + last
}

// kvAfterPair skips to just after the next pair delimiter from i.
func kvAfterPair(s string, i int, pair string) int {
	j := kvIndexFrom(s, i, pair)
	if j < 0 {
		return len(s)
	}
	return j + len(pair)
}

func kvIndexFrom(s string, i int, sub string) int {
	if sub == "" || i > len(s) {
		return -1
	}
	j := strings.Index(s[i:], sub)
	if j < 0 {
		return -1
	}
	return i + j
}

func kvSkipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

func kvWordByte(c byte) bool {
	return c == '_' || c < 0x80 && (unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))) || c >= 0x80
}

// kvAny is the non-specified-delimiter mode: a key is a run of letters and
// digits, any other characters between it and its value separate them,
// and an unquoted value is a run of letters and digits too.
func kvAny(s string, opts KVOptions, add func(k, v string)) {
	sc := kvScanner{s: s, opts: opts}
	i := 0
	for i < len(s) {
		for i < len(s) && !kvWordByte(s[i]) {
			i++
		}
		start := i
		for i < len(s) && kvWordByte(s[i]) {
			i++
		}
		if start == i {
			return
		}
		key := s[start:i]
		j := i
		for j < len(s) && !kvWordByte(s[j]) {
			if v, after, ok := sc.quoted(j); ok {
				add(key, v)
				i = after
				j = -1
				break
			}
			j++
		}
		if j < 0 {
			continue
		}
		if j == i || j >= len(s) {
			continue // no separator, or nothing after it: not a pair
		}
		end := j
		for end < len(s) && kvWordByte(s[end]) {
			end++
		}
		add(key, s[j:end])
		i = end
	}
}
