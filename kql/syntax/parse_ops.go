package syntax

import "strings"

// paramSet tells which words are parameter names of an operator. A word is
// a parameter only when followed by '=', and only if the operator knows it:
// elsewhere `kind = x` is a column assignment.
type paramSet func(name string) bool

// params returns the set of the given names plus every hint.* name.
func params(names ...string) paramSet {
	return func(n string) bool {
		if strings.HasPrefix(n, "hint.") {
			return true
		}
		for _, x := range names {
			if x == n {
				return true
			}
		}
		return false
	}
}

func anyParam(string) bool { return true }

// parseParams parses leading name=value parameters of an operator.
func (p *parser) parseParams(allowed paramSet) []*Param {
	var ps []*Param
	for p.is(Word) && p.peek(1).Kind == Assign && allowed(p.tok().Text) {
		ps = append(ps, p.parseParam())
	}
	return ps
}

// parseParam parses one name=value.
func (p *parser) parseParam() *Param {
	start := p.start()
	t := p.next()
	prm := &Param{Name: p.newIdent(t.Text, t.Span)}
	p.expect(Assign)
	prm.Values = []Expr{p.parseLiteralOrName()}
	prm.Span = p.span(start)
	return prm
}

// parseParenParams parses (name=value, ...) property lists.
func (p *parser) parseParenParams() []*Param {
	var ps []*Param
	if !p.expect(LParen) {
		return nil
	}
	for !p.is(RParen) && !p.is(EOF) {
		if !p.is(Word) {
			p.errorExpected("property name")
			break
		}
		ps = append(ps, p.parseParam())
		if !p.accept(Comma) {
			break
		}
	}
	p.expect(RParen)
	return ps
}

// isOperatorStart reports whether the current token starts an operator.
// count and range followed by '(' are the functions.
func (p *parser) isOperatorStart() bool {
	t := p.tok()
	if t.Kind != Word || !isOperatorWord(t.Text) {
		return false
	}
	if (t.Text == "count" || t.Text == "range") && p.peek(1).Kind == LParen {
		return false
	}
	return true
}

func isOperatorWord(w string) bool { return operatorWords[w] }

// tryOperator parses an operator at the start of a pipe expression, or
// returns nil when the expression does not start with one.
func (p *parser) tryOperator() Operator {
	if !p.isOperatorStart() {
		return nil
	}
	return p.parseOperatorChecked()
}

// parseOperatorRecover parses the operator after a '|'. On an error it
// skips to the next '|' or ';' so the rest of the pipeline is still parsed
// and its errors reported.
func (p *parser) parseOperatorRecover() Operator {
	if !p.isOperatorStart() {
		start := p.start()
		p.errorExpected("query operator")
		p.skipTo(Pipe, Semi)
		p.syncing = false
		return &BadOp{Span: p.span(start)}
	}
	return p.parseOperatorChecked()
}

func (p *parser) parseOperatorChecked() Operator {
	op := p.parseOperator()
	if p.syncing {
		p.skipTo(Pipe, Semi)
		if p.is(Pipe) {
			p.syncing = false
		}
	}
	return op
}

// parseOperator dispatches on the operator word.
func (p *parser) parseOperator() Operator {
	if !p.enter() {
		return &BadOp{Span: p.span(p.start())}
	}
	defer p.leave()
	start := p.start()
	w := p.next().Text
	op := p.parseOperatorBody(w)
	op.setSpan(p.span(start))
	return op
}

func (p *parser) parseOperatorBody(w string) Operator {
	switch w {
	case "where", "filter":
		return &WhereOp{Predicate: p.parseWherePredicate()}
	case "extend":
		return &ExtendOp{Columns: commaList(p, p.parseNamedExpr)}
	case "project":
		return &ProjectOp{Columns: p.optionalList(p.parseNamedExpr)}
	case "project-away":
		return &ProjectAwayOp{Columns: optionalListOf(p, p.parseColumnPattern)}
	case "project-keep":
		return &ProjectKeepOp{Columns: optionalListOf(p, p.parseColumnPattern)}
	case "project-rename":
		return &ProjectRenameOp{Columns: commaList(p, p.parseNamedExpr)}
	case "project-reorder":
		return &ProjectReorderOp{Columns: commaList(p, p.parseReorderKey)}
	case "summarize":
		return p.parseSummarize()
	case "distinct":
		return &DistinctOp{Params: p.parseParams(params()), Columns: commaList(p, p.parseNamedExpr)}
	case "count":
		op := &CountOp{}
		if p.acceptWord("as") {
			op.As = p.parseName("name")
		}
		return op
	case "take", "limit":
		return &TakeOp{Params: p.parseParams(params()), Count: p.parseExpr()}
	case "top":
		return p.parseTop()
	case "sort", "order":
		op := &SortOp{Params: p.parseParams(params())}
		p.expectWord("by")
		op.By = commaList(p, p.parseSortKey)
		return op
	case "sample":
		return &SampleOp{Params: p.parseParams(params()), Count: p.parseExpr()}
	case "sample-distinct":
		op := &SampleDistinctOp{Params: p.parseParams(params()), Count: p.parseExpr()}
		p.expectWord("of")
		op.Of = p.parseExpr()
		return op
	case "serialize":
		return &SerializeOp{Params: p.parseParams(params()), Columns: p.optionalList(p.parseNamedExpr)}
	case "print":
		return &PrintOp{Columns: commaList(p, p.parseNamedExpr)}
	case "range":
		return p.parseRange()
	case "as":
		return &AsOp{Params: p.parseParams(params()), Name: p.parseName("name")}
	case "consume":
		return &ConsumeOp{Params: p.parseParams(params("decodeblocks"))}
	case "getschema":
		return &GetSchemaOp{Params: p.parseParams(params("kind"))}
	case "render":
		return p.parseRender()
	case "top-hitters":
		return p.parseTopHitters()
	case "top-nested":
		return p.parseTopNested()
	case "make-series":
		return p.parseMakeSeries()
	}
	return p.parseOperatorBody2(w)
}

func (p *parser) parseOperatorBody2(w string) Operator {
	switch w {
	case "join":
		return p.parseJoin()
	case "lookup":
		return p.parseLookup()
	case "union":
		return &UnionOp{Params: p.parseParams(params("kind", "withsource", "isfuzzy")), Tables: commaList(p, p.parseUnionOperand)}
	case "evaluate":
		return p.parseEvaluate()
	case "invoke":
		return &InvokeOp{Call: p.parseCallOnly("function call")}
	case "find":
		return p.parseFind()
	case "search":
		return p.parseSearch()
	case "parse", "parse-where":
		return p.parseParse(w == "parse-where")
	case "parse-kv":
		return p.parseParseKV()
	case "mv-expand", "mvexpand":
		return p.parseMvExpand()
	case "mv-apply", "mvapply":
		return p.parseMvApply()
	case "fork":
		return p.parseFork()
	case "facet":
		return p.parseFacet()
	case "partition":
		return p.parsePartition()
	case "scan":
		return p.parseScan()
	case "reduce":
		return p.parseReduce()
	case "assert-schema":
		return &AssertSchemaOp{Schema: p.parseSchema()}
	case "make-graph":
		return p.parseMakeGraph()
	case "graph-match":
		op := &GraphMatchOp{Params: p.parseParams(params("cycles"))}
		op.Patterns, op.Where, op.Project = p.parseGraphQuery()
		return op
	case "graph-shortest-paths":
		op := &GraphShortestPathsOp{Params: p.parseParams(params("output"))}
		op.Patterns, op.Where, op.Project = p.parseGraphQuery()
		return op
	case "graph-to-table":
		return p.parseGraphToTable()
	case "graph-mark-components":
		return &GraphMarkComponentsOp{Params: p.parseParams(params("kind", "with_component_id"))}
	}
	p.error(p.span(p.start()), false, "unsupported operator %q", w)
	return &BadOp{}
}

// parseWherePredicate parses the predicate of where. Like Kusto, it accepts
// the mistaken `where Name = Value` and returns it as a *NamedArg, which
// sema rejects with a clear message ("did you mean ==?").
func (p *parser) parseWherePredicate() Expr {
	if n := p.nameLen(0); n > 0 && p.peek(n).Kind == Assign {
		start := p.start()
		na := &NamedArg{Name: p.parseName("name")}
		p.advance()
		na.Value = p.parseExpr()
		na.Span = p.span(start)
		return na
	}
	return p.parseExpr()
}

// atListEnd reports whether the current token ends an operator's list.
func (p *parser) atListEnd() bool {
	switch p.tok().Kind {
	case Pipe, Semi, RParen, RBrack, RBrace, EOF:
		return true
	}
	return false
}

// optionalList parses a comma list that may be empty.
func optionalListOf[T any](p *parser, elem func() T) []T {
	if p.atListEnd() {
		return nil
	}
	return commaList(p, elem)
}

func (p *parser) optionalList(elem func() *NamedExpr) []*NamedExpr {
	return optionalListOf(p, elem)
}

// parseNamedExpr parses [Name =] Expr or (N1, N2) = Expr.
func (p *parser) parseNamedExpr() *NamedExpr {
	start := p.start()
	ne := p.named.alloc()
	if n := p.nameLen(0); n > 0 && p.peek(n).Kind == Assign {
		ne.Names = []*Ident{p.parseName("name")}
		p.advance()
	} else if n := p.nameListLen(); n > 0 {
		p.advance()
		ne.Names = commaList(p, func() *Ident { return p.parseName("name") })
		p.expect(RParen)
		p.expect(Assign)
	}
	ne.Value = p.parseExpr()
	ne.Span = p.span(start)
	return ne
}

// nameListLen returns the token length of "(a, b, ...) =" at the current
// position, or 0.
func (p *parser) nameListLen() int {
	if !p.is(LParen) {
		return 0
	}
	k := 1
	for {
		n := p.nameLen(k)
		if n == 0 {
			return 0
		}
		k += n
		switch p.peek(k).Kind {
		case Comma:
			k++
			continue
		case RParen:
			if p.peek(k+1).Kind == Assign {
				return k + 2
			}
		}
		return 0
	}
}

// parseSortKey parses Expr [asc|desc] [nulls first|last].
func (p *parser) parseSortKey() *SortKey {
	start := p.start()
	k := &SortKey{Expr: p.parseExpr()}
	k.Order = p.parseSortOrder()
	if p.acceptWord("nulls") {
		switch {
		case p.acceptWord("first"):
			k.Nulls = NullsFirst
		case p.acceptWord("last"):
			k.Nulls = NullsLast
		default:
			p.errorExpected(`"first" or "last"`)
		}
	}
	k.Span = p.span(start)
	return k
}

func (p *parser) parseSortOrder() SortOrder {
	switch {
	case p.acceptWord("asc"):
		return SortAsc
	case p.acceptWord("desc"):
		return SortDesc
	case p.acceptWord("granny-asc"):
		return SortGrannyAsc
	case p.acceptWord("granny-desc"):
		return SortGrannyDesc
	}
	return SortDefault
}

// parseReorderKey parses a project-reorder column: pattern [order].
func (p *parser) parseReorderKey() *SortKey {
	start := p.start()
	k := &SortKey{Expr: p.parseColumnPattern()}
	k.Order = p.parseSortOrder()
	k.Span = p.span(start)
	return k
}

// parseColumnPattern parses a column name or a wildcard pattern such as
// Col*, *Id or a*b: adjacent words, numbers and stars with no blank between.
func (p *parser) parseColumnPattern() Expr {
	if w := p.tryWildcard(); w != nil {
		return w
	}
	return p.parseName("column name")
}

// tryWildcard parses a wildcard pattern if one starts here.
func (p *parser) tryWildcard() *Wildcard {
	n, star := 0, false
	for {
		t := p.peek(n)
		if n > 0 && !p.adjacent(n) {
			break
		}
		if t.Kind == Star {
			star = true
		} else if t.Kind != Word && t.Kind != Long || (t.Kind == Word && isNonName(t.Text)) {
			break
		}
		n++
	}
	if !star {
		return nil
	}
	start := p.start()
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(p.next().Text)
	}
	return &Wildcard{Pattern: b.String(), Span: p.span(start)}
}

func (p *parser) parseSummarize() Operator {
	op := &SummarizeOp{Params: p.parseParams(params())}
	if !p.isWord("by") && !p.atListEnd() {
		op.Aggs = commaList(p, p.parseNamedExpr)
	}
	if p.acceptWord("by") {
		op.By = commaList(p, p.parseNamedExpr)
	}
	return op
}

func (p *parser) parseTop() Operator {
	op := &TopOp{Params: p.parseParams(params()), Count: p.parseExpr()}
	p.expectWord("by")
	op.By = p.parseSortKey()
	return op
}

func (p *parser) parseRange() Operator {
	op := &RangeOp{Name: p.parseName("column name")}
	p.expectWord("from")
	op.From = p.parseExpr()
	p.expectWord("to")
	op.To = p.parseExpr()
	p.expectWord("step")
	op.Step = p.parseExpr()
	return op
}

func (p *parser) parseTopHitters() Operator {
	op := &TopHittersOp{Count: p.parseExpr()}
	p.expectWord("of")
	op.Of = p.parseExpr()
	if p.acceptWord("by") {
		op.By = p.parseExpr()
	}
	return op
}

// parseTopNested parses the comma-separated top-nested levels (the first
// keyword is already consumed).
func (p *parser) parseTopNested() Operator {
	op := &TopNestedOp{}
	for {
		lv := &TopNestedLevel{}
		start := p.prevEnd - len("top-nested")
		if !p.isWord("of") {
			lv.Count = p.parseExpr()
		}
		p.expectWord("of")
		lv.Of = p.parseNamedExpr()
		if p.acceptWord("with") {
			p.expectWord("others")
			p.expect(Assign)
			lv.Others = p.parseExpr()
		}
		p.expectWord("by")
		lv.By = p.parseNamedExpr()
		lv.Order = p.parseSortOrder()
		lv.Span = p.span(start)
		op.Levels = append(op.Levels, lv)
		if !(p.is(Comma) && p.peekWord(1, "top-nested")) {
			return op
		}
		p.advance()
		p.advance()
	}
}

func (p *parser) parseMakeSeries() Operator {
	op := &MakeSeriesOp{Params: p.parseParams(params("kind"))}
	op.Aggs = commaList(p, func() *MakeSeriesAgg {
		start := p.start()
		agg := &MakeSeriesAgg{Column: p.parseNamedExpr()}
		if p.isWord("default") && p.peek(1).Kind == Assign {
			p.advance()
			p.advance()
			agg.Default = p.parseExpr()
		}
		agg.Span = p.span(start)
		return agg
	})
	p.expectWord("on")
	op.On = p.parseExpr()
	if p.isWord("in") && p.peekWord(1, "range") {
		p.advance()
		p.advance()
		p.expect(LParen)
		op.From = p.parseExpr()
		p.expect(Comma)
		op.To = p.parseExpr()
		p.expect(Comma)
		op.Step = p.parseExpr()
		p.expect(RParen)
	} else {
		if p.acceptWord("from") {
			op.From = p.parseExpr()
		}
		if p.acceptWord("to") {
			op.To = p.parseExpr()
		}
		p.expectWord("step")
		op.Step = p.parseExpr()
	}
	if p.acceptWord("by") {
		op.By = commaList(p, p.parseNamedExpr)
	}
	return op
}

// parseRender parses render Chart [legacy props] [with (props)].
func (p *parser) parseRender() Operator {
	op := &RenderOp{Chart: p.parseName("visualization")}
	for p.is(Word) && p.peek(1).Kind == Assign && renderProps[p.tok().Text] {
		op.With = append(op.With, p.parseRenderProp())
	}
	if p.acceptWord("with") {
		p.expect(LParen)
		for !p.is(RParen) && !p.is(EOF) {
			if !p.is(Word) {
				p.errorExpected("render property")
				break
			}
			op.With = append(op.With, p.parseRenderProp())
			if !p.accept(Comma) {
				break
			}
		}
		p.expect(RParen)
	}
	return op
}

var renderProps = map[string]bool{
	"accumulate": true, "kind": true, "legend": true, "series": true, "title": true, "xaxis": true,
	"xcolumn": true, "xtitle": true, "yaxis": true, "ycolumns": true, "ysplit": true, "ytitle": true,
	"anomalycolumns": true, "ymin": true, "ymax": true, "xmin": true, "xmax": true,
}

// columnListProps are the render properties whose value is a list of
// column names (ycolumns=a, b).
var columnListProps = map[string]bool{"ycolumns": true, "series": true, "anomalycolumns": true}

func (p *parser) parseRenderProp() *Param {
	prm := p.parseParam()
	if !columnListProps[prm.Name.Name] {
		return prm
	}
	// More names follow a comma until the next "prop =" or the end.
	for p.is(Comma) && !(p.peek(1).Kind == Word && p.peek(2).Kind == Assign) && p.nameLen(1) > 0 {
		p.advance()
		prm.Values = append(prm.Values, p.parseName("column name"))
	}
	prm.Span = p.span(prm.Span.Start)
	return prm
}
