package syntax

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/huntbook/huntbook/table"
)

// Parsing of literal-only positions (datatable cells, dynamic values,
// parameter values and defaults), types and schemas.

// parseLiteralValue parses a literal where only literals are allowed; there
// a sign glued to a number belongs to the literal (-1, -1.5, -1d). It
// returns nil, consuming nothing, when no literal starts here.
func (p *parser) parseLiteralValue() Expr {
	t := p.tok()
	switch t.Kind {
	case String, Long, Real, TimeSpan, Bool, TypedLit:
		return p.parseLiteral()
	case Minus, Plus:
		n := p.peek(1)
		if (n.Kind == Long || n.Kind == Real || n.Kind == TimeSpan) && p.adjacent(1) {
			p.advance()
			p.advance()
			return p.signedLiteral(t, n)
		}
	case Word:
		switch {
		case t.Text == "dynamic" && p.peek(1).Kind == LParen:
			return p.parseDynamic()
		case t.Text == "typeof" && p.peek(1).Kind == LParen:
			return p.parseTypeOf()
		}
	}
	return nil
}

// signedLiteral builds the literal of sign followed by number.
func (p *parser) signedLiteral(sign, num Token) Expr {
	sp := Span{sign.Span.Start, num.Span.End}
	neg := sign.Kind == Minus
	switch num.Kind {
	case Long:
		text := num.Text
		if neg {
			text = "-" + text
		}
		v, err := parseLong(text)
		if err != nil {
			p.error(sp, false, "%v", err)
		}
		return p.newLit(table.Long, v, sp)
	case Real:
		v, err := parseReal(num.Text)
		if err != nil {
			p.error(sp, false, "%v", err)
		}
		if neg {
			v = -v
		}
		return p.newLit(table.Real, v, sp)
	}
	v, err := parseTimeSpanLit(num.Text)
	if err != nil {
		p.error(sp, false, "%v", err)
	}
	if neg {
		v = -v
	}
	return p.newLit(table.TimeSpan, v, sp)
}

// parseLiteralOrName parses a literal, or else a name (parameter values
// such as kind=inner, defaults such as = MyDefault).
func (p *parser) parseLiteralOrName() Expr {
	if lit := p.parseLiteralValue(); lit != nil {
		return lit
	}
	t := p.tok()
	if t.Kind == Word {
		p.advance()
		return p.newIdent(t.Text, t.Span)
	}
	if p.nameLen(0) > 0 {
		return p.parseName("value")
	}
	p.errorExpected("literal or name")
	return &BadExpr{Span: Span{t.Span.Start, t.Span.Start}}
}

// parseDynamic parses dynamic(value), value being JSON written with KQL
// literals: single- or double-quoted strings, numbers with a sign,
// true/false, null, and typed literals (datetime(...) and friends become
// their canonical text).
func (p *parser) parseDynamic() Expr {
	start := p.start()
	p.advance()
	p.expect(LParen)
	v := p.parseJSON()
	p.expect(RParen)
	return p.newLit(table.Dynamic, v, p.span(start))
}

func (p *parser) parseJSON() any {
	if !p.enter() {
		return nil
	}
	defer p.leave()
	t := p.tok()
	switch {
	case t.Kind == LBrack:
		p.advance()
		arr := []any{}
		if !p.is(RBrack) {
			arr = commaList(p, p.parseJSON)
		}
		p.expect(RBrack)
		return arr
	case t.Kind == LBrace:
		return p.parseJSONObject()
	case t.Kind == Word && t.Text == "null":
		p.advance()
		return nil
	case t.Kind == Word && t.Text == "dynamic" && p.peek(1).Kind == LParen:
		return p.parseDynamic().(*Literal).Value
	}
	lit, ok := p.parseLiteralValue().(*Literal)
	if !ok {
		p.errorExpected("JSON value")
		if !p.is(RParen) && !p.is(EOF) {
			p.advance()
		}
		return nil
	}
	return jsonValue(lit)
}

func (p *parser) parseJSONObject() any {
	p.advance()
	obj := map[string]any{}
	if p.accept(RBrace) {
		return obj
	}
	commaList(p, func() struct{} {
		if !p.is(String) {
			p.errorExpected("property name string")
			p.skipTo(Comma, RBrace)
			return struct{}{}
		}
		key, _ := p.parseStrings().Value.(string)
		p.expect(Colon)
		obj[key] = p.parseJSON()
		return struct{}{}
	})
	p.expect(RBrace)
	return obj
}

// jsonValue converts a literal to its dynamic (decoded JSON) form.
func jsonValue(l *Literal) any {
	switch v := l.Value.(type) {
	case nil, string, bool, json.Number:
		return v
	case int64:
		return json.Number(strconv.FormatInt(v, 10))
	case int32:
		return json.Number(strconv.FormatInt(int64(v), 10))
	case float64:
		return json.Number(realText(v))
	case time.Time:
		return table.FormatDateTime(v)
	case time.Duration:
		return table.FormatTimeSpan(v)
	}
	return l.Value // a nested dynamic value
}

// parseTypeOf parses typeof(type) or typeof(name:type, ...).
func (p *parser) parseTypeOf() Expr {
	start := p.start()
	p.advance()
	if p.peek(1).Kind == Word && p.peek(2).Kind == RParen {
		p.advance()
		t := &TypeRef{Name: typeName(p.next()), Span: p.span(start)}
		p.advance()
		return &TypeOf{Type: t, Span: p.span(start)}
	}
	return &TypeOf{Type: p.parseSchema(), Span: p.span(start)}
}

// typeName returns the canonical spelling of a scalar type name (int32 →
// int, double → real, ...), or the name as written when it is not one of
// KQL's type keywords (sema reports it). Type keywords are lower case.
func typeName(t Token) string {
	if typ, ok := table.ParseType(t.Text); ok && strings.ToLower(t.Text) == t.Text {
		return typ.String()
	}
	return t.Text
}

// parseType parses a scalar type name or a parenthesized schema.
func (p *parser) parseType() *TypeRef {
	if p.is(LParen) {
		return p.parseSchema()
	}
	t := p.tok()
	if t.Kind != Word {
		p.errorExpected("type")
		return &TypeRef{Span: Span{t.Span.Start, t.Span.Start}}
	}
	p.advance()
	return &TypeRef{Name: typeName(t), Span: t.Span}
}

// parseSchema parses (name:type, ..., *) or (*).
func (p *parser) parseSchema() *TypeRef {
	start := p.start()
	tr := &TypeRef{}
	if !p.expect(LParen) {
		tr.Span = p.span(start)
		return tr
	}
	if !p.enter() {
		return tr
	}
	defer p.leave()
	for !p.is(RParen) && !p.is(EOF) {
		if p.accept(Star) {
			tr.Open = true
		} else {
			before := p.pos
			tr.Columns = append(tr.Columns, p.parseColumnDecl())
			if p.pos == before {
				break
			}
		}
		if !p.accept(Comma) {
			break
		}
	}
	p.expect(RParen)
	tr.Span = p.span(start)
	return tr
}

// parseColumnDecl parses name:type.
func (p *parser) parseColumnDecl() *ColumnDecl {
	start := p.start()
	cd := &ColumnDecl{Name: p.parseName("column name")}
	if p.expect(Colon) {
		cd.Type = p.parseType()
	}
	cd.Span = p.span(start)
	return cd
}

// parseColumnList parses (name:type, ...) for datatable, externaldata and
// parse-kv; a trailing comma is allowed, as in Kusto.
func (p *parser) parseColumnList() []*ColumnDecl {
	var cols []*ColumnDecl
	if !p.expect(LParen) {
		return nil
	}
	for !p.is(RParen) && !p.is(EOF) {
		before := p.pos
		cols = append(cols, p.parseColumnDecl())
		if !p.accept(Comma) || p.pos == before {
			break
		}
	}
	p.expect(RParen)
	return cols
}

// parseLiteralList parses [lit, lit, ...] (trailing comma allowed).
func (p *parser) parseLiteralList(what string) []Expr {
	var vals []Expr
	if !p.expect(LBrack) {
		return nil
	}
	for !p.is(RBrack) && !p.is(EOF) {
		v := p.parseLiteralValue()
		if v == nil {
			p.errorExpected(what)
			p.skipTo(Comma, RBrack)
			v = &BadExpr{Span: p.span(p.start())}
		}
		vals = append(vals, v)
		if !p.accept(Comma) {
			break
		}
	}
	p.expect(RBrack)
	return vals
}

// parseURIList is externaldata's [ uri, ... ]: string literals, or names
// of constants (a query parameter or let-bound string, as Kusto's docs
// recommend to keep credentials out of the query text).
func (p *parser) parseURIList() []Expr {
	var vals []Expr
	if !p.expect(LBrack) {
		return nil
	}
	for !p.is(RBrack) && !p.is(EOF) {
		var v Expr
		if p.is(Word) {
			v = p.parseExpr()
		} else if v = p.parseLiteralValue(); v == nil {
			p.errorExpected("storage URI string")
			p.skipTo(Comma, RBrack)
			v = &BadExpr{Span: p.span(p.start())}
		}
		vals = append(vals, v)
		if !p.accept(Comma) {
			break
		}
	}
	p.expect(RBrack)
	return vals
}

func (p *parser) parseDataTable() Expr {
	start := p.start()
	p.advance()
	dt := &DataTable{Params: p.parseParams(anyParam)}
	dt.Columns = p.parseColumnList()
	dt.Values = p.parseLiteralList("literal value")
	dt.Span = p.span(start)
	return dt
}

func (p *parser) parseExternalData() Expr {
	start := p.start()
	p.advance()
	ed := &ExternalData{Params: p.parseParams(anyParam)}
	ed.Columns = p.parseColumnList()
	ed.URIs = p.parseURIList()
	if p.acceptWord("with") {
		ed.With = p.parseParenParams()
	}
	ed.Span = p.span(start)
	return ed
}
