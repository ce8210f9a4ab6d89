package syntax

// Printing of the tabular operators.

// kw prints an operator keyword and its parameters: "join kind=inner ".
func (p *printer) kw(word string, params []*Param) {
	p.str(word + " ")
	p.params(params)
}

func (n *WhereOp) format(p *printer) {
	p.str("where ")
	p.expr(n.Predicate, precOr)
}

func (n *ExtendOp) format(p *printer) {
	p.str("extend ")
	list(p, n.Columns)
}

func (n *ProjectOp) format(p *printer) {
	p.str("project ")
	list(p, n.Columns)
}

func (n *ProjectAwayOp) format(p *printer) {
	p.str("project-away ")
	p.exprs(n.Columns, precPostfix)
}

func (n *ProjectKeepOp) format(p *printer) {
	p.str("project-keep ")
	p.exprs(n.Columns, precPostfix)
}

func (n *ProjectRenameOp) format(p *printer) {
	p.str("project-rename ")
	list(p, n.Columns)
}

func (n *ProjectReorderOp) format(p *printer) {
	p.str("project-reorder ")
	list(p, n.Columns)
}

func (n *SummarizeOp) format(p *printer) {
	p.kw("summarize", n.Params)
	list(p, n.Aggs)
	if len(n.By) > 0 {
		if len(n.Aggs) > 0 {
			p.str(" ")
		}
		p.str("by ")
		list(p, n.By)
	}
}

func (n *DistinctOp) format(p *printer) {
	p.kw("distinct", n.Params)
	list(p, n.Columns)
}

func (n *CountOp) format(p *printer) {
	p.str("count")
	if n.As != nil {
		p.str(" as ")
		n.As.format(p)
	}
}

func (n *TakeOp) format(p *printer) {
	p.kw("take", n.Params)
	p.expr(n.Count, precOr)
}

func (n *TopOp) format(p *printer) {
	p.kw("top", n.Params)
	p.expr(n.Count, precOr)
	p.str(" by ")
	if n.By != nil {
		n.By.format(p)
	}
}

func (n *SortOp) format(p *printer) {
	p.kw("sort", n.Params)
	p.str("by ")
	list(p, n.By)
}

func (n *SampleOp) format(p *printer) {
	p.kw("sample", n.Params)
	p.expr(n.Count, precOr)
}

func (n *SampleDistinctOp) format(p *printer) {
	p.kw("sample-distinct", n.Params)
	p.expr(n.Count, precOr)
	p.str(" of ")
	p.expr(n.Of, precOr)
}

func (n *SerializeOp) format(p *printer) {
	p.str("serialize")
	for _, x := range n.Params {
		p.str(" ")
		x.format(p)
	}
	if len(n.Columns) > 0 {
		p.str(" ")
		list(p, n.Columns)
	}
}

func (n *PrintOp) format(p *printer) {
	p.str("print ")
	list(p, n.Columns)
}

func (n *RangeOp) format(p *printer) {
	p.str("range ")
	n.Name.format(p)
	p.str(" from ")
	p.expr(n.From, precOr)
	p.str(" to ")
	p.expr(n.To, precOr)
	p.str(" step ")
	p.expr(n.Step, precOr)
}

func (n *AsOp) format(p *printer) {
	p.kw("as", n.Params)
	n.Name.format(p)
}

func (n *ConsumeOp) format(p *printer) {
	p.str("consume")
	for _, x := range n.Params {
		p.str(" ")
		x.format(p)
	}
}

func (n *GetSchemaOp) format(p *printer) {
	p.str("getschema")
	for _, x := range n.Params {
		p.str(" ")
		x.format(p)
	}
}

func (n *RenderOp) format(p *printer) {
	p.str("render ")
	n.Chart.format(p)
	if len(n.With) > 0 {
		p.str(" with (")
		list(p, n.With)
		p.str(")")
	}
}

func (n *TopHittersOp) format(p *printer) {
	p.str("top-hitters ")
	p.expr(n.Count, precOr)
	p.str(" of ")
	p.expr(n.Of, precOr)
	if n.By != nil {
		p.str(" by ")
		p.expr(n.By, precOr)
	}
}

func (n *TopNestedOp) format(p *printer) { list(p, n.Levels) }

func (n *TopNestedLevel) format(p *printer) {
	p.str("top-nested ")
	if n.Count != nil {
		p.expr(n.Count, precOr)
		p.str(" ")
	}
	p.str("of ")
	n.Of.format(p)
	if n.Others != nil {
		p.str(" with others = ")
		p.expr(n.Others, precOr)
	}
	p.str(" by ")
	n.By.format(p)
	if int(n.Order) < len(sortOrderText) {
		p.str(sortOrderText[n.Order])
	}
}

func (n *MakeSeriesOp) format(p *printer) {
	p.kw("make-series", n.Params)
	list(p, n.Aggs)
	p.str(" on ")
	p.expr(n.On, precOr)
	if n.From != nil {
		p.str(" from ")
		p.expr(n.From, precOr)
	}
	if n.To != nil {
		p.str(" to ")
		p.expr(n.To, precOr)
	}
	p.str(" step ")
	p.expr(n.Step, precOr)
	if len(n.By) > 0 {
		p.str(" by ")
		list(p, n.By)
	}
}

func (n *MakeSeriesAgg) format(p *printer) {
	n.Column.format(p)
	if n.Default != nil {
		p.str(" default = ")
		p.expr(n.Default, precOr)
	}
}

func (n *BadOp) format(p *printer) { p.str("<bad operator>") }

func (n *JoinOp) format(p *printer) {
	p.kw("join", n.Params)
	p.expr(n.Right, precOr)
	if n.Where != nil {
		p.str(" where ")
		p.expr(n.Where, precOr)
		return
	}
	p.str(" on ")
	p.exprs(n.On, precOr)
}

func (n *LookupOp) format(p *printer) {
	p.kw("lookup", n.Params)
	p.expr(n.Right, precOr)
	p.str(" on ")
	p.exprs(n.On, precOr)
}

func (n *UnionOp) format(p *printer) {
	p.kw("union", n.Params)
	p.exprs(n.Tables, precPostfix)
}

func (n *EvaluateOp) format(p *printer) {
	p.kw("evaluate", n.Params)
	n.Call.format(p)
	if n.Schema != nil {
		p.str(" : ")
		n.Schema.format(p)
	}
}

func (n *InvokeOp) format(p *printer) {
	p.str("invoke ")
	n.Call.format(p)
}

func (n *FindOp) format(p *printer) {
	p.kw("find", n.Params)
	if len(n.Tables) > 0 {
		p.str("in (")
		p.exprs(n.Tables, precPostfix)
		p.str(") ")
	}
	p.str("where ")
	p.expr(n.Predicate, precOr)
	if n.ProjectSmart {
		p.str(" project-smart")
	} else if len(n.Project) > 0 {
		p.str(" project ")
		p.exprs(n.Project, precPostfix)
	}
	if len(n.ProjectAway) > 0 {
		p.str(" project-away ")
		p.exprs(n.ProjectAway, precPostfix)
	}
}

func (n *SearchOp) format(p *printer) {
	p.kw("search", n.Params)
	if len(n.Tables) > 0 {
		p.str("in (")
		p.exprs(n.Tables, precPostfix)
		p.str(") ")
	}
	p.expr(n.Predicate, precOr)
}

func (n *ParseOp) format(p *printer) {
	if n.Filter {
		p.kw("parse-where", n.Params)
	} else {
		p.kw("parse", n.Params)
	}
	p.expr(n.Source, precOr)
	p.str(" with")
	for _, x := range n.Pattern {
		p.str(" ")
		p.expr(x, precPostfix)
	}
}

func (n *ParseKVOp) format(p *printer) {
	p.str("parse-kv ")
	p.expr(n.Source, precOr)
	p.str(" as (")
	list(p, n.Columns)
	p.str(")")
	if len(n.With) > 0 {
		p.str(" with (")
		list(p, n.With)
		p.str(")")
	}
}

func (n *MvExpandOp) format(p *printer) {
	p.kw("mv-expand", n.Params)
	list(p, n.Items)
	if n.Limit != nil {
		p.str(" limit ")
		p.expr(n.Limit, precOr)
	}
}

func (n *MvApplyOp) format(p *printer) {
	p.kw("mv-apply", n.Params)
	list(p, n.Items)
	if n.Limit != nil {
		p.str(" limit ")
		p.expr(n.Limit, precOr)
	}
	if n.ID != nil {
		p.str(" id ")
		p.expr(n.ID, precOr)
	}
	p.str(" on (")
	p.pipeExpr(n.Subquery)
	p.str(")")
}

func (n *MvItem) format(p *printer) {
	n.Column.format(p)
	if n.To != nil {
		p.str(" to ")
		(&TypeOf{Type: n.To}).format(p)
	}
}

func (n *ForkOp) format(p *printer) {
	p.str("fork")
	for _, b := range n.Branches {
		p.str(" ")
		b.format(p)
	}
}

func (n *ForkBranch) format(p *printer) {
	if n.Name != nil {
		n.Name.format(p)
		p.str(" = ")
	}
	p.str("(")
	p.pipeExpr(n.Query)
	p.str(")")
}

func (n *FacetOp) format(p *printer) {
	p.str("facet by ")
	p.exprs(n.By, precPostfix)
	if n.With != nil {
		p.str(" with (")
		p.pipeExpr(n.With)
		p.str(")")
	}
}

func (n *PartitionOp) format(p *printer) {
	p.kw("partition", n.Params)
	p.str("by ")
	p.expr(n.By, precPostfix)
	if n.Scope != nil {
		p.str(" in ")
		p.expr(n.Scope, precPostfix)
	}
	if n.Braces {
		p.str(" { ")
		p.pipeExpr(n.Subquery)
		p.str(" }")
		return
	}
	p.str(" (")
	p.pipeExpr(n.Subquery)
	p.str(")")
}

func (n *ScanOp) format(p *printer) {
	p.kw("scan", n.Params)
	if len(n.OrderBy) > 0 {
		p.str("order by ")
		list(p, n.OrderBy)
		p.str(" ")
	}
	if len(n.PartitionBy) > 0 {
		p.str("partition by ")
		p.exprs(n.PartitionBy, precOr)
		p.str(" ")
	}
	if len(n.Declare) > 0 {
		p.str("declare (")
		list(p, n.Declare)
		p.str(") ")
	}
	p.str("with (")
	for i, s := range n.Steps {
		if i > 0 {
			p.str(" ")
		}
		s.format(p)
	}
	p.str(")")
}

func (n *ScanStep) format(p *printer) {
	p.str("step ")
	n.Name.format(p)
	if n.Optional {
		p.str(" optional")
	}
	if n.Output != nil {
		p.str(" output=")
		n.Output.format(p)
	}
	p.str(": ")
	p.expr(n.Cond, precOr)
	if len(n.Assigns) > 0 {
		p.str(" => ")
		list(p, n.Assigns)
	}
	p.str(";")
}

func (n *ReduceOp) format(p *printer) {
	p.kw("reduce", n.Params)
	p.str("by ")
	p.expr(n.By, precOr)
	if len(n.With) > 0 {
		p.str(" with ")
		list(p, n.With)
	}
}

func (n *AssertSchemaOp) format(p *printer) {
	p.str("assert-schema ")
	if n.Schema != nil {
		n.Schema.format(p)
	}
}
