package sema

import (
	"github.com/huntbook/huntbook/table"
)

// Tabular is a checked tabular expression: a tree of KQL operators with
// names resolved, defaults filled in and the output schema of every node
// known. kql/plan lowers it to relational operators.
type Tabular interface {
	// Schema is the node's output columns, in order.
	Schema() []table.Column
	tabularNode()
}

// TableScan reads a stored table of the catalog, or a table the session
// materialised earlier (Result set, Ref its name in the engine).
type TableScan struct {
	Name   string
	Ref    string
	Result bool
	Cols   []table.Column
}

// DataTable is inline data: datatable(...) [...], getschema, a let-bound
// scalar list. Rows hold the table package's Go values.
type DataTable struct {
	Cols []table.Column
	Rows [][]any
}

// RangeSource is `range Name from From to To step Step`: one column of the
// type of From (long, real, datetime or timespan).
type RangeSource struct {
	Name           string
	T              table.Type
	From, To, Step Expr
}

// Print is one row of computed columns (`print`).
type Print struct {
	Cols []NamedExpr
}

// Filter keeps the rows where Pred is true (`where`).
type Filter struct {
	In   Tabular
	Pred Expr
}

// Extend computes columns and keeps the input's; a column named like an
// input column replaces it in place, new ones go at the end.
type Extend struct {
	In   Tabular
	Cols []NamedExpr
	out  []table.Column
}

// Project outputs exactly Cols, in order (project, project-away,
// project-keep, project-rename, project-reorder all become one).
type Project struct {
	In   Tabular
	Cols []NamedExpr
}

// AggItem is one output of summarize: usually one column computed by an
// expression over aggregates (count(), 100.0 * countif(x) / count()), or
// several columns from one multi-column aggregate (arg_max(t, *),
// percentiles(x, 50, 95)) whose Expr is that aggregate's Call.
type AggItem struct {
	Cols []table.Column
	Expr Expr
}

// Summarize groups by Keys and computes Aggs per group (also `count`,
// `distinct`). Without keys, it gives one row even for empty input.
type Summarize struct {
	In   Tabular
	Keys []NamedExpr
	Aggs []AggItem
	out  []table.Column
}

// SortKey is one ordering key with its direction and null placement
// filled in (descending by default; nulls first ascending, last
// descending, unless written).
type SortKey struct {
	Expr       Expr
	Desc       bool
	NullsFirst bool
}

// Sort orders the rows (`sort`, `order`).
type Sort struct {
	In   Tabular
	Keys []SortKey
}

// Take keeps the first N rows (`take`, `limit`).
type Take struct {
	In Tabular
	N  Expr
}

// Top is the first N rows by keys (`top`).
type Top struct {
	In   Tabular
	N    Expr
	Keys []SortKey
}

// JoinKind is a kind of join.
type JoinKind uint8

// Join kinds.
const (
	JoinInnerUnique JoinKind = iota // Kusto's default: the left side de-duplicated per key
	JoinInner
	JoinLeftOuter
	JoinRightOuter
	JoinFullOuter
	JoinLeftSemi
	JoinRightSemi
	JoinLeftAnti
	JoinRightAnti
)

var joinKindNames = [...]string{"innerunique", "inner", "leftouter", "rightouter", "fullouter",
	"leftsemi", "rightsemi", "leftanti", "rightanti"}

func (k JoinKind) String() string { return joinKindNames[k] }

// JoinCond is one equality of a join: Left over the left side's columns,
// Right over the right side's.
type JoinCond struct {
	Left, Right Expr
}

// Join combines two tables (`join`, `lookup`). Out lists the output: the
// left columns then the right ones (renamed when their names clash), or
// one side only for the semi and anti kinds. Lookup joins keep the right
// side's key columns out of the output.
type Join struct {
	Left, Right Tabular
	Kind        JoinKind
	On          []JoinCond
	// Where is an extra condition over both sides ($left.a < $right.b),
	// the `where` form of join; nil when none.
	Where Expr
	// Lookup marks a lookup: the right key columns are dropped.
	Lookup bool
	// LeftCols and RightCols map the output columns: for each input
	// column, its output name, or "" when it is dropped.
	LeftCols, RightCols []string
	out                 []table.Column
}

// Union concatenates tables by column name (`union`). Each input's
// columns map to output columns (renamed when the same name has several
// types); a missing column is null. WithSource names the column that
// holds each row's source name (Sources), or is empty.
type Union struct {
	Inputs     []Tabular
	Maps       [][]int // per input, per output column: the input column index or -1
	WithSource string
	Sources    []string
	out        []table.Column
}

// MvItem is one array expanded by mv-expand.
type MvItem struct {
	Expr Expr
	Name string
	// To is the type the elements are converted to (to typeof(T)), or
	// Dynamic.
	To table.Type
}

// MvExpand expands dynamic arrays (or bags) into rows. Several items
// expand in lockstep, the shorter padded with null.
type MvExpand struct {
	In    Tabular
	Items []MvItem
	// BagArray expands a bag into [key, value] arrays (kind=array) rather
	// than single-property bags.
	BagArray bool
	// Index names the column with each element's position, or is empty.
	Index string
	// Limit caps the rows produced per input row; nil for none.
	Limit Expr
	out   []table.Column
}

// SeriesAgg is one aggregate of make-series with its fill value.
type SeriesAgg struct {
	Name    string
	Agg     Expr
	Default Expr
}

// MakeSeries aggregates into arrays over a regular axis: one row per group
// with one array per aggregate and the axis array.
type MakeSeries struct {
	In             Tabular
	Aggs           []SeriesAgg
	Axis           string
	On             Expr
	From, To, Step Expr // From and To may be nil: taken from the data
	Keys           []NamedExpr
	// NonEmpty (kind=nonempty) gives a row of default arrays for an empty
	// input without keys.
	NonEmpty bool
	out      []table.Column
}

// ParseKind is the mode of the parse operator.
type ParseKind uint8

// Parse modes.
const (
	ParseSimple ParseKind = iota
	ParseRegex
	ParseRelaxed
)

// ParsePart is one element of a parse pattern: literal text, a * wildcard,
// or a column to extract (Col set).
type ParsePart struct {
	Text     string
	Wildcard bool
	Col      *table.Column
}

// Parse extracts columns from a string by a pattern (`parse`,
// `parse-where` when Filter is set: rows that do not match are dropped).
type Parse struct {
	In     Tabular
	Source Expr
	Kind   ParseKind
	Flags  string
	Parts  []ParsePart
	Filter bool
	out    []table.Column
}

// Ref is a named, shared tabular expression: a let-bound table used one or
// more times, or materialize(). The plan computes it once per query.
type Ref struct {
	Name         string
	Query        Tabular
	Materialized bool
}

// Window computes columns that depend on row order (row_number, prev,
// next, row_cumsum, ...) over a serialized input: `serialize`, or an
// extend that calls a window function.
type Window struct {
	In   Tabular
	Cols []NamedExpr
	out  []table.Column
}

// Sample keeps N rows chosen at random.
type Sample struct {
	In Tabular
	N  Expr
}

func (n *TableScan) Schema() []table.Column   { return n.Cols }
func (n *DataTable) Schema() []table.Column   { return n.Cols }
func (n *RangeSource) Schema() []table.Column { return []table.Column{{Name: n.Name, Type: n.T}} }
func (n *Print) Schema() []table.Column       { return namedCols(n.Cols) }
func (n *Filter) Schema() []table.Column      { return n.In.Schema() }
func (n *Extend) Schema() []table.Column      { return n.out }
func (n *Project) Schema() []table.Column     { return namedCols(n.Cols) }
func (n *Summarize) Schema() []table.Column   { return n.out }
func (n *Sort) Schema() []table.Column        { return n.In.Schema() }
func (n *Take) Schema() []table.Column        { return n.In.Schema() }
func (n *Top) Schema() []table.Column         { return n.In.Schema() }
func (n *Join) Schema() []table.Column        { return n.out }
func (n *Union) Schema() []table.Column       { return n.out }
func (n *MvExpand) Schema() []table.Column    { return n.out }
func (n *MakeSeries) Schema() []table.Column  { return n.out }
func (n *Parse) Schema() []table.Column       { return n.out }
func (n *Ref) Schema() []table.Column         { return n.Query.Schema() }
func (n *Window) Schema() []table.Column      { return n.out }
func (n *Sample) Schema() []table.Column      { return n.In.Schema() }

func (*TableScan) tabularNode()   {}
func (*DataTable) tabularNode()   {}
func (*RangeSource) tabularNode() {}
func (*Print) tabularNode()       {}
func (*Filter) tabularNode()      {}
func (*Extend) tabularNode()      {}
func (*Project) tabularNode()     {}
func (*Summarize) tabularNode()   {}
func (*Sort) tabularNode()        {}
func (*Take) tabularNode()        {}
func (*Top) tabularNode()         {}
func (*Join) tabularNode()        {}
func (*Union) tabularNode()       {}
func (*MvExpand) tabularNode()    {}
func (*MakeSeries) tabularNode()  {}
func (*Parse) tabularNode()       {}
func (*Ref) tabularNode()         {}
func (*Window) tabularNode()      {}
func (*Sample) tabularNode()      {}

func namedCols(cols []NamedExpr) []table.Column {
	out := make([]table.Column, len(cols))
	for i, c := range cols {
		out[i] = table.Column{Name: c.Name, Type: c.Expr.Type()}
	}
	return out
}

// columnIndex finds a column by exact name, or -1.
func columnIndex(cols []table.Column, name string) int {
	for i, c := range cols {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// columnNames lists the names of cols.
func columnNames(cols []table.Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}
