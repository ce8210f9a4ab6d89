package syntax

// Parsers of the graph operators. Arrows are made of adjacent tokens
// (-->, <--, --, -[, <-[, ]->, ]-), as in Kusto.

func (p *parser) parseMakeGraph() Operator {
	op := &MakeGraphOp{}
	op.Source = p.parseName("source column")
	switch {
	case p.is(Minus) && p.peek(1).Kind == Minus && p.adjacent(1):
		p.advance()
		p.advance()
		if p.is(Gt) && p.adjacent(0) {
			p.advance()
		} else {
			op.Undirected = true
		}
	default:
		p.errorExpected(`"-->"`)
	}
	op.Target = p.parseName("target column")
	op.Params = p.parseParams(params("with_node_id"))
	if p.acceptWord("with") {
		op.Nodes = commaList(p, func() *GraphNodes {
			start := p.start()
			n := &GraphNodes{Table: p.parsePostfix()}
			p.expectWord("on")
			n.Key = p.parseName("node id column")
			n.Span = p.span(start)
			return n
		})
	}
	op.Params = append(op.Params, p.parseParams(params("with_node_id"))...)
	return op
}

// parseGraphQuery parses the patterns, where and project clauses shared by
// graph-match and graph-shortest-paths.
func (p *parser) parseGraphQuery() ([]*GraphPattern, Expr, []*NamedExpr) {
	patterns := commaList(p, p.parseGraphPattern)
	var where Expr
	var project []*NamedExpr
	if p.acceptWord("where") {
		where = p.parseExpr()
	}
	if p.acceptWord("project") {
		project = commaList(p, p.parseNamedExpr)
	}
	return patterns, where, project
}

func (p *parser) parseGraphPattern() *GraphPattern {
	start := p.start()
	gp := &GraphPattern{Nodes: []*GraphNode{p.parseGraphNode()}}
	for p.is(Minus) || (p.is(Lt) && p.peek(1).Kind == Minus) {
		before := p.pos
		gp.Edges = append(gp.Edges, p.parseGraphEdge())
		gp.Nodes = append(gp.Nodes, p.parseGraphNode())
		if p.pos == before {
			break
		}
	}
	gp.Span = p.span(start)
	return gp
}

func (p *parser) parseGraphNode() *GraphNode {
	start := p.start()
	n := &GraphNode{}
	if p.expect(LParen) {
		if !p.is(RParen) {
			n.Name = p.parseName("node name")
		}
		p.expect(RParen)
	}
	n.Span = p.span(start)
	return n
}

// parseGraphEdge parses one of -->, <--, --, -[e*1..3]->, <-[e]-, -[e]-.
func (p *parser) parseGraphEdge() *GraphEdge {
	start := p.start()
	e := &GraphEdge{Dir: EdgeAny}
	if p.is(Lt) {
		e.Dir = EdgeLeft
		p.advance()
		if !p.adjacent(0) {
			p.errorExpected(`"<-"`)
		}
	}
	p.expect(Minus)
	switch {
	case p.is(Minus) && p.adjacent(0):
		p.advance()
		if e.Dir != EdgeLeft && p.is(Gt) && p.adjacent(0) {
			p.advance()
			e.Dir = EdgeRight
		}
	case p.is(LBrack) && p.adjacent(0):
		p.advance()
		p.parseEdgeBody(e)
		p.expect(RBrack)
		if p.is(Minus) && p.adjacent(0) {
			p.advance()
			if e.Dir != EdgeLeft && p.is(Gt) && p.adjacent(0) {
				p.advance()
				e.Dir = EdgeRight
			}
		} else {
			p.errorExpected(`"-"`)
		}
	default:
		p.errorExpected(`"-" or "["`)
	}
	e.Span = p.span(start)
	return e
}

// parseEdgeBody parses the inside of -[...]-: [name] [*min..max].
func (p *parser) parseEdgeBody(e *GraphEdge) {
	if p.nameLen(0) > 0 {
		e.Name = p.parseName("edge name")
	}
	if p.accept(Star) {
		e.Min = p.parseUnary()
		p.expect(DotDot)
		e.Max = p.parseUnary()
	}
}

func (p *parser) parseGraphToTable() Operator {
	op := &GraphToTableOp{}
	for {
		start := p.start()
		switch {
		case op.Nodes == nil && p.acceptWord("nodes"):
			op.Nodes = p.parseGraphTableSpec(start, params("with_node_id"))
		case op.Edges == nil && p.acceptWord("edges"):
			op.Edges = p.parseGraphTableSpec(start, params("with_source_id", "with_target_id"))
		default:
			p.errorExpected(`"nodes" or "edges"`)
			return op
		}
		if !p.accept(Comma) {
			return op
		}
	}
}

func (p *parser) parseGraphTableSpec(start int, allowed paramSet) *GraphTableSpec {
	s := &GraphTableSpec{}
	for {
		ps := p.parseParams(allowed)
		s.Params = append(s.Params, ps...)
		if s.As == nil && p.acceptWord("as") {
			s.As = p.parseName("table name")
			continue
		}
		if len(ps) == 0 {
			break
		}
	}
	s.Span = p.span(start)
	return s
}
