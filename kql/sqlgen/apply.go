package sqlgen

import (
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/table"
)

// rowNumber numbers the input rows of mv-apply in their order.
func (g *gen) rowNumber(n *plan.RowNumber) *rel {
	in := g.rel(n.In)
	return g.emit("SELECT "+selectList(in.cols, in.cols)+", row_number() OVER () FROM "+in.name, n.Schema(), false)
}

// groupNumber numbers the partitions of partition compiled as grouped
// SQL: the dense rank of the key, nulls last.
func (g *gen) groupNumber(n *plan.GroupNumber) *rel {
	in := g.rel(n.In)
	key := g.expr(n.Key, in.scope(""))
	return g.emit("SELECT "+selectList(in.cols, in.cols)+", dense_rank() OVER (ORDER BY "+key+" NULLS LAST) FROM "+in.name, n.Schema(), false)
}

// fillGroups gives every group of the mv-apply or partition a row of a
// keyless aggregate: its own, or the aggregates over no rows.
func (g *gen) fillGroups(n *plan.FillGroups) *rel {
	agg := g.rel(n.Agg)
	empty := g.rel(n.Empty)
	groups := g.rel(n.Groups)
	row := quoted(agg, plan.ApplyRowColumn)
	sel := []string{"k." + quoted(groups, plan.ApplyRowColumn)}
	for i, c := range agg.cols {
		if agg.schema[i].Name == plan.ApplyRowColumn {
			continue
		}
		e := empty.cols[i-1]
		sel = append(sel, "CASE WHEN a."+row+" IS NULL THEN e."+sqlrepr.QuoteIdent(e)+" ELSE a."+sqlrepr.QuoteIdent(c)+" END")
	}
	body := "SELECT " + strings.Join(sel, ", ") + " FROM (SELECT DISTINCT " + quoted(groups, plan.ApplyRowColumn) + " FROM " + groups.name +
		") AS k LEFT JOIN " + agg.name + " AS a ON a." + row + " = k." + quoted(groups, plan.ApplyRowColumn) + " CROSS JOIN " + empty.name + " AS e" +
		" ORDER BY k." + quoted(groups, plan.ApplyRowColumn)
	return g.emit(body, n.Schema(), false)
}

// partLimit keeps the first N rows per input row of mv-apply.
func (g *gen) partLimit(n *plan.PartLimit) *rel {
	in := g.rel(n.In)
	row := quoted(in, plan.ApplyRowColumn)
	over := "PARTITION BY " + row
	if len(n.Keys) > 0 {
		over += " ORDER BY " + g.orderBy(n.Keys, in.scope(""))
	}
	numbered := append(append([]table.Column(nil), in.schema...), table.Column{Name: "__rn", Type: table.Long})
	r := g.emit("SELECT "+selectList(in.cols, in.cols)+", row_number() OVER ("+over+") FROM "+in.name, numbered, false)
	rn := quoted(r, "__rn")
	return g.emit("SELECT "+selectList(r.cols[:len(in.cols)], r.cols[:len(in.cols)])+" FROM "+r.name+" WHERE "+rn+" <= "+
		g.count(n.N)+" ORDER BY "+quoted(r, plan.ApplyRowColumn)+", "+rn, in.schema, false)
}

// applyJoin puts each subquery result row next to its input row's
// columns, keeping the input order and the subquery's order within it.
func (g *gen) applyJoin(n *plan.ApplyJoin) *rel {
	outer := g.rel(n.Outer)
	inner := g.rel(n.Inner)
	numbered := append(append([]table.Column(nil), inner.schema...), table.Column{Name: "__k", Type: table.Long})
	in2 := g.emit("SELECT "+selectList(inner.cols, inner.cols)+", row_number() OVER () FROM "+inner.name, numbered, false)
	sel := make([]string, len(n.Cols))
	for i, c := range n.Cols {
		if ref, ok := in2.ref(c.Name); ok && c.Name != plan.ApplyRowColumn {
			sel[i] = "i." + ref
			continue
		}
		sel[i] = "o." + quoted(outer, c.Name)
	}
	on := "i." + quoted(in2, plan.ApplyRowColumn) + " = o." + quoted(outer, plan.ApplyRowColumn)
	body := "SELECT " + strings.Join(sel, ", ") + " FROM " + in2.name + " AS i JOIN " + outer.name + " AS o ON " + on +
		" ORDER BY i." + quoted(in2, plan.ApplyRowColumn) + ", i." + sqlrepr.QuoteIdent(in2.cols[len(in2.cols)-1])
	return g.emit(body, n.Cols, false)
}
