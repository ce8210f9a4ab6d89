package plan

import (
	"fmt"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// GoPlugin is an evaluate plugin computed in Go (see sema.Plugin): the
// executor runs In, hands its rows to the plugin, and keeps the output as
// a table the rest of the SQL reads.
type GoPlugin struct {
	In     Node
	Name   string
	Config any
	Cols   []table.Column
}

func (n *GoPlugin) Schema() []table.Column { return n.Cols }
func (n *GoPlugin) Inputs() []Node         { return []Node{n.In} }
func (*GoPlugin) node()                    {}

func (b *builder) plugin(p *sema.Plugin) Node {
	return &GoPlugin{In: b.node(p.In), Name: p.Name, Config: p.Config, Cols: p.Schema()}
}

func describePlugin(n *GoPlugin) string {
	return fmt.Sprintf("GoPlugin %s %s", n.Name, schemaText(n.Cols))
}

// GoPlugins lists the Go plugins of a planned query (subqueries included)
// in an order where every plugin comes after the plugins its input reads:
// the order the executor runs them in.
func GoPlugins(q *Query) []*GoPlugin {
	var out []*GoPlugin
	seen := map[Node]bool{}
	var visit func(n Node)
	visit = func(n Node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		for _, in := range n.Inputs() {
			visit(in)
		}
		if p, ok := n.(*GoPlugin); ok {
			out = append(out, p)
		}
	}
	visit(q.Root)
	for _, s := range sortedSubqueries(q) {
		visit(s.node)
	}
	return out
}

// BuildColumn plans the value of e over the rows of in, as column v: what
// the executor inspects to learn the slots of the bags bag_unpack unpacks.
func BuildColumn(in sema.Tabular, e sema.Expr) *Query {
	b := &builder{shared: map[*sema.Ref]*Shared{}, q: &Query{Subqueries: map[*sema.Subquery]Node{}}}
	b.exprs(e)
	b.q.Root = &Project{In: b.node(in), Cols: []sema.NamedExpr{{Name: "v", Expr: e}}}
	return b.q
}

// IPLookup joins Left with the lookup table Right on an address-in-prefix
// condition (see sema.IPLookup).
type IPLookup struct {
	Left, Right Node
	Cond        sema.Expr
	Unmatched   bool
	RightCols   []string
	Cols        []table.Column
}

func (n *IPLookup) Schema() []table.Column { return n.Cols }
func (n *IPLookup) Inputs() []Node         { return []Node{n.Left, n.Right} }
func (*IPLookup) node()                    {}

func (b *builder) ipLookup(l *sema.IPLookup) Node {
	b.exprs(l.Cond)
	return &IPLookup{Left: b.node(l.In), Right: b.node(l.Lookup), Cond: l.Cond, Unmatched: l.Unmatched,
		RightCols: l.RightCols, Cols: l.Schema()}
}

func describeIPLookup(n *IPLookup) string {
	kind := "inner"
	if n.Unmatched {
		kind = "leftouter"
	}
	return fmt.Sprintf("IPLookup %s on %s %s", kind, n.Cond, schemaText(n.Cols))
}
