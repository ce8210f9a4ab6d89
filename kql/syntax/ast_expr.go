package syntax

// BinaryOp is the operator of a Binary or In expression.
type BinaryOp uint8

// Binary operators, grouped by precedence level (see Precedence).
const (
	OpInvalid BinaryOp = iota

	OpOr
	OpAnd

	OpEq    // ==
	OpNotEq // != and <>

	OpLt
	OpLtEq
	OpGt
	OpGtEq

	OpAdd
	OpSub
	OpMul
	OpDiv
	OpMod

	OpEqTilde   // =~
	OpBangTilde // !~
	OpHas
	OpNotHas
	OpHasCs
	OpNotHasCs
	OpHasPrefix
	OpNotHasPrefix
	OpHasPrefixCs
	OpNotHasPrefixCs
	OpHasSuffix
	OpNotHasSuffix
	OpHasSuffixCs
	OpNotHasSuffixCs
	OpContains
	OpNotContains
	OpContainsCs
	OpNotContainsCs
	OpStartsWith
	OpNotStartsWith
	OpStartsWithCs
	OpNotStartsWithCs
	OpEndsWith
	OpNotEndsWith
	OpEndsWithCs
	OpNotEndsWithCs
	OpMatchesRegex
	OpLike
	OpNotLike
	OpLikeCs
	OpNotLikeCs
	OpSearch // Col:"term", the search operator's column match

	// List operators of In.
	OpIn
	OpNotIn
	OpInCi    // in~
	OpNotInCi // !in~
	OpHasAny
	OpHasAll

	numBinaryOps
)

var binaryOpText = [numBinaryOps]string{
	OpOr: "or", OpAnd: "and", OpEq: "==", OpNotEq: "!=",
	OpLt: "<", OpLtEq: "<=", OpGt: ">", OpGtEq: ">=",
	OpAdd: "+", OpSub: "-", OpMul: "*", OpDiv: "/", OpMod: "%",
	OpEqTilde: "=~", OpBangTilde: "!~",
	OpHas: "has", OpNotHas: "!has", OpHasCs: "has_cs", OpNotHasCs: "!has_cs",
	OpHasPrefix: "hasprefix", OpNotHasPrefix: "!hasprefix", OpHasPrefixCs: "hasprefix_cs", OpNotHasPrefixCs: "!hasprefix_cs",
	OpHasSuffix: "hassuffix", OpNotHasSuffix: "!hassuffix", OpHasSuffixCs: "hassuffix_cs", OpNotHasSuffixCs: "!hassuffix_cs",
	OpContains: "contains", OpNotContains: "!contains", OpContainsCs: "contains_cs", OpNotContainsCs: "!contains_cs",
	OpStartsWith: "startswith", OpNotStartsWith: "!startswith", OpStartsWithCs: "startswith_cs", OpNotStartsWithCs: "!startswith_cs",
	OpEndsWith: "endswith", OpNotEndsWith: "!endswith", OpEndsWithCs: "endswith_cs", OpNotEndsWithCs: "!endswith_cs",
	OpMatchesRegex: "matches regex", OpLike: "like", OpNotLike: "notlike", OpLikeCs: "likecs", OpNotLikeCs: "notlikecs",
	OpSearch: ":",
	OpIn:     "in", OpNotIn: "!in", OpInCi: "in~", OpNotInCi: "!in~", OpHasAny: "has_any", OpHasAll: "has_all",
}

// String returns the operator as written in canonical KQL.
func (op BinaryOp) String() string {
	if op < numBinaryOps && binaryOpText[op] != "" {
		return binaryOpText[op]
	}
	return "BinaryOp(?)"
}

// MarshalText makes operators readable in the JSON form of the tree.
func (op BinaryOp) MarshalText() ([]byte, error) { return []byte(op.String()), nil }

// Precedence levels, loosest first. Equality and relational operators do
// not associate (a == b == c is an error, as in Kusto); the others
// associate to the left. String operators bind tighter than arithmetic:
// a + b has c is a + (b has c).
const (
	precOr = iota + 1
	precAnd
	precEquality // == != in !in in~ !in~ has_any has_all between !between
	precRelational
	precAdditive
	precMultiplicative
	precString // =~ !~ has contains startswith ... matches regex like :
	precUnary
	precPostfix // primary, call, member, index
)

// Precedence returns the binding strength of op (higher binds tighter).
func (op BinaryOp) Precedence() int {
	switch {
	case op == OpOr:
		return precOr
	case op == OpAnd:
		return precAnd
	case op == OpEq || op == OpNotEq || op >= OpIn:
		return precEquality
	case op >= OpLt && op <= OpGtEq:
		return precRelational
	case op == OpAdd || op == OpSub:
		return precAdditive
	case op >= OpMul && op <= OpMod:
		return precMultiplicative
	}
	return precString
}

// UnaryOp is the operator of a Unary expression.
type UnaryOp uint8

// Unary operators.
const (
	OpNeg  UnaryOp = iota + 1 // -x
	OpPlus                    // +x
)

func (op UnaryOp) String() string {
	if op == OpPlus {
		return "+"
	}
	return "-"
}

// MarshalText makes operators readable in the JSON form of the tree.
func (op UnaryOp) MarshalText() ([]byte, error) { return []byte(op.String()), nil }

// Paren is a parenthesized expression, kept so spans and the printed form
// follow the source. (T | where x) is a Paren around a Pipeline.
type Paren struct {
	Span
	X Expr
}

// Unary is -X or +X. As in Kusto, X is a primary expression (a literal,
// name, call, member, index or parenthesized expression).
type Unary struct {
	Span
	Op UnaryOp
	X  Expr
}

// Binary is X Op Y for the logical, comparison, arithmetic and string
// operators. X may be a *Wildcard "*" for `* has "x"` and `* == x`.
type Binary struct {
	Span
	Op   BinaryOp
	X, Y Expr
}

// In is X in (List...) and its relatives !in, in~, !in~, has_any, has_all.
// An element of List may be a tabular expression (x in (T | project y)).
type In struct {
	Span
	Op   BinaryOp
	X    Expr
	List []Expr
}

// Between is X between (Lo .. Hi), or X !between (Lo .. Hi) when Not.
type Between struct {
	Span
	Not       bool
	X, Lo, Hi Expr
}

// Call is a function call Name(Args...): a built-in scalar or aggregate
// function, a user function, a plugin of evaluate, or one of the
// tabular-valued functions (materialize, toscalar, table, database, ...);
// what a name means is sema's business. Args may contain *NamedArg,
// *Wildcard ("*" in arg_max(T, *)) and tabular expressions.
//
// Recv is nil except in entity paths, where a call follows a dot:
// cluster("c").database("d") is Call{Recv: Call(cluster), Name: database}.
type Call struct {
	Span
	Recv Expr
	Name *Ident
	Args []Expr
}

// NamedArg is a named argument Name = Value of a call.
type NamedArg struct {
	Span
	Name  *Ident
	Value Expr
}

// Member is X.Name: a dynamic property (d.a.b), a column of a join side
// ($left.Key), a table of a database (database("d").T), or a property of a
// graph-match variable (n.name).
type Member struct {
	Span
	X    Expr
	Name *Ident
}

// Index is X[Index]: d["key"], arr[0], arr[-1].
type Index struct {
	Span
	X     Expr
	Index Expr
}

// Wildcard is a name pattern with '*': the bare "*" (all columns in
// `* has "x"`, arg_max(T, *), distinct *), or Col*, *Id, a*b in
// project-away, project-keep, project-reorder, union, find and search.
type Wildcard struct {
	Span
	Pattern string
}

// Pipeline is a tabular expression Source | Ops[0] | Ops[1] ...
//
// Source is nil when the pipeline starts with an operator: a source
// operator (print 1, range x from 1 to 3 step 1, union A, B, find, search,
// evaluate, ...) or, inside a fork, facet, partition or mv-apply subquery,
// an operator applied to the subquery's implicit input. Then Ops[0] is that
// operator. A Pipeline always has at least one operator; a bare T is an
// *Ident, not a Pipeline.
type Pipeline struct {
	Span
	Source Expr
	Ops    []Operator
}

// DataTable is datatable [Params] (Columns) [Values...]: Values holds the
// cells row by row (len(Values) is a multiple of len(Columns) in valid
// input). Cells are literals; a negative number is a *Literal with a
// negative value.
type DataTable struct {
	Span
	Params  []*Param
	Columns []*ColumnDecl
	Values  []Expr
}

// ExternalData is externaldata (Columns) [URIs...] with (Props...).
type ExternalData struct {
	Span
	Params  []*Param
	Columns []*ColumnDecl
	URIs    []Expr
	With    []*Param
}

// Function is a user-defined function (lambda) on the right of a let:
// (x:long, T:(*), y:string = "d") { ... }, or a view when View is set:
// view () { ... }.
type Function struct {
	Span
	View   bool
	Params []*FuncParam
	Body   *FuncBody
}

// TypeOf is typeof(long) or typeof(a:string, b:int): a type used as a
// value (mv-expand ... to typeof(long), parse-kv, function arguments).
type TypeOf struct {
	Span
	Type *TypeRef
}

// BadExpr stands where an expression was expected but could not be parsed;
// the error list says why. It only appears in trees returned with errors.
type BadExpr struct {
	Span
}

func (*Paren) exprNode()        {}
func (*Unary) exprNode()        {}
func (*Binary) exprNode()       {}
func (*In) exprNode()           {}
func (*Between) exprNode()      {}
func (*Call) exprNode()         {}
func (*NamedArg) exprNode()     {}
func (*Member) exprNode()       {}
func (*Index) exprNode()        {}
func (*Wildcard) exprNode()     {}
func (*Pipeline) exprNode()     {}
func (*DataTable) exprNode()    {}
func (*ExternalData) exprNode() {}
func (*Function) exprNode()     {}
func (*TypeOf) exprNode()       {}
func (*BadExpr) exprNode()      {}

func (n *Paren) eachChild(f func(Node))    { optE(f, n.X) }
func (n *Unary) eachChild(f func(Node))    { optE(f, n.X) }
func (n *Binary) eachChild(f func(Node))   { optE(f, n.X); optE(f, n.Y) }
func (n *In) eachChild(f func(Node))       { optE(f, n.X); each(f, n.List) }
func (n *Between) eachChild(f func(Node))  { optE(f, n.X); optE(f, n.Lo); optE(f, n.Hi) }
func (n *Call) eachChild(f func(Node))     { optE(f, n.Recv); opt(f, n.Name); each(f, n.Args) }
func (n *NamedArg) eachChild(f func(Node)) { opt(f, n.Name); optE(f, n.Value) }
func (n *Member) eachChild(f func(Node))   { optE(f, n.X); opt(f, n.Name) }
func (n *Index) eachChild(f func(Node))    { optE(f, n.X); optE(f, n.Index) }
func (n *Wildcard) eachChild(func(Node))   {}
func (n *Pipeline) eachChild(f func(Node)) { optE(f, n.Source); each(f, n.Ops) }
func (n *DataTable) eachChild(f func(Node)) {
	each(f, n.Params)
	each(f, n.Columns)
	each(f, n.Values)
}
func (n *ExternalData) eachChild(f func(Node)) {
	each(f, n.Params)
	each(f, n.Columns)
	each(f, n.URIs)
	each(f, n.With)
}
func (n *Function) eachChild(f func(Node)) { each(f, n.Params); opt(f, n.Body) }
func (n *TypeOf) eachChild(f func(Node))   { opt(f, n.Type) }
func (n *BadExpr) eachChild(func(Node))    {}

func (n *Paren) String() string        { return nodeString(n) }
func (n *Unary) String() string        { return nodeString(n) }
func (n *Binary) String() string       { return nodeString(n) }
func (n *In) String() string           { return nodeString(n) }
func (n *Between) String() string      { return nodeString(n) }
func (n *Call) String() string         { return nodeString(n) }
func (n *NamedArg) String() string     { return nodeString(n) }
func (n *Member) String() string       { return nodeString(n) }
func (n *Index) String() string        { return nodeString(n) }
func (n *Wildcard) String() string     { return nodeString(n) }
func (n *Pipeline) String() string     { return nodeString(n) }
func (n *DataTable) String() string    { return nodeString(n) }
func (n *ExternalData) String() string { return nodeString(n) }
func (n *Function) String() string     { return nodeString(n) }
func (n *TypeOf) String() string       { return nodeString(n) }
func (n *BadExpr) String() string      { return nodeString(n) }
