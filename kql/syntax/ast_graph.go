package syntax

// The graph operators.

// MakeGraphOp is make-graph Source --> Target [with Tables on Key, ...]
// [with_node_id=Name]; Undirected for the `--` form.
type MakeGraphOp struct {
	Span
	Params     []*Param
	Source     *Ident
	Target     *Ident
	Undirected bool
	Nodes      []*GraphNodes
}

// GraphNodes is one `Table on Key` of make-graph's with clause.
type GraphNodes struct {
	Span
	Table Expr
	Key   *Ident
}

// GraphMatchOp is graph-match [cycles=] Patterns [where Where] [project
// Project].
type GraphMatchOp struct {
	Span
	Params   []*Param
	Patterns []*GraphPattern
	Where    Expr
	Project  []*NamedExpr
}

// GraphShortestPathsOp is graph-shortest-paths [output=] Patterns [where
// Where] [project Project].
type GraphShortestPathsOp struct {
	Span
	Params   []*Param
	Patterns []*GraphPattern
	Where    Expr
	Project  []*NamedExpr
}

// GraphPattern is a path: Nodes[0] Edges[0] Nodes[1] ... ; len(Nodes) ==
// len(Edges)+1 in valid input.
type GraphPattern struct {
	Span
	Nodes []*GraphNode
	Edges []*GraphEdge
}

// GraphNode is (name) or the anonymous ().
type GraphNode struct {
	Span
	Name *Ident
}

// EdgeDir is the direction of a pattern edge.
type EdgeDir uint8

// Edge directions.
const (
	EdgeRight EdgeDir = iota + 1 // -[e]-> or -->
	EdgeLeft                     // <-[e]- or <--
	EdgeAny                      // -[e]- or --
)

// MarshalText makes directions readable in the JSON form of the tree.
func (d EdgeDir) MarshalText() ([]byte, error) {
	switch d {
	case EdgeRight:
		return []byte("right"), nil
	case EdgeLeft:
		return []byte("left"), nil
	}
	return []byte("any"), nil
}

// GraphEdge is an edge of a pattern: -[Name*Min..Max]-> and its variants.
// Name is nil for an anonymous edge; Min and Max are nil without a
// variable-length range.
type GraphEdge struct {
	Span
	Name     *Ident
	Dir      EdgeDir
	Min, Max Expr
}

// GraphToTableOp is graph-to-table nodes [as N] [with_node_id=...], edges
// [as E] [with_source_id=...] [with_target_id=...]; either part may be
// missing.
type GraphToTableOp struct {
	Span
	Nodes *GraphTableSpec
	Edges *GraphTableSpec
}

// GraphTableSpec is the nodes or edges part of graph-to-table.
type GraphTableSpec struct {
	Span
	As     *Ident
	Params []*Param
}

// GraphMarkComponentsOp is graph-mark-components [kind=] [with_component_id=].
type GraphMarkComponentsOp struct {
	Span
	Params []*Param
}

func (*MakeGraphOp) opNode()           {}
func (*GraphMatchOp) opNode()          {}
func (*GraphShortestPathsOp) opNode()  {}
func (*GraphToTableOp) opNode()        {}
func (*GraphMarkComponentsOp) opNode() {}

func (n *MakeGraphOp) eachChild(f func(Node)) {
	each(f, n.Params)
	opt(f, n.Source)
	opt(f, n.Target)
	each(f, n.Nodes)
}
func (n *GraphNodes) eachChild(f func(Node)) { optE(f, n.Table); opt(f, n.Key) }
func (n *GraphMatchOp) eachChild(f func(Node)) {
	each(f, n.Params)
	each(f, n.Patterns)
	optE(f, n.Where)
	each(f, n.Project)
}
func (n *GraphShortestPathsOp) eachChild(f func(Node)) {
	each(f, n.Params)
	each(f, n.Patterns)
	optE(f, n.Where)
	each(f, n.Project)
}

// eachChild visits nodes and edges interleaved, in source order.
func (n *GraphPattern) eachChild(f func(Node)) {
	for i, node := range n.Nodes {
		f(node)
		if i < len(n.Edges) {
			f(n.Edges[i])
		}
	}
	for i := len(n.Nodes); i < len(n.Edges); i++ {
		f(n.Edges[i])
	}
}
func (n *GraphNode) eachChild(f func(Node))             { opt(f, n.Name) }
func (n *GraphEdge) eachChild(f func(Node))             { opt(f, n.Name); optE(f, n.Min); optE(f, n.Max) }
func (n *GraphToTableOp) eachChild(f func(Node))        { opt(f, n.Nodes); opt(f, n.Edges) }
func (n *GraphTableSpec) eachChild(f func(Node))        { opt(f, n.As); each(f, n.Params) }
func (n *GraphMarkComponentsOp) eachChild(f func(Node)) { each(f, n.Params) }

func (n *MakeGraphOp) String() string           { return nodeString(n) }
func (n *GraphNodes) String() string            { return nodeString(n) }
func (n *GraphMatchOp) String() string          { return nodeString(n) }
func (n *GraphShortestPathsOp) String() string  { return nodeString(n) }
func (n *GraphPattern) String() string          { return nodeString(n) }
func (n *GraphNode) String() string             { return nodeString(n) }
func (n *GraphEdge) String() string             { return nodeString(n) }
func (n *GraphToTableOp) String() string        { return nodeString(n) }
func (n *GraphTableSpec) String() string        { return nodeString(n) }
func (n *GraphMarkComponentsOp) String() string { return nodeString(n) }

// Param returns the named parameter of the operator, or nil.
func (n *MakeGraphOp) Param(name string) *Param           { return findParam(n.Params, name) }
func (n *GraphMatchOp) Param(name string) *Param          { return findParam(n.Params, name) }
func (n *GraphShortestPathsOp) Param(name string) *Param  { return findParam(n.Params, name) }
func (n *GraphMarkComponentsOp) Param(name string) *Param { return findParam(n.Params, name) }
