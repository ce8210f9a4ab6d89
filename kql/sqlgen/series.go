package sqlgen

import (
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// series translates make-series in four steps over the axis position
// (datetime as ticks, numbers as themselves):
//
//	bounds: the first bin and the number of bins (from the data when
//	        from/to are not given: the bin of the minimum, up to the maximum)
//	bins:   the aggregates per key and bin index, rows outside the range dropped
//	grid:   every key that has rows, times every bin index
//	arrays: per key, the aggregates in bin order (default where a bin has
//	        no rows) and the axis, as JSON arrays
func (g *gen) series(n *plan.Series) *rel {
	in := g.rel(n.In)
	axisT := n.On.Type()
	bounds := g.seriesBounds(n, in)
	s := in.scope(in.name)
	pos := axisPos(g.expr(n.On, s), axisT)
	step := g.seriesStep(n)
	bs, bn := bounds.name+"."+sqlrepr.QuoteIdent(bounds.cols[0]), bounds.name+"."+sqlrepr.QuoteIdent(bounds.cols[1])

	var sel, group []string
	var binCols []table.Column
	for i, k := range n.Keys {
		sel = append(sel, g.expr(k.Expr, s))
		group = append(group, strconv.Itoa(i+1))
		binCols = append(binCols, table.Column{Name: k.Name, Type: k.Expr.Type()})
	}
	sel = append(sel, "CAST(floor(("+pos+" - "+bs+") / "+step+") AS BIGINT)")
	group = append(group, strconv.Itoa(len(n.Keys)+1))
	binCols = append(binCols, table.Column{Name: "__i", Type: table.Long})
	for i, a := range n.Aggs {
		sel = append(sel, g.expr(a.Agg, s))
		binCols = append(binCols, table.Column{Name: "__a" + strconv.Itoa(i), Type: a.Agg.Type()})
	}
	where := pos + " >= " + bs + " AND " + pos + " < " + bs + " + " + bn + " * " + step
	bins := g.emit("SELECT "+strings.Join(sel, ", ")+" FROM "+in.name+", "+bounds.name+" WHERE "+where+
		" GROUP BY "+strings.Join(group, ", "), binCols, false)

	grid := g.seriesGrid(n, bins, bounds, axisT, step)
	return g.seriesArrays(n, bins, grid)
}

// seriesStep is the SQL of the step, failing the query when it is not
// positive (a constant step is checked by sema already).
func (g *gen) seriesStep(n *plan.Series) string {
	step := g.expr(n.Step, &scope{})
	if _, ok := n.Step.(*sema.Literal); ok {
		return step
	}
	return "(CASE WHEN " + step + " > 0 THEN " + step + " ELSE error('make-series: the step must be positive') END)"
}

// MaxSeriesBins caps the length of make-series arrays.
const MaxSeriesBins = 10_000_000

// axisPos is the SQL of an axis value as a number: ticks for datetimes.
func axisPos(x string, t table.Type) string {
	if t == table.DateTime {
		return "(epoch_ns(" + x + ") // 100)"
	}
	return x
}

// axisValue is the inverse of axisPos.
func axisValue(x string, t table.Type) string {
	switch t {
	case table.DateTime:
		return "make_timestamp_ns((" + x + ") * 100)"
	case table.Real:
		return "CAST(" + x + " AS DOUBLE)"
	case table.Int:
		return "CAST(" + x + " AS INTEGER)"
	case table.Long, table.TimeSpan:
		return "CAST(" + x + " AS BIGINT)"
	}
	return x
}

// seriesBounds is the one-row step with the first bin and the bin count.
func (g *gen) seriesBounds(n *plan.Series, in *rel) *rel {
	s := in.scope("")
	pos := axisPos(g.expr(n.On, s), n.On.Type())
	step := g.seriesStep(n)
	num := "DOUBLE"
	if n.On.Type() != table.Real && n.On.Type() != table.Decimal {
		num = "BIGINT"
	}
	start := "CAST(floor(min(" + pos + ") / " + step + ") * " + step + " AS " + num + ")"
	if n.From != nil {
		start = "CAST(" + axisPos(g.expr(n.From, &scope{}), n.On.Type()) + " AS " + num + ")"
	}
	count := "floor((max(" + pos + ") - " + start + ") / " + step + ") + 1"
	if n.To != nil {
		count = "ceil((" + axisPos(g.expr(n.To, &scope{}), n.On.Type()) + " - " + start + ") / " + step + ")"
	}
	// A step of 0 or less, or a range of more bins than MaxSeriesBins,
	// fails the query instead of building huge arrays.
	guard := "CASE WHEN " + count + " > " +
		strconv.Itoa(MaxSeriesBins) + " THEN error('make-series: more than " + strconv.Itoa(MaxSeriesBins) +
		" bins') ELSE greatest(" + count + ", 0) END"
	body := "SELECT " + start + ", CAST(" + guard + " AS BIGINT)"
	if n.From == nil || n.To == nil {
		body += " FROM " + in.name
	}
	return g.emit(body, []table.Column{{Name: "__s", Type: table.Long}, {Name: "__n", Type: table.Long}}, false)
}

// seriesGrid is every key with rows times every bin, with the bin's axis
// value.
func (g *gen) seriesGrid(n *plan.Series, bins, bounds *rel, axisT table.Type, step string) *rel {
	bs, bn := "b."+sqlrepr.QuoteIdent(bounds.cols[0]), "b."+sqlrepr.QuoteIdent(bounds.cols[1])
	var keyCols []string
	var cols []table.Column
	for i, k := range n.Keys {
		keyCols = append(keyCols, "k."+sqlrepr.QuoteIdent(bins.cols[i]))
		cols = append(cols, table.Column{Name: k.Name, Type: k.Expr.Type()})
	}
	cols = append(cols, table.Column{Name: "__i", Type: table.Long}, table.Column{Name: "__v", Type: axisT})
	idx := "unnest(range(0, " + bn + "))"
	var body string
	if len(n.Keys) == 0 {
		body = "SELECT " + idx + " AS i, " + axisValue(bs+" + i * "+step, axisT) + " FROM " + bounds.name + " AS b"
		if !n.NonEmpty {
			body += " WHERE EXISTS (SELECT 1 FROM " + bins.name + ")"
		}
	} else {
		body = "SELECT " + strings.Join(keyCols, ", ") + ", " + idx + " AS i, NULL FROM (SELECT DISTINCT " +
			selectList(bins.cols[:len(n.Keys)], bins.cols[:len(n.Keys)]) + " FROM " + bins.name + ") AS k, " + bounds.name + " AS b"
		// the axis value needs the index, so it is computed over the unnested rows
		r := g.emit(body, cols, false)
		vals := append([]string{}, r.cols[:len(n.Keys)+1]...)
		sel := selectList(vals, vals) + ", " + axisValue(bs+" + "+sqlrepr.QuoteIdent(r.cols[len(n.Keys)])+" * "+step, axisT)
		return g.emit("SELECT "+sel+" FROM "+r.name+", "+bounds.name+" AS b", cols, false)
	}
	return g.emit(body, cols, false)
}

// seriesArrays joins the grid with the bins and gathers the arrays.
func (g *gen) seriesArrays(n *plan.Series, bins, grid *rel) *rel {
	nk := len(n.Keys)
	gref := func(i int) string { return "gr." + sqlrepr.QuoteIdent(grid.cols[i]) }
	bref := func(i int) string { return "bi." + sqlrepr.QuoteIdent(bins.cols[i]) }
	var sel, on, group []string
	for i := 0; i < nk; i++ {
		sel = append(sel, gref(i))
		on = append(on, gref(i)+" IS NOT DISTINCT FROM "+bref(i))
		group = append(group, strconv.Itoa(i+1))
	}
	on = append(on, gref(nk)+" = "+bref(nk))
	order := " ORDER BY " + gref(nk)
	for i, a := range n.Aggs {
		val := "CASE WHEN " + bref(nk) + " IS NULL THEN " + jsonOfSQL(g.expr(a.Default, &scope{}), a.Default.Type()) +
			" ELSE " + jsonOfSQL(bref(nk+1+i), a.Agg.Type()) + " END"
		sel = append(sel, "to_json(list("+val+order+"))")
	}
	sel = append(sel, "to_json(list("+jsonOfSQL(gref(nk+1), n.On.Type())+order+"))")
	body := "SELECT " + strings.Join(sel, ", ") + " FROM " + grid.name + " AS gr LEFT JOIN " + bins.name + " AS bi ON " +
		strings.Join(on, " AND ")
	if nk > 0 {
		body += " GROUP BY " + strings.Join(group, ", ")
	} else if !n.NonEmpty {
		body += " HAVING count(*) > 0"
	}
	return g.emit(body, n.Cols, false)
}
