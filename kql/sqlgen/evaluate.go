package sqlgen

import (
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/kql/plan"
)

// goPlugin reads the table the executor filled with a Go plugin's output
// before running the query.
func (g *gen) goPlugin(n *plan.GoPlugin) *rel {
	if g.opts.PluginTable == nil {
		fail("the %s plugin runs in Go: the executor must name its output table", n.Name)
	}
	name := g.opts.PluginTable(n)
	cols := make([]string, len(n.Cols))
	for i, c := range n.Cols {
		cols[i] = c.Name
	}
	return g.emit("SELECT "+selectList(cols, sqlNames(n.Cols))+" FROM "+name, n.Cols, false)
}

// ipLookup joins the input with the lookup table on the address condition;
// return_unmatched makes it a left outer join.
func (g *gen) ipLookup(n *plan.IPLookup) *rel {
	l, r := g.rel(n.Left), g.rel(n.Right)
	s := &scope{left: l.scope("l").cols, right: r.scope("r").cols}
	var parts []string
	for _, c := range l.cols {
		parts = append(parts, "l."+sqlrepr.QuoteIdent(c))
	}
	for i, out := range n.RightCols {
		if out != "" {
			parts = append(parts, "r."+sqlrepr.QuoteIdent(r.cols[i]))
		}
	}
	join := " JOIN "
	if n.Unmatched {
		join = " LEFT JOIN "
	}
	body := "SELECT " + strings.Join(parts, ", ") + " FROM " + l.name + " AS l" + join + r.name + " AS r ON " + g.expr(n.Cond, s)
	return g.emit(body, n.Cols, false)
}
