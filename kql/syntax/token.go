package syntax

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// Span is a half-open range [Start, End) of byte offsets into the source.
// Every token and every AST node has one.
type Span struct {
	Start, End int
}

// Range returns the span itself. Nodes embed Span, so every node has Range.
func (s Span) Range() Span { return s }

// Contains reports whether the offset lies inside the span (End excluded).
func (s Span) Contains(off int) bool { return s.Start <= off && off < s.End }

// Position is a human-readable location: 1-based line and 1-based column,
// the column counted in characters (runes), not bytes.
type Position struct {
	Line, Col int
}

func (p Position) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// LineIndex turns byte offsets of one source text into line:col positions.
// Build it once per text; lookups are a binary search.
type LineIndex struct {
	src   string
	lines []int // byte offset of the start of each line
}

// NewLineIndex indexes the line starts of src. A line ends at \n; a \r
// before it belongs to the line.
func NewLineIndex(src string) *LineIndex {
	lines := []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			lines = append(lines, i+1)
		}
	}
	return &LineIndex{src: src, lines: lines}
}

// Position returns the line:col of a byte offset. Offsets past the end
// clamp to the end of the text.
func (x *LineIndex) Position(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(x.src) {
		off = len(x.src)
	}
	line := sort.Search(len(x.lines), func(i int) bool { return x.lines[i] > off }) - 1
	col := utf8.RuneCountInString(x.src[x.lines[line]:off]) + 1
	return Position{Line: line + 1, Col: col}
}

// Offset returns the byte offset of a line:col position, the inverse of
// Position; positions past a line's end clamp to that end.
func (x *LineIndex) Offset(p Position) int {
	if p.Line < 1 {
		return 0
	}
	if p.Line > len(x.lines) {
		return len(x.src)
	}
	off := x.lines[p.Line-1]
	end := len(x.src)
	if p.Line < len(x.lines) {
		end = x.lines[p.Line] - 1
	}
	for col := 1; col < p.Col && off < end; col++ {
		_, n := utf8.DecodeRuneInString(x.src[off:])
		off += n
	}
	return off
}

// Kind classifies a token.
type Kind uint8

// Token kinds. Keywords are not separate kinds: KQL keywords are contextual
// (count is an operator, a function and a column name), so a keyword is an
// Word token and the parser looks at its text. Compound keywords such as
// project-away, hint.strategy, in~, !has and "matches regex" are single
// Word tokens.
const (
	EOF       Kind = iota
	Illegal        // a character that is not part of the language, or a malformed token
	Comment        // // to end of line (only from Tokenize)
	Word           // identifier or keyword
	String         // string literal in any of its forms, quotes and prefix included
	Long           // integer literal (decimal or 0x hex)
	Real           // real literal: 1.5, 1e3, 2.
	TimeSpan       // timespan literal: 1d, 1.5h, 10ms, 1tick
	Bool           // true/false in the spellings KQL accepts
	TypedLit       // type keyword with parenthesized raw text: datetime(...), int(null), guid(...)
	LParen         // (
	RParen         // )
	LBrack         // [
	RBrack         // ]
	LBrace         // {
	RBrace         // }
	Pipe           // |
	Comma          // ,
	Semi           // ;
	Colon          // :
	Dot            // .
	DotDot         // ..
	Assign         // =
	Eq             // ==
	NotEq          // !=
	LtGt           // <>
	Lt             // <
	LtEq           // <=
	Gt             // >
	GtEq           // >=
	EqTilde        // =~
	BangTilde      // !~
	Arrow          // =>
	Plus           // +
	Minus          // -
	Star           // *
	Slash          // /
	Percent        // %
	At             // @
	Question       // ?
	Bang           // ! (not followed by =, ~ or a negated operator word)
)

var kindNames = [...]string{
	EOF: "end of input", Illegal: "illegal token", Comment: "comment", Word: "identifier",
	String: "string literal", Long: "number", Real: "number", TimeSpan: "timespan literal",
	Bool: "bool literal", TypedLit: "literal",
	LParen: "(", RParen: ")", LBrack: "[", RBrack: "]", LBrace: "{", RBrace: "}",
	Pipe: "|", Comma: ",", Semi: ";", Colon: ":", Dot: ".", DotDot: "..", Assign: "=",
	Eq: "==", NotEq: "!=", LtGt: "<>", Lt: "<", LtEq: "<=", Gt: ">", GtEq: ">=",
	EqTilde: "=~", BangTilde: "!~", Arrow: "=>", Plus: "+", Minus: "-", Star: "*",
	Slash: "/", Percent: "%", At: "@", Question: "?", Bang: "!",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Token is one lexical token: its kind, its span in the source and its text
// (a substring of the source, no copy).
type Token struct {
	Kind Kind
	Span Span
	Text string
}

// describe names a token for "expected X, found Y" messages.
func (t Token) describe() string {
	switch t.Kind {
	case EOF:
		return "end of input"
	case Word, Long, Real, TimeSpan, Bool:
		return fmt.Sprintf("%q", t.Text)
	case String:
		return "string literal"
	case TypedLit:
		return fmt.Sprintf("%q", clip(t.Text, 24))
	case Illegal:
		return fmt.Sprintf("illegal %q", clip(t.Text, 24))
	}
	return fmt.Sprintf("%q", t.Kind.String())
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
