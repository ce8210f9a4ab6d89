package sqlgen

import (
	"encoding/json"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// aggSQL translates the aggregation functions (the multi-column ones,
// arg_max, take_any and percentile, are in aggregate.go). Empty groups
// give Kusto's values: 0 for counts and sums, NaN for avg, [] for lists.
func aggSQL() map[string]translation {
	return map[string]translation{
		"count":                countSQL,
		"countif":              simple("count(*) FILTER (WHERE $1)"),
		"dcount":               filtered("count(DISTINCT $1)", -1),
		"dcountif":             filtered("count(DISTINCT $1)", 1),
		"count_distinct":       filtered("count(DISTINCT $1)", -1),
		"count_distinctif":     filtered("count(DISTINCT $1)", 1),
		"sum":                  sumSQL(false),
		"sumif":                sumSQL(true),
		"avg":                  avgSQL(false),
		"avgif":                avgSQL(true),
		"min":                  filtered("min($1)", -1),
		"max":                  filtered("max($1)", -1),
		"minif":                filtered("min($1)", 1),
		"maxif":                filtered("max($1)", 1),
		"stdev":                zeroIfNull("stddev_samp($1)", -1),
		"stdevif":              zeroIfNull("stddev_samp($1)", 1),
		"stdevp":               zeroIfNull("stddev_pop($1)", -1),
		"stdevpif":             zeroIfNull("stddev_pop($1)", 1),
		"variance":             zeroIfNull("var_samp($1)", -1),
		"varianceif":           zeroIfNull("var_samp($1)", 1),
		"variancep":            zeroIfNull("var_pop($1)", -1),
		"variancepif":          zeroIfNull("var_pop($1)", 1),
		"covariance":           zeroIfNull("covar_samp($1, $2)", -1),
		"covariancep":          zeroIfNull("covar_pop($1, $2)", -1),
		"covarianceif":         zeroIfNull("covar_samp($1, $2)", 2),
		"covariancepif":        zeroIfNull("covar_pop($1, $2)", 2),
		"take_anyif":           filtered("any_value($1)", 1),
		"anyif":                filtered("any_value($1)", 1),
		"binary_all_and":       filtered("bit_and($1)", -1),
		"binary_all_or":        filtered("bit_or($1)", -1),
		"binary_all_xor":       filtered("bit_xor($1)", -1),
		"make_list":            makeList(-1, false),
		"makelist":             makeList(-1, false),
		"make_list_if":         makeList(1, false),
		"make_list_with_nulls": makeList(-1, true),
		"make_set":             makeSet(-1),
		"makeset":              makeSet(-1),
		"make_set_if":          makeSet(1),
		"make_bag":             makeBag(-1),
		"make_dictionary":      makeBag(-1),
		"make_bag_if":          makeBag(1),
		"percentiles_array":    percentilesArray,
		"percentilesw_array":   percentilesWArray,
	}
}

// filtered writes an aggregate template over the first argument; when
// predArg >= 0 that argument is a predicate (the *if forms).
func filtered(template string, predArg int) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		a := g.args(c, s)
		out := expandTemplate(template, a)
		if predArg >= 0 {
			out += " FILTER (WHERE " + a[predArg] + ")"
		}
		return out
	}
}

func zeroIfNull(template string, predArg int) translation {
	f := filtered(template, predArg)
	return func(g *gen, c *sema.Call, s *scope) string { return "coalesce(" + f(g, c, s) + ", 0)" }
}

func countSQL(g *gen, c *sema.Call, s *scope) string {
	// count(expr) counts rows, nulls included, as the summarize page's
	// null-handling example documents (count(y) over one null of two is 2).
	return "count(*)"
}

// sumSQL sums numbers or timespans; an empty sum is 0.
func sumSQL(cond bool) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		a := g.args(c, s)
		out := "sum(" + a[0] + ")"
		if cond {
			out += " FILTER (WHERE " + a[1] + ")"
		}
		switch c.T {
		case table.Long, table.TimeSpan:
			return "CAST(coalesce(" + out + ", 0) AS BIGINT)"
		case table.Decimal:
			return "coalesce(" + out + ", 0)"
		}
		return "coalesce(" + out + ", 0)"
	}
}

// avgSQL averages numbers (NaN when empty), timespans and datetimes.
func avgSQL(cond bool) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		a := g.args(c, s)
		x := a[0]
		switch c.Args[0].Type() {
		case table.DateTime:
			x = "epoch_ns(" + x + ")"
		case table.Decimal:
			x = "CAST(" + x + " AS DOUBLE)"
		}
		out := "avg(" + x + ")"
		if cond {
			out += " FILTER (WHERE " + a[1] + ")"
		}
		switch c.T {
		case table.DateTime:
			return "make_timestamp_ns(CAST(" + out + " AS BIGINT))"
		case table.TimeSpan:
			return "CAST(" + out + " AS BIGINT)"
		}
		return "coalesce(" + out + ", CAST('NaN' AS DOUBLE))"
	}
}

// listOf is the aggregate list of a value's JSON forms, nulls left out
// unless withNulls, truncated to maxSize when given.
func (g *gen) listOf(c *sema.Call, s *scope, predArg int, withNulls bool, sizeArg int) string {
	x := g.expr(c.Args[0], s)
	elem := jsonOfSQL(x, c.Args[0].Type())
	out := "list(" + elem + ")"
	var conds []string
	if !withNulls {
		conds = append(conds, x+" IS NOT NULL")
	}
	if predArg >= 0 {
		conds = append(conds, g.expr(c.Args[predArg], s))
	}
	if len(conds) > 0 {
		out += " FILTER (WHERE " + join(conds, " AND ") + ")"
	}
	out = "coalesce(" + out + ", [])"
	if sizeArg >= 0 && sizeArg < len(c.Args) {
		out = "list_slice(" + out + ", 1, CAST(" + g.expr(c.Args[sizeArg], s) + " AS BIGINT))"
	}
	return out
}

// makeList is make_list and its relatives: the values in input order.
func makeList(predArg int, withNulls bool) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		size := 1
		if predArg >= 0 {
			size = 2
		}
		return "to_json(" + g.listOf(c, s, predArg, withNulls, size) + ")"
	}
}

// makeSet is make_set: the distinct values in order of first appearance;
// dynamic arrays contribute their elements (Kusto flattens them), dynamic
// scalars themselves.
func makeSet(predArg int) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		size := 1
		if predArg >= 0 {
			size = 2
		}
		list := g.listOf(c, s, predArg, false, -1)
		out := "kql_make_set(to_json(" + list + "))"
		if size < len(c.Args) {
			out = "to_json(list_slice(CAST(json_extract(" + out + ", '$[*]') AS JSON[]), 1, CAST(" + g.expr(c.Args[size], s) + " AS BIGINT)))"
		}
		return out
	}
}

// makeBag merges the bags of a group into one.
func makeBag(predArg int) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		return "kql_bag_merge(to_json(" + g.listOf(c, s, predArg, false, -1) + "))"
	}
}

// percentilesArray is percentiles_array(x, p1, p2, ...) or
// percentiles_array(x, dynamic([p1, p2, ...])): one array.
func percentilesArray(g *gen, c *sema.Call, s *scope) string {
	x := g.expr(c.Args[0], s)
	var ps []string
	for _, p := range percentileArgs(g, c.Args[1:], s) {
		ps = append(ps, "CAST("+p+" AS DOUBLE) / 100")
	}
	q := "quantile_disc(" + x + ", [" + join(ps, ", ") + "])"
	switch t := c.Args[0].Type(); t {
	case table.DateTime, table.TimeSpan, table.Decimal:
		// each element in its KQL JSON form (datetime text, timespan text)
		return "to_json(list_transform(" + q + ", __q -> " + jsonOfSQL("__q", t) + "))"
	}
	return "to_json(" + q + ")"
}

// percentilesWArray is percentilesw_array(x, w, p1, ...): the weighted
// nearest-rank values of the group's exact digest.
func percentilesWArray(g *gen, c *sema.Call, s *scope) string {
	d := g.tdigestOf(c, s, 1)
	return "kql_tdigest_percentiles(" + d + ", to_json([" + join(percentileArgs(g, c.Args[2:], s), ", ") + "]))"
}

// percentileArgs is the SQL of the requested percentiles: the arguments,
// or the elements of one constant dynamic array.
func percentileArgs(g *gen, args []sema.Expr, s *scope) []string {
	if len(args) == 1 && args[0].Type() == table.Dynamic {
		lit, ok := args[0].(*sema.Literal)
		list, isList := lit.Value.([]any)
		if !ok || !isList {
			fail("percentiles_array: the percentiles must be numbers or one constant dynamic array")
		}
		var out []string
		for _, v := range list {
			f, ok := jsonFloat(v)
			if !ok {
				fail("percentiles_array: the percentiles must be numbers or one constant dynamic array")
			}
			out = append(out, literal(table.Real, f))
		}
		return out
	}
	var out []string
	for _, a := range args {
		out = append(out, g.expr(a, s))
	}
	return out
}

func jsonFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	case int64:
		return float64(x), true
	}
	return 0, false
}
