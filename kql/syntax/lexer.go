package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize splits src into tokens, comments included, ending with an EOF
// token. It never fails: malformed input becomes Illegal tokens and errors.
// Editors use it for highlighting; the parser uses the same scanner.
func Tokenize(src string) ([]Token, ErrorList) {
	errs := &errorSink{src: src, max: maxErrors}
	lx := lexer{src: src, errs: errs, keepComments: true}
	toks := make([]Token, 0, len(src)/4+16)
	for {
		t := lx.next()
		toks = append(toks, t)
		if t.Kind == EOF {
			return toks, errs.list
		}
	}
}

// lexer is the scanner. It is a plain struct so the parser can run it
// without allocating.
type lexer struct {
	src          string
	pos          int
	errs         *errorSink
	keepComments bool
}

func (lx *lexer) peek(off int) byte {
	if i := lx.pos + off; i < len(lx.src) {
		return lx.src[i]
	}
	return 0
}

func (lx *lexer) tok(k Kind, start int) Token {
	return Token{Kind: k, Span: Span{start, lx.pos}, Text: lx.src[start:lx.pos]}
}

// next returns the next token.
func (lx *lexer) next() Token {
	for {
		lx.skipSpace()
		if lx.pos >= len(lx.src) {
			return Token{Kind: EOF, Span: Span{len(lx.src), len(lx.src)}}
		}
		if lx.src[lx.pos] == '/' && lx.peek(1) == '/' {
			start := lx.pos
			for lx.pos < len(lx.src) && lx.src[lx.pos] != '\n' {
				lx.pos++
			}
			if lx.keepComments {
				return lx.tok(Comment, start)
			}
			continue
		}
		return lx.scan()
	}
}

func (lx *lexer) skipSpace() {
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			lx.pos++
			continue
		}
		if c < utf8.RuneSelf {
			return
		}
		r, n := utf8.DecodeRuneInString(lx.src[lx.pos:])
		if !unicode.IsSpace(r) && r != '\uFEFF' {
			return
		}
		lx.pos += n
	}
}

func (lx *lexer) scan() Token {
	start := lx.pos
	c := lx.src[lx.pos]
	switch {
	case c == '\'' || c == '"':
		return lx.scanString(start, start)
	case c == '`':
		if strings.HasPrefix(lx.src[lx.pos:], "```") {
			return lx.scanMultiLine(start, start)
		}
	case c == '@' && (lx.peek(1) == '\'' || lx.peek(1) == '"'):
		return lx.scanString(start, start)
	case isDigit(c):
		return lx.scanNumber(start)
	case c == '!':
		return lx.scanBang(start)
	case isIdentStart(c):
		return lx.scanWord(start)
	case c >= utf8.RuneSelf:
		if r, _ := utf8.DecodeRuneInString(lx.src[lx.pos:]); unicode.IsLetter(r) {
			return lx.scanWord(start)
		}
	default:
		if k, n := punct(lx.src[lx.pos:]); n > 0 {
			lx.pos += n
			return lx.tok(k, start)
		}
	}
	_, n := utf8.DecodeRuneInString(lx.src[lx.pos:])
	lx.pos += n
	t := lx.tok(Illegal, start)
	lx.errs.add(t.Span, false, "unexpected character %q", t.Text)
	return t
}

// punct recognizes the punctuation tokens, longest first.
func punct(s string) (Kind, int) {
	var c1 byte
	if len(s) > 1 {
		c1 = s[1]
	}
	switch s[0] {
	case '(':
		return LParen, 1
	case ')':
		return RParen, 1
	case '[':
		return LBrack, 1
	case ']':
		return RBrack, 1
	case '{':
		return LBrace, 1
	case '}':
		return RBrace, 1
	case '|':
		return Pipe, 1
	case ',':
		return Comma, 1
	case ';':
		return Semi, 1
	case ':':
		return Colon, 1
	case '.':
		if c1 == '.' {
			return DotDot, 2
		}
		return Dot, 1
	case '=':
		switch c1 {
		case '=':
			return Eq, 2
		case '~':
			return EqTilde, 2
		case '>':
			return Arrow, 2
		}
		return Assign, 1
	case '<':
		switch c1 {
		case '=':
			return LtEq, 2
		case '>':
			return LtGt, 2
		}
		return Lt, 1
	case '>':
		if c1 == '=' {
			return GtEq, 2
		}
		return Gt, 1
	case '+':
		return Plus, 1
	case '-':
		return Minus, 1
	case '*':
		return Star, 1
	case '/':
		return Slash, 1
	case '%':
		return Percent, 1
	case '@':
		return At, 1
	case '?':
		return Question, 1
	}
	return Illegal, 0
}

// scanBang handles !=, !~ and the negated operator words (!has, !in~, ...).
func (lx *lexer) scanBang(start int) Token {
	switch lx.peek(1) {
	case '=':
		lx.pos += 2
		return lx.tok(NotEq, start)
	case '~':
		lx.pos += 2
		return lx.tok(BangTilde, start)
	}
	end := start + 1
	for end < len(lx.src) && isIdentPart(lx.src[end]) {
		end++
	}
	word := lx.src[start:end]
	if word == "!in" && end < len(lx.src) && lx.src[end] == '~' {
		word, end = "!in~", end+1
	}
	if bangWords[word] && (end >= len(lx.src) || !isIdentPart(lx.src[end])) {
		lx.pos = end
		return lx.tok(Word, start)
	}
	lx.pos++
	return lx.tok(Bang, start)
}

// scanWord scans an identifier, a keyword (compound ones included), a bool,
// an obfuscated string h'...' or a typed literal such as datetime(...).
func (lx *lexer) scanWord(start int) Token {
	lx.pos++ // the first character may be '$', which is not an identifier part
	if lx.src[start] >= utf8.RuneSelf {
		_, n := utf8.DecodeRuneInString(lx.src[start:])
		lx.pos = start + n
	}
	lx.scanIdentRest()
	word := lx.src[start:lx.pos]
	next := lx.peek(0)
	switch {
	case (word == "h" || word == "H") && (next == '\'' || next == '"' || (next == '@' && (lx.peek(1) == '\'' || lx.peek(1) == '"'))):
		return lx.scanString(start, lx.pos)
	case next == '(' && isTypedLitWord(word):
		return lx.scanTypedLit(start)
	case isBoolWord(word):
		return lx.tok(Bool, start)
	case word == "hint" && next == '.' && (isLetter(lx.peek(1)) || lx.peek(1) == '_') && (start == 0 || lx.src[start-1] != '.'):
		// hint.strategy is one word, but not in a path such as x.hint.y.
		lx.pos++
		lx.scanIdentRest()
	case word == "in" && next == '~':
		lx.pos++
	case word == "matches":
		if end, ok := lx.matchRegexWord(); ok {
			lx.pos = end
			return Token{Kind: Word, Span: Span{start, end}, Text: "matches regex"}
		}
	case next == '-':
		for _, kw := range hyphenWords[word] {
			if strings.HasPrefix(lx.src[start:], kw) {
				if e := start + len(kw); e >= len(lx.src) || !isIdentPart(lx.src[e]) {
					lx.pos = e
					break
				}
			}
		}
	}
	return lx.tok(Word, start)
}

// matchRegexWord looks for the "regex" of "matches regex" after blanks.
func (lx *lexer) matchRegexWord() (int, bool) {
	i := lx.pos
	for i < len(lx.src) && (lx.src[i] == ' ' || lx.src[i] == '\t' || lx.src[i] == '\r' || lx.src[i] == '\n') {
		i++
	}
	if i == lx.pos || !strings.HasPrefix(lx.src[i:], "regex") {
		return 0, false
	}
	i += len("regex")
	if i < len(lx.src) && isIdentPart(lx.src[i]) {
		return 0, false
	}
	return i, true
}

func (lx *lexer) scanIdentRest() {
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		if isIdentPart(c) {
			lx.pos++
			continue
		}
		if c < utf8.RuneSelf {
			return
		}
		r, n := utf8.DecodeRuneInString(lx.src[lx.pos:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return
		}
		lx.pos += n
	}
}

// scanTypedLit scans a type keyword immediately followed by a parenthesized
// raw text, as Kusto does: datetime(2020-01-01 10:00), guid(...), int(null).
// The text runs to the first ')' and may not cross a line break.
func (lx *lexer) scanTypedLit(start int) Token {
	i := lx.pos + 1
	for i < len(lx.src) && lx.src[i] != ')' && lx.src[i] != '\n' && lx.src[i] != '\r' {
		i++
	}
	if i < len(lx.src) && lx.src[i] == ')' {
		lx.pos = i + 1
		return lx.tok(TypedLit, start)
	}
	lx.pos = i
	t := lx.tok(Illegal, start)
	lx.errs.add(Span{i, i}, i >= len(lx.src), "expected \")\" to close %s literal", lx.src[start:strings.IndexByte(lx.src[start:], '(')+start])
	return t
}

// scanString scans '...', "...", @'...', @"..." with an optional h/H
// prefix (quote is where the quote or @ starts).
func (lx *lexer) scanString(start, quote int) Token {
	lx.pos = quote
	verbatim := false
	if lx.src[lx.pos] == '@' {
		verbatim = true
		lx.pos++
	}
	q := lx.src[lx.pos]
	lx.pos++
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		switch {
		case c == q:
			if verbatim && lx.peek(1) == q {
				lx.pos += 2
				continue
			}
			lx.pos++
			return lx.tok(String, start)
		case c == '\\' && !verbatim:
			if n := lx.peek(1); n != 0 && n != '\n' && n != '\r' {
				lx.pos += 2
				continue
			}
			lx.pos++
		case c == '\n' || c == '\r':
			t := lx.tok(Illegal, start)
			lx.errs.add(Span{lx.pos, lx.pos}, false, "string literal not terminated (use ``` for a multi-line string)")
			return t
		default:
			lx.pos++
		}
	}
	t := lx.tok(Illegal, start)
	lx.errs.add(Span{lx.pos, lx.pos}, false, "string literal not terminated")
	return t
}

// scanMultiLine scans a ```...``` string, which may span lines and has no
// escapes.
func (lx *lexer) scanMultiLine(start, quote int) Token {
	body := quote + 3
	if i := strings.Index(lx.src[body:], "```"); i >= 0 {
		lx.pos = body + i + 3
		return lx.tok(String, start)
	}
	lx.pos = len(lx.src)
	t := lx.tok(Illegal, start)
	lx.errs.add(Span{lx.pos, lx.pos}, true, "multi-line string literal not terminated: expected ```")
	return t
}

// scanNumber scans a number-led token: hex, real, timespan, long, or an
// identifier that starts with digits (Kusto allows 1st_column).
func (lx *lexer) scanNumber(start int) Token {
	s := lx.src
	if s[start] == '0' && (lx.peek(1) == 'x' || lx.peek(1) == 'X') && isHexDigit(lx.peek(2)) {
		i := start + 2
		for i < len(s) && isHexDigit(s[i]) {
			i++
		}
		if i >= len(s) || !isIdentPart(s[i]) {
			lx.pos = i
			return lx.tok(Long, start)
		}
	}
	digits := scanDigits(s, start)
	if end, ok := scanReal(s, start, digits); ok {
		lx.pos = end
		return lx.tok(Real, start)
	}
	if end, ok := scanTimeSpan(s, start, digits); ok {
		lx.pos = end
		return lx.tok(TimeSpan, start)
	}
	if digits >= len(s) || !isIdentPart(s[digits]) {
		lx.pos = digits
		return lx.tok(Long, start)
	}
	if c := s[digits]; isLetter(c) || c == '_' {
		lx.pos = digits
		lx.scanIdentRest()
		return lx.tok(Word, start)
	}
	lx.pos = digits
	return lx.tok(Long, start)
}

func scanDigits(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// scanReal scans digits '.' [digits] [exponent] or digits exponent. A '.'
// followed by another '.' belongs to a ".." token (between (1..5)).
func scanReal(s string, start, i int) (int, bool) {
	if i < len(s) && s[i] == '.' && (i+1 >= len(s) || s[i+1] != '.' || (i+2 < len(s) && s[i+2] == '.')) {
		i = scanDigits(s, i+1)
		if e, ok := scanExponent(s, i); ok {
			i = e
		}
	} else {
		e, ok := scanExponent(s, i)
		if !ok {
			return 0, false
		}
		i = e
	}
	if i < len(s) && isIdentPart(s[i]) {
		return 0, false
	}
	return i, true
}

func scanExponent(s string, i int) (int, bool) {
	if i >= len(s) || (s[i] != 'e' && s[i] != 'E') {
		return 0, false
	}
	i++
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	j := scanDigits(s, i)
	if j == i {
		return 0, false
	}
	return j, true
}

// scanTimeSpan scans digits [. digits] unit, the unit being a whole run of
// letters from timeSpanUnits.
func scanTimeSpan(s string, start, i int) (int, bool) {
	if i < len(s) && s[i] == '.' {
		i = scanDigits(s, i+1)
	}
	j := i
	for j < len(s) && isLetter(s[j]) {
		j++
	}
	if _, ok := timeSpanUnits[s[i:j]]; !ok {
		return 0, false
	}
	if j < len(s) && isIdentPart(s[j]) {
		return 0, false
	}
	return j, true
}

// isTypedLitWord reports whether w, directly followed by '(', starts a
// typed literal (see typedLitWords).
func isTypedLitWord(w string) bool {
	switch w {
	case "bool", "int", "long", "real", "double", "decimal", "datetime", "date", "time", "timespan", "guid":
		return true
	}
	return false
}

func isBoolWord(w string) bool {
	switch w {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return true
	}
	return false
}

func isDigit(c byte) bool    { return '0' <= c && c <= '9' }
func isLetter(c byte) bool   { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isHexDigit(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// isIdentStart: ASCII letters, '_' and '$' ($left, $right). Non-ASCII
// letters are handled by the callers.
func isIdentStart(c byte) bool { return isLetter(c) || c == '_' || c == '$' }

// isIdentPart: ASCII letters, digits, '_'; bytes of multi-byte runes are
// reported as not part so callers decode them.
func isIdentPart(c byte) bool { return isLetter(c) || isDigit(c) || c == '_' }
