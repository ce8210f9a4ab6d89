package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// condFuncs are the conditional and null-testing functions, and the ones
// that read the row's columns by name.
func condFuncs() []*Function {
	b := table.Bool
	fs := []*Function{
		fnT("iff", table.Invalid, p(PBool), p(PAny), p(PAny)).custom(checkIff),
		fnT("case", table.Invalid, p(PBool), p(PAny), rep(PAny)).custom(checkCase),
		fnT("coalesce", table.Invalid, rep(PAny)).custom(checkCoalesce),
		fnT("max_of", table.Invalid, rep(PAny)).custom(checkCoalesce),
		fnT("min_of", table.Invalid, rep(PAny)).custom(checkCoalesce),
		fnT("not", b, p(PBool)),
		fnT("isnull", b, p(PAny)),
		fnT("isnotnull", b, p(PAny)),
		fnT("isempty", b, p(PAny)),
		fnT("isnotempty", b, p(PAny)),
		fnT("column_ifexists", table.Invalid, p(PString), p(PAny)).named(NameColumnArg, "").constArgs(0),
	}
	fs = append(fs, aliasOf(fs, "iff", "iif")...)
	fs = append(fs, aliasOf(fs, "isnotnull", "notnull")...)
	fs = append(fs, aliasOf(fs, "isnotempty", "notempty")...)
	fs = append(fs, aliasOf(fs, "column_ifexists", "columnifexists")...)
	return fs
}

// checkIff types iff(cond, then, else): the common type of the branches.
func checkIff(c *checker, call *syntaxCall, args []Expr) ([]Expr, table.Type) {
	if len(args) != 3 {
		c.errorf(call, "%s() takes 3 arguments, got %d", call.Name.Name, len(args))
	}
	out := []Expr{c.toBool(call.Args[0], args[0])}
	vals, t := c.common(call.Args[1:], args[1:])
	return append(out, vals...), t
}

// checkCase types case(cond1, value1, cond2, value2, ..., else).
func checkCase(c *checker, call *syntaxCall, args []Expr) ([]Expr, table.Type) {
	if len(args) < 3 || len(args)%2 == 0 {
		c.errorf(call, "case() takes pairs of condition and value and a final else value, got %d arguments", len(args))
	}
	var valNodes []syntax.Expr
	var vals []Expr
	for i := 1; i < len(args); i += 2 {
		valNodes, vals = append(valNodes, call.Args[i]), append(vals, args[i])
	}
	valNodes, vals = append(valNodes, call.Args[len(args)-1]), append(vals, args[len(args)-1])
	vals, t := c.common(valNodes, vals)
	out := make([]Expr, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		out = append(out, c.toBool(call.Args[i], args[i]), vals[i/2])
	}
	return append(out, vals[len(vals)-1]), t
}

// checkCoalesce types coalesce, max_of and min_of: the arguments'
// common type.
func checkCoalesce(c *checker, call *syntaxCall, args []Expr) ([]Expr, table.Type) {
	if len(args) == 0 {
		c.errorf(call, "%s() needs at least one argument", call.Name.Name)
	}
	return c.common(call.Args, args)
}

// common converts values to their common type: equal types stay, numbers
// widen, and dynamic values take the type of the others (Kusto's
// "common non-dynamic" rule).
func (c *checker) common(nodes []syntax.Expr, vals []Expr) ([]Expr, table.Type) {
	t := table.Invalid
	for _, v := range vals {
		vt := v.Type()
		switch {
		case vt == table.Dynamic:
		case t == table.Invalid:
			t = vt
		case t == vt:
		case t.IsNumeric() && vt.IsNumeric():
			t = widerOf(t, vt)
		default:
			for i, v2 := range vals {
				if v2 == v {
					c.errorf(nodes[i], "values of types %s and %s cannot be mixed here", t, vt)
				}
			}
		}
	}
	if t == table.Invalid {
		t = table.Dynamic
	}
	out := make([]Expr, len(vals))
	for i, v := range vals {
		out[i] = c.convert(v, t)
	}
	return out, t
}
