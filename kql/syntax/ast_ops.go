package syntax

// The row and column operators. Aliases parse to the same node and print
// under their canonical name: filter → where, limit → take, order → sort,
// mvexpand → mv-expand, mvapply → mv-apply, external_data → externaldata.
// Params holds the operator's name=value parameters (kind=, hint.*=, ...)
// in source order; Param(name) finds one.

// WhereOp is where Predicate (alias filter).
type WhereOp struct {
	Span
	Predicate Expr
}

// ExtendOp is extend [Name =] Expr, ...
type ExtendOp struct {
	Span
	Columns []*NamedExpr
}

// ProjectOp is project [Name =] Expr, ...
type ProjectOp struct {
	Span
	Columns []*NamedExpr
}

// ProjectAwayOp is project-away Col, Pattern*, ... (*Ident or *Wildcard).
type ProjectAwayOp struct {
	Span
	Columns []Expr
}

// ProjectKeepOp is project-keep Col, Pattern*, ... (*Ident or *Wildcard).
type ProjectKeepOp struct {
	Span
	Columns []Expr
}

// ProjectRenameOp is project-rename NewName = OldName, ...
type ProjectRenameOp struct {
	Span
	Columns []*NamedExpr
}

// ProjectReorderOp is project-reorder Col [asc|desc|granny-asc|granny-desc], ...
// (each key's Expr is an *Ident or *Wildcard).
type ProjectReorderOp struct {
	Span
	Columns []*SortKey
}

// SummarizeOp is summarize [Params] [Aggs] [by By].
type SummarizeOp struct {
	Span
	Params []*Param
	Aggs   []*NamedExpr
	By     []*NamedExpr
}

// DistinctOp is distinct [Params] Col, ... or distinct *.
type DistinctOp struct {
	Span
	Params  []*Param
	Columns []*NamedExpr
}

// CountOp is count [as Name].
type CountOp struct {
	Span
	As *Ident
}

// TakeOp is take N (alias limit).
type TakeOp struct {
	Span
	Params []*Param
	Count  Expr
}

// TopOp is top N by Key.
type TopOp struct {
	Span
	Params []*Param
	Count  Expr
	By     *SortKey
}

// SortOp is sort by Key, ... (alias order).
type SortOp struct {
	Span
	Params []*Param
	By     []*SortKey
}

// SampleOp is sample N.
type SampleOp struct {
	Span
	Params []*Param
	Count  Expr
}

// SampleDistinctOp is sample-distinct N of Column.
type SampleDistinctOp struct {
	Span
	Params []*Param
	Count  Expr
	Of     Expr
}

// SerializeOp is serialize [Name = Expr, ...].
type SerializeOp struct {
	Span
	Params  []*Param
	Columns []*NamedExpr
}

// PrintOp is print [Name =] Expr, ... (a source operator).
type PrintOp struct {
	Span
	Columns []*NamedExpr
}

// RangeOp is range Name from From to To step Step (a source operator).
type RangeOp struct {
	Span
	Name           *Ident
	From, To, Step Expr
}

// AsOp is as [hint.materialized=true] Name.
type AsOp struct {
	Span
	Params []*Param
	Name   *Ident
}

// ConsumeOp is consume [decodeblocks=true].
type ConsumeOp struct {
	Span
	Params []*Param
}

// GetSchemaOp is getschema [kind=...].
type GetSchemaOp struct {
	Span
	Params []*Param
}

// RenderOp is render Chart [with (Prop = Value, ...)]. The older inline
// properties (render timechart kind=stacked title="x") are folded into
// With.
type RenderOp struct {
	Span
	Chart *Ident
	With  []*Param
}

// TopHittersOp is top-hitters N of Column [by Expr].
type TopHittersOp struct {
	Span
	Count Expr
	Of    Expr
	By    Expr
}

// TopNestedOp is a chain of top-nested levels separated by commas.
type TopNestedOp struct {
	Span
	Levels []*TopNestedLevel
}

// TopNestedLevel is top-nested [N] of [Name =] Expr [with others = Others]
// by [Name =] Aggregation [asc|desc].
type TopNestedLevel struct {
	Span
	Count  Expr // nil: all values
	Of     *NamedExpr
	Others Expr
	By     *NamedExpr
	Order  SortOrder
}

// MakeSeriesOp is make-series [Params] Aggs on Axis from From to To step
// Step [by By]. The `in range(From, To, Step)` form parses into the same
// fields.
type MakeSeriesOp struct {
	Span
	Params         []*Param
	Aggs           []*MakeSeriesAgg
	On             Expr
	From, To, Step Expr // From and To may be nil
	By             []*NamedExpr
}

// MakeSeriesAgg is one [Name =] Aggregation [default = Value] of make-series.
type MakeSeriesAgg struct {
	Span
	Column  *NamedExpr
	Default Expr
}

// BadOp stands for an operator that could not be parsed.
type BadOp struct {
	Span
}

func (*WhereOp) opNode()          {}
func (*ExtendOp) opNode()         {}
func (*ProjectOp) opNode()        {}
func (*ProjectAwayOp) opNode()    {}
func (*ProjectKeepOp) opNode()    {}
func (*ProjectRenameOp) opNode()  {}
func (*ProjectReorderOp) opNode() {}
func (*SummarizeOp) opNode()      {}
func (*DistinctOp) opNode()       {}
func (*CountOp) opNode()          {}
func (*TakeOp) opNode()           {}
func (*TopOp) opNode()            {}
func (*SortOp) opNode()           {}
func (*SampleOp) opNode()         {}
func (*SampleDistinctOp) opNode() {}
func (*SerializeOp) opNode()      {}
func (*PrintOp) opNode()          {}
func (*RangeOp) opNode()          {}
func (*AsOp) opNode()             {}
func (*ConsumeOp) opNode()        {}
func (*GetSchemaOp) opNode()      {}
func (*RenderOp) opNode()         {}
func (*TopHittersOp) opNode()     {}
func (*TopNestedOp) opNode()      {}
func (*MakeSeriesOp) opNode()     {}
func (*BadOp) opNode()            {}

func (n *WhereOp) eachChild(f func(Node))          { optE(f, n.Predicate) }
func (n *ExtendOp) eachChild(f func(Node))         { each(f, n.Columns) }
func (n *ProjectOp) eachChild(f func(Node))        { each(f, n.Columns) }
func (n *ProjectAwayOp) eachChild(f func(Node))    { each(f, n.Columns) }
func (n *ProjectKeepOp) eachChild(f func(Node))    { each(f, n.Columns) }
func (n *ProjectRenameOp) eachChild(f func(Node))  { each(f, n.Columns) }
func (n *ProjectReorderOp) eachChild(f func(Node)) { each(f, n.Columns) }
func (n *SummarizeOp) eachChild(f func(Node))      { each(f, n.Params); each(f, n.Aggs); each(f, n.By) }
func (n *DistinctOp) eachChild(f func(Node))       { each(f, n.Params); each(f, n.Columns) }
func (n *CountOp) eachChild(f func(Node))          { opt(f, n.As) }
func (n *TakeOp) eachChild(f func(Node))           { each(f, n.Params); optE(f, n.Count) }
func (n *TopOp) eachChild(f func(Node))            { each(f, n.Params); optE(f, n.Count); opt(f, n.By) }
func (n *SortOp) eachChild(f func(Node))           { each(f, n.Params); each(f, n.By) }
func (n *SampleOp) eachChild(f func(Node))         { each(f, n.Params); optE(f, n.Count) }
func (n *SampleDistinctOp) eachChild(f func(Node)) {
	each(f, n.Params)
	optE(f, n.Count)
	optE(f, n.Of)
}
func (n *SerializeOp) eachChild(f func(Node)) { each(f, n.Params); each(f, n.Columns) }
func (n *PrintOp) eachChild(f func(Node))     { each(f, n.Columns) }
func (n *RangeOp) eachChild(f func(Node)) {
	opt(f, n.Name)
	optE(f, n.From)
	optE(f, n.To)
	optE(f, n.Step)
}
func (n *AsOp) eachChild(f func(Node))          { each(f, n.Params); opt(f, n.Name) }
func (n *ConsumeOp) eachChild(f func(Node))     { each(f, n.Params) }
func (n *GetSchemaOp) eachChild(f func(Node))   { each(f, n.Params) }
func (n *RenderOp) eachChild(f func(Node))      { opt(f, n.Chart); each(f, n.With) }
func (n *TopHittersOp) eachChild(f func(Node))  { optE(f, n.Count); optE(f, n.Of); optE(f, n.By) }
func (n *TopNestedOp) eachChild(f func(Node))   { each(f, n.Levels) }
func (n *MakeSeriesAgg) eachChild(f func(Node)) { opt(f, n.Column); optE(f, n.Default) }
func (n *BadOp) eachChild(func(Node))           {}
func (n *TopNestedLevel) eachChild(f func(Node)) {
	optE(f, n.Count)
	opt(f, n.Of)
	optE(f, n.Others)
	opt(f, n.By)
}
func (n *MakeSeriesOp) eachChild(f func(Node)) {
	each(f, n.Params)
	each(f, n.Aggs)
	optE(f, n.On)
	optE(f, n.From)
	optE(f, n.To)
	optE(f, n.Step)
	each(f, n.By)
}

func (n *WhereOp) String() string          { return nodeString(n) }
func (n *ExtendOp) String() string         { return nodeString(n) }
func (n *ProjectOp) String() string        { return nodeString(n) }
func (n *ProjectAwayOp) String() string    { return nodeString(n) }
func (n *ProjectKeepOp) String() string    { return nodeString(n) }
func (n *ProjectRenameOp) String() string  { return nodeString(n) }
func (n *ProjectReorderOp) String() string { return nodeString(n) }
func (n *SummarizeOp) String() string      { return nodeString(n) }
func (n *DistinctOp) String() string       { return nodeString(n) }
func (n *CountOp) String() string          { return nodeString(n) }
func (n *TakeOp) String() string           { return nodeString(n) }
func (n *TopOp) String() string            { return nodeString(n) }
func (n *SortOp) String() string           { return nodeString(n) }
func (n *SampleOp) String() string         { return nodeString(n) }
func (n *SampleDistinctOp) String() string { return nodeString(n) }
func (n *SerializeOp) String() string      { return nodeString(n) }
func (n *PrintOp) String() string          { return nodeString(n) }
func (n *RangeOp) String() string          { return nodeString(n) }
func (n *AsOp) String() string             { return nodeString(n) }
func (n *ConsumeOp) String() string        { return nodeString(n) }
func (n *GetSchemaOp) String() string      { return nodeString(n) }
func (n *RenderOp) String() string         { return nodeString(n) }
func (n *TopHittersOp) String() string     { return nodeString(n) }
func (n *TopNestedOp) String() string      { return nodeString(n) }
func (n *TopNestedLevel) String() string   { return nodeString(n) }
func (n *MakeSeriesOp) String() string     { return nodeString(n) }
func (n *MakeSeriesAgg) String() string    { return nodeString(n) }
func (n *BadOp) String() string            { return nodeString(n) }

// Param returns the named parameter of the operator, or nil.
func (n *SummarizeOp) Param(name string) *Param      { return findParam(n.Params, name) }
func (n *DistinctOp) Param(name string) *Param       { return findParam(n.Params, name) }
func (n *TakeOp) Param(name string) *Param           { return findParam(n.Params, name) }
func (n *TopOp) Param(name string) *Param            { return findParam(n.Params, name) }
func (n *SortOp) Param(name string) *Param           { return findParam(n.Params, name) }
func (n *SampleOp) Param(name string) *Param         { return findParam(n.Params, name) }
func (n *SampleDistinctOp) Param(name string) *Param { return findParam(n.Params, name) }
func (n *SerializeOp) Param(name string) *Param      { return findParam(n.Params, name) }
func (n *AsOp) Param(name string) *Param             { return findParam(n.Params, name) }
func (n *ConsumeOp) Param(name string) *Param        { return findParam(n.Params, name) }
func (n *GetSchemaOp) Param(name string) *Param      { return findParam(n.Params, name) }
func (n *RenderOp) Param(name string) *Param         { return findParam(n.With, name) }
func (n *MakeSeriesOp) Param(name string) *Param     { return findParam(n.Params, name) }
