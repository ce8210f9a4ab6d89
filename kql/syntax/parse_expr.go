package syntax

import (
	"strings"

	"github.com/huntbook/huntbook/table"
)

// isNonName reports whether a word is never taken as a bare name: the
// keywords that end lists and start clauses, and the operator words
// (Kusto does not allow them as identifiers either).
func isNonName(w string) bool {
	switch w {
	case "and", "or", "by", "on", "with", "of", "where", "let", "between", "!between",
		"asc", "desc", "limit", "project":
		return true
	}
	return stringOpOf(w) != OpInvalid || listOpOf(w) != OpInvalid
}

// stringOpOf returns the string operator a word spells, or OpInvalid.
func stringOpOf(w string) BinaryOp {
	switch w {
	case "has":
		return OpHas
	case "!has":
		return OpNotHas
	case "has_cs":
		return OpHasCs
	case "!has_cs":
		return OpNotHasCs
	case "hasprefix":
		return OpHasPrefix
	case "!hasprefix":
		return OpNotHasPrefix
	case "hasprefix_cs":
		return OpHasPrefixCs
	case "!hasprefix_cs":
		return OpNotHasPrefixCs
	case "hassuffix":
		return OpHasSuffix
	case "!hassuffix":
		return OpNotHasSuffix
	case "hassuffix_cs":
		return OpHasSuffixCs
	case "!hassuffix_cs":
		return OpNotHasSuffixCs
	case "contains":
		return OpContains
	case "!contains", "notcontains":
		return OpNotContains
	case "contains_cs", "containscs":
		return OpContainsCs
	case "!contains_cs", "notcontainscs":
		return OpNotContainsCs
	case "startswith":
		return OpStartsWith
	case "!startswith":
		return OpNotStartsWith
	case "startswith_cs":
		return OpStartsWithCs
	case "!startswith_cs":
		return OpNotStartsWithCs
	case "endswith":
		return OpEndsWith
	case "!endswith":
		return OpNotEndsWith
	case "endswith_cs":
		return OpEndsWithCs
	case "!endswith_cs":
		return OpNotEndsWithCs
	case "matches regex":
		return OpMatchesRegex
	case "like":
		return OpLike
	case "notlike":
		return OpNotLike
	case "likecs":
		return OpLikeCs
	case "notlikecs":
		return OpNotLikeCs
	}
	return OpInvalid
}

// listOpOf returns the list operator a word spells, or OpInvalid.
func listOpOf(w string) BinaryOp {
	switch w {
	case "in":
		return OpIn
	case "!in":
		return OpNotIn
	case "in~":
		return OpInCi
	case "!in~":
		return OpNotInCi
	case "has_any":
		return OpHasAny
	case "has_all":
		return OpHasAll
	}
	return OpInvalid
}

// parsePipeExpr parses an expression that may be a pipeline and may start
// with an operator: statements, let values, parentheses, subqueries.
func (p *parser) parsePipeExpr() Expr {
	if !p.enter() {
		return &BadExpr{Span: p.span(p.start())}
	}
	defer p.leave()
	start := p.start()
	if op := p.tryOperator(); op != nil {
		return p.pipeRest(start, nil, []Operator{op})
	}
	return p.pipeRest(start, p.parseExpr(), nil)
}

// parseArgExpr parses an expression that may continue into a pipeline but
// does not start with an operator (call arguments, in-lists): there a word
// such as count is a name.
func (p *parser) parseArgExpr() Expr {
	start := p.start()
	return p.pipeRest(start, p.parseExpr(), nil)
}

// pipeRest parses the "| operator" tail of a pipeline.
func (p *parser) pipeRest(start int, src Expr, ops []Operator) Expr {
	for p.is(Pipe) {
		p.advance()
		ops = append(ops, p.parseOperatorRecover())
	}
	if len(ops) == 0 {
		return src
	}
	return &Pipeline{Source: src, Ops: ops, Span: p.span(start)}
}

// parseExpr parses a scalar-level expression (no pipes): the loosest level
// is `or`.
func (p *parser) parseExpr() Expr {
	if !p.enter() {
		return &BadExpr{Span: p.span(p.start())}
	}
	defer p.leave()
	return p.parseOr()
}

// The left-associative levels build left-deep trees in a loop. Each link
// of a chain counts as one level of depth while the chain is parsed, so
// the tree stays within MaxDepth although the parser does not recurse.

func (p *parser) parseOr() Expr {
	defer p.restoreDepth(p.depth)
	x := p.parseAnd()
	for p.isWord("or") {
		x = p.binary(x, OpOr, p.parseAnd)
	}
	return x
}

func (p *parser) parseAnd() Expr {
	defer p.restoreDepth(p.depth)
	x := p.parseEquality()
	for p.isWord("and") {
		x = p.binary(x, OpAnd, p.parseEquality)
	}
	return x
}

func (p *parser) restoreDepth(d int) { p.depth = d }

// binary consumes an operator token and builds x op right().
func (p *parser) binary(x Expr, op BinaryOp, right func() Expr) Expr {
	p.advance()
	if !p.enter() {
		return x
	}
	y := right()
	b := p.bins.alloc()
	b.Op, b.X, b.Y, b.Span = op, x, y, Span{x.Range().Start, p.span(x.Range().Start).End}
	return b
}

// parseEquality parses the non-associative comparison level: == != <> and
// the list operators, between.
func (p *parser) parseEquality() Expr {
	start := p.start()
	var x Expr
	if p.is(Star) && (p.peek(1).Kind == Eq || p.peek(1).Kind == NotEq) {
		t := p.next()
		x = &Wildcard{Pattern: "*", Span: t.Span}
	} else {
		x = p.parseRelational()
	}
	k := p.kind()
	if k != Eq && k != NotEq && k != LtGt && k != Word {
		return x
	}
	t := p.tok()
	switch {
	case t.Kind == Eq:
		return p.binary(x, OpEq, p.parseRelational)
	case t.Kind == NotEq || t.Kind == LtGt:
		return p.binary(x, OpNotEq, p.parseRelational)
	case t.Kind == Word && (t.Text == "between" || t.Text == "!between"):
		return p.parseBetween(start, x)
	case t.Kind == Word && listOpOf(t.Text) != OpInvalid && !(t.Text == "in" && p.peekWord(1, "range")):
		p.advance()
		in := &In{Op: listOpOf(t.Text), X: x}
		in.List = p.parseParenList()
		in.Span = p.span(start)
		return in
	}
	return x
}

// parseParenList parses ( e, e, ... ) where elements may be pipelines.
func (p *parser) parseParenList() []Expr {
	if !p.is(LParen) {
		p.errorExpected(`"("`)
		return nil
	}
	p.openBracket()
	list := commaList(p, p.parseArgExpr)
	p.closeBracket(RParen)
	return list
}

func (p *parser) parseBetween(start int, x Expr) Expr {
	b := &Between{Not: p.next().Text == "!between", X: x}
	p.expect(LParen)
	b.Lo = p.parseAdditive()
	p.expect(DotDot)
	b.Hi = p.parseAdditive()
	p.expect(RParen)
	b.Span = p.span(start)
	return b
}

func (p *parser) parseRelational() Expr {
	x := p.parseAdditive()
	switch p.kind() {
	case Lt:
		return p.binary(x, OpLt, p.parseAdditive)
	case LtEq:
		return p.binary(x, OpLtEq, p.parseAdditive)
	case Gt:
		return p.binary(x, OpGt, p.parseAdditive)
	case GtEq:
		return p.binary(x, OpGtEq, p.parseAdditive)
	}
	return x
}

func (p *parser) parseAdditive() Expr {
	defer p.restoreDepth(p.depth)
	x := p.parseMultiplicative()
	for {
		switch p.kind() {
		case Plus:
			x = p.binary(x, OpAdd, p.parseMultiplicative)
		case Minus:
			x = p.binary(x, OpSub, p.parseMultiplicative)
		default:
			return x
		}
	}
}

func (p *parser) parseMultiplicative() Expr {
	defer p.restoreDepth(p.depth)
	x := p.parseStringOp()
	for {
		switch p.kind() {
		case Star:
			x = p.binary(x, OpMul, p.parseStringOp)
		case Slash:
			x = p.binary(x, OpDiv, p.parseStringOp)
		case Percent:
			x = p.binary(x, OpMod, p.parseStringOp)
		default:
			return x
		}
	}
}

// stringOp returns the string operator at the current token, if any.
func (p *parser) stringOp() BinaryOp {
	switch p.kind() {
	case EqTilde:
		return OpEqTilde
	case BangTilde:
		return OpBangTilde
	case Colon:
		return OpSearch
	case Word:
		return stringOpOf(p.tok().Text)
	}
	return OpInvalid
}

// parseStringOp parses the string operator level, which binds tighter than
// arithmetic in KQL; `* has "x"` searches all columns.
func (p *parser) parseStringOp() Expr {
	defer p.restoreDepth(p.depth)
	var x Expr
	if p.is(Star) {
		save := p.pos
		t := p.next()
		if p.stringOp() != OpInvalid {
			x = &Wildcard{Pattern: "*", Span: t.Span}
		} else {
			p.seek(save)
		}
	}
	if x == nil {
		x = p.parseUnary()
	}
	for op := p.stringOp(); op != OpInvalid; op = p.stringOp() {
		x = p.binary(x, op, p.parseUnary)
	}
	return x
}

func (p *parser) parseUnary() Expr {
	start := p.start()
	var op UnaryOp
	switch p.kind() {
	case Minus:
		op = OpNeg
	case Plus:
		op = OpPlus
	default:
		return p.parsePostfix()
	}
	p.advance()
	x := p.parsePostfix()
	return &Unary{Op: op, X: x, Span: p.span(start)}
}

// parsePostfix parses a primary expression followed by member access,
// indexing and method-style calls (cluster("c").database("d")).
func (p *parser) parsePostfix() Expr {
	defer p.restoreDepth(p.depth)
	start := p.start()
	x := p.parsePrimary()
	for {
		if (p.is(Dot) || p.is(LBrack)) && !p.enter() {
			return x
		}
		switch {
		case p.is(Dot) && p.peek(1).Kind == LBrack:
			p.advance()
			x = p.parseDotBracket(start, x)
		case p.is(Dot):
			p.advance()
			x = p.parseDotName(start, x)
		case p.is(LBrack):
			p.advance()
			idx := &Index{X: x, Index: p.parseExpr()}
			p.expect(RBrack)
			idx.Span = p.span(start)
			x = idx
		default:
			return x
		}
	}
}

// parseDotName parses the name after a dot: a member, or a call with a
// receiver. Any identifier-shaped word is a name here, keywords included.
func (p *parser) parseDotName(start int, x Expr) Expr {
	t := p.tok()
	if t.Kind != Word && t.Kind != Bool {
		p.errorExpected("name after \".\"")
		return x
	}
	p.advance()
	name := p.newIdent(t.Text, t.Span)
	if p.is(LParen) {
		c := &Call{Recv: x, Name: name}
		c.Args = p.parseArgs(false)
		c.Span = p.span(start)
		return c
	}
	return &Member{X: x, Name: name, Span: p.span(start)}
}

// parseDotBracket parses .['name'] (a member) or .[expr] (an index).
func (p *parser) parseDotBracket(start int, x Expr) Expr {
	if n := p.nameLen(0); n > 1 {
		name := p.parseName("name")
		if p.is(LParen) {
			c := &Call{Recv: x, Name: name}
			c.Args = p.parseArgs(false)
			c.Span = p.span(start)
			return c
		}
		return &Member{X: x, Name: name, Span: p.span(start)}
	}
	p.advance()
	idx := &Index{X: x, Index: p.parseExpr()}
	p.expect(RBrack)
	idx.Span = p.span(start)
	return idx
}

// parsePrimary parses literals, names, calls, parentheses and the
// expression-level tabular forms (datatable, externaldata).
func (p *parser) parsePrimary() Expr {
	t := p.tok()
	switch t.Kind {
	case String, Long, Real, TimeSpan, Bool, TypedLit:
		return p.parseLiteral()
	case LParen:
		p.openBracket()
		par := &Paren{X: p.parsePipeExpr()}
		p.closeBracket(RParen)
		par.Span = p.span(t.Span.Start)
		return par
	case Star:
		p.advance()
		return &Wildcard{Pattern: "*", Span: t.Span}
	case LBrack:
		return p.parseNameOrCall()
	case Word:
		return p.parseWordPrimary(t)
	}
	p.errorExpected("expression")
	return &BadExpr{Span: Span{t.Span.Start, t.Span.Start}}
}

// parseWordPrimary handles a primary that starts with a word.
func (p *parser) parseWordPrimary(t Token) Expr {
	next := p.peek(1).Kind
	switch {
	case t.Text == "dynamic" && next == LParen:
		return p.parseDynamic()
	case t.Text == "typeof" && next == LParen:
		return p.parseTypeOf()
	case t.Text == "datatable":
		return p.parseDataTable()
	case t.Text == "externaldata" || t.Text == "external_data":
		return p.parseExternalData()
	case strings.HasPrefix(t.Text, "hint."):
		// hint.x outside a parameter list is the member x of hint (or the
		// method call hint.x(...)).
		p.advance()
		dot := strings.IndexByte(t.Text, '.')
		recv := &Ident{Name: t.Text[:dot], Span: Span{t.Span.Start, t.Span.Start + dot}}
		name := &Ident{Name: t.Text[dot+1:], Span: Span{t.Span.Start + dot + 1, t.Span.End}}
		if p.is(LParen) {
			c := &Call{Recv: recv, Name: name}
			c.Args = p.parseArgs(false)
			c.Span = p.span(t.Span.Start)
			return c
		}
		return &Member{X: recv, Name: name, Span: t.Span}
	case isNonName(t.Text):
		p.errorExpected("expression")
		return &BadExpr{Span: Span{t.Span.Start, t.Span.Start}}
	}
	return p.parseNameOrCall()
}

// parseNameOrCall parses a name, or a call when '(' follows.
func (p *parser) parseNameOrCall() Expr {
	start := p.start()
	name := p.parseName("name")
	if !p.is(LParen) {
		return name
	}
	c := &Call{Name: name}
	c.Args = p.parseArgs(name.Name == "toscalar" || name.Name == "materialize" || name.Name == "totable")
	c.Span = p.span(start)
	return c
}

// parseArgs parses (arg, ...). Arguments may be named (x = 1), '*', or
// tabular; with tabular set, an argument may start with an operator
// (toscalar(print 1)).
func (p *parser) parseArgs(tabular bool) []Expr {
	if !p.is(LParen) {
		p.errorExpected(`"("`)
		return nil
	}
	p.openBracket()
	if p.is(RParen) {
		p.closeBracket(RParen)
		return nil
	}
	if !p.enter() {
		return nil
	}
	defer p.leave()
	args := commaList(p, func() Expr { return p.parseArg(tabular) })
	p.closeBracket(RParen)
	return args
}

func (p *parser) parseArg(tabular bool) Expr {
	start := p.start()
	if n := p.nameLen(0); n > 0 && p.peek(n).Kind == Assign {
		na := &NamedArg{Name: p.parseName("name")}
		p.advance()
		na.Value = p.parseExpr()
		na.Span = p.span(start)
		return na
	}
	if tabular {
		return p.parsePipeExpr()
	}
	return p.parseArgExpr()
}

// nameLen returns how many tokens a name at offset k takes: 1 for a word
// that can be a name, 2+ for ['bracketed' 'name'], 0 when there is none.
func (p *parser) nameLen(k int) int {
	i := p.pos + k
	if i < 0 || i >= len(p.toks) {
		return 0
	}
	switch p.toks[i].kind {
	case Word:
		if isNonName(p.textAt(i)) {
			return 0
		}
		return 1
	case LBrack:
		n := 1
		for i+n < len(p.toks) && p.toks[i+n].kind == String {
			n++
		}
		if n > 1 && i+n < len(p.toks) && p.toks[i+n].kind == RBrack {
			return n + 1
		}
	}
	return 0
}

// parseName parses a bare or bracketed name.
func (p *parser) parseName(what string) *Ident {
	t := p.tok()
	switch p.nameLen(0) {
	case 0:
		if t.Kind == LBrack {
			break
		}
		p.errorExpected(what)
		return &Ident{Span: Span{t.Span.Start, t.Span.Start}}
	case 1:
		p.advance()
		return p.newIdent(t.Text, t.Span)
	}
	p.next() // [
	if !p.is(String) {
		p.errorExpected("quoted name")
		return &Ident{Span: p.span(t.Span.Start)}
	}
	lit := p.parseStrings()
	p.expect(RBrack)
	s, _ := lit.Value.(string)
	return p.newIdent(s, p.span(t.Span.Start))
}

// parseLiteral parses a literal token (adjacent strings are spliced).
func (p *parser) parseLiteral() Expr {
	t := p.tok()
	switch t.Kind {
	case String:
		return p.parseStrings()
	case Long:
		p.advance()
		v, err := parseLong(t.Text)
		if err != nil {
			p.error(t.Span, false, "%v", err)
		}
		return p.newLit(table.Long, v, t.Span)
	case Real:
		p.advance()
		v, err := parseReal(t.Text)
		if err != nil {
			p.error(t.Span, false, "%v", err)
		}
		return p.newLit(table.Real, v, t.Span)
	case TimeSpan:
		p.advance()
		v, err := parseTimeSpanLit(t.Text)
		if err != nil {
			p.error(t.Span, false, "%v", err)
		}
		return p.newLit(table.TimeSpan, v, t.Span)
	case Bool:
		p.advance()
		return p.newLit(table.Bool, strings.EqualFold(t.Text, "true"), t.Span)
	case TypedLit:
		p.advance()
		return p.typedLit(t)
	}
	p.errorExpected("literal")
	return &BadExpr{Span: Span{t.Span.Start, t.Span.Start}}
}

func (p *parser) typedLit(t Token) Expr {
	if (strings.HasPrefix(t.Text, "datetime(") || strings.HasPrefix(t.Text, "date(")) &&
		strings.TrimSpace(t.Text[strings.IndexByte(t.Text, '(')+1:len(t.Text)-1]) == "" {
		// datetime() is the current time.
		return &Call{Name: p.newIdent("now", t.Span), Span: t.Span}
	}
	typ, v, err := typedLiteral(t.Text)
	if err != nil {
		p.error(t.Span, false, "%v", err)
	}
	return p.newLit(typ, v, t.Span)
}

// parseStrings parses one or more adjacent string literals into one.
func (p *parser) parseStrings() *Literal {
	start := p.start()
	t := p.next()
	val, obf, err := unquote(t.Text)
	if err != nil {
		p.error(t.Span, false, "%v", err)
	}
	if p.is(String) {
		var b strings.Builder
		b.WriteString(val)
		for p.is(String) {
			t := p.next()
			s, o, err := unquote(t.Text)
			if err != nil {
				p.error(t.Span, false, "%v", err)
			}
			b.WriteString(s)
			obf = obf || o
		}
		val = b.String()
	}
	lit := p.newLit(table.String, val, p.span(start))
	lit.Obfuscated = obf
	return lit
}
