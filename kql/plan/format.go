package plan

import (
	"fmt"
	"strings"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// Format prints a plan as an indented tree, one operator per line with
// its expressions, then its subqueries. Shared nodes print in full the
// first time and by name afterwards. Golden tests record it.
func Format(q *Query) string {
	f := &formatter{seen: map[*Shared]bool{}}
	f.node(q.Root, 0)
	for _, s := range sortedSubqueries(q) {
		fmt.Fprintf(&f.b, "subquery %s:\n", s.name)
		f.node(s.node, 1)
	}
	return f.b.String()
}

type formatter struct {
	b    strings.Builder
	seen map[*Shared]bool
}

func (f *formatter) node(n Node, depth int) {
	pad := strings.Repeat("  ", depth)
	if s, ok := n.(*Shared); ok && f.seen[s] {
		fmt.Fprintf(&f.b, "%sShared %s (see above)\n", pad, s.Name)
		return
	}
	if s, ok := n.(*Shared); ok {
		f.seen[s] = true
	}
	fmt.Fprintf(&f.b, "%s%s\n", pad, Describe(n))
	for _, in := range n.Inputs() {
		f.node(in, depth+1)
	}
}

// Describe is the one-line description of a node (without its inputs).
func Describe(n Node) string {
	switch n := n.(type) {
	case *Scan:
		if n.Result {
			return fmt.Sprintf("Scan result %s as %s %s", n.Ref, n.Table, schemaText(n.Cols))
		}
		return fmt.Sprintf("Scan %s %s", n.Table, schemaText(n.Cols))
	case *Values:
		return fmt.Sprintf("Values %s rows=%d", schemaText(n.Cols), len(n.Rows))
	case *Range:
		return fmt.Sprintf("Range %s:%s from %s to %s step %s", n.Name, n.T, n.From, n.To, n.Step)
	case *SingleRow:
		return "SingleRow"
	case *Project:
		return "Project " + namedText(n.Cols)
	case *Filter:
		return "Filter " + n.Pred.String()
	case *Aggregate:
		return fmt.Sprintf("Aggregate keys=%s aggs=%s", namedText(n.Keys), aggsText(n.Aggs))
	case *Sort:
		s := "Sort " + sortText(n.Keys)
		if n.Limit != nil {
			s += " limit=" + n.Limit.String()
		}
		return s
	case *Limit:
		return "Limit " + n.N.String()
	case *Shared:
		kind := "Shared"
		if n.Materialized {
			kind = "Shared materialized"
		}
		return kind + " " + n.Name
	case *Sample:
		return "Sample " + n.N.String()
	case *Window:
		return "Window " + namedText(n.Cols)
	}
	return describe2(n)
}

func schemaText(cols []table.Column) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c.Name + ":" + c.Type.String()
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func namedText(cols []sema.NamedExpr) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c.String()
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func aggsText(aggs []sema.AggItem) string {
	parts := make([]string, len(aggs))
	for i, a := range aggs {
		names := make([]string, len(a.Cols))
		for j, c := range a.Cols {
			names[j] = c.Name
		}
		parts[i] = strings.Join(names, ",") + "=" + a.Expr.String()
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func sortText(keys []sema.SortKey) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		dir, nulls := "asc", "nulls last"
		if k.Desc {
			dir = "desc"
		}
		if k.NullsFirst {
			nulls = "nulls first"
		}
		parts[i] = k.Expr.String() + " " + dir + " " + nulls
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

type namedSub struct {
	name string
	node Node
}

// sortedSubqueries lists the subqueries in a stable order for printing.
func sortedSubqueries(q *Query) []namedSub {
	var out []namedSub
	i := 0
	walkExprs(q, func(e sema.Expr) {
		if s, ok := e.(*sema.Subquery); ok {
			for _, o := range out {
				if o.node == q.Subqueries[s] {
					return
				}
			}
			i++
			out = append(out, namedSub{name: fmt.Sprintf("#%d", i), node: q.Subqueries[s]})
		}
	})
	return out
}

func describe2(n Node) string {
	if s, ok := describeCombine(n); ok {
		return s
	}
	if s, ok := describeMisc(n); ok {
		return s
	}
	switch n := n.(type) {
	case *GoPlugin:
		return describePlugin(n)
	case *IPLookup:
		return describeIPLookup(n)
	}
	return fmt.Sprintf("%T", n)
}
