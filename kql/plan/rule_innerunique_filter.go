package plan

import (
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// innerUniqueFilter moves the conjuncts of a where that follows an
// innerunique join, and that read only left-side columns, below the join
// onto its left input. Kusto documents this push-down: it changes which
// left row the join keeps per key (the deduplication happens after the
// filter), so `X | join Y on k | where XCol == v` finds the rows with v
// even when another row of the same key comes first.
var innerUniqueFilter = Rule{Name: "innerunique-filter", Apply: func(n Node) Node {
	f, ok := n.(*Filter)
	if !ok {
		return n
	}
	j, ok := f.In.(*Join)
	if !ok || j.Kind != sema.JoinInnerUnique {
		return n
	}
	left := map[string]bool{}
	for _, name := range j.LeftCols {
		left[name] = true
	}
	var pushed, kept []sema.Expr
	for _, c := range conjuncts(f.Pred) {
		if readsOnly(c, left) {
			pushed = append(pushed, c)
		} else {
			kept = append(kept, c)
		}
	}
	if len(pushed) == 0 {
		return n
	}
	nj := *j
	nj.Left = &Filter{In: j.Left, Pred: andAll(pushed)}
	if len(kept) == 0 {
		return &nj
	}
	return &Filter{In: &nj, Pred: andAll(kept)}
}}

// conjuncts splits a predicate at its top-level `and`s.
func conjuncts(e sema.Expr) []sema.Expr {
	if c, ok := e.(*sema.Call); ok && c.Fn.Name == "and" && len(c.Args) == 2 {
		return append(conjuncts(c.Args[0]), conjuncts(c.Args[1])...)
	}
	return []sema.Expr{e}
}

func andAll(es []sema.Expr) sema.Expr {
	and, _ := sema.LookupFunction("and")
	out := es[0]
	for _, e := range es[1:] {
		out = &sema.Call{Fn: and, Args: []sema.Expr{out, e}, T: table.Bool}
	}
	return out
}

// readsOnly reports whether e is a deterministic row expression whose
// columns are all in cols (no subquery, window or volatile call).
func readsOnly(e sema.Expr, cols map[string]bool) bool {
	ok := true
	sema.Walk(e, func(x sema.Expr) bool {
		switch x := x.(type) {
		case *sema.ColumnRef:
			ok = ok && x.Side == sema.SideRow && cols[x.Name]
		case *sema.Subquery:
			ok = false
		case *sema.Call:
			ok = ok && (x.Fn.Kind == sema.KindScalar || x.Fn.Kind == sema.KindOperator) && !x.Fn.Volatile
		}
		return ok
	})
	return ok
}
