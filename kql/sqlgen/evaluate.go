package sqlgen

import (
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
