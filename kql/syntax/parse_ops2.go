package syntax

// Parsers of the operators that combine tables, call plugins, parse text,
// expand arrays and run subqueries.

func (p *parser) parseJoin() Operator {
	op := &JoinOp{Params: p.parseParams(params("kind", "withsource"))}
	op.Right = p.parseExpr()
	switch {
	case p.acceptWord("on"):
		op.On = commaList(p, p.parseExpr)
	case p.acceptWord("where"):
		op.Where = p.parseExpr()
	default:
		p.errorExpected(`"on"`)
	}
	return op
}

func (p *parser) parseLookup() Operator {
	op := &LookupOp{Params: p.parseParams(params("kind"))}
	op.Right = p.parseExpr()
	if p.expectWord("on") {
		op.On = commaList(p, p.parseExpr)
	}
	return op
}

// parseUnionOperand parses a union table: a wildcard pattern, a name, a
// call or path, or a parenthesized tabular expression.
func (p *parser) parseUnionOperand() Expr {
	if w := p.tryWildcard(); w != nil {
		return w
	}
	return p.parsePostfix()
}

// parseEntityOperand parses a table of find, search and restrict.
func (p *parser) parseEntityOperand() Expr { return p.parseUnionOperand() }

// parseEntityRef parses a column or entity reference: a name followed by
// .name parts, without calls (partition by X (subquery) must not read
// X(...) as a call).
func (p *parser) parseEntityRef() Expr {
	start := p.start()
	var x Expr = p.parseName("column name")
	for p.is(Dot) && p.nameLen(1) > 0 {
		p.advance()
		x = &Member{X: x, Name: p.parseName("name"), Span: p.span(start)}
	}
	return x
}

func (p *parser) parseEvaluate() Operator {
	op := &EvaluateOp{Params: p.parseParams(params())}
	op.Call = p.parseCallOnly("plugin call")
	if p.accept(Colon) {
		op.Schema = p.parseSchema()
	}
	return op
}

// parseCallOnly parses an expression that must be a call.
func (p *parser) parseCallOnly(what string) *Call {
	start := p.start()
	if c, ok := p.parsePostfix().(*Call); ok {
		return c
	}
	p.error(p.span(start), false, "expected %s", what)
	return &Call{Name: &Ident{Span: Span{start, start}}, Span: p.span(start)}
}

// parseInClause parses the in (Tables) of find and search.
func (p *parser) parseInClause() []Expr {
	if !p.acceptWord("in") {
		return nil
	}
	p.expect(LParen)
	tables := commaList(p, p.parseEntityOperand)
	p.expect(RParen)
	return tables
}

func (p *parser) parseFind() Operator {
	op := &FindOp{Params: p.parseParams(params("withsource", "datascope"))}
	op.Tables = p.parseInClause()
	p.acceptWord("where")
	op.Predicate = p.parseExpr()
	switch {
	case p.acceptWord("project-smart"):
		op.ProjectSmart = true
	case p.acceptWord("project"):
		op.Project = commaList(p, p.parseFindColumn)
	}
	if p.acceptWord("project-away") {
		op.ProjectAway = commaList(p, p.parseFindColumn)
	}
	return op
}

// parseFindColumn parses name[:type], pack_all() or * of find's project.
func (p *parser) parseFindColumn() Expr {
	start := p.start()
	if p.is(Star) {
		t := p.next()
		return &Wildcard{Pattern: "*", Span: t.Span}
	}
	if n := p.nameLen(0); n > 0 && p.peek(n).Kind == LParen {
		return p.parseNameOrCall()
	}
	cd := &ColumnDecl{Name: p.parseName("column name")}
	if p.accept(Colon) {
		cd.Type = p.parseType()
	}
	cd.Span = p.span(start)
	return cd
}

func (p *parser) parseSearch() Operator {
	op := &SearchOp{Params: p.parseParams(params("kind"))}
	op.Tables = p.parseInClause()
	op.Predicate = p.parseExpr()
	return op
}

// parseParse parses parse / parse-where: Source with Pattern...
func (p *parser) parseParse(filter bool) Operator {
	op := &ParseOp{Filter: filter, Params: p.parseParams(params("kind", "flags"))}
	op.Source = p.parseExpr()
	p.expectWord("with")
	for {
		start := p.start()
		switch {
		case p.is(Star):
			t := p.next()
			op.Pattern = append(op.Pattern, &Wildcard{Pattern: "*", Span: t.Span})
		case p.is(String):
			op.Pattern = append(op.Pattern, p.parseStrings())
		case p.nameLen(0) > 0:
			cd := &ColumnDecl{Name: p.parseName("column name")}
			if p.accept(Colon) {
				cd.Type = p.parseType()
			}
			cd.Span = p.span(start)
			op.Pattern = append(op.Pattern, cd)
		default:
			if len(op.Pattern) == 0 {
				p.errorExpected("parse pattern")
			}
			return op
		}
	}
}

func (p *parser) parseParseKV() Operator {
	op := &ParseKVOp{Source: p.parseExpr()}
	p.expectWord("as")
	op.Columns = p.parseColumnList()
	if p.acceptWord("with") {
		op.With = p.parseParenParams()
	}
	return op
}

func (p *parser) parseMvItem() *MvItem {
	start := p.start()
	it := &MvItem{Column: p.parseNamedExpr()}
	if p.acceptWord("to") {
		if tp, ok := p.parseTypeOfClause(); ok {
			it.To = tp
		}
	}
	it.Span = p.span(start)
	return it
}

// parseTypeOfClause parses the typeof(T) of "to typeof(T)".
func (p *parser) parseTypeOfClause() (*TypeRef, bool) {
	if !p.isWord("typeof") || p.peek(1).Kind != LParen {
		p.errorExpected(`"typeof"`)
		return nil, false
	}
	return p.parseTypeOf().(*TypeOf).Type, true
}

func (p *parser) parseMvExpand() Operator {
	op := &MvExpandOp{Params: p.parseParams(params("bagexpansion", "with_itemindex", "kind"))}
	op.Items = commaList(p, p.parseMvItem)
	if p.acceptWord("limit") {
		op.Limit = p.parseExpr()
	}
	return op
}

func (p *parser) parseMvApply() Operator {
	op := &MvApplyOp{Params: p.parseParams(params("with_itemindex", "itemindex"))}
	op.Items = commaList(p, p.parseMvItem)
	if p.acceptWord("limit") {
		op.Limit = p.parseExpr()
	}
	if p.acceptWord("id") {
		op.ID = p.parseExpr()
	}
	p.expectWord("on")
	if p.is(LParen) {
		p.openBracket()
		op.Subquery = p.parsePipeExpr()
		p.closeBracket(RParen)
	} else {
		p.errorExpected(`"("`)
	}
	return op
}

func (p *parser) parseFork() Operator {
	op := &ForkOp{}
	for {
		start := p.start()
		b := &ForkBranch{}
		if n := p.nameLen(0); n > 0 && p.peek(n).Kind == Assign && p.peek(n+1).Kind == LParen {
			b.Name = p.parseName("branch name")
			p.advance()
		} else if !p.is(LParen) {
			if len(op.Branches) == 0 {
				p.errorExpected(`"("`)
			}
			return op
		}
		p.openBracket()
		b.Query = p.parsePipeExpr()
		p.closeBracket(RParen)
		b.Span = p.span(start)
		op.Branches = append(op.Branches, b)
	}
}

func (p *parser) parseFacet() Operator {
	op := &FacetOp{}
	p.expectWord("by")
	op.By = commaList(p, p.parseEntityRef)
	if !p.acceptWord("with") {
		return op
	}
	if p.is(LParen) {
		p.openBracket()
		op.With = p.parsePipeExpr()
		p.closeBracket(RParen)
		return op
	}
	start := p.start()
	if sub := p.tryOperator(); sub != nil {
		op.With = &Pipeline{Ops: []Operator{sub}, Span: p.span(start)}
	} else {
		p.errorExpected("query operator or \"(\"")
	}
	return op
}

func (p *parser) parsePartition() Operator {
	op := &PartitionOp{Params: p.parseParams(params())}
	p.expectWord("by")
	op.By = p.parseEntityRef()
	if p.acceptWord("in") {
		op.Scope = p.parsePostfix()
	}
	switch {
	case p.is(LParen):
		p.openBracket()
		op.Subquery = p.parsePipeExpr()
		p.closeBracket(RParen)
	case p.is(LBrace):
		p.openBracket()
		op.Braces = true
		op.Subquery = p.parsePipeExpr()
		p.closeBracket(RBrace)
	default:
		p.errorExpected(`"(" or "{"`)
	}
	return op
}

func (p *parser) parseScan() Operator {
	op := &ScanOp{Params: p.parseParams(params("with_match_id"))}
	if p.isWord("order") && p.peekWord(1, "by") {
		p.advance()
		p.advance()
		op.OrderBy = commaList(p, p.parseSortKey)
	}
	if p.isWord("partition") && p.peekWord(1, "by") {
		p.advance()
		p.advance()
		op.PartitionBy = commaList(p, p.parseExpr)
	}
	if p.acceptWord("declare") {
		op.Declare = p.parseFuncParams()
	}
	p.expectWord("with")
	p.expect(LParen)
	for p.isWord("step") {
		op.Steps = append(op.Steps, p.parseScanStep())
	}
	p.expect(RParen)
	return op
}

func (p *parser) parseScanStep() *ScanStep {
	start := p.start()
	p.advance()
	st := &ScanStep{Name: p.parseName("step name")}
	st.Optional = p.acceptWord("optional")
	if p.isWord("output") && p.peek(1).Kind == Assign {
		p.advance()
		p.advance()
		st.Output = p.parseName("output kind")
	}
	p.expect(Colon)
	st.Cond = p.parseExpr()
	if p.accept(Arrow) {
		st.Assigns = commaList(p, p.parseNamedExpr)
	}
	p.expect(Semi)
	st.Span = p.span(start)
	return st
}

func (p *parser) parseReduce() Operator {
	op := &ReduceOp{Params: p.parseParams(params("kind"))}
	p.expectWord("by")
	op.By = p.parseExpr()
	if p.acceptWord("with") {
		op.With = commaList(p, p.parseParam)
	}
	return op
}
