package plan

import (
	"fmt"
	"strings"

	"github.com/huntbook/huntbook/kql/sema"
)

// join lowers a join or lookup.
func (b *builder) join(t *sema.Join) Node {
	for _, c := range t.On {
		b.exprs(c.Left, c.Right)
	}
	b.exprs(t.Where)
	return &Join{Left: b.node(t.Left), Right: b.node(t.Right), Kind: t.Kind, On: t.On, Where: t.Where,
		LeftCols: t.LeftCols, RightCols: t.RightCols, Cols: t.Schema()}
}

// union lowers a union.
func (b *builder) union(t *sema.Union) Node {
	ins := make([]Node, len(t.Inputs))
	for i, in := range t.Inputs {
		ins[i] = b.node(in)
	}
	return &Union{Ins: ins, Maps: t.Maps, WithSource: t.WithSource, Sources: t.Sources, Cols: t.Schema()}
}

// describeCombine describes the nodes that combine inputs, for Format.
func describeCombine(n Node) (string, bool) {
	switch n := n.(type) {
	case *Join:
		conds := make([]string, len(n.On))
		for i, c := range n.On {
			conds[i] = c.Left.String() + " == " + c.Right.String()
		}
		s := fmt.Sprintf("Join %s on [%s]", n.Kind, strings.Join(conds, ", "))
		if n.Where != nil {
			s += " where " + n.Where.String()
		}
		if n.Unordered {
			s += " unordered"
		}
		return s + " " + schemaText(n.Cols), true
	case *Union:
		s := "Union"
		if n.WithSource != "" {
			s += fmt.Sprintf(" withsource=%s %q", n.WithSource, n.Sources)
		}
		if n.Unordered {
			s += " unordered"
		}
		return s + " " + schemaText(n.Cols), true
	}
	return "", false
}
