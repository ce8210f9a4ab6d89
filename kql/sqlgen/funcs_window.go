package sqlgen

import (
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
