package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// binary checks X op Y and picks the result type by Kusto's rules.
func (c *checker) binary(e *syntax.Binary, sc *scope, row *rowCtx) Expr {
	if w, ok := e.X.(*syntax.Wildcard); ok && w.Pattern == "*" {
		return c.anyColumn(e, sc, row)
	}
	x := c.scalar(e.X, sc, row)
	y := c.scalar(e.Y, sc, row)
	switch {
	case e.Op == syntax.OpAnd || e.Op == syntax.OpOr:
		return c.call2(e.Op.String(), table.Bool, c.toBool(e.X, x), c.toBool(e.Y, y))
	case e.Op >= syntax.OpAdd && e.Op <= syntax.OpMod:
		return c.arith(e, x, y)
	case e.Op >= syntax.OpEq && e.Op <= syntax.OpGtEq:
		return c.compare(e, e.Op.String(), x, y)
	case e.Op == syntax.OpLike || e.Op == syntax.OpNotLike || e.Op == syntax.OpLikeCs || e.Op == syntax.OpNotLikeCs:
		c.unsupported(e, "the "+e.Op.String()+" operator")
	case e.Op == syntax.OpSearch:
		return c.call2("has", table.Bool, c.convert(x, table.String), c.stringOperand(e.Y, y))
	}
	if e.Op.String() == "matches regex" {
		c.checkRegexLiteral(e.Y, "matches regex", y)
	}
	return c.call2(e.Op.String(), table.Bool, c.convert(x, table.String), c.stringOperand(e.Y, y))
}

// call2 builds an operator call.
func (c *checker) call2(op string, t table.Type, args ...Expr) Expr {
	return &Call{Fn: opFunc(op), Args: args, T: t}
}

// stringOperand is the right side of a string operator: a string, or a
// value converted to its string form.
func (c *checker) stringOperand(n syntax.Node, e Expr) Expr {
	return c.convert(e, table.String)
}

// toBool accepts a bool (or a dynamic holding one) as a condition.
func (c *checker) toBool(n syntax.Node, e Expr) Expr {
	switch e.Type() {
	case table.Bool:
		return e
	case table.Dynamic:
		return c.convert(e, table.Bool)
	}
	c.errorf(n, "expected a bool expression, got %s", e.Type())
	return nil
}

// arith types + - * / % over numbers, datetimes and timespans.
func (c *checker) arith(e *syntax.Binary, x, y Expr) Expr {
	op := e.Op.String()
	if x.Type() == table.Dynamic {
		x = c.convert(x, dynamicPeer(y.Type()))
	}
	if y.Type() == table.Dynamic {
		y = c.convert(y, dynamicPeer(x.Type()))
	}
	a, b := x.Type(), y.Type()
	t, ok := arithType(e.Op, a, b)
	if !ok {
		c.errorf(e, "operator %s cannot combine %s and %s", op, a, b)
	}
	return c.call2(op, t, x, y)
}

// dynamicPeer is the type a dynamic operand converts to next to a value of
// type other in arithmetic or comparison.
func dynamicPeer(other table.Type) table.Type {
	switch other {
	case table.Int, table.Long, table.Real, table.Decimal:
		return table.Real
	case table.Dynamic:
		return table.Real
	}
	return other
}

// arithType is the result type of an arithmetic operator, as Kusto types
// it: numbers widen (int op int stays int, so 7/2 is 3), datetimes and
// timespans follow calendar arithmetic.
func arithType(op syntax.BinaryOp, a, b table.Type) (table.Type, bool) {
	dt, ts := table.DateTime, table.TimeSpan
	switch {
	case a.IsNumeric() && b.IsNumeric():
		return Widest([]table.Type{a, b}), true
	case a == dt && b == dt:
		return ts, op == syntax.OpSub
	case a == dt && b == ts:
		return dt, op == syntax.OpAdd || op == syntax.OpSub
	case a == ts && b == dt:
		return dt, op == syntax.OpAdd
	case a == ts && b == ts:
		switch op {
		case syntax.OpDiv:
			return table.Real, true
		case syntax.OpMul:
			return 0, false
		}
		return ts, true
	case a == ts && b.IsNumeric():
		return ts, op == syntax.OpMul || op == syntax.OpDiv
	case a.IsNumeric() && b == ts:
		return ts, op == syntax.OpMul
	}
	return 0, false
}

// compare types == != < <= > >=: both sides must be of one family; a
// dynamic side converts to the other side's type.
func (c *checker) compare(n syntax.Node, op string, x, y Expr) Expr {
	x, y = c.unify(n, op, x, y)
	if (op != "==" && op != "!=") && x.Type() == table.Bool {
		c.errorf(n, "operator %s cannot order bool values", op)
	}
	return c.call2(op, table.Bool, x, y)
}

// unify converts two operands to comparable types, or fails.
func (c *checker) unify(n syntax.Node, op string, x, y Expr) (Expr, Expr) {
	a, b := x.Type(), y.Type()
	switch {
	case a == b && a != table.Dynamic:
		return x, y
	case a.IsNumeric() && b.IsNumeric():
		return x, y
	case a == table.Dynamic && b == table.Dynamic:
		return c.convert(x, table.String), c.convert(y, table.String)
	case a == table.Dynamic:
		return c.convert(x, dynamicPeer(b)), y
	case b == table.Dynamic:
		return x, c.convert(y, dynamicPeer(a))
	case a == table.GUID && b == table.String:
		return c.convert(x, table.String), y
	case a == table.String && b == table.GUID:
		return x, c.convert(y, table.String)
	}
	if equalityOps[op] {
		if x, y, ok := c.unifyEquality(x, y); ok {
			return x, y
		}
	}
	c.errorf(n, "cannot compare %s with %s (operator %s)", a, b, op)
	return nil, nil
}

// equalityOps are the operators that, as in Kusto, accept a string, a
// number or a bool on either side (real hunting queries write
// `ResultType == 0` of a string column, `EventID in ("4624")` of an int
// one, `IsLocalAdmin == 1` of a bool one); ordering operators do not.
var equalityOps = map[string]bool{"==": true, "!=": true, "in": true, "!in": true}

// unifyEquality converts the operands of an equality between a string, a
// number and a bool to one type: a constant side takes the other side's
// type (so a column keeps its own and `EventID == "4624"` compares
// numbers), else the number becomes a string; a bool compares as 0/1 with
// a number and as tobool() of a string.
func (c *checker) unifyEquality(x, y Expr) (Expr, Expr, bool) {
	a, b := x.Type(), y.Type()
	family := func(t table.Type) bool { return t == table.String || t == table.Bool || t.IsNumeric() }
	if !family(a) || !family(b) {
		return nil, nil, false
	}
	switch {
	case a == table.Bool && b.IsNumeric():
		return c.convert(x, table.Long), y, true
	case b == table.Bool && a.IsNumeric():
		return x, c.convert(y, table.Long), true
	case a == table.Bool || b == table.Bool: // the other side is a string
		return c.convert(x, table.Bool), c.convert(y, table.Bool), true
	}
	_, xConst := x.(*Literal)
	_, yConst := y.(*Literal)
	switch {
	case yConst && !xConst:
		return x, c.convert(y, a), true
	case xConst && !yConst:
		return c.convert(x, b), y, true
	}
	return c.convert(x, table.String), c.convert(y, table.String), true
}

// anyColumn checks `* op value`: true when any column matches.
func (c *checker) anyColumn(e *syntax.Binary, sc *scope, row *rowCtx) Expr {
	if row == nil || len(row.cols) == 0 {
		c.errorf(e.X, "'*' needs input columns")
	}
	y := c.scalar(e.Y, sc, row)
	var out Expr
	for _, col := range row.cols {
		ref := &ColumnRef{Name: col.Name, T: col.Type}
		var term Expr
		if e.Op >= syntax.OpEq && e.Op <= syntax.OpGtEq {
			if _, ok := arithType(syntax.OpSub, col.Type, y.Type()); !ok && col.Type != y.Type() {
				continue
			}
			term = c.compare(e, e.Op.String(), ref, y)
		} else {
			term = c.call2(e.Op.String(), table.Bool, c.convert(ref, table.String), c.convert(y, table.String))
		}
		if out == nil {
			out = term
		} else {
			out = c.call2("or", table.Bool, out, term)
		}
	}
	if out == nil {
		return &Literal{T: table.Bool, Value: false}
	}
	return out
}

// inList checks x in (...), !in, in~, !in~, has_any and has_all. List
// elements are scalars, dynamic arrays (flattened) or tabular
// expressions (their first column).
func (c *checker) inList(e *syntax.In, sc *scope, row *rowCtx) Expr {
	x := c.scalar(e.X, sc, row)
	op := e.Op.String()
	stringy := e.Op == syntax.OpInCi || e.Op == syntax.OpNotInCi || e.Op == syntax.OpHasAny || e.Op == syntax.OpHasAll
	if stringy || x.Type() == table.Dynamic {
		x = c.convert(x, table.String)
	}
	args := []Expr{x}
	for _, item := range e.List {
		if c.isTabular(item, sc) {
			q := c.tabular(item, sc)
			cols := q.Schema()
			if len(cols) == 0 {
				c.errorf(item, "the subquery of %s has no columns", op)
			}
			args = append(args, &Subquery{Query: q, T: cols[0].Type})
			continue
		}
		v := c.scalar(item, sc, row)
		switch {
		case v.Type() == table.Dynamic:
		case stringy || x.Type() == table.String:
			v = c.convert(v, table.String)
		default:
			_, v = c.unify(item, op, x, v)
		}
		args = append(args, v)
	}
	return c.call2(op, table.Bool, args...)
}

// between checks x between (lo .. hi); for datetimes hi may be a timespan
// counted from lo.
func (c *checker) between(e *syntax.Between, sc *scope, row *rowCtx) Expr {
	x := c.scalar(e.X, sc, row)
	lo := c.scalar(e.Lo, sc, row)
	hi := c.scalar(e.Hi, sc, row)
	if x.Type() == table.Dynamic {
		x = c.convert(x, dynamicPeer(lo.Type()))
	}
	if x.Type() == table.DateTime && hi.Type() == table.TimeSpan && lo.Type() == table.DateTime {
		hi = c.call2("+", table.DateTime, lo, hi)
	}
	x, lo = c.unify(e.Lo, "between", x, lo)
	x, hi = c.unify(e.Hi, "between", x, hi)
	op := "between"
	if e.Not {
		op = "!between"
	}
	return c.call2(op, table.Bool, x, lo, hi)
}

// convert returns e as a value of type t, through the conversion
// function (tostring, tolong, ...) when the types differ.
func (c *checker) convert(e Expr, t table.Type) Expr {
	if e.Type() == t {
		return e
	}
	if lit, ok := e.(*Literal); ok && lit.Value == nil && t != table.Dynamic {
		if t == table.String {
			return &Literal{T: t, Value: ""}
		}
		return &Literal{T: t}
	}
	if lit, ok := e.(*Literal); ok && t == table.Real {
		// a whole-number constant widened to real stays a constant, so a
		// function argument such as percentiles(x, p) with p a parameter
		// given 99 still meets the constant requirement
		switch v := lit.Value.(type) {
		case int64:
			return &Literal{T: t, Value: float64(v)}
		case int32:
			return &Literal{T: t, Value: float64(v)}
		}
	}
	name := conversionFunc(t)
	f, _ := LookupFunction(name)
	return &Call{Fn: f, Args: []Expr{e}, T: t}
}

// conversionFunc names the function that converts to t.
func conversionFunc(t table.Type) string {
	return map[table.Type]string{
		table.Bool: "tobool", table.Int: "toint", table.Long: "tolong", table.Real: "toreal",
		table.Decimal: "todecimal", table.String: "tostring", table.DateTime: "todatetime",
		table.TimeSpan: "totimespan", table.Dynamic: "todynamic", table.GUID: "toguid",
	}[t]
}

// coerce converts a value to a declared type (a parameter default, a
// make-series default), failing when no conversion applies.
func (c *checker) coerce(n syntax.Node, e Expr, t table.Type) Expr {
	if e.Type() == t || t == table.Dynamic || e.Type() == table.Dynamic {
		return c.convert(e, t)
	}
	if e.Type().IsNumeric() && t.IsNumeric() {
		return c.convert(e, t)
	}
	if lit, ok := e.(*Literal); ok && lit.Value == nil {
		return c.convert(e, t)
	}
	c.errorf(n, "expected a value of type %s, got %s", t, e.Type())
	return nil
}
