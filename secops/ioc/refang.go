package ioc

import "strings"

// Defanged indicators ("evil[.]com", "user[at]corp(.)com", "hxxp[://]x")
// are handled in two places. The bracketed separators are rewritten here,
// once, into a refanged copy of the text that every scanner then reads, so
// no scanner needs to know about them; a mark list maps offsets in the copy
// back to the original text so each match can also be reported as written.
// Defanged URL schemes (hxxp, fxp, ...) only matter in front of "://", so
// the URL scanner refangs those itself.

// defangTokens are the bracketed forms and what they stand for. The inner
// text is compared case-insensitively; every opener may pair with its own
// closer only.
var defangTokens = []struct{ inner, out string }{
	{".", "."},
	{"dot", "."},
	{"at", "@"},
	{"@", "@"},
	{"://", "://"},
	{":", ":"},
	{"/", "/"},
}

// mark records that offset norm of the refanged text corresponds to offset
// orig of the original text; offsets between two marks map linearly.
type mark struct{ norm, orig int }

// refanged is the text the scanners read and the way back to the original.
type refanged struct {
	s     string
	marks []mark // nil when s is the original text
}

// refang rewrites the bracketed defang tokens of text. When there are none
// (the common case) it returns text itself without copying.
func refang(text string) refanged {
	var b strings.Builder
	var marks []mark
	last := 0 // end of the text already copied
	var next openers
	for i := 0; i < len(text); {
		if i = next.find(text, i); i < 0 {
			break
		}
		n, out := defangAt(text, i)
		if n == 0 {
			i++
			continue
		}
		if marks == nil {
			b.Grow(len(text))
		}
		b.WriteString(text[last:i])
		marks = append(marks, mark{b.Len(), i})
		b.WriteString(out)
		i += n
		last = i
		marks = append(marks, mark{b.Len(), i})
	}
	if marks == nil {
		return refanged{s: text}
	}
	b.WriteString(text[last:])
	return refanged{s: b.String(), marks: marks}
}

// openers finds the next bracket that may open a defang token. It keeps
// the next offset of each of the three brackets, found with IndexByte
// (vectorised), which beats a byte loop or IndexAny on text full of
// parentheses that open nothing.
type openers struct {
	pos   [3]int // next offset of '[', '(', '{'; -1 none left
	valid [3]bool
}

func (o *openers) find(text string, i int) int {
	best := -1
	for k, c := range [3]byte{'[', '(', '{'} {
		if !o.valid[k] || o.pos[k] >= 0 && o.pos[k] < i {
			o.valid[k] = true
			o.pos[k] = strings.IndexByte(text[i:], c)
			if o.pos[k] >= 0 {
				o.pos[k] += i
			}
		}
		if p := o.pos[k]; p >= 0 && (best < 0 || p < best) {
			best = p
		}
	}
	return best
}

// defangAt returns the length of the defang token at text[i:] and its
// refanged form, or 0 when there is none.
func defangAt(text string, i int) (int, string) {
	var closer byte
	switch text[i] {
	case '[':
		closer = ']'
	case '(':
		closer = ')'
	case '{':
		closer = '}'
	}
	for _, tok := range defangTokens {
		end := i + 1 + len(tok.inner)
		if end < len(text) && text[end] == closer && hasPrefixFold(text, i+1, tok.inner) {
			return end + 1 - i, tok.out
		}
	}
	return 0, ""
}

// orig maps an offset of the refanged text to the original text. An offset
// inside a replacement maps to the start of the token it replaced.
func (r *refanged) orig(n int) int {
	if r.marks == nil {
		return n
	}
	lo, hi := 0, len(r.marks) // find the last mark with norm <= n
	for lo < hi {
		m := (lo + hi) / 2
		if r.marks[m].norm <= n {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		return n
	}
	m := r.marks[lo-1]
	if lo%2 == 1 {
		// inside (or at the start of) a replacement: the token's start,
		// unless n is past the replaced text, handled by the next mark.
		return m.orig
	}
	return m.orig + n - m.norm
}
