package plan

import (
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// maxShortHasAny is the longest literal list has_any becomes an OR of
// has for: engine's BenchmarkHas measured the OR of prefiltered term
// matches faster than the term-set UDF for rare terms up to about three
// needles.
const maxShortHasAny = 3

// shortHasAny rewrites `x has_any ("a", "b")` with a few literal strings
// into `x has "a" or x has "b"` (and has_all into `and`).
var shortHasAny = Rule{Name: "short-has-any", Apply: func(n Node) Node {
	return mapExprs(n, rewriteHasAny)
}}

func rewriteHasAny(e sema.Expr) sema.Expr {
	c, ok := e.(*sema.Call)
	if !ok || (c.Fn.Name != "has_any" && c.Fn.Name != "has_all") || len(c.Args) < 2 || len(c.Args)-1 > maxShortHasAny {
		return e
	}
	for _, a := range c.Args[1:] {
		lit, ok := a.(*sema.Literal)
		if !ok || lit.T != table.String || lit.Value == nil || lit.Value.(string) == "" {
			return e
		}
	}
	has, _ := sema.LookupFunction("has")
	join, _ := sema.LookupFunction("or")
	if c.Fn.Name == "has_all" {
		join, _ = sema.LookupFunction("and")
	}
	var out sema.Expr
	for _, a := range c.Args[1:] {
		term := &sema.Call{Fn: has, Args: []sema.Expr{c.Args[0], a}, T: table.Bool}
		if out == nil {
			out = term
		} else {
			out = &sema.Call{Fn: join, Args: []sema.Expr{out, term}, T: table.Bool}
		}
	}
	return out
}
