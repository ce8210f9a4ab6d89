package syntax

// Printing of expressions and statements.

func (n *Paren) format(p *printer) {
	p.str("(")
	p.pipeExpr(n.X)
	p.str(")")
}

func (n *Unary) format(p *printer) {
	p.str(n.Op.String())
	p.expr(n.X, precPostfix)
}

func (n *Binary) format(p *printer) {
	prec := n.Op.Precedence()
	left := prec
	if prec == precEquality || prec == precRelational {
		left = prec + 1 // these do not associate
	}
	p.expr(n.X, left)
	if n.Op == OpSearch {
		p.str(":")
	} else {
		p.str(" " + n.Op.String() + " ")
	}
	p.expr(n.Y, prec+1)
}

func (n *In) format(p *printer) {
	p.expr(n.X, precRelational)
	p.str(" " + n.Op.String() + " (")
	p.exprs(n.List, 0)
	p.str(")")
}

func (n *Between) format(p *printer) {
	p.expr(n.X, precRelational)
	if n.Not {
		p.str(" !between (")
	} else {
		p.str(" between (")
	}
	p.expr(n.Lo, precAdditive)
	p.str(" .. ")
	p.expr(n.Hi, precAdditive)
	p.str(")")
}

func (n *Call) format(p *printer) {
	if n.Recv != nil {
		p.expr(n.Recv, precPostfix)
		p.dot(n.Recv)
	}
	p.callName(n.Name.Name)
	p.str("(")
	p.exprs(n.Args, 0)
	p.str(")")
}

func (n *NamedArg) format(p *printer) {
	n.Name.format(p)
	p.str(" = ")
	p.expr(n.Value, precOr)
}

func (n *Member) format(p *printer) {
	p.expr(n.X, precPostfix)
	p.dot(n.X)
	// After a dot the parser takes any identifier-shaped word as a name,
	// keywords included.
	if name := n.Name.Name; identShaped(name) && name != "h" && name != "H" && name != "matches" {
		p.str(name)
	} else {
		p.str("[" + quote(name, '\'') + "]")
	}
}

// dot writes the '.' of a member or method call; after a bare number it
// is spaced so the lexer does not read "1.e5" or "1.d" as one literal.
func (p *printer) dot(x Expr) {
	if lit, ok := x.(*Literal); ok {
		if t := literalText(lit); t != "" && t[len(t)-1] != ')' && t[len(t)-1] != '"' {
			p.str(" .")
			return
		}
	}
	p.str(".")
}

func (n *Index) format(p *printer) {
	p.expr(n.X, precPostfix)
	p.str("[")
	p.expr(n.Index, precOr)
	p.str("]")
}

func (n *Wildcard) format(p *printer) { p.str(n.Pattern) }

func (n *Pipeline) format(p *printer) {
	sep := " | "
	if p.topPipe {
		sep = "\n| "
	}
	p.topPipe = false
	if n.Source != nil {
		p.expr(n.Source, precOr)
	}
	for i, op := range n.Ops {
		if i > 0 || n.Source != nil {
			p.str(sep)
		}
		op.format(p)
	}
}

func (n *DataTable) format(p *printer) {
	p.str("datatable")
	if len(n.Params) > 0 {
		p.str(" ")
		p.params(n.Params)
	}
	p.str("(")
	list(p, n.Columns)
	p.str(") [")
	p.literals(n.Values)
	p.str("]")
}

func (n *ExternalData) format(p *printer) {
	p.str("externaldata")
	if len(n.Params) > 0 {
		p.str(" ")
		p.params(n.Params)
	}
	p.str("(")
	list(p, n.Columns)
	p.str(") [")
	p.literals(n.URIs)
	p.str("]")
	if len(n.With) > 0 {
		p.str(" with (")
		list(p, n.With)
		p.str(")")
	}
}

func (n *Function) format(p *printer) {
	if n.View {
		p.str("view ")
	}
	p.str("(")
	list(p, n.Params)
	p.str(") ")
	if n.Body != nil {
		n.Body.format(p)
	}
}

func (n *TypeOf) format(p *printer) {
	p.str("typeof")
	if n.Type != nil && n.Type.Name != "" {
		p.str("(" + n.Type.Name + ")")
		return
	}
	if n.Type != nil {
		n.Type.format(p)
	}
}

func (n *BadExpr) format(p *printer) { p.str("<bad expression>") }

func (n *LetStmt) format(p *printer) {
	p.str("let ")
	n.Name.format(p)
	p.str(" = ")
	p.topPipe = true
	p.pipeExpr(n.Value)
	p.topPipe = false
}

func (n *QueryParamsStmt) format(p *printer) {
	p.str("declare query_parameters(")
	list(p, n.Params)
	p.str(")")
}

func (n *SetStmt) format(p *printer) {
	p.str("set ")
	n.Name.format(p)
	if n.Value != nil {
		p.str(" = ")
		p.expr(n.Value, precOr)
	}
}

func (n *AliasStmt) format(p *printer) {
	p.str("alias database ")
	n.Name.format(p)
	p.str(" = ")
	p.expr(n.Value, precOr)
}

func (n *PatternStmt) format(p *printer) {
	p.str("declare pattern ")
	n.Name.format(p)
	if len(n.Params) == 0 && n.PathParam == nil && len(n.Matches) == 0 {
		return
	}
	p.str(" = (")
	list(p, n.Params)
	p.str(")")
	if n.PathParam != nil {
		p.str("[")
		n.PathParam.format(p)
		p.str("]")
	}
	p.str(" { ")
	for _, m := range n.Matches {
		m.format(p)
		p.str("; ")
	}
	p.str("}")
}

func (n *PatternMatch) format(p *printer) {
	p.str("(")
	p.exprs(n.Args, precOr)
	p.str(")")
	if n.Path != nil {
		p.str(".[")
		p.expr(n.Path, precPostfix)
		p.str("]")
	}
	p.str(" = ")
	if n.Body != nil {
		n.Body.format(p)
	}
}

func (n *RestrictStmt) format(p *printer) {
	p.str("restrict access to (")
	p.exprs(n.Tables, precPostfix)
	p.str(")")
}

func (n *ExprStmt) format(p *printer) {
	p.topPipe = true
	p.pipeExpr(n.X)
	p.topPipe = false
}

func (n *BadStmt) format(p *printer) { p.str("<bad statement>") }
