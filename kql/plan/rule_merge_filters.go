package plan

import (
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// mergeFilters joins consecutive where operators into one filter with
// `and`, so the SQL has one WHERE instead of a CTE per predicate. The
// outer predicate stays second: `and` short-circuits left to right in
// Kusto's eyes, and a cheap earlier filter should run first.
var mergeFilters = Rule{Name: "merge-filters", Apply: func(n Node) Node {
	outer, ok := n.(*Filter)
	if !ok {
		return n
	}
	inner, ok := outer.In.(*Filter)
	if !ok {
		return n
	}
	and, _ := sema.LookupFunction("and")
	return &Filter{In: inner.In, Pred: &sema.Call{Fn: and, Args: []sema.Expr{inner.Pred, outer.Pred}, T: table.Bool}}
}}
