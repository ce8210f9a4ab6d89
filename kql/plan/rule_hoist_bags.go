package plan

import (
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// hoistBags computes once the bag of a multi-column function
// (`extend (flag, score, baseline) = series_decompose_anomalies(y)`):
// every column of the tuple picks a property of the same call, which the
// SQL would otherwise evaluate once per column. The call moves into a
// projection below, under a hidden name the columns then read.
var hoistBags = Rule{Name: "hoist-bags", Apply: func(n Node) Node {
	p, ok := n.(*Project)
	if !ok {
		return n
	}
	uses := map[*sema.Call]int{}
	var order []*sema.Call
	for _, c := range p.Cols {
		sema.Walk(c.Expr, func(x sema.Expr) bool {
			if call, ok := x.(*sema.Call); ok && strings.HasSuffix(call.Fn.Name, "#bag") {
				if uses[call] == 0 {
					order = append(order, call)
				}
				uses[call]++
				return false
			}
			return true
		})
	}
	below := columnRefs(p.In.Schema())
	names := map[*sema.Call]string{}
	for _, call := range order {
		if uses[call] < 2 {
			continue
		}
		name := freeName(p.In.Schema(), "__bag"+strconv.Itoa(len(names)))
		names[call] = name
		below = append(below, sema.NamedExpr{Name: name, Expr: call})
	}
	if len(names) == 0 {
		return n
	}
	cols := make([]sema.NamedExpr, len(p.Cols))
	for i, c := range p.Cols {
		cols[i] = sema.NamedExpr{Name: c.Name, Expr: replaceCalls(c.Expr, names)}
	}
	return &Project{In: &Project{In: p.In, Cols: below}, Cols: cols}
}}

// replaceCalls rebuilds e with the named calls replaced by column
// references.
func replaceCalls(e sema.Expr, names map[*sema.Call]string) sema.Expr {
	call, ok := e.(*sema.Call)
	if !ok {
		return e
	}
	if name, ok := names[call]; ok {
		return &sema.ColumnRef{Name: name, T: call.T}
	}
	args := make([]sema.Expr, len(call.Args))
	changed := false
	for i, a := range call.Args {
		args[i] = replaceCalls(a, names)
		changed = changed || args[i] != a
	}
	if !changed {
		return e
	}
	return &sema.Call{Fn: call.Fn, Args: args, T: call.T}
}

// freeName is name, suffixed until no column has it.
func freeName(cols []table.Column, name string) string {
	for {
		taken := false
		for _, c := range cols {
			if strings.EqualFold(c.Name, name) {
				taken = true
			}
		}
		if !taken {
			return name
		}
		name += "_"
	}
}
