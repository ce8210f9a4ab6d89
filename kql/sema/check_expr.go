package sema

import (
	"math"
	"time"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// rowCtx is the row an expression reads: the input columns of the
// operator, or both sides of a join condition, and what the operator
// allows (aggregates in summarize, window functions in extend).
type rowCtx struct {
	cols        []table.Column
	left, right []table.Column
	join        bool            // $left/$right are visible
	aggOK       bool            // aggregates allowed (summarize, make-series, top-nested)
	inAgg       bool            // inside an aggregate's arguments
	windowOK    bool            // window functions allowed (extend, serialize, project)
	usedWindow  bool            // a window function was used
	usedAgg     bool            // an aggregate was used
	scanSteps   map[string]bool // scan: Step.Column reads a state record
	scanState   []table.Column
	// inCols, when set, are the operator's input columns, which
	// pack_all() packs (extend: not the columns computed beside it).
	inCols []table.Column
}

// scalar checks a scalar expression in scope sc against row (nil: no
// row, only constants and let-bound names).
func (c *checker) scalar(e syntax.Expr, sc *scope, row *rowCtx) Expr {
	c.checkCtx(e)
	switch e := e.(type) {
	case *syntax.Literal:
		return &Literal{T: e.Type, Value: e.Value}
	case *syntax.Paren:
		if c.isTabular(e.X, sc) {
			c.errorf(e, "a tabular expression is not allowed here; use toscalar() for a single value")
		}
		return c.scalar(e.X, sc, row)
	case *syntax.Ident:
		return c.ident(e, sc, row)
	case *syntax.Unary:
		return c.unary(e, sc, row)
	case *syntax.Binary:
		return c.binary(e, sc, row)
	case *syntax.In:
		return c.inList(e, sc, row)
	case *syntax.Between:
		return c.between(e, sc, row)
	case *syntax.Call:
		return c.call(e, sc, row)
	case *syntax.Member:
		return c.member(e, sc, row)
	case *syntax.Index:
		return c.index(e, sc, row)
	case *syntax.TypeOf:
		return &TypeArg{T: c.typeRef(e.Type)}
	case *syntax.NamedArg:
		c.errorf(e, "unexpected '=' in an expression (did you mean '=='?)")
	case *syntax.Wildcard:
		c.errorf(e, "'*' is not allowed here")
	case *syntax.Pipeline, *syntax.DataTable, *syntax.ExternalData:
		c.errorf(e, "a tabular expression is not allowed here; use toscalar() for a single value")
	case *syntax.Function:
		c.errorf(e, "a function definition is only allowed in a let statement")
	case *syntax.BadExpr:
		c.errorf(e, "invalid expression")
	}
	c.errorf(e, "unexpected expression")
	return nil
}

// ident resolves a name: a column of the row first, then a let-bound
// value, as Kusto does.
func (c *checker) ident(e *syntax.Ident, sc *scope, row *rowCtx) Expr {
	if row != nil {
		if i := columnIndex(row.cols, e.Name); i >= 0 {
			return &ColumnRef{Name: e.Name, T: row.cols[i].Type}
		}
	}
	if sym, ok := sc.lookup(e.Name); ok {
		switch {
		case sym.scalar != nil:
			return sym.scalar
		case sym.tab != nil:
			c.errorf(e, "'%s' is a table, not a scalar; use toscalar(%s) for its single value", e.Name, e.Name)
		case sym.fn != nil && len(sym.fn.Fn.Params) == 0 && !c.funcReturnsTable(sym):
			// Kusto calls a function without parameters by its name too
			return c.call(&syntax.Call{Span: e.Span, Name: e}, sc, row)
		case sym.fn != nil:
			c.errorf(e, "'%s' is a function; call it as %s(...)", e.Name, e.Name)
		}
	}
	if e.Name == "$left" || e.Name == "$right" {
		c.errorf(e, "%s is only allowed in a join condition, as %s.Column", e.Name, e.Name)
	}
	if _, ok := c.opts.Catalog.Table(e.Name); ok {
		c.errorf(e, "'%s' is a table, not a scalar; use toscalar(%s) for its single value", e.Name, e.Name)
	}
	var cands []string
	if row != nil {
		cands = columnNames(row.cols)
	}
	if row == nil || len(row.cols) == 0 {
		c.errorf(e, "unknown name '%s'%s", e.Name, didYouMean(e.Name, append(cands, sc.all()...)))
	}
	c.errorf(e, "unknown column '%s'%s", e.Name, didYouMean(e.Name, append(cands, sc.all()...)))
	return nil
}

// unary checks -x and +x; a sign on a literal folds into it.
func (c *checker) unary(e *syntax.Unary, sc *scope, row *rowCtx) Expr {
	x := c.scalar(e.X, sc, row)
	t := x.Type()
	if !t.IsNumeric() && t != table.TimeSpan && t != table.Dynamic {
		c.errorf(e, "unary %s needs a number or a timespan, got %s", e.Op, t)
	}
	if e.Op == syntax.OpPlus {
		return x
	}
	if lit, ok := x.(*Literal); ok {
		if v, ok := negate(lit); ok {
			return v
		}
	}
	if t == table.Dynamic {
		x = c.convert(x, table.Real)
		t = table.Real
	}
	return &Call{Fn: opFunc("neg"), Args: []Expr{x}, T: t}
}

// negate folds the sign into a literal.
func negate(l *Literal) (*Literal, bool) {
	switch v := l.Value.(type) {
	case nil:
		return l, true
	case int64:
		if v == math.MinInt64 {
			return nil, false
		}
		return &Literal{T: l.T, Value: -v}, true
	case int32:
		if v == math.MinInt32 {
			return nil, false
		}
		return &Literal{T: l.T, Value: -v}, true
	case float64:
		return &Literal{T: l.T, Value: -v}, true
	case time.Duration:
		return &Literal{T: l.T, Value: -v}, true
	}
	return nil, false
}

// member checks X.Name: a join side's column ($left.a), or a property of a
// dynamic value (d.a).
func (c *checker) member(e *syntax.Member, sc *scope, row *rowCtx) Expr {
	if id, ok := e.X.(*syntax.Ident); ok && (id.Name == "$left" || id.Name == "$right") {
		return c.sideColumn(e, id.Name, row)
	}
	if id, ok := e.X.(*syntax.Ident); ok && row != nil && row.scanSteps[id.Name] {
		return c.scanStateRef(e, id.Name, row)
	}
	x := c.scalar(e.X, sc, row)
	if x.Type() != table.Dynamic {
		c.errorf(e, "'.%s' needs a dynamic value on its left, got %s", e.Name.Name, x.Type())
	}
	return &Call{Fn: opFunc("[]"), Args: []Expr{x, &Literal{T: table.String, Value: e.Name.Name}}, T: table.Dynamic}
}

// sideColumn resolves $left.Name / $right.Name in a join condition.
func (c *checker) sideColumn(e *syntax.Member, side string, row *rowCtx) Expr {
	if row == nil || !row.join {
		c.errorf(e, "%s is only allowed in a join condition", side)
	}
	cols, s := row.left, SideLeft
	if side == "$right" {
		cols, s = row.right, SideRight
	}
	i := columnIndex(cols, e.Name.Name)
	if i < 0 {
		c.errorf(e.Name, "unknown column '%s' on the %s side of the join%s", e.Name.Name, side[1:],
			didYouMean(e.Name.Name, columnNames(cols)))
	}
	return &ColumnRef{Name: e.Name.Name, T: cols[i].Type, Side: s}
}

// index checks X[i]: an array element or a bag property.
func (c *checker) index(e *syntax.Index, sc *scope, row *rowCtx) Expr {
	x := c.scalar(e.X, sc, row)
	if x.Type() != table.Dynamic {
		c.errorf(e, "indexing needs a dynamic value, got %s", x.Type())
	}
	i := c.scalar(e.Index, sc, row)
	switch i.Type() {
	case table.String, table.Long, table.Int:
	case table.Dynamic:
		i = c.convert(i, table.String)
	default:
		c.errorf(e.Index, "an index must be a string or an integer, got %s", i.Type())
	}
	return &Call{Fn: opFunc("[]"), Args: []Expr{x, i}, T: table.Dynamic}
}

// typeRef resolves a written scalar type.
func (c *checker) typeRef(t *syntax.TypeRef) table.Type {
	if t == nil {
		return table.Dynamic
	}
	if t.Name == "" {
		c.errorf(t, "a tabular type is not allowed here")
	}
	ty, ok := table.ParseType(t.Name)
	if !ok {
		c.errorf(t, "unknown type '%s'", t.Name)
	}
	return ty
}

// schemaRef resolves a written tabular schema (a:int, b:string).
func (c *checker) schemaRef(t *syntax.TypeRef) []table.Column {
	var out []table.Column
	for _, col := range t.Columns {
		out = append(out, table.Column{Name: col.Name.Name, Type: c.typeRef(col.Type)})
	}
	return out
}
