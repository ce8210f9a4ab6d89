package plan

import "github.com/huntbook/huntbook/kql/sema"

// mapExpr rewrites an expression bottom-up with f.
func mapExpr(e sema.Expr, f func(sema.Expr) sema.Expr) sema.Expr {
	if e == nil {
		return nil
	}
	if c, ok := e.(*sema.Call); ok {
		args := make([]sema.Expr, len(c.Args))
		changed := false
		for i, a := range c.Args {
			args[i] = mapExpr(a, f)
			changed = changed || args[i] != a
		}
		if changed {
			e = &sema.Call{Fn: c.Fn, Args: args, T: c.T}
		}
	}
	return f(e)
}

// mapExprs returns n with f applied to each of its expressions (n itself
// when nothing changes).
func mapExprs(n Node, f func(sema.Expr) sema.Expr) Node {
	changed := false
	m := func(e sema.Expr) sema.Expr {
		r := mapExpr(e, f)
		changed = changed || r != e
		return r
	}
	named := func(cols []sema.NamedExpr) []sema.NamedExpr {
		out := make([]sema.NamedExpr, len(cols))
		for i, c := range cols {
			out[i] = sema.NamedExpr{Name: c.Name, Expr: m(c.Expr)}
		}
		return out
	}
	var out Node
	switch n := n.(type) {
	case *Filter:
		c := *n
		c.Pred = m(n.Pred)
		out = &c
	case *Project:
		c := *n
		c.Cols = named(n.Cols)
		out = &c
	case *Window:
		c := *n
		c.Cols = named(n.Cols)
		out = &c
	case *Aggregate:
		c := *n
		c.Keys = named(n.Keys)
		c.Aggs = make([]sema.AggItem, len(n.Aggs))
		for i, a := range n.Aggs {
			c.Aggs[i] = sema.AggItem{Cols: a.Cols, Expr: m(a.Expr)}
		}
		out = &c
	default:
		return n
	}
	if !changed {
		return n
	}
	return out
}
