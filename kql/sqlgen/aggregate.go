package sqlgen

import (
	"strconv"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// aggregate groups by the keys (positionally) and computes the
// aggregates. Multi-column aggregates (arg_max, take_any) pick one row per
// group as a struct, which a second step unpacks, so all their columns
// come from the same row.
func (g *gen) aggregate(n *plan.Aggregate) *rel {
	in := g.rel(n.In)
	s := in.scope("")
	var sel []string
	var inner []table.Column
	for _, k := range n.Keys {
		sel = append(sel, g.expr(k.Expr, s))
		inner = append(inner, table.Column{Name: k.Name, Type: k.Expr.Type()})
	}
	type unpack struct{ col, fields int }
	var structs []unpack
	var outer []string // per output column: the SQL over the inner step's columns, filled below
	for _, a := range n.Aggs {
		call, _ := a.Expr.(*sema.Call)
		switch {
		case call != nil && (call.Fn.Name == "arg_max" || call.Fn.Name == "arg_min" || call.Fn.Name == "take_any" || call.Fn.Name == "any"):
			structs = append(structs, unpack{col: len(inner), fields: len(a.Cols)})
			sel = append(sel, g.pickRow(call, s))
			inner = append(inner, table.Column{Name: "__pick" + strconv.Itoa(len(inner)), Type: table.Dynamic})
		case call != nil && call.Fn.Multi:
			for i, p := range g.percentileSQL(call, s) {
				sel = append(sel, p)
				inner = append(inner, a.Cols[i])
			}
		default:
			sel = append(sel, g.expr(a.Expr, s))
			inner = append(inner, a.Cols[0])
		}
	}
	body := "SELECT " + join(sel, ", ") + " FROM " + in.name
	if len(n.Keys) > 0 {
		var pos []string
		for i := range n.Keys {
			pos = append(pos, strconv.Itoa(i+1))
		}
		body += " GROUP BY " + join(pos, ", ")
	}
	r := g.emit(body, inner, false)
	if len(structs) == 0 {
		return r
	}
	// second step: unpack the picked rows
	outer = nil
	next := 0
	for i := range inner {
		if next < len(structs) && structs[next].col == i {
			for f := 0; f < structs[next].fields; f++ {
				outer = append(outer, sqlrepr.QuoteIdent(r.cols[i])+".f"+strconv.Itoa(f))
			}
			next++
			continue
		}
		outer = append(outer, sqlrepr.QuoteIdent(r.cols[i]))
	}
	return g.emit("SELECT "+join(outer, ", ")+" FROM "+r.name, n.Schema(), false)
}

// pickRow is the struct of an arg_max/arg_min/take_any group's chosen
// row. A group whose maximised values are all null gives its first row,
// as Kusto does.
func (g *gen) pickRow(c *sema.Call, s *scope) string {
	var fields []string
	for i, a := range c.Args {
		fields = append(fields, "f"+strconv.Itoa(i)+" := "+g.expr(a, s))
	}
	st := "struct_pack(" + join(fields, ", ") + ")"
	switch c.Fn.Name {
	case "arg_max":
		return "coalesce(arg_max(" + st + ", " + g.expr(c.Args[0], s) + "), first(" + st + "))"
	case "arg_min":
		return "coalesce(arg_min(" + st + ", " + g.expr(c.Args[0], s) + "), first(" + st + "))"
	}
	return "first(" + st + ")"
}

// percentileSQL gives one nearest-rank percentile per requested value:
// quantile_disc picks an element of the data as Kusto's percentile does.
// The weighted forms (percentilew, percentilesw) read the nearest-rank
// value of the group's exact weighted digest (kqlfunc/digest.go).
func (g *gen) percentileSQL(c *sema.Call, s *scope) []string {
	a := g.args(c, s)
	var out []string
	if c.Fn.Name == "percentilew" || c.Fn.Name == "percentilesw" {
		d := g.tdigestOf(c, s, 1)
		for _, p := range a[2:] {
			out = append(out, digestValue("kql_tdigest_percentile_num("+d+", CAST("+p+" AS DOUBLE))", c.T))
		}
		return out
	}
	for _, p := range a[1:] {
		q := "quantile_disc(" + a[0] + ", CAST(" + p + " AS DOUBLE) / 100)"
		if c.T == table.Long && c.Args[0].Type() != table.Long {
			q = "CAST(" + q + " AS BIGINT)"
		}
		out = append(out, q)
	}
	return out
}
