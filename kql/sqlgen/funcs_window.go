package sqlgen

import (
	"strings"

	"github.com/huntbook/huntbook/kql/sema"
)

// windowSQL translates the window functions over a serialized input,
// ordered by the step's row-number column.
func windowSQL() map[string]translation {
	return map[string]translation{
		"row_number": rowNumber,
		"prev":       lagLead("lag"),
		"next":       lagLead("lead"),
		"row_cumsum": rowCumsum,

		// plan's restart rewrite (kql/plan/build_window.go): $2 is the
		// running count of restarts, a partition key.
		"restart_group#":             windowTemplate("CAST(sum(CASE WHEN coalesce($1, false) THEN 1 ELSE 0 END) OVER (ORDER BY $O ROWS UNBOUNDED PRECEDING) AS BIGINT)"),
		"term_changed#":              windowTemplate("(coalesce($2, false) OR $O = 1 OR $1 IS DISTINCT FROM lag($1) OVER (ORDER BY $O))"),
		"row_number#grouped":         windowTemplate("CAST(row_number() OVER (PARTITION BY $2 ORDER BY $O) + $1 - 1 AS BIGINT)"),
		"row_cumsum#grouped":         windowTemplate("sum($1) OVER (PARTITION BY $2 ORDER BY $O ROWS UNBOUNDED PRECEDING)"),
		"row_rank_dense#grouped":     windowTemplate("CAST(sum(CASE WHEN $1 THEN 1 ELSE 0 END) OVER (PARTITION BY $2 ORDER BY $O ROWS UNBOUNDED PRECEDING) AS BIGINT)"),
		"row_window_session#grouped": windowSession,
		"row_rank_min#grouped": windowTemplate("CAST(max(CASE WHEN $1 THEN $O END) OVER (PARTITION BY $2 ORDER BY $O ROWS UNBOUNDED PRECEDING) - " +
			"min($O) OVER (PARTITION BY $2) + 1 AS BIGINT)"),
	}
}

// windowTemplate fills $O with the serialized order column and $1, $2,
// ... with the arguments.
func windowTemplate(template string) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		over(s) // fails without a serialized input
		return expandTemplate(strings.ReplaceAll(template, "$O", s.ord), g.args(c, s))
	}
}

func over(s *scope) string {
	if s.ord == "" {
		fail("a window function needs a serialized input")
	}
	return " OVER (ORDER BY " + s.ord + ")"
}

func rowNumber(g *gen, c *sema.Call, s *scope) string {
	if len(c.Args) > 1 {
		return restartWindow(g, c, s, "row_number()", 1)
	}
	start := "1"
	if len(c.Args) == 1 {
		start = g.expr(c.Args[0], s)
	}
	return "(row_number()" + over(s) + " + " + start + " - 1)"
}

func lagLead(fn string) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		a := g.args(c, s)
		off := "1"
		if len(a) > 1 {
			off = a[1]
		}
		if len(a) > 2 {
			return fn + "(" + a[0] + ", CAST(" + off + " AS BIGINT), " + a[2] + ")" + over(s)
		}
		return fn + "(" + a[0] + ", CAST(" + off + " AS BIGINT))" + over(s)
	}
}

func rowCumsum(g *gen, c *sema.Call, s *scope) string {
	if len(c.Args) > 1 {
		return restartWindow(g, c, s, "sum($1)", 1)
	}
	x := g.expr(c.Args[0], s)
	return "sum(" + x + ") OVER (ORDER BY " + s.ord + " ROWS UNBOUNDED PRECEDING)"
}

// restartWindow is a window function that restarts when its restart
// argument is true. It needs the running count of restarts as a partition
// key, a nested window DuckDB cannot write in one expression.
func restartWindow(g *gen, c *sema.Call, s *scope, _ string, _ int) string {
	fail("%s() with a restart condition is not supported yet", c.Fn.Name)
	return ""
}

// windowSession is row_window_session as plan rewrites it: one Go call
// over the whole input's values and restart flags (an uncorrelated
// subquery, evaluated once) gives every row's session start, which each
// row picks by its position.
func windowSession(g *gen, c *sema.Call, s *scope) string {
	over(s)
	if s.from == "" {
		fail("row_window_session() needs a serialized input")
	}
	for _, i := range []int{1, 2} {
		if !sema.IsConstant(c.Args[i]) {
			fail("the distances of row_window_session() must be constants")
		}
	}
	a := g.args(c, s)
	starts := "(SELECT CAST(kql_window_sessions(to_json(list(" + ticksOf(a[0]) + " ORDER BY " + s.ord + ")), " +
		"to_json(list(coalesce(" + a[3] + ", false) ORDER BY " + s.ord + ")), " + a[1] + ", " + a[2] + ") AS BIGINT[]) FROM " + s.from + ")"
	return ticksToDateTime(starts + "[" + s.ord + "]")
}
