// Package syntax is the front of huntbook's KQL pipeline: tokens and spans,
// a lexer usable on its own, a hand-written recursive-descent parser for the
// whole Kusto query language, the AST, a canonical printer whose output
// parses back to an equal tree, and Walk.
//
// Parse never gives up on the first mistake: it returns the tree it could
// build (with BadExpr/BadOp/BadStmt where parsing failed) and every error as
// "line:col: expected X, found Y". Input size and nesting depth are bounded
// so no input can exhaust the stack. CheckComplete tells an unfinished
// query (open bracket, trailing pipe) from a wrong one.
package syntax

import (
	"fmt"

	"github.com/huntbook/huntbook/table"
)

// Limits that keep any input's cost bounded.
const (
	// MaxSourceSize is the largest query text Parse accepts, in bytes.
	MaxSourceSize = 1 << 20
	// MaxDepth bounds the nesting of the tree (parentheses, calls,
	// operator chains), and so the recursion of the parser, the printer
	// and Walk.
	MaxDepth = 1000
	// maxErrors is where parsing stops reporting (and stops parsing).
	maxErrors = 10
)

// Parse parses a whole query text: statements separated by ';'. It always
// returns a tree; err is an ErrorList when the text has errors, and the
// tree then holds Bad nodes where parsing failed.
func Parse(src string) (*Script, error) {
	p := newParser(src)
	if p == nil {
		return &Script{}, tooLarge(src)
	}
	s := p.parseScript()
	return s, p.errs.list.Err()
}

// ParseExpr parses a single expression (which may be a pipeline).
func ParseExpr(src string) (Expr, error) {
	p := newParser(src)
	if p == nil {
		return &BadExpr{}, tooLarge(src)
	}
	e := p.parsePipeExpr()
	if !p.is(EOF) {
		p.errorExpected("end of expression")
	}
	return e, p.errs.list.Err()
}

func tooLarge(src string) error {
	return ErrorList{{Pos: Position{1, 1}, Msg: fmt.Sprintf("query is %d bytes, more than the limit of %d", len(src), MaxSourceSize)}}
}

// ptok is the parser's compact, pointer-free form of a token: 12 bytes
// instead of 40, and nothing for the garbage collector to scan. tokAt
// rebuilds the Token (its Text is a substring of the source).
type ptok struct {
	kind       Kind
	start, end int32
}

// parser holds the token stream (comments dropped) and the parse state.
type parser struct {
	src     string
	toks    []ptok
	pos     int
	cur     Token // tokAt(pos), kept current by seek and next
	prevEnd int   // end offset of the last consumed token
	errs    *errorSink
	depth   int
	// syncing is set by an error and cleared where the parser resyncs (at
	// the next '|' or ';'), so one mistake reports one error, not a cascade.
	syncing bool
	// open counts the brackets around the current pipeline that the parser
	// has opened and will close: when recovery meets a closing bracket and
	// open is 0, the bracket is stray and is skipped.
	open int

	// Slabs for the most frequent nodes: one allocation per chunk instead
	// of one per node (a tree is used as a whole, so chunks die together).
	idents slab[Ident]
	lits   slab[Literal]
	named  slab[NamedExpr]
	bins   slab[Binary]
}

// slab hands out pointers into chunks of T that grow from 16 to 256.
type slab[T any] struct{ buf []T }

func (s *slab[T]) alloc() *T {
	if len(s.buf) == cap(s.buf) {
		n := 2 * cap(s.buf)
		if n < 16 {
			n = 16
		} else if n > 256 {
			n = 256
		}
		s.buf = make([]T, 0, n)
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

func (p *parser) newIdent(name string, sp Span) *Ident {
	n := p.idents.alloc()
	n.Name, n.Span = name, sp
	return n
}

func (p *parser) newLit(typ table.Type, v any, sp Span) *Literal {
	n := p.lits.alloc()
	n.Type, n.Value, n.Span = typ, v, sp
	return n
}

func newParser(src string) *parser {
	if len(src) > MaxSourceSize {
		return nil
	}
	errs := &errorSink{src: src, max: maxErrors}
	lx := lexer{src: src, errs: errs}
	toks := make([]ptok, 0, len(src)/3+16) // dense KQL has a token every 3-4 bytes
	for {
		t := lx.next()
		toks = append(toks, ptok{t.Kind, int32(t.Span.Start), int32(t.Span.End)})
		if t.Kind == EOF {
			break
		}
	}
	p := &parser{src: src, toks: toks, errs: errs}
	p.seek(0)
	return p
}

// seek moves to token i.
func (p *parser) seek(i int) {
	p.pos = i
	p.cur = p.tokAt(i)
}

// Token access.

// textAt returns the text of token i. A word whose text holds a blank can
// only be "matches regex" (written with any blanks between); its text is
// the canonical spelling, as the lexer gives it.
func (p *parser) textAt(i int) string {
	t := p.toks[i]
	text := p.src[t.start:t.end]
	if t.kind == Word && len(text) > 7 && text[:7] == "matches" {
		if c := text[7]; c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			return "matches regex"
		}
	}
	return text
}

// tokAt rebuilds token i.
func (p *parser) tokAt(i int) Token {
	t := p.toks[i]
	return Token{Kind: t.kind, Span: Span{int(t.start), int(t.end)}, Text: p.textAt(i)}
}

func (p *parser) tok() Token { return p.cur }

func (p *parser) peek(k int) Token {
	if i := p.pos + k; i >= 0 && i < len(p.toks) {
		return p.tokAt(i)
	}
	return p.tokAt(len(p.toks) - 1)
}

func (p *parser) next() Token {
	t := p.cur
	if t.Kind != EOF {
		p.prevEnd = t.Span.End
		p.seek(p.pos + 1)
	}
	return t
}

// advance consumes the current token (next without building it).
func (p *parser) advance() {
	if p.toks[p.pos].kind != EOF {
		p.prevEnd = int(p.toks[p.pos].end)
		p.seek(p.pos + 1)
	}
}

func (p *parser) is(k Kind) bool { return p.toks[p.pos].kind == k }

// kind is the kind of the current token (cheaper than tok()).
func (p *parser) kind() Kind { return p.toks[p.pos].kind }

// isWord reports whether the current token is the keyword w.
func (p *parser) isWord(w string) bool {
	t := p.toks[p.pos]
	return t.kind == Word && int(t.end-t.start) == len(w) && p.src[t.start:t.end] == w
}

func (p *parser) peekWord(k int, w string) bool {
	t := p.peek(k)
	return t.Kind == Word && t.Text == w
}

func (p *parser) accept(k Kind) bool {
	if p.is(k) {
		p.advance()
		return true
	}
	return false
}

func (p *parser) acceptWord(w string) bool {
	if p.isWord(w) {
		p.advance()
		return true
	}
	return false
}

// expect consumes a token of kind k or reports "expected k".
func (p *parser) expect(k Kind) bool {
	if p.accept(k) {
		return true
	}
	p.errorExpected(fmt.Sprintf("%q", k.String()))
	return false
}

// expectWord consumes the keyword w or reports "expected w".
func (p *parser) expectWord(w string) bool {
	if p.acceptWord(w) {
		return true
	}
	p.errorExpected(fmt.Sprintf("%q", w))
	return false
}

// adjacent reports whether the token k ahead starts where the one before
// it ends (no blank between): multi-token symbols such as --> and -[.
func (p *parser) adjacent(k int) bool {
	return p.peek(k).Span.Start == p.peek(k-1).Span.End
}

// Errors.

// errorExpected reports "expected what, found <current token>". An
// illegal token was already reported by the lexer, so it is not reported
// again.
func (p *parser) errorExpected(what string) {
	t := p.tok()
	if t.Kind == Illegal {
		p.syncing = true
		return
	}
	p.error(t.Span, t.Kind == EOF, "expected %s, found %s", what, t.describe())
}

func (p *parser) error(sp Span, atEOF bool, format string, args ...any) {
	if !p.syncing {
		p.errs.add(sp, atEOF, format, args...)
	}
	p.syncing = true
	if p.errs.full() {
		p.seek(len(p.toks) - 1) // stop: everything below sees end of input
	}
}

// enter counts one level of nesting; on too deep a nesting it reports once
// and stops the parse, so recursion stays bounded for any input.
func (p *parser) enter() bool {
	p.depth++
	if p.depth > MaxDepth {
		p.error(p.tok().Span, false, "query nested more than %d levels deep", MaxDepth)
		p.errs.max = len(p.errs.list) // no more errors: the rest is noise
		p.seek(len(p.toks) - 1)
		return false
	}
	return true
}

func (p *parser) leave() { p.depth-- }

// span returns the span from start to the end of the last consumed token.
func (p *parser) span(start int) Span {
	end := p.prevEnd
	if end < start {
		end = start
	}
	return Span{start, end}
}

// start is the start offset of the current token.
func (p *parser) start() int { return int(p.toks[p.pos].start) }

// skipTo skips tokens until one of the stop kinds at bracket depth 0, or
// a closing bracket that closes an enclosing construct, or end of input.
// Closing brackets that close nothing are skipped.
func (p *parser) skipTo(stops ...Kind) {
	depth := 0
	for !p.is(EOF) {
		k := p.tok().Kind
		if depth == 0 {
			for _, s := range stops {
				if k == s {
					return
				}
			}
		}
		switch k {
		case LParen, LBrack, LBrace:
			depth++
		case RParen, RBrack, RBrace:
			if depth == 0 && p.open > 0 {
				return
			}
			if depth > 0 {
				depth--
			}
		}
		p.advance()
	}
}

// openBracket and closeBracket bracket a construct that holds a pipeline
// (parentheses, call arguments, subqueries, function bodies): the opening
// token must be current; closeBracket expects the closing one.
func (p *parser) openBracket() {
	p.advance()
	p.open++
}

func (p *parser) closeBracket(k Kind) {
	p.open--
	p.expect(k)
}

// Statements.

func (p *parser) parseScript() *Script {
	s := &Script{}
	for !p.is(EOF) {
		if p.accept(Semi) {
			continue
		}
		before := p.pos
		st := p.parseStmt()
		s.Stmts = append(s.Stmts, st)
		if p.accept(Semi) || p.is(EOF) {
			p.syncing = false
			continue
		}
		if !p.syncing {
			p.errorExpected(`";" or "|"`)
		}
		p.skipTo(Semi)
		p.syncing = false
		if p.pos == before {
			p.advance()
		}
	}
	s.Span = Span{0, len(p.src)}
	return s
}

func (p *parser) parseStmt() Stmt {
	start := p.start()
	switch {
	case p.isWord("let"):
		return p.parseLet()
	case p.isWord("declare") && p.peekWord(1, "query_parameters"):
		p.advance()
		p.advance()
		return &QueryParamsStmt{Params: p.parseFuncParams(), Span: p.span(start)}
	case p.isWord("declare") && p.peekWord(1, "pattern"):
		return p.parsePatternStmt()
	case p.isWord("set") && p.nameLen(1) > 0:
		p.advance()
		st := &SetStmt{Name: p.parseName("option name")}
		if p.accept(Assign) {
			st.Value = p.parseExpr()
		}
		st.Span = p.span(start)
		return st
	case p.isWord("alias") && p.peekWord(1, "database"):
		p.advance()
		p.advance()
		st := &AliasStmt{Name: p.parseName("alias name")}
		p.expect(Assign)
		st.Value = p.parseExpr()
		st.Span = p.span(start)
		return st
	case p.isWord("restrict"):
		p.advance()
		p.expectWord("access")
		p.expectWord("to")
		st := &RestrictStmt{}
		p.expect(LParen)
		st.Tables = commaList(p, p.parseEntityOperand)
		p.expect(RParen)
		st.Span = p.span(start)
		return st
	}
	x := p.parsePipeExpr()
	return &ExprStmt{X: x, Span: p.span(start)}
}

// parseLet parses let Name = Value, where Value may be a function or view.
func (p *parser) parseLet() *LetStmt {
	start := p.start()
	p.advance()
	st := &LetStmt{Name: p.parseName("name")}
	p.expect(Assign)
	if p.isFunctionStart() {
		st.Value = p.parseFunction()
	} else {
		st.Value = p.parsePipeExpr()
	}
	st.Span = p.span(start)
	return st
}

// isFunctionStart: view, or '(' followed by ')' or name ':'.
func (p *parser) isFunctionStart() bool {
	if p.isWord("view") && p.peek(1).Kind == LParen {
		return true
	}
	if !p.is(LParen) {
		return false
	}
	if p.peek(1).Kind == RParen {
		return true
	}
	n := p.nameLen(1)
	return n > 0 && p.peek(1+n).Kind == Colon
}

func (p *parser) parseFunction() *Function {
	start := p.start()
	fn := &Function{View: p.acceptWord("view")}
	fn.Params = p.parseFuncParams()
	fn.Body = p.parseFuncBody()
	fn.Span = p.span(start)
	return fn
}

// parseFuncParams parses (name:type [= default], ...).
func (p *parser) parseFuncParams() []*FuncParam {
	if !p.expect(LParen) {
		return nil
	}
	var params []*FuncParam
	if !p.is(RParen) {
		params = commaList(p, p.parseFuncParam)
	}
	p.expect(RParen)
	return params
}

func (p *parser) parseFuncParam() *FuncParam {
	start := p.start()
	fp := &FuncParam{Name: p.parseName("parameter name")}
	if p.expect(Colon) {
		fp.Type = p.parseType()
	}
	if p.accept(Assign) {
		fp.Default = p.parseLiteralOrName()
	}
	fp.Span = p.span(start)
	return fp
}

// parseFuncBody parses { [let ...;]... Result [;] }.
func (p *parser) parseFuncBody() *FuncBody {
	start := p.start()
	body := &FuncBody{}
	if !p.is(LBrace) {
		p.errorExpected(`"{"`)
		body.Span = p.span(start)
		return body
	}
	p.openBracket()
	if !p.enter() {
		return body
	}
	defer p.leave()
	for p.isWord("let") || (p.isWord("declare") && p.peekWord(1, "query_parameters")) {
		body.Stmts = append(body.Stmts, p.parseStmt())
		p.expect(Semi)
	}
	if !p.is(RBrace) {
		body.Result = p.parsePipeExpr()
		p.accept(Semi)
	}
	p.closeBracket(RBrace)
	body.Span = p.span(start)
	return body
}

// parsePatternStmt parses declare pattern Name [= (params)[path] { matches }].
func (p *parser) parsePatternStmt() *PatternStmt {
	start := p.start()
	p.advance()
	p.advance()
	st := &PatternStmt{Name: p.parseName("pattern name")}
	if !p.accept(Assign) {
		st.Span = p.span(start)
		return st
	}
	p.expect(LParen)
	if !p.is(RParen) {
		st.Params = commaList(p, p.parseColumnDecl)
	}
	p.expect(RParen)
	if p.accept(LBrack) {
		st.PathParam = p.parseColumnDecl()
		p.expect(RBrack)
	}
	p.expect(LBrace)
	for p.is(LParen) {
		st.Matches = append(st.Matches, p.parsePatternMatch())
	}
	p.expect(RBrace)
	st.Span = p.span(start)
	return st
}

func (p *parser) parsePatternMatch() *PatternMatch {
	start := p.start()
	m := &PatternMatch{}
	p.expect(LParen)
	m.Args = commaList(p, p.parseExpr)
	p.expect(RParen)
	if p.is(Dot) && p.peek(1).Kind == LBrack {
		p.advance()
		p.advance()
		m.Path = p.parseLiteralOrName()
		p.expect(RBrack)
	}
	p.expect(Assign)
	m.Body = p.parseFuncBody()
	p.expect(Semi)
	m.Span = p.span(start)
	return m
}

// commaList parses one element and then more after each comma. Elements
// gather in a stack buffer and are copied once into an exact-size slice:
// most lists are short, and this saves the append growth allocations.
func commaList[T any](p *parser, elem func() T) []T {
	var buf [8]T
	out := append(buf[:0], elem())
	for p.accept(Comma) {
		before := p.pos
		out = append(out, elem())
		if p.pos == before && p.is(EOF) {
			break
		}
	}
	return append(make([]T, 0, len(out)), out...)
}
