package sqlgen

import (
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// node translates one plan node into steps.
func (g *gen) node(n plan.Node) *rel {
	switch n := n.(type) {
	case *plan.Scan:
		return g.scan(n)
	case *plan.Values:
		return g.values(n)
	case *plan.Range:
		return g.rangeNode(n)
	case *plan.Project:
		return g.project(n)
	case *plan.Filter:
		in := g.rel(n.In)
		pred := g.expr(n.Pred, in.scope(""))
		return g.emit("SELECT "+selectList(in.cols, in.cols)+" FROM "+in.name+" WHERE "+pred, in.schema, false)
	case *plan.Aggregate:
		return g.aggregate(n)
	case *plan.Sort:
		return g.sort(n)
	case *plan.Limit:
		in := g.rel(n.In)
		return g.emit("SELECT "+selectList(in.cols, in.cols)+" FROM "+in.name+" LIMIT "+g.count(n.N), in.schema, false)
	case *plan.Shared:
		in := g.rel(n.In)
		return g.emit("SELECT "+selectList(in.cols, in.cols)+" FROM "+in.name, in.schema, n.Materialized)
	case *plan.Window:
		return g.window(n)
	case *plan.Sample:
		in := g.rel(n.In)
		return g.emit("SELECT "+selectList(in.cols, in.cols)+" FROM "+in.name+" ORDER BY random() LIMIT "+g.count(n.N), in.schema, false)
	case *plan.SingleRow:
		return g.emit("SELECT 1", nil, false)
	}
	return g.node2(n)
}

// scan reads a stored table or a materialised result directly.
func (g *gen) scan(n *plan.Scan) *rel {
	name := sqlrepr.QuoteIdent(n.Table)
	if n.Result {
		if g.opts.ResultTable != nil {
			name = g.opts.ResultTable(n.Ref)
		} else {
			name = sqlrepr.QuoteIdent(n.Ref)
		}
	}
	if !n.Result && g.opts.Unstored != nil && g.opts.Unstored(n.Table) {
		return g.values(&plan.Values{Cols: n.Cols})
	}
	cols := make([]string, len(n.Cols))
	for i, c := range n.Cols {
		cols[i] = c.Name
	}
	return g.emit("SELECT "+selectList(cols, sqlNames(n.Cols))+" FROM "+name, n.Cols, false)
}

// values is inline rows as a VALUES list with typed literals.
func (g *gen) values(n *plan.Values) *rel {
	if len(n.Rows) == 0 {
		parts := make([]string, len(n.Cols))
		for i, c := range n.Cols {
			parts[i] = "CAST(NULL AS " + sqlrepr.DuckType(c.Type) + ")"
		}
		return g.emit("SELECT "+strings.Join(parts, ", ")+" WHERE false", n.Cols, false)
	}
	rows := make([]string, len(n.Rows))
	for i, row := range n.Rows {
		cells := make([]string, len(row))
		for j, v := range row {
			cells[j] = literal(n.Cols[j].Type, v)
		}
		rows[i] = "(" + strings.Join(cells, ", ") + ")"
	}
	names := sqlNames(n.Cols)
	quoted := make([]string, len(names))
	for i, c := range names {
		quoted[i] = sqlrepr.QuoteIdent(c)
	}
	// VALUES keeps its rows in order; the alias names the columns.
	return g.emit("SELECT * FROM (VALUES "+strings.Join(rows, ", ")+") AS v("+strings.Join(quoted, ", ")+")", n.Cols, false)
}

// literal writes a value as SQL, failing generation on a bad value.
func literal(t table.Type, v any) string {
	s, err := sqlrepr.Literal(t, v)
	if err != nil {
		fail("%v", err)
	}
	return s
}

// rangeNode generates the range by index: from + i*step for i in
// 0..floor((to-from)/step), which works alike for longs, reals, datetimes
// and timespans, and yields nothing when the step points away from to.
func (g *gen) rangeNode(n *plan.Range) *rel {
	s := &scope{}
	from, to, step := g.expr(n.From, s), g.expr(n.To, s), g.expr(n.Step, s)
	var count, value string
	switch n.T {
	case table.DateTime:
		count = "(epoch_ns(" + to + ") - epoch_ns(" + from + ")) // (" + step + " * 100)"
		value = "make_timestamp_ns(epoch_ns(" + from + ") + i * " + step + " * 100)"
	case table.Real:
		count = "CAST(floor((" + to + " - " + from + ") / " + step + ") AS BIGINT)"
		value = "(" + from + " + i * " + step + ")"
	default:
		count = "(" + to + " - " + from + ") // " + step
		value = "CAST(" + from + " + i * " + step + " AS BIGINT)"
	}
	body := "SELECT " + value + " FROM range(0, CASE WHEN " + step + " = 0 OR " + count + " < 0 THEN 0 ELSE " + count + " + 1 END) AS r(i)"
	return g.emit(body, n.Schema(), false)
}

// project computes the listed columns.
func (g *gen) project(n *plan.Project) *rel {
	if r, ok := g.expandToString(n); ok {
		return r
	}
	if _, ok := n.In.(*plan.SingleRow); ok {
		s := &scope{}
		parts := make([]string, len(n.Cols))
		for i, c := range n.Cols {
			parts[i] = g.expr(c.Expr, s)
		}
		return g.emit("SELECT "+strings.Join(parts, ", "), n.Schema(), false)
	}
	in := g.rel(n.In)
	s := in.scope("")
	parts := make([]string, len(n.Cols))
	for i, c := range n.Cols {
		parts[i] = g.expr(c.Expr, s)
	}
	if len(parts) == 0 {
		return g.emit("SELECT NULL FROM "+in.name+" WHERE false", nil, false)
	}
	return g.emit("SELECT "+strings.Join(parts, ", ")+" FROM "+in.name, n.Schema(), false)
}

// sort orders the rows with Kusto's null placement; a limit makes it a
// top-N.
func (g *gen) sort(n *plan.Sort) *rel {
	in := g.rel(n.In)
	s := in.scope("")
	body := "SELECT " + selectList(in.cols, in.cols) + " FROM " + in.name + " ORDER BY " + g.orderBy(n.Keys, s)
	if n.Limit != nil {
		body += " LIMIT " + g.count(n.Limit)
	}
	return g.emit(body, in.schema, false)
}

// orderBy writes sort keys.
func (g *gen) orderBy(keys []sema.SortKey, s *scope) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		e := g.expr(k.Expr, s)
		dir, nulls := " ASC", " NULLS LAST"
		if k.Desc {
			dir = " DESC"
		}
		if k.NullsFirst {
			nulls = " NULLS FIRST"
		}
		parts[i] = e + dir + nulls
	}
	return strings.Join(parts, ", ")
}

// count writes a row count (take, top, sample): never negative.
func (g *gen) count(e sema.Expr) string {
	return "greatest(CAST(" + g.expr(e, &scope{}) + " AS BIGINT), 0)"
}

// window computes order-dependent columns: the input's order is captured
// as a row number first (DuckDB keeps a relation's order through
// projections), and every window orders by it.
func (g *gen) window(n *plan.Window) *rel {
	in := g.rel(n.In)
	numbered := append(append([]table.Column(nil), in.schema...), table.Column{Name: ordColumn, Type: table.Long})
	r1 := g.emit("SELECT "+selectList(in.cols, in.cols)+", row_number() OVER () FROM "+in.name, numbered, false)
	s := r1.scope("")
	s.ord = sqlrepr.QuoteIdent(r1.cols[len(r1.cols)-1])
	s.from = r1.name
	cur := columnRefsOf(in.schema)
	for _, c := range n.Cols {
		cur = setExpr(cur, c)
	}
	parts := make([]string, len(cur))
	for i, c := range cur {
		parts[i] = g.expr(c.Expr, s)
	}
	return g.emit("SELECT "+strings.Join(parts, ", ")+" FROM "+r1.name+" ORDER BY "+s.ord, n.Out, false)
}

// ordColumn is the hidden row-number column of window steps.
const ordColumn = "__ord"

func columnRefsOf(cols []table.Column) []sema.NamedExpr {
	out := make([]sema.NamedExpr, len(cols))
	for i, c := range cols {
		out[i] = sema.NamedExpr{Name: c.Name, Expr: &sema.ColumnRef{Name: c.Name, T: c.Type}}
	}
	return out
}

func setExpr(cols []sema.NamedExpr, c sema.NamedExpr) []sema.NamedExpr {
	for i := range cols {
		if cols[i].Name == c.Name {
			cols[i] = c
			return cols
		}
	}
	return append(cols, c)
}

// node2 translates the operators that combine or reshape tables.
func (g *gen) node2(n plan.Node) *rel {
	switch n := n.(type) {
	case *plan.GoPlugin:
		return g.goPlugin(n)
	case *plan.IPLookup:
		return g.ipLookup(n)
	case *plan.Join:
		return g.join(n)
	case *plan.Union:
		return g.union(n)
	case *plan.FileRead:
		return g.fileRead(n)
	case *plan.TopNested:
		return g.topNested(n)
	case *plan.ScanSteps:
		return g.scanSteps(n)
	case *plan.Expand:
		return g.expand(n)
	case *plan.Series:
		return g.series(n)
	case *plan.FillGroups:
		return g.fillGroups(n)
	case *plan.GroupNumber:
		return g.groupNumber(n)
	case *plan.RowNumber:
		return g.rowNumber(n)
	case *plan.PartLimit:
		return g.partLimit(n)
	case *plan.ApplyJoin:
		return g.applyJoin(n)
	}
	fail("cannot translate %T", n)
	return nil
}
