package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// operator checks one operator applied to its input.
func (c *checker) operator(op syntax.Operator, in Tabular, sc *scope) Tabular {
	c.checkCtx(op)
	switch op := op.(type) {
	case *syntax.WhereOp:
		return c.where(op, in, sc)
	case *syntax.ExtendOp:
		return c.extend(op.Columns, in, sc)
	case *syntax.ProjectOp:
		return c.project(op, in, sc)
	case *syntax.ProjectAwayOp:
		return c.projectAway(op, in)
	case *syntax.ProjectKeepOp:
		return c.projectKeep(op, in)
	case *syntax.ProjectRenameOp:
		return c.projectRename(op, in)
	case *syntax.ProjectReorderOp:
		return c.projectReorder(op, in)
	case *syntax.SummarizeOp:
		return c.summarize(op, in, sc)
	case *syntax.DistinctOp:
		return c.distinct(op, in, sc)
	case *syntax.CountOp:
		return c.count(op, in)
	case *syntax.TakeOp:
		return &Take{In: in, N: c.count64(op.Count, sc, "take")}
	case *syntax.TopOp:
		return c.top(op, in, sc)
	case *syntax.SortOp:
		return &Sort{In: in, Keys: c.sortKeys(op.By, in, sc)}
	case *syntax.SerializeOp:
		return c.serialize(op, in, sc)
	case *syntax.AsOp:
		return c.as(op, in, sc)
	case *syntax.GetSchemaOp:
		return getSchema(in)
	case *syntax.RenderOp:
		c.render(op)
		return in
	case *syntax.SampleOp:
		return &Sample{In: in, N: c.count64(op.Count, sc, "sample")}
	case *syntax.JoinOp:
		return c.join(op, in, sc)
	case *syntax.LookupOp:
		return c.lookup(op, in, sc)
	case *syntax.UnionOp:
		return c.union(op, in, sc)
	case *syntax.MvExpandOp:
		return c.mvExpand(op, in, sc)
	case *syntax.ParseOp:
		return c.parse(op, in, sc)
	case *syntax.ParseKVOp:
		return c.parseKV(op, in, sc)
	case *syntax.MvApplyOp:
		return c.mvApply(op, in, sc)
	case *syntax.MakeSeriesOp:
		return c.makeSeries(op, in, sc)
	case *syntax.EvaluateOp:
		return c.evaluate(op, in, sc)
	case *syntax.InvokeOp:
		return c.tabularCall(op.Call, sc, in)
	case *syntax.SearchOp:
		return c.search(op, in, sc)
	case *syntax.TopNestedOp:
		return c.topNested(op, in, sc)
	case *syntax.SampleDistinctOp:
		return c.sampleDistinct(op, in, sc)
	case *syntax.TopHittersOp:
		return c.topHitters(op, in, sc)
	case *syntax.PartitionOp:
		return c.partition(op, in, sc)
	case *syntax.ScanOp:
		return c.scan(op, in, sc)
	case *syntax.ConsumeOp:
		return &Take{In: in, N: &Literal{T: table.Long, Value: int64(0)}}
	case *syntax.PrintOp, *syntax.RangeOp:
		c.errorf(op, "this operator starts a query; it cannot follow '|'")
	}
	c.unsupported(op, "the "+operatorName(op)+" operator")
	return nil
}

// operatorName is the keyword of an operator, for messages.
func operatorName(op syntax.Operator) string {
	switch op.(type) {
	case *syntax.MvApplyOp:
		return "mv-apply"
	case *syntax.ParseKVOp:
		return "parse-kv"
	case *syntax.TopNestedOp:
		return "top-nested"
	case *syntax.TopHittersOp:
		return "top-hitters"
	case *syntax.ForkOp:
		return "fork"
	case *syntax.FacetOp:
		return "facet"
	case *syntax.PartitionOp:
		return "partition"
	case *syntax.ScanOp:
		return "scan"
	case *syntax.ReduceOp:
		return "reduce"
	case *syntax.AssertSchemaOp:
		return "assert-schema"
	case *syntax.SampleDistinctOp:
		return "sample-distinct"
	case *syntax.FindOp:
		return "find"
	}
	s := op.String()
	if i := indexSpace(s); i > 0 {
		s = s[:i]
	}
	return s
}

func indexSpace(s string) int {
	for i, r := range s {
		if r == ' ' || r == '\n' {
			return i
		}
	}
	return len(s)
}

// where checks a filter predicate.
func (c *checker) where(op *syntax.WhereOp, in Tabular, sc *scope) Tabular {
	if na, ok := op.Predicate.(*syntax.NamedArg); ok {
		c.errorf(na, "'=' is not a comparison; did you mean '=='?")
	}
	row := &rowCtx{cols: in.Schema(), windowOK: true}
	pred := c.toBool(op.Predicate, c.scalar(op.Predicate, sc, row))
	if !row.usedWindow {
		return &Filter{In: in, Pred: pred}
	}
	// prev()/next() in a predicate (Kusto allows them over a serialized
	// input): the predicate is computed as a window column first, so the
	// neighbours are those of the unfiltered rows.
	const tmp = "__where"
	out := append(append([]table.Column(nil), in.Schema()...), table.Column{Name: tmp, Type: table.Bool})
	w := &Window{In: in, Cols: []NamedExpr{{Name: tmp, Expr: pred}}, out: out}
	f := &Filter{In: w, Pred: &ColumnRef{Name: tmp, T: table.Bool}}
	var keep []NamedExpr
	for _, col := range in.Schema() {
		keep = append(keep, NamedExpr{Name: col.Name, Expr: &ColumnRef{Name: col.Name, T: col.Type}})
	}
	return &Project{In: f, Cols: keep}
}

// count64 checks the row count of take, top and sample: a constant
// integer (let-bound values and toscalar() included).
func (c *checker) count64(e syntax.Expr, sc *scope, op string) Expr {
	n := c.scalar(e, sc, nil)
	switch n.Type() {
	case table.Long, table.Int:
	case table.Real:
		n = c.convert(n, table.Long)
	default:
		c.errorf(e, "the row count of %s must be an integer, got %s", op, n.Type())
	}
	return n
}

// top checks `top N by key [asc|desc] [nulls first|last]`.
func (c *checker) top(op *syntax.TopOp, in Tabular, sc *scope) Tabular {
	n := c.count64(op.Count, sc, "top")
	keys := c.sortKeys([]*syntax.SortKey{op.By}, in, sc)
	return &Top{In: in, N: n, Keys: keys}
}

// sortKeys checks ordering keys and fills Kusto's defaults: descending,
// nulls last when descending and first when ascending.
func (c *checker) sortKeys(keys []*syntax.SortKey, in Tabular, sc *scope) []SortKey {
	var out []SortKey
	row := &rowCtx{cols: in.Schema()}
	for _, k := range keys {
		e := c.scalar(k.Expr, sc, row)
		if e.Type() == table.Dynamic {
			e = c.convert(e, table.String)
		}
		desc := k.Order != syntax.SortAsc
		nullsFirst := !desc
		switch k.Nulls {
		case syntax.NullsFirst:
			nullsFirst = true
		case syntax.NullsLast:
			nullsFirst = false
		}
		out = append(out, SortKey{Expr: e, Desc: desc, NullsFirst: nullsFirst})
	}
	return out
}

// distinct is summarize by the listed columns (or all of them).
func (c *checker) distinct(op *syntax.DistinctOp, in Tabular, sc *scope) Tabular {
	cols := in.Schema()
	var keys []NamedExpr
	b := newColumns()
	if len(op.Columns) == 1 {
		if w, ok := op.Columns[0].Value.(*syntax.Wildcard); ok && w.Pattern == "*" {
			for _, col := range cols {
				keys = append(keys, NamedExpr{Name: b.add(col.Name, col.Type), Expr: &ColumnRef{Name: col.Name, T: col.Type}})
			}
			return &Summarize{In: in, Keys: keys, out: b.cols}
		}
	}
	row := &rowCtx{cols: cols}
	n := 0
	for _, ne := range op.Columns {
		e := c.scalar(ne.Value, sc, row)
		name := c.columnName(ne, &n, row, b)
		keys = append(keys, NamedExpr{Name: b.add(name, e.Type()), Expr: e})
	}
	return &Summarize{In: in, Keys: keys, out: b.cols}
}

// count is the count operator: one row with the number of rows.
func (c *checker) count(op *syntax.CountOp, in Tabular) Tabular {
	name := "Count"
	if op.As != nil {
		name = op.As.Name
	}
	f, _ := LookupFunction("count")
	return &Summarize{In: in,
		Aggs: []AggItem{{Cols: []table.Column{{Name: name, Type: table.Long}}, Expr: &Call{Fn: f, T: table.Long}}},
		out:  []table.Column{{Name: name, Type: table.Long}}}
}

// columnName is the name of a listed column: written, derived from the
// expression, or the next ColumnN.
func (c *checker) columnName(ne *syntax.NamedExpr, n *int, row *rowCtx, b *columns) string {
	switch len(ne.Names) {
	case 0:
	case 1:
		return ne.Names[0].Name
	default:
		c.errorf(ne, "several names are only allowed for functions that return several columns")
	}
	if name := exprName(ne.Value); name != "" {
		return name
	}
	return columnN(n, func(s string) bool {
		return b.taken[s] || row != nil && columnIndex(row.cols, s) >= 0
	})
}

// as names the input: later statements and union withsource see it.
func (c *checker) as(op *syntax.AsOp, in Tabular, sc *scope) Tabular {
	c.refs++
	r := &Ref{Name: op.Name.Name, Query: in}
	if p := op.Param("hint.materialized"); p != nil {
		if lit, ok := p.Value().(*syntax.Literal); ok && lit.Value == true {
			r.Materialized = true
		}
	}
	sc.bind(op.Name.Name, &symbol{tab: r})
	return r
}

// getSchema describes the input's columns as a table.
func getSchema(in Tabular) Tabular {
	dotnet := map[table.Type]string{
		table.Bool: "System.Boolean", table.Int: "System.Int32", table.Long: "System.Int64",
		table.Real: "System.Double", table.Decimal: "System.Data.SqlTypes.SqlDecimal",
		table.String: "System.String", table.DateTime: "System.DateTime", table.TimeSpan: "System.TimeSpan",
		table.Dynamic: "System.Object", table.GUID: "System.Guid",
	}
	out := &DataTable{Cols: []table.Column{
		{Name: "ColumnName", Type: table.String}, {Name: "ColumnOrdinal", Type: table.Int},
		{Name: "DataType", Type: table.String}, {Name: "ColumnType", Type: table.String},
	}}
	for i, col := range in.Schema() {
		out.Rows = append(out.Rows, []any{col.Name, int32(i), dotnet[col.Type], col.Type.String()})
	}
	return out
}
