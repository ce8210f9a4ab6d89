package plan

import "github.com/huntbook/huntbook/kql/sema"

// Walk calls f for every node of the tree under n, parents first. A
// Shared node is visited once.
func Walk(n Node, f func(Node)) {
	seen := map[*Shared]bool{}
	var walk func(Node)
	walk = func(n Node) {
		if s, ok := n.(*Shared); ok {
			if seen[s] {
				return
			}
			seen[s] = true
		}
		f(n)
		for _, in := range n.Inputs() {
			walk(in)
		}
	}
	walk(n)
}

// nodeExprs lists the expressions a node evaluates.
func nodeExprs(n Node) []sema.Expr {
	var out []sema.Expr
	named := func(cols []sema.NamedExpr) {
		for _, c := range cols {
			out = append(out, c.Expr)
		}
	}
	switch n := n.(type) {
	case *Range:
		out = append(out, n.From, n.To, n.Step)
	case *Project:
		named(n.Cols)
	case *Filter:
		out = append(out, n.Pred)
	case *Aggregate:
		named(n.Keys)
		for _, a := range n.Aggs {
			out = append(out, a.Expr)
		}
	case *Sort:
		for _, k := range n.Keys {
			out = append(out, k.Expr)
		}
		if n.Limit != nil {
			out = append(out, n.Limit)
		}
	case *Limit:
		out = append(out, n.N)
	case *Window:
		named(n.Cols)
	case *Sample:
		out = append(out, n.N)
	case *Join:
		for _, c := range n.On {
			out = append(out, c.Left, c.Right)
		}
		if n.Where != nil {
			out = append(out, n.Where)
		}
	case *Expand:
		for _, it := range n.Items {
			out = append(out, it.Expr)
		}
		if n.Limit != nil {
			out = append(out, n.Limit)
		}
	case *IPLookup:
		out = append(out, n.Cond)
	case *Series:
		for _, a := range n.Aggs {
			out = append(out, a.Agg, a.Default)
		}
		out = append(out, n.On, n.From, n.To, n.Step)
		named(n.Keys)
	case *TopNested:
		out = append(out, topNestedExprs(n)...)
	case *ScanSteps:
		out = append(out, scanExprs(n.Declare, n.Steps)...)
	}
	return out
}

// walkExprs calls f for every expression of the plan, subqueries' plans
// included, in a deterministic order.
func walkExprs(q *Query, f func(sema.Expr)) {
	seen := map[Node]bool{}
	var visit func(Node)
	visit = func(root Node) {
		Walk(root, func(n Node) {
			for _, e := range nodeExprs(n) {
				if e == nil {
					continue
				}
				sema.Walk(e, func(x sema.Expr) bool {
					f(x)
					if s, ok := x.(*sema.Subquery); ok {
						if sub := q.Subqueries[s]; sub != nil && !seen[sub] {
							seen[sub] = true
							visit(sub)
						}
					}
					return true
				})
			}
		})
	}
	visit(q.Root)
}
