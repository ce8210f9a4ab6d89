package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// tupleField is one output column of a multi-column function.
type tupleField struct {
	Name string
	T    table.Type
}

// tupleFuncs are the functions that return several columns: the engine
// computes them as one bag (the function name + "#bag") and each column
// picks its property.
var tupleFuncs = func() map[string][]tupleField {
	r, l, d := table.Real, table.Long, table.Dynamic
	side := func(p string) []tupleField {
		return []tupleField{{p + "rsquare", r}, {p + "slope", r}, {p + "interception", r}, {p + "variance", r}, {p + "rvariance", r}}
	}
	fit2 := append([]tupleField{{"rsquare", r}, {"split_idx", l}, {"variance", r}, {"rvariance", r}, {"line_fit", d}},
		append(side("right_"), side("left_")...)...)
	return map[string][]tupleField{
		"series_stats": {{"min", r}, {"min_idx", l}, {"max", r}, {"max_idx", l}, {"avg", r}, {"stdev", r}, {"variance", r}},
		"series_fit_line": {{"rsquare", r}, {"slope", r}, {"variance", r}, {"rvariance", r}, {"interception", r},
			{"line_fit", d}},
		"series_fit_2lines":          fit2,
		"series_decompose":           {{"baseline", d}, {"seasonal", d}, {"trend", d}, {"residual", d}},
		"series_decompose_anomalies": {{"ad_flag", d}, {"ad_score", d}, {"baseline", d}},
		"series_periods_detect":      {{"periods", d}, {"scores", d}},
		"series_periods_validate":    {{"periods", d}, {"scores", d}},
		"series_fit_poly":            {{"rsquare", r}, {"coefficients", d}, {"variance", r}, {"rvariance", r}, {"poly_fit", d}},
		"series_fft":                 {{"real", d}, {"imag", d}},
		"series_ifft":                {{"real", d}, {"imag", d}},
	}
}()

// tupleBagFuncs declares the bag form of each multi-column function (and
// parse-kv's extraction); the '#' keeps them out of reach of queries.
func tupleBagFuncs() []*Function {
	d := table.Dynamic
	return []*Function{
		fnT("series_stats#bag", d, p(PDynamic), opt(PBool)),
		fnT("series_fit_line#bag", d, p(PDynamic)),
		fnT("series_fit_2lines#bag", d, p(PDynamic)),
		fnT("series_decompose#bag", d, p(PDynamic), opt(PInt), opt(PString), opt(PInt), opt(PReal)),
		fnT("series_decompose_anomalies#bag", d, p(PDynamic), opt(PReal), opt(PInt), opt(PString), opt(PInt),
			opt(PString), opt(PReal)),
		fnT("series_periods_detect#bag", d, p(PDynamic), p(PReal), p(PReal), p(PInt)),
		fnT("series_periods_validate#bag", d, p(PDynamic), rep(PReal)),
		fnT("series_fit_poly#bag", d, p(PDynamic), opt(PAny), opt(PInt)),
		fnT("series_fft#bag", d, p(PDynamic), opt(PDynamic)),
		fnT("series_ifft#bag", d, p(PDynamic), opt(PDynamic)),
		fnT("parse_kv#bag", d, p(PString), p(PString)),
	}
}

// tupleColumns checks `[(a, b, ...) =] f(...)` in extend and project for
// a function that returns several columns. Without names the columns are
// f_<argument>_<field>; with names, the first fields get them in order.
func (c *checker) tupleColumns(ne *syntax.NamedExpr, sc *scope, row *rowCtx, n *int) ([]NamedExpr, bool) {
	call, ok := unparen(ne.Value).(*syntax.Call)
	if !ok || call.Recv != nil {
		return nil, false
	}
	name := call.Name.Name
	if name == "array_sort_asc" || name == "array_sort_desc" {
		return c.sortedArrayColumns(ne, call, sc, row)
	}
	fields, ok := tupleFuncs[name]
	if !ok {
		return nil, false
	}
	if sym, user := sc.lookup(name); user && sym.fn != nil {
		return nil, false
	}
	f, _ := LookupFunction(name + "#bag")
	bag := c.builtin(call, f, sc, row)
	if len(ne.Names) > len(fields) {
		c.errorf(ne, "%s() returns %d columns, %d names given", name, len(fields), len(ne.Names))
	}
	prefix := name
	if len(call.Args) > 0 {
		if arg := exprName(call.Args[0]); arg != "" {
			prefix += "_" + arg
		}
	}
	var out []NamedExpr
	for i, fd := range fields {
		colName := prefix + "_" + fd.Name
		if len(ne.Names) > 0 {
			if i >= len(ne.Names) {
				break
			}
			colName = ne.Names[i].Name
		}
		pick := &Call{Fn: opFunc("[]"), Args: []Expr{bag, &Literal{T: table.String, Value: fd.Name}}, T: table.Dynamic}
		out = append(out, NamedExpr{Name: colName, Expr: c.convert(pick, fd.T)})
	}
	return out, true
}

// sortedArrayColumns checks `[(a, b, ...) =] array_sort_asc(x, y, ...)`
// with several arrays: one column per array, named <argument>_sorted
// unless names are given. With one array it is not a tuple.
func (c *checker) sortedArrayColumns(ne *syntax.NamedExpr, call *syntax.Call, sc *scope, row *rowCtx) ([]NamedExpr, bool) {
	if sym, user := sc.lookup(call.Name.Name); user && sym.fn != nil {
		return nil, false
	}
	f, _ := LookupFunction(call.Name.Name)
	sorted, ok := c.builtin(call, f, sc, row).(*Call)
	if !ok || SortedArrayCount(sorted) < 2 {
		return nil, false
	}
	n := SortedArrayCount(sorted)
	if len(ne.Names) > n {
		c.errorf(ne, "%s() returns %d columns, %d names given", call.Name.Name, n, len(ne.Names))
	}
	var out []NamedExpr
	for i := range n {
		colName := exprName(call.Args[i])
		if colName == "" {
			colName = "array" + itoa(i+1)
		}
		colName += "_sorted"
		if len(ne.Names) > 0 {
			if i >= len(ne.Names) {
				break
			}
			colName = ne.Names[i].Name
		}
		pick := &Call{Fn: opFunc("[]"), Args: []Expr{sorted, &Literal{T: table.Long, Value: int64(i)}}, T: table.Dynamic}
		out = append(out, NamedExpr{Name: colName, Expr: pick})
	}
	return out, true
}
