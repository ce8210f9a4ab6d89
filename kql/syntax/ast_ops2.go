package syntax

// The operators that combine tables, call plugins, parse text, expand
// arrays or run subqueries.

// JoinOp is join [kind=K] [hint.*=...] Right on Keys... (or where Predicate).
// An On element is a column name (*Ident, the same name on both sides) or
// an equality such as $left.a == $right.b.
type JoinOp struct {
	Span
	Params []*Param
	Right  Expr
	On     []Expr
	Where  Expr // the `where` form of the condition; nil with On
}

// LookupOp is lookup [kind=leftouter|inner] Right on Keys...
type LookupOp struct {
	Span
	Params []*Param
	Right  Expr
	On     []Expr
}

// UnionOp is union [kind=] [withsource=] [isfuzzy=] Tables... Each table is
// a name, a *Wildcard (Event*), a call (table("x"), database("d").T) or a
// parenthesized tabular expression.
type UnionOp struct {
	Span
	Params []*Param
	Tables []Expr
}

// EvaluateOp is evaluate [hint.*=] Plugin(args) [: (schema)].
type EvaluateOp struct {
	Span
	Params []*Param
	Call   *Call
	Schema *TypeRef
}

// InvokeOp is invoke Function(args): calls a tabular function with the
// input as its first argument. Call may have a Recv (database("d").f()).
type InvokeOp struct {
	Span
	Call *Call
}

// FindOp is find [withsource=] [in (Tables)] where Predicate [project
// Columns | project-smart] [project-away Columns]. Project elements are
// *ColumnDecl (with optional type), *Call (pack_all()) or *Wildcard.
type FindOp struct {
	Span
	Params       []*Param
	Tables       []Expr
	Predicate    Expr
	Project      []Expr
	ProjectSmart bool
	ProjectAway  []Expr
}

// SearchOp is search [kind=] [in (Tables)] Predicate.
type SearchOp struct {
	Span
	Params    []*Param
	Tables    []Expr
	Predicate Expr
}

// ParseOp is parse [kind=] [flags=] Source with Pattern..., or parse-where
// when Filter is set. Pattern elements are *Literal strings, *Wildcard
// "*" and *ColumnDecl (Name or Name:Type).
type ParseOp struct {
	Span
	Filter  bool
	Params  []*Param
	Source  Expr
	Pattern []Expr
}

// ParseKVOp is parse-kv Source as (Columns) [with (Props...)].
type ParseKVOp struct {
	Span
	Source  Expr
	Columns []*ColumnDecl
	With    []*Param
}

// MvExpandOp is mv-expand [bagexpansion=] [with_itemindex=] Items [limit N]
// (alias mvexpand).
type MvExpandOp struct {
	Span
	Params []*Param
	Items  []*MvItem
	Limit  Expr
}

// MvApplyOp is mv-apply [with_itemindex=] Items [limit N] [id ID] on
// (Subquery). Subquery is usually a Pipeline without a source.
type MvApplyOp struct {
	Span
	Params   []*Param
	Items    []*MvItem
	Limit    Expr
	ID       Expr
	Subquery Expr
}

// MvItem is one [Name =] ArrayExpr [to typeof(Type)] of mv-expand/mv-apply.
type MvItem struct {
	Span
	Column *NamedExpr
	To     *TypeRef
}

// ForkOp is fork [Name =](Subquery) ...
type ForkOp struct {
	Span
	Branches []*ForkBranch
}

// ForkBranch is one branch of fork; Name is nil when not given.
type ForkBranch struct {
	Span
	Name  *Ident
	Query Expr
}

// FacetOp is facet by Columns [with (Subquery)].
type FacetOp struct {
	Span
	By   []Expr
	With Expr // a Pipeline without a source, or nil
}

// PartitionOp is partition [Params] by Column [in Scope] (Subquery), or with
// Braces the { Query } form.
type PartitionOp struct {
	Span
	Params   []*Param
	By       Expr
	Scope    Expr // the `in (...)` partition scope, or nil
	Subquery Expr
	Braces   bool
}

// ScanOp is scan [Params] [order by Keys] [partition by Exprs] [declare
// (Declare)] with (Steps).
type ScanOp struct {
	Span
	Params      []*Param
	OrderBy     []*SortKey
	PartitionBy []Expr
	Declare     []*FuncParam
	Steps       []*ScanStep
}

// ScanStep is step Name [optional] [output=all|last|none]: Cond [=> Assigns];
type ScanStep struct {
	Span
	Name     *Ident
	Optional bool
	Output   *Ident
	Cond     Expr
	Assigns  []*NamedExpr
}

// ReduceOp is reduce [kind=] by Expr [with threshold=..., characters=...].
type ReduceOp struct {
	Span
	Params []*Param
	By     Expr
	With   []*Param
}

// AssertSchemaOp is assert-schema (Columns).
type AssertSchemaOp struct {
	Span
	Schema *TypeRef
}

func (*JoinOp) opNode()         {}
func (*LookupOp) opNode()       {}
func (*UnionOp) opNode()        {}
func (*EvaluateOp) opNode()     {}
func (*InvokeOp) opNode()       {}
func (*FindOp) opNode()         {}
func (*SearchOp) opNode()       {}
func (*ParseOp) opNode()        {}
func (*ParseKVOp) opNode()      {}
func (*MvExpandOp) opNode()     {}
func (*MvApplyOp) opNode()      {}
func (*ForkOp) opNode()         {}
func (*FacetOp) opNode()        {}
func (*PartitionOp) opNode()    {}
func (*ScanOp) opNode()         {}
func (*ReduceOp) opNode()       {}
func (*AssertSchemaOp) opNode() {}

func (n *JoinOp) eachChild(f func(Node)) {
	each(f, n.Params)
	optE(f, n.Right)
	each(f, n.On)
	optE(f, n.Where)
}
func (n *LookupOp) eachChild(f func(Node))   { each(f, n.Params); optE(f, n.Right); each(f, n.On) }
func (n *UnionOp) eachChild(f func(Node))    { each(f, n.Params); each(f, n.Tables) }
func (n *EvaluateOp) eachChild(f func(Node)) { each(f, n.Params); opt(f, n.Call); opt(f, n.Schema) }
func (n *InvokeOp) eachChild(f func(Node))   { opt(f, n.Call) }
func (n *FindOp) eachChild(f func(Node)) {
	each(f, n.Params)
	each(f, n.Tables)
	optE(f, n.Predicate)
	each(f, n.Project)
	each(f, n.ProjectAway)
}
func (n *SearchOp) eachChild(f func(Node)) {
	each(f, n.Params)
	each(f, n.Tables)
	optE(f, n.Predicate)
}
func (n *ParseOp) eachChild(f func(Node)) { each(f, n.Params); optE(f, n.Source); each(f, n.Pattern) }
func (n *ParseKVOp) eachChild(f func(Node)) {
	optE(f, n.Source)
	each(f, n.Columns)
	each(f, n.With)
}
func (n *MvExpandOp) eachChild(f func(Node)) { each(f, n.Params); each(f, n.Items); optE(f, n.Limit) }
func (n *MvApplyOp) eachChild(f func(Node)) {
	each(f, n.Params)
	each(f, n.Items)
	optE(f, n.Limit)
	optE(f, n.ID)
	optE(f, n.Subquery)
}
func (n *MvItem) eachChild(f func(Node))     { opt(f, n.Column); opt(f, n.To) }
func (n *ForkOp) eachChild(f func(Node))     { each(f, n.Branches) }
func (n *ForkBranch) eachChild(f func(Node)) { opt(f, n.Name); optE(f, n.Query) }
func (n *FacetOp) eachChild(f func(Node))    { each(f, n.By); optE(f, n.With) }
func (n *PartitionOp) eachChild(f func(Node)) {
	each(f, n.Params)
	optE(f, n.By)
	optE(f, n.Scope)
	optE(f, n.Subquery)
}
func (n *ScanOp) eachChild(f func(Node)) {
	each(f, n.Params)
	each(f, n.OrderBy)
	each(f, n.PartitionBy)
	each(f, n.Declare)
	each(f, n.Steps)
}
func (n *ScanStep) eachChild(f func(Node)) {
	opt(f, n.Name)
	opt(f, n.Output)
	optE(f, n.Cond)
	each(f, n.Assigns)
}
func (n *ReduceOp) eachChild(f func(Node))       { each(f, n.Params); optE(f, n.By); each(f, n.With) }
func (n *AssertSchemaOp) eachChild(f func(Node)) { opt(f, n.Schema) }

func (n *JoinOp) String() string         { return nodeString(n) }
func (n *LookupOp) String() string       { return nodeString(n) }
func (n *UnionOp) String() string        { return nodeString(n) }
func (n *EvaluateOp) String() string     { return nodeString(n) }
func (n *InvokeOp) String() string       { return nodeString(n) }
func (n *FindOp) String() string         { return nodeString(n) }
func (n *SearchOp) String() string       { return nodeString(n) }
func (n *ParseOp) String() string        { return nodeString(n) }
func (n *ParseKVOp) String() string      { return nodeString(n) }
func (n *MvExpandOp) String() string     { return nodeString(n) }
func (n *MvApplyOp) String() string      { return nodeString(n) }
func (n *MvItem) String() string         { return nodeString(n) }
func (n *ForkOp) String() string         { return nodeString(n) }
func (n *ForkBranch) String() string     { return nodeString(n) }
func (n *FacetOp) String() string        { return nodeString(n) }
func (n *PartitionOp) String() string    { return nodeString(n) }
func (n *ScanOp) String() string         { return nodeString(n) }
func (n *ScanStep) String() string       { return nodeString(n) }
func (n *ReduceOp) String() string       { return nodeString(n) }
func (n *AssertSchemaOp) String() string { return nodeString(n) }

// Param returns the named parameter of the operator, or nil.
func (n *JoinOp) Param(name string) *Param      { return findParam(n.Params, name) }
func (n *LookupOp) Param(name string) *Param    { return findParam(n.Params, name) }
func (n *UnionOp) Param(name string) *Param     { return findParam(n.Params, name) }
func (n *EvaluateOp) Param(name string) *Param  { return findParam(n.Params, name) }
func (n *FindOp) Param(name string) *Param      { return findParam(n.Params, name) }
func (n *SearchOp) Param(name string) *Param    { return findParam(n.Params, name) }
func (n *ParseOp) Param(name string) *Param     { return findParam(n.Params, name) }
func (n *MvExpandOp) Param(name string) *Param  { return findParam(n.Params, name) }
func (n *MvApplyOp) Param(name string) *Param   { return findParam(n.Params, name) }
func (n *PartitionOp) Param(name string) *Param { return findParam(n.Params, name) }
func (n *ScanOp) Param(name string) *Param      { return findParam(n.Params, name) }
func (n *ReduceOp) Param(name string) *Param    { return findParam(n.Params, name) }
