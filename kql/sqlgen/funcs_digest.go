package sqlgen

import (
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// digestSQL translates tdigest() and hll() (aggregates and their scalar
// merges) and the functions that read them. A digest is built by a Go UDF
// from the group's values, which list() collects (engine/kqlfunc/digest.go
// documents the representation).
func digestSQL() map[string]translation {
	return map[string]translation{
		"tdigest":       func(g *gen, c *sema.Call, s *scope) string { return g.tdigestOf(c, s, -1) },
		"tdigest_merge": tdigestMergeSQL,
		"merge_tdigest": tdigestMergeSQL,
		"hll":           hllSQL(-1),
		"hll_if":        hllSQL(1),
		"hll_merge":     hllMergeSQL,
		"dcount_hll":    simple("kql_dcount_hll($1)"),
		"buildschema": func(g *gen, c *sema.Call, s *scope) string {
			return "kql_buildschema(to_json(" + g.listOf(c, s, -1, false, -1) + "))"
		},
		"percentile_tdigest":        percentileTDigestSQL,
		"percentiles_array_tdigest": percentilesArrayTDigestSQL,
		"rank_tdigest":              digestValueSQL("kql_tdigest_rank"),
		"percentile":                onePercentileSQL,
		"percentiles":               onePercentileSQL,
		"percentilew":               onePercentileSQL,
		"percentilesw":              onePercentileSQL,
		"percentrank_tdigest":       digestValueSQL("kql_tdigest_percentrank"),
	}
}

// digestKind names the value kind a tdigest of values of type t records.
func digestKind(t table.Type) string {
	switch t {
	case table.Int, table.Long:
		return "long"
	case table.DateTime:
		return "datetime"
	case table.TimeSpan:
		return "timespan"
	}
	return "real"
}

// digestNumber is the number a tdigest stores for a value of type t:
// datetimes as ticks since the Unix epoch, timespans as their ticks.
func digestNumber(x string, t table.Type) string {
	switch t {
	case table.DateTime:
		return "(epoch_ns(" + x + ") // 100)"
	case table.Decimal:
		return "CAST(" + x + " AS DOUBLE)"
	}
	return x
}

// digestValue converts a tdigest number back to a value of type t.
func digestValue(x string, t table.Type) string {
	switch t {
	case table.Int:
		return "CAST(" + x + " AS INTEGER)"
	case table.Long, table.TimeSpan:
		return "CAST(" + x + " AS BIGINT)"
	case table.DateTime:
		return "make_timestamp_ns(CAST(" + x + " AS BIGINT) * 100)"
	case table.Decimal:
		return "CAST(" + x + " AS DECIMAL(38, 18))"
	}
	return x
}

// tdigestOf is the digest of the call's first argument, weighted by
// argument weightArg when it is >= 0, or by tdigest's own optional weight.
func (g *gen) tdigestOf(c *sema.Call, s *scope, weightArg int) string {
	if weightArg < 0 && c.Fn.Name == "tdigest" && len(c.Args) > 1 {
		weightArg = 1
	}
	t := c.Args[0].Type()
	x := g.expr(c.Args[0], s)
	w, cond := "1", x+" IS NOT NULL"
	if weightArg >= 0 {
		w = g.expr(c.Args[weightArg], s)
		cond += " AND " + w + " IS NOT NULL"
		w = "CAST(" + w + " AS DOUBLE)"
	}
	// the pair keeps each number's own type: longs and ticks stay exact
	pair := "[to_json(" + digestNumber(x, t) + "), to_json(" + w + ")]"
	return "kql_tdigest(to_json(list(" + pair + ") FILTER (WHERE " + cond + ")), " + sqlString(digestKind(t)) + ")"
}

// tdigestMergeSQL merges the digests of a group (the aggregate) or of
// one row (the scalar form).
func tdigestMergeSQL(g *gen, c *sema.Call, s *scope) string {
	return "kql_tdigest_merge(" + g.digestList(c, s) + ")"
}

func hllMergeSQL(g *gen, c *sema.Call, s *scope) string {
	return "kql_hll_merge(" + g.digestList(c, s) + ")"
}

// digestList is the JSON array of digests a merge reads: the group's
// values for the aggregate, the arguments for the scalar form.
func (g *gen) digestList(c *sema.Call, s *scope) string {
	if c.Fn.Kind == sema.KindAggregate {
		return "to_json(" + g.listOf(c, s, -1, false, -1) + ")"
	}
	return "to_json([" + join(g.args(c, s), ", ") + "])"
}

func hllSQL(predArg int) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		return "kql_hll(to_json(" + g.listOf(c, s, predArg, false, -1) + "))"
	}
}

// percentileTDigestSQL is percentile_tdigest(digest, p [, typeof(T)]).
func percentileTDigestSQL(g *gen, c *sema.Call, s *scope) string {
	d, p := g.expr(c.Args[0], s), "CAST("+g.expr(c.Args[1], s)+" AS DOUBLE)"
	if c.T == table.Dynamic {
		return "kql_tdigest_percentile(" + d + ", " + p + ")"
	}
	return digestValue("kql_tdigest_percentile_num("+d+", "+p+")", c.T)
}

// percentilesArrayTDigestSQL is percentiles_array_tdigest(digest, p1,
// ...) or (digest, dynamic([p...]) [, typeof(T)]).
func percentilesArrayTDigestSQL(g *gen, c *sema.Call, s *scope) string {
	d := g.expr(c.Args[0], s)
	var ps []string
	for _, a := range c.Args[1:] {
		if _, ok := a.(*sema.TypeArg); ok {
			continue
		}
		ps = append(ps, g.expr(a, s))
	}
	if c.T != table.Dynamic {
		return digestValue("kql_tdigest_percentile_num("+d+", CAST("+ps[0]+" AS DOUBLE))", c.T)
	}
	list := "to_json([" + join(ps, ", ") + "])"
	if len(ps) == 1 && c.Args[1].Type() == table.Dynamic {
		list = ps[0]
	}
	return "kql_tdigest_percentiles(" + d + ", " + list + ")"
}

// digestValueSQL is rank_tdigest / percentrank_tdigest(digest, value).
func digestValueSQL(udf string) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		v := digestNumber(g.expr(c.Args[1], s), c.Args[1].Type())
		return udf + "(" + g.expr(c.Args[0], s) + ", CAST(" + v + " AS DOUBLE))"
	}
}

// onePercentileSQL is a percentile aggregate giving one value where a
// single column is expected (make-series; summarize writes the
// multi-column form itself).
func onePercentileSQL(g *gen, c *sema.Call, s *scope) string {
	ps := g.percentileSQL(c, s)
	if len(ps) != 1 {
		fail("%s with several percentiles is not supported here (one column is expected)", c.Fn.Name)
	}
	return ps[0]
}
