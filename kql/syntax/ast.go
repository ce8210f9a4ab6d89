package syntax

import "github.com/huntbook/huntbook/table"

// Node is any node of the syntax tree. Every node has the span of the
// source it was parsed from and prints as canonical KQL with String.
//
// The node interfaces are sealed (unexported marker methods): the set of
// node types is this package's, so a type switch over Stmt, Expr or
// Operator can be exhaustive.
type Node interface {
	Range() Span
	String() string
	eachChild(f func(Node))
	format(p *printer)
	setSpan(Span)
}

// Stmt is a statement of a query: let, declare query_parameters, set,
// alias, declare pattern, restrict, or a tabular expression statement.
type Stmt interface {
	Node
	stmtNode()
}

// Expr is an expression, scalar or tabular. KQL does not tell the two
// apart syntactically (`let x = T;` binds a table or a scalar), so they
// share one interface; sema decides which is which.
type Expr interface {
	Node
	exprNode()
}

// Operator is a tabular operator: the part of a pipeline after a '|', or
// the first element of a pipeline that starts with an operator (print,
// range, union, ...; or any operator inside fork/facet/partition/mv-apply
// subqueries, where it applies to the implicit input).
type Operator interface {
	Node
	opNode()
}

// Script is a whole query text: statements separated by ';'. The last
// statement is normally the query (an *ExprStmt); a script made only of
// let statements is valid too (a notebook cell that defines names).
type Script struct {
	Span
	Stmts []Stmt
}

// Ident is a name: a column, table, variable, function or parameter name,
// written bare (Col) or bracketed (['My Col']); Name is the name itself.
// $left and $right are Idents named "$left" and "$right".
type Ident struct {
	Span
	Name string
}

// Literal is a constant. Value holds the Go value the table package fixes
// for Type (int32, int64, float64, decimal text, string, bool, time.Time,
// time.Duration, guid text, or a decoded JSON value for dynamic); a nil
// Value is a typed null such as int(null) or datetime(null).
//
// datetime(), the current time, is not a literal: it parses as a call to
// now(). Datetimes, timespans and guids inside dynamic(...) become their
// canonical strings.
type Literal struct {
	Span
	Type  table.Type
	Value any
	// Obfuscated marks h"..." strings, which Kusto hides from its logs.
	// A string spliced from several literals is obfuscated if any part is.
	Obfuscated bool
}

// TypeRef is a written type: a scalar type name (Name, canonical spelling
// when known: "long", "datetime", ...) or, when Name is empty, a tabular
// schema (Columns), which is open when it contains '*' (T:(*), (a:int, *)).
type TypeRef struct {
	Span
	Name    string
	Columns []*ColumnDecl
	Open    bool
}

// ColumnDecl declares a column: `Name:Type` in datatable, externaldata,
// parse-kv, typeof and schemas, or `Name[:Type]` in a parse pattern and a
// find project list (Type nil when omitted). It is also an Expr so it can
// sit in those lists next to strings and wildcards.
type ColumnDecl struct {
	Span
	Name *Ident
	Type *TypeRef
}

// Param is an operator parameter `Name=Value` (kind=inner,
// hint.strategy=shuffle, withsource=T, isfuzzy=true, with_itemindex=i, a
// render or parse-kv property, ...). Values has one element except for the
// column-list properties of render (ycolumns=a, b). Values are *Literal,
// *Ident or, for typeof-valued properties, *TypeOf.
type Param struct {
	Span
	Name   *Ident
	Values []Expr
}

// Value returns the first value, or nil.
func (p *Param) Value() Expr {
	if p == nil || len(p.Values) == 0 {
		return nil
	}
	return p.Values[0]
}

// NamedExpr is an element of a column list (extend, project, summarize,
// print, by clauses, ...): an expression with an optional name, or several
// names for a function that returns several columns: (a, b) = f(x).
type NamedExpr struct {
	Span
	Names []*Ident // empty when unnamed
	Value Expr
}

// SortOrder is asc/desc of a sort key; SortDefault when not written.
type SortOrder uint8

// Sort orders.
const (
	SortDefault SortOrder = iota
	SortAsc
	SortDesc
	SortGrannyAsc  // granny-asc (project-reorder only)
	SortGrannyDesc // granny-desc (project-reorder only)
)

// NullsOrder is the `nulls first|last` of a sort key; NullsDefault when
// not written.
type NullsOrder uint8

// Nulls orders.
const (
	NullsDefault NullsOrder = iota
	NullsFirst
	NullsLast
)

// SortKey is an ordering expression of sort, top, scan order by and
// project-reorder.
type SortKey struct {
	Span
	Expr  Expr
	Order SortOrder
	Nulls NullsOrder
}

// FuncParam is a parameter of a function, a view or declare
// query_parameters: `Name:Type [= Default]`.
type FuncParam struct {
	Span
	Name    *Ident
	Type    *TypeRef
	Default Expr
}

// FuncBody is the `{ ... }` body of a function: let statements (or
// declare query_parameters) and the result expression.
type FuncBody struct {
	Span
	Stmts  []Stmt
	Result Expr
}

func (s *Span) setSpan(x Span) { *s = x }

// Param returns the parameter named name (case-sensitive), or nil.
func findParam(params []*Param, name string) *Param {
	for _, p := range params {
		if p.Name != nil && p.Name.Name == name {
			return p
		}
	}
	return nil
}

// Node plumbing for the shared nodes.

func (n *Script) eachChild(f func(Node))     { each(f, n.Stmts) }
func (n *Ident) eachChild(func(Node))        {}
func (n *Literal) eachChild(func(Node))      {}
func (n *TypeRef) eachChild(f func(Node))    { each(f, n.Columns) }
func (n *ColumnDecl) eachChild(f func(Node)) { opt(f, n.Name); opt(f, n.Type) }
func (n *Param) eachChild(f func(Node))      { opt(f, n.Name); each(f, n.Values) }
func (n *NamedExpr) eachChild(f func(Node))  { each(f, n.Names); optE(f, n.Value) }
func (n *SortKey) eachChild(f func(Node))    { optE(f, n.Expr) }
func (n *FuncParam) eachChild(f func(Node))  { opt(f, n.Name); opt(f, n.Type); optE(f, n.Default) }
func (n *FuncBody) eachChild(f func(Node))   { each(f, n.Stmts); optE(f, n.Result) }

func (n *Script) String() string     { return nodeString(n) }
func (n *Ident) String() string      { return nodeString(n) }
func (n *Literal) String() string    { return nodeString(n) }
func (n *TypeRef) String() string    { return nodeString(n) }
func (n *ColumnDecl) String() string { return nodeString(n) }
func (n *Param) String() string      { return nodeString(n) }
func (n *NamedExpr) String() string  { return nodeString(n) }
func (n *SortKey) String() string    { return nodeString(n) }
func (n *FuncParam) String() string  { return nodeString(n) }
func (n *FuncBody) String() string   { return nodeString(n) }

func (*Ident) exprNode()      {}
func (*Literal) exprNode()    {}
func (*ColumnDecl) exprNode() {}
