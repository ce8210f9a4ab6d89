package sqlgen

import (
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/table"
)

// topNested assigns every record, level by level, to a bucket: its value
// when the value ranks in the top N of its partition (the buckets of the
// levels above), else the partition's others bucket (labelled with the
// level's others value, null without one). A record in an others bucket
// stays in others buckets at the levels below. The output has one row per
// final bucket that is all values or reaches a labelled others bucket,
// with each level's aggregate over its bucket's records.
func (g *gen) topNested(n *plan.TopNested) *rel {
	in := g.rel(n.In)
	s := in.scope("")
	cols := append([]table.Column(nil), in.schema...)
	sel := quotedCols(in)
	for i, lv := range n.Levels {
		sel = append(sel, g.expr(lv.Key.Expr, s))
		cols = append(cols, table.Column{Name: tnName("v", i), Type: lv.Key.Expr.Type()})
	}
	cur := g.emit("SELECT "+strings.Join(sel, ", ")+" FROM "+in.name, cols, false)
	for i := range n.Levels {
		cur = g.topNestedLevel(n, cur, i)
	}
	return g.topNestedOutput(n, cur)
}

func tnName(kind string, level int) string { return "__tn_" + kind + strconv.Itoa(level) }

func quotedCols(r *rel) []string {
	out := make([]string, len(r.cols))
	for i, c := range r.cols {
		out[i] = sqlrepr.QuoteIdent(c)
	}
	return out
}

// refs returns the quoted SQL columns of the named KQL columns of r.
func refs(r *rel, qualifier string, names ...string) []string {
	var out []string
	for _, name := range names {
		ref, ok := r.ref(name)
		if !ok {
			fail("top-nested: no column %s", name)
		}
		if qualifier != "" {
			ref = qualifier + "." + ref
		}
		out = append(out, ref)
	}
	return out
}

// prefix names the bucket columns of the levels before level k.
func prefix(k int) []string {
	var out []string
	for j := 0; j < k; j++ {
		out = append(out, tnName("k", j), tnName("o", j))
	}
	return out
}

// topNestedLevel ranks the groups of level k within their partitions and
// adds the level's bucket (value or others label) and others flag.
func (g *gen) topNestedLevel(n *plan.TopNested, cur *rel, k int) *rel {
	lv := n.Levels[k]
	part := refs(cur, "", prefix(k)...)
	v := refs(cur, "", tnName("v", k))[0]
	groupCols := append(append([]string(nil), part...), v)
	agg := g.expr(lv.Agg.Expr, cur.scope(""))
	dir := " ASC"
	if lv.Desc {
		dir = " DESC"
	}
	over := "ORDER BY __a" + dir + " NULLS LAST, " + v + " ASC NULLS LAST"
	if len(part) > 0 {
		over = "PARTITION BY " + strings.Join(part, ", ") + " " + over
	}
	grouped := "SELECT " + strings.Join(groupCols, ", ") + ", " + agg + " AS __a FROM " + cur.name +
		" GROUP BY " + strings.Join(groupCols, ", ")
	var rankCols []table.Column
	for _, name := range append(prefix(k), tnName("v", k)) {
		rankCols = append(rankCols, cur.schema[columnIndex(cur.schema, name)])
	}
	rankCols = append(rankCols, table.Column{Name: "__a", Type: lv.Agg.Expr.Type()}, table.Column{Name: "__rn", Type: table.Long})
	ranked := g.emit("SELECT "+strings.Join(groupCols, ", ")+", __a, row_number() OVER ("+over+") FROM ("+grouped+")", rankCols, false)

	var on []string
	for _, name := range append(prefix(k), tnName("v", k)) {
		on = append(on, refs(cur, "r", name)[0]+" IS NOT DISTINCT FROM "+refs(ranked, "b", name)[0])
	}
	conds := []string{}
	for j := 0; j < k; j++ {
		conds = append(conds, "NOT "+refs(cur, "r", tnName("o", j))[0])
	}
	if lv.N != nil {
		conds = append(conds, refs(ranked, "b", "__rn")[0]+" <= "+g.count(lv.N))
	}
	selected := "true"
	if len(conds) > 0 {
		selected = strings.Join(conds, " AND ")
	}
	others := "CAST(NULL AS " + sqlrepr.DuckType(lv.Key.Expr.Type()) + ")"
	if lv.Others != nil {
		others = g.expr(lv.Others, &scope{})
	}
	vr := refs(cur, "r", tnName("v", k))[0]
	sel := make([]string, len(cur.cols))
	for i, c := range cur.cols {
		sel[i] = "r." + sqlrepr.QuoteIdent(c)
	}
	sel = append(sel, "CASE WHEN "+selected+" THEN "+vr+" ELSE "+others+" END", "NOT ("+selected+")")
	cols := append(append([]table.Column(nil), cur.schema...),
		table.Column{Name: tnName("k", k), Type: lv.Key.Expr.Type()}, table.Column{Name: tnName("o", k), Type: table.Bool})
	return g.emit("SELECT "+strings.Join(sel, ", ")+" FROM "+cur.name+" r JOIN "+ranked.name+" b ON "+strings.Join(on, " AND "), cols, false)
}

func columnIndex(cols []table.Column, name string) int {
	for i, c := range cols {
		if c.Name == name {
			return i
		}
	}
	fail("top-nested: no column %s", name)
	return -1
}

// topNestedOutput aggregates every level over its buckets and lists the
// final buckets, ordered level by level: values before the others
// bucket, then by the aggregate in the level's direction, then by value.
func (g *gen) topNestedOutput(n *plan.TopNested, cur *rel) *rel {
	last := len(n.Levels)
	all := refs(cur, "", prefix(last)...)
	var allValues, labelled []string
	for k, lv := range n.Levels {
		o := refs(cur, "", tnName("o", k))[0]
		allValues = append(allValues, "NOT "+o)
		if lv.Others != nil {
			labelled = append(labelled, o)
		}
	}
	where := "(" + strings.Join(allValues, " AND ") + ")"
	if len(labelled) > 0 {
		where += " OR " + strings.Join(labelled, " OR ")
	}
	from := "(SELECT DISTINCT " + strings.Join(all, ", ") + " FROM " + cur.name + " WHERE " + where + ") l"
	var sel, order []string
	s := cur.scope("")
	for k, lv := range n.Levels {
		p := refs(cur, "", prefix(k+1)...)
		alias := "a" + strconv.Itoa(k)
		from += " LEFT JOIN (SELECT " + strings.Join(p, ", ") + ", " + g.expr(lv.Agg.Expr, s) + " AS __a FROM " + cur.name +
			" GROUP BY " + strings.Join(p, ", ") + ") " + alias + " ON "
		var on []string
		for _, c := range p {
			on = append(on, "l."+c+" IS NOT DISTINCT FROM "+alias+"."+c)
		}
		from += strings.Join(on, " AND ")
		key, oth := "l."+refs(cur, "", tnName("k", k))[0], "l."+refs(cur, "", tnName("o", k))[0]
		agg := alias + ".__a"
		if lv.Others == nil {
			agg = "CASE WHEN " + oth + " THEN NULL ELSE " + agg + " END"
		}
		sel = append(sel, key, agg)
		dir := " ASC"
		if lv.Desc {
			dir = " DESC"
		}
		order = append(order, oth, agg+dir+" NULLS LAST", key+" ASC NULLS LAST")
	}
	return g.emit("SELECT "+strings.Join(sel, ", ")+" FROM "+from+" ORDER BY "+strings.Join(order, ", "), n.Cols, false)
}
