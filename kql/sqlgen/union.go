package sqlgen

import (
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/table"
)

// union translates a union: each input mapped onto the output columns
// (null, or "" for strings, where it lacks one), concatenated with
// UNION ALL, and ordered input by input, each in its own order (unless
// the order cannot show: plan.Union.Unordered).
func (g *gen) union(n *plan.Union) *rel {
	legCols := n.Cols
	if n.WithSource != "" {
		legCols = n.Cols[1:]
	}
	legs := make([]string, len(n.Ins))
	for i, in := range n.Ins {
		r := g.rel(in)
		var parts []string
		if n.WithSource != "" {
			parts = append(parts, sqlrepr.QuoteString(n.Sources[i]))
		}
		for j, col := range legCols {
			parts = append(parts, unionCell(r, n.Maps[i][j], col.Type))
		}
		if !n.Unordered {
			parts = append(parts, strconv.Itoa(i), "row_number() OVER ()")
		}
		for k := range parts {
			parts[k] += " AS c" + strconv.Itoa(k)
		}
		legs[i] = "SELECT " + strings.Join(parts, ", ") + " FROM " + r.name
	}
	width := len(n.Cols)
	out := make([]string, width)
	for k := range out {
		out[k] = "u.c" + strconv.Itoa(k)
	}
	sel := strings.Join(out, ", ")
	if width == 0 {
		sel = "NULL"
	}
	body := "SELECT " + sel + " FROM (" + strings.Join(legs, " UNION ALL ") + ") AS u"
	if !n.Unordered {
		body += " ORDER BY u.c" + strconv.Itoa(width) + ", u.c" + strconv.Itoa(width+1)
	}
	return g.emit(body, n.Cols, false)
}

// unionCell is one output column of a union input: its column, or a
// typed null when it has none.
func unionCell(r *rel, i int, t table.Type) string {
	if i >= 0 {
		return sqlrepr.QuoteIdent(r.cols[i])
	}
	if t == table.String {
		return "''"
	}
	return "CAST(NULL AS " + sqlrepr.DuckType(t) + ")"
}
