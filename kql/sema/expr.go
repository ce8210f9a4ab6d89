package sema

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/table"
)

// Expr is a typed scalar expression: the checked form of a syntax.Expr,
// with names resolved, functions chosen and every type known. Plan and
// sqlgen consume it; it never refers back to the syntax tree.
type Expr interface {
	// Type is the KQL type of the expression's value.
	Type() table.Type
	// String prints the expression for plan dumps and golden files.
	String() string
	exprNode()
}

// Literal is a constant of type T; Value holds the table package's Go
// value for T, nil for a typed null.
type Literal struct {
	T     table.Type
	Value any
}

// Side says which row a column reference reads: the operator's input row,
// or one side of a join condition.
type Side uint8

// Sides of a column reference.
const (
	SideRow Side = iota
	SideLeft
	SideRight
)

// ColumnRef reads a column of the current row (or of one side of a join).
type ColumnRef struct {
	Name string
	T    table.Type
	Side Side
}

// Call applies a function (scalar, aggregate or window) or an operator
// (==, has, and, in, ...) to its arguments. T is the result type.
type Call struct {
	Fn   *Function
	Args []Expr
	T    table.Type
}

// Subquery is a tabular expression used as a value: toscalar(T) (the first
// column of the first row, null when empty) or the list of `x in (T)`.
type Subquery struct {
	Query Tabular
	T     table.Type
}

// TypeArg is a type given as an argument: typeof(int) in extract(...,
// typeof(int)) or mv-expand ... to typeof(long).
type TypeArg struct {
	T table.Type
}

func (e *Literal) Type() table.Type   { return e.T }
func (e *ColumnRef) Type() table.Type { return e.T }
func (e *Call) Type() table.Type      { return e.T }
func (e *Subquery) Type() table.Type  { return e.T }
func (e *TypeArg) Type() table.Type   { return e.T }

func (*Literal) exprNode()   {}
func (*ColumnRef) exprNode() {}
func (*Call) exprNode()      {}
func (*Subquery) exprNode()  {}
func (*TypeArg) exprNode()   {}

func (e *Literal) String() string {
	if e.Value == nil {
		return e.T.String() + "(null)"
	}
	switch e.T {
	case table.String:
		return strconv.Quote(e.Value.(string))
	case table.Long, table.Real, table.Bool:
		return table.FormatValue(e.Value)
	}
	return e.T.String() + "(" + table.FormatValue(e.Value) + ")"
}

func (e *ColumnRef) String() string {
	switch e.Side {
	case SideLeft:
		return "$left." + quoteName(e.Name)
	case SideRight:
		return "$right." + quoteName(e.Name)
	}
	return quoteName(e.Name)
}

func (e *Call) String() string {
	args := make([]string, len(e.Args))
	for i, a := range e.Args {
		args[i] = a.String()
	}
	return e.Fn.Name + "(" + strings.Join(args, ", ") + ")"
}

func (e *Subquery) String() string { return "subquery(" + e.T.String() + ")" }
func (e *TypeArg) String() string  { return "typeof(" + e.T.String() + ")" }

// quoteName prints a column name as KQL would need it written.
func quoteName(name string) string {
	if isPlainName(name) {
		return name
	}
	return "['" + strings.ReplaceAll(name, "'", `\'`) + "']"
}

func isPlainName(name string) bool {
	if name == "" {
		return false
	}
	for i, r := range name {
		switch {
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		case i > 0 && r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return true
}

// NamedExpr is an output column computed by an expression.
type NamedExpr struct {
	Name string
	Expr Expr
}

func (n NamedExpr) String() string { return fmt.Sprintf("%s=%s", quoteName(n.Name), n.Expr) }

// Walk calls f for e and every expression below it, depth first, until f
// returns false for a node (its children are then skipped). Subqueries
// are not entered.
func Walk(e Expr, f func(Expr) bool) {
	if !f(e) {
		return
	}
	if c, ok := e.(*Call); ok {
		for _, a := range c.Args {
			Walk(a, f)
		}
	}
}

// IsConstant reports whether e is made of literals and constant-foldable
// functions only (no column, no aggregate, no subquery).
func IsConstant(e Expr) bool {
	ok := true
	Walk(e, func(x Expr) bool {
		switch x := x.(type) {
		case *ColumnRef, *Subquery:
			ok = false
		case *Call:
			if x.Fn.Kind != KindScalar || x.Fn.Volatile {
				ok = false
			}
		}
		return ok
	})
	return ok
}
