// Package plan is the logical plan of a KQL query: a tree of immutable
// relational operators (scan, filter, project, aggregate, join, ...) whose
// expressions are kql/sema's typed expressions. Build lowers a checked
// query (sema.Tabular) to a plan; Optimize applies the rewrite rules, one
// rule per file (rule_*.go), each a pure function from plan to plan;
// Format prints a plan as an indented tree for golden tests and explain.
package plan

import (
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// Node is a logical operator. Nodes are immutable: rewrites build new
// nodes and share unchanged subtrees.
type Node interface {
	// Schema is the node's output columns.
	Schema() []table.Column
	// Inputs are the node's child nodes, in order.
	Inputs() []Node
	node()
}

// Scan reads a stored table, or a result materialised earlier (Result,
// named Ref in the engine).
type Scan struct {
	Table  string
	Ref    string
	Result bool
	Cols   []table.Column
}

// Values is inline rows.
type Values struct {
	Cols []table.Column
	Rows [][]any
}

// Range generates From, From+Step, ... up to To inclusive.
type Range struct {
	Name           string
	T              table.Type
	From, To, Step sema.Expr
}

// SingleRow is one row without columns: the input of print.
type SingleRow struct{}

// Project computes exactly Cols from each input row.
type Project struct {
	In   Node
	Cols []sema.NamedExpr
}

// Filter keeps the rows where Pred is true.
type Filter struct {
	In   Node
	Pred sema.Expr
}

// Aggregate groups by Keys and computes Aggs; without keys it yields one
// row even for empty input.
type Aggregate struct {
	In   Node
	Keys []sema.NamedExpr
	Aggs []sema.AggItem
}

// Sort orders rows; Limit, when set, keeps the first rows only (top).
type Sort struct {
	In    Node
	Keys  []sema.SortKey
	Limit sema.Expr
}

// Limit keeps the first N rows.
type Limit struct {
	In Node
	N  sema.Expr
}

// Join combines two inputs (see sema.Join for the column mapping).
type Join struct {
	Left, Right         Node
	Kind                sema.JoinKind
	On                  []sema.JoinCond
	Where               sema.Expr
	LeftCols, RightCols []string
	Cols                []table.Column
	// Unordered lets the SQL skip ordering the output (its consumer, an
	// aggregation, does not depend on row order).
	Unordered bool
}

// Union concatenates inputs by column (see sema.Union).
type Union struct {
	Ins        []Node
	Maps       [][]int
	WithSource string
	Sources    []string
	Cols       []table.Column
	Unordered  bool // as Join.Unordered
}

// Expand is mv-expand: one row per element of the Items arrays (in
// lockstep), the other columns repeated.
type Expand struct {
	In       Node
	Items    []sema.MvItem
	BagArray bool
	Index    string
	Limit    sema.Expr
	Cols     []table.Column
	// Unordered lets the SQL skip numbering the input rows and sorting
	// the output (its consumer, an aggregation, cannot see the order).
	Unordered bool
	// ToString says the single item is converted to string (`to
	// typeof(string)`) by the Project the builder puts right above: the
	// SQL may convert the elements while expanding them.
	ToString bool
}

// Series is make-series (see sema.MakeSeries).
type Series struct {
	In             Node
	Aggs           []sema.SeriesAgg
	Axis           string
	On             sema.Expr
	From, To, Step sema.Expr
	Keys           []sema.NamedExpr
	NonEmpty       bool
	Cols           []table.Column
}

// Window computes columns that depend on row order, over an input whose
// order is significant (serialized).
type Window struct {
	In   Node
	Cols []sema.NamedExpr
	Out  []table.Column
}

// Shared is a subplan used by reference: a let-bound table or a
// materialize(). One Shared node may appear several times in a tree; it
// is computed once.
type Shared struct {
	Name         string
	In           Node
	Materialized bool
}

// Sample keeps N rows at random.
type Sample struct {
	In Node
	N  sema.Expr
}

func (n *Scan) Schema() []table.Column      { return n.Cols }
func (n *Values) Schema() []table.Column    { return n.Cols }
func (n *Range) Schema() []table.Column     { return []table.Column{{Name: n.Name, Type: n.T}} }
func (n *SingleRow) Schema() []table.Column { return nil }
func (n *Project) Schema() []table.Column   { return namedCols(n.Cols) }
func (n *Filter) Schema() []table.Column    { return n.In.Schema() }
func (n *Aggregate) Schema() []table.Column {
	out := namedCols(n.Keys)
	for _, a := range n.Aggs {
		out = append(out, a.Cols...)
	}
	return out
}
func (n *Sort) Schema() []table.Column   { return n.In.Schema() }
func (n *Limit) Schema() []table.Column  { return n.In.Schema() }
func (n *Join) Schema() []table.Column   { return n.Cols }
func (n *Union) Schema() []table.Column  { return n.Cols }
func (n *Expand) Schema() []table.Column { return n.Cols }
func (n *Series) Schema() []table.Column { return n.Cols }
func (n *Window) Schema() []table.Column { return n.Out }
func (n *Shared) Schema() []table.Column { return n.In.Schema() }
func (n *Sample) Schema() []table.Column { return n.In.Schema() }

func (n *Scan) Inputs() []Node      { return nil }
func (n *Values) Inputs() []Node    { return nil }
func (n *Range) Inputs() []Node     { return nil }
func (n *SingleRow) Inputs() []Node { return nil }
func (n *Project) Inputs() []Node   { return []Node{n.In} }
func (n *Filter) Inputs() []Node    { return []Node{n.In} }
func (n *Aggregate) Inputs() []Node { return []Node{n.In} }
func (n *Sort) Inputs() []Node      { return []Node{n.In} }
func (n *Limit) Inputs() []Node     { return []Node{n.In} }
func (n *Join) Inputs() []Node      { return []Node{n.Left, n.Right} }
func (n *Union) Inputs() []Node     { return n.Ins }
func (n *Expand) Inputs() []Node    { return []Node{n.In} }
func (n *Series) Inputs() []Node    { return []Node{n.In} }
func (n *Window) Inputs() []Node    { return []Node{n.In} }
func (n *Shared) Inputs() []Node    { return []Node{n.In} }
func (n *Sample) Inputs() []Node    { return []Node{n.In} }

func (*Scan) node()      {}
func (*Values) node()    {}
func (*Range) node()     {}
func (*SingleRow) node() {}
func (*Project) node()   {}
func (*Filter) node()    {}
func (*Aggregate) node() {}
func (*Sort) node()      {}
func (*Limit) node()     {}
func (*Join) node()      {}
func (*Union) node()     {}
func (*Expand) node()    {}
func (*Series) node()    {}
func (*Window) node()    {}
func (*Shared) node()    {}
func (*Sample) node()    {}

func namedCols(cols []sema.NamedExpr) []table.Column {
	out := make([]table.Column, len(cols))
	for i, c := range cols {
		out[i] = table.Column{Name: c.Name, Type: c.Expr.Type()}
	}
	return out
}
