package syntax

// LetStmt is let Name = Value. Value is any expression (scalar or
// tabular), or a *Function for a function or view definition.
type LetStmt struct {
	Span
	Name  *Ident
	Value Expr
}

// QueryParamsStmt is declare query_parameters (Params...).
type QueryParamsStmt struct {
	Span
	Params []*FuncParam
}

// SetStmt is a client request option: set Name [= Value].
type SetStmt struct {
	Span
	Name  *Ident
	Value Expr // nil for set Name;
}

// AliasStmt is alias database Name = Value (Value is an entity path such as
// cluster("c").database("d")).
type AliasStmt struct {
	Span
	Name  *Ident
	Value Expr
}

// PatternStmt is declare pattern Name [= (Params) [PathParam] { Matches }].
// Without the declaration part (Params, PathParam and Matches all empty)
// it declares a pattern whose matches come from the client.
type PatternStmt struct {
	Span
	Name      *Ident
	Params    []*ColumnDecl
	PathParam *ColumnDecl // the [Name:Type] after the parameters, or nil
	Matches   []*PatternMatch
}

// PatternMatch is one (Args...)[.[Path]] = { Body } of a pattern.
type PatternMatch struct {
	Span
	Args []Expr
	Path Expr // the .["path"] value, or nil
	Body *FuncBody
}

// RestrictStmt is restrict access to (Tables...).
type RestrictStmt struct {
	Span
	Tables []Expr
}

// ExprStmt is a tabular expression statement: the query itself.
type ExprStmt struct {
	Span
	X Expr
}

// BadStmt stands for a statement that could not be parsed.
type BadStmt struct {
	Span
}

func (*LetStmt) stmtNode()         {}
func (*QueryParamsStmt) stmtNode() {}
func (*SetStmt) stmtNode()         {}
func (*AliasStmt) stmtNode()       {}
func (*PatternStmt) stmtNode()     {}
func (*RestrictStmt) stmtNode()    {}
func (*ExprStmt) stmtNode()        {}
func (*BadStmt) stmtNode()         {}

func (n *LetStmt) eachChild(f func(Node))         { opt(f, n.Name); optE(f, n.Value) }
func (n *QueryParamsStmt) eachChild(f func(Node)) { each(f, n.Params) }
func (n *SetStmt) eachChild(f func(Node))         { opt(f, n.Name); optE(f, n.Value) }
func (n *AliasStmt) eachChild(f func(Node))       { opt(f, n.Name); optE(f, n.Value) }
func (n *PatternStmt) eachChild(f func(Node)) {
	opt(f, n.Name)
	each(f, n.Params)
	opt(f, n.PathParam)
	each(f, n.Matches)
}
func (n *PatternMatch) eachChild(f func(Node)) { each(f, n.Args); optE(f, n.Path); opt(f, n.Body) }
func (n *RestrictStmt) eachChild(f func(Node)) { each(f, n.Tables) }
func (n *ExprStmt) eachChild(f func(Node))     { optE(f, n.X) }
func (n *BadStmt) eachChild(func(Node))        {}

func (n *LetStmt) String() string         { return nodeString(n) }
func (n *QueryParamsStmt) String() string { return nodeString(n) }
func (n *SetStmt) String() string         { return nodeString(n) }
func (n *AliasStmt) String() string       { return nodeString(n) }
func (n *PatternStmt) String() string     { return nodeString(n) }
func (n *PatternMatch) String() string    { return nodeString(n) }
func (n *RestrictStmt) String() string    { return nodeString(n) }
func (n *ExprStmt) String() string        { return nodeString(n) }
func (n *BadStmt) String() string         { return nodeString(n) }
