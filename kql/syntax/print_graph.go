package syntax

// Printing of the graph operators.

func (n *MakeGraphOp) format(p *printer) {
	p.str("make-graph ")
	n.Source.format(p)
	if n.Undirected {
		p.str(" -- ")
	} else {
		p.str(" --> ")
	}
	n.Target.format(p)
	if len(n.Nodes) > 0 {
		p.str(" with ")
		list(p, n.Nodes)
	}
	for _, x := range n.Params {
		p.str(" ")
		x.format(p)
	}
}

func (n *GraphNodes) format(p *printer) {
	p.expr(n.Table, precPostfix)
	p.str(" on ")
	n.Key.format(p)
}

func (n *GraphMatchOp) format(p *printer) {
	p.kw("graph-match", n.Params)
	formatGraphQuery(p, n.Patterns, n.Where, n.Project)
}

func (n *GraphShortestPathsOp) format(p *printer) {
	p.kw("graph-shortest-paths", n.Params)
	formatGraphQuery(p, n.Patterns, n.Where, n.Project)
}

func formatGraphQuery(p *printer, patterns []*GraphPattern, where Expr, project []*NamedExpr) {
	list(p, patterns)
	if where != nil {
		p.str(" where ")
		p.expr(where, precOr)
	}
	if len(project) > 0 {
		p.str(" project ")
		list(p, project)
	}
}

func (n *GraphPattern) format(p *printer) {
	for i, node := range n.Nodes {
		node.format(p)
		if i < len(n.Edges) {
			n.Edges[i].format(p)
		}
	}
}

func (n *GraphNode) format(p *printer) {
	p.str("(")
	if n.Name != nil {
		n.Name.format(p)
	}
	p.str(")")
}

func (n *GraphEdge) format(p *printer) {
	if n.Name == nil && n.Min == nil {
		switch n.Dir {
		case EdgeLeft:
			p.str("<--")
		case EdgeRight:
			p.str("-->")
		default:
			p.str("--")
		}
		return
	}
	if n.Dir == EdgeLeft {
		p.str("<-[")
	} else {
		p.str("-[")
	}
	if n.Name != nil {
		n.Name.format(p)
	}
	if n.Min != nil {
		p.str("*")
		p.expr(n.Min, precUnary)
		p.str("..")
		p.expr(n.Max, precUnary)
	}
	if n.Dir == EdgeRight {
		p.str("]->")
	} else {
		p.str("]-")
	}
}

func (n *GraphToTableOp) format(p *printer) {
	p.str("graph-to-table ")
	if n.Nodes != nil {
		p.str("nodes")
		n.Nodes.format(p)
	}
	if n.Edges != nil {
		if n.Nodes != nil {
			p.str(", ")
		}
		p.str("edges")
		n.Edges.format(p)
	}
}

func (n *GraphTableSpec) format(p *printer) {
	if n.As != nil {
		p.str(" as ")
		n.As.format(p)
	}
	for _, x := range n.Params {
		p.str(" ")
		x.format(p)
	}
}

func (n *GraphMarkComponentsOp) format(p *printer) {
	p.str("graph-mark-components")
	for _, x := range n.Params {
		p.str(" ")
		x.format(p)
	}
}
