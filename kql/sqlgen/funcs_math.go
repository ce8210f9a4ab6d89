package sqlgen

import (
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// mathSQL translates the numeric functions DuckDB has under another name
// or with other edge cases.
func mathSQL() map[string]translation {
	m := map[string]translation{
		"abs":      simple("abs($1)"),
		"sign":     simple("sign($1)"),
		"ceiling":  simple("ceil($1)"),
		"round":    roundSQL,
		"exp2":     simple("pow(2, $1)"),
		"exp10":    simple("pow(10, $1)"),
		"log":      simple("CASE WHEN $1 > 0 THEN ln($1) END"),
		"log2":     simple("CASE WHEN $1 > 0 THEN log2($1) END"),
		"log10":    simple("CASE WHEN $1 > 0 THEN log10($1) END"),
		"sqrt":     simple("CASE WHEN $1 >= 0 THEN sqrt($1) END"),
		"loggamma": simple("CASE WHEN $1 = 0 THEN CAST('inf' AS DOUBLE) ELSE lgamma(nullif($1, 0)) END"),
		// outside their domain DuckDB raises an error where Kusto gives
		// null (acos, asin) or C's pole value (gamma(0), cot(0))
		"acos":       simple("CASE WHEN $1 BETWEEN -1 AND 1 THEN acos(greatest(-1.0, least(1.0, $1))) END"),
		"asin":       simple("CASE WHEN $1 BETWEEN -1 AND 1 THEN asin(greatest(-1.0, least(1.0, $1))) END"),
		"gamma":      simple("CASE WHEN $1 = 0 THEN CAST('inf' AS DOUBLE) ELSE gamma(nullif($1, 0)) END"),
		"cot":        simple("CASE WHEN $1 = 0 THEN CAST('inf' AS DOUBLE) ELSE cot(nullif($1, 0)) END"),
		"pi":         simple("pi()"),
		"rand":       randSQL,
		"isnan":      simple("isnan($1)"),
		"isinf":      simple("isinf($1)"),
		"isfinite":   simple("isfinite($1)"),
		"binary_and": simple("($1 & $2)"),
		"binary_or":  simple("($1 | $2)"),
		"binary_xor": simple("xor($1, $2)"),
		"binary_not": simple("(~$1)"),
		// a shift outside 0..63 is null rather than a DuckDB error
		"binary_shift_left":  shiftSQL("<<"),
		"binary_shift_right": shiftSQL(">>"),
		"bitset_count_ones":  simple("bit_count(CAST($1 AS BIGINT))"),
		"floor":              binSQL,
		"bin":                binSQL,
		"new_guid":           simple("uuid()"),
		"around":             aroundSQL,
	}
	for _, f := range []string{"atan", "cos", "sin", "tan", "exp", "degrees", "radians", "atan2", "pow"} {
		m[f] = passthrough(f)
	}
	return m
}

// shiftSQL is binary_shift_left/right(a, n): two's complement shifts of a
// long (DuckDB refuses to shift a negative number left, so -a is shifted
// and negated); a shift outside 0..63 is null.
func shiftSQL(op string) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		a := g.args(c, s)
		x, n := "CAST("+a[0]+" AS BIGINT)", "CAST("+a[1]+" AS INTEGER)"
		neg := "try(-((-" + x + ") " + op + " " + n + "))"
		if op == ">>" {
			neg = "try(" + x + " >> " + n + ")" // DuckDB's >> is arithmetic
		}
		return "CASE WHEN " + n + " NOT BETWEEN 0 AND 63 THEN NULL WHEN " + x + " >= 0 THEN try(" + x + " " + op + " " + n + ") ELSE " + neg + " END"
	}
}

func passthrough(fn string) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		return fn + "(" + join(g.args(c, s), ", ") + ")"
	}
}

// roundSQL rounds half away from zero, to a number of decimals.
func roundSQL(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	if len(a) == 1 {
		return "round(" + a[0] + ")"
	}
	return "round(" + a[0] + ", CAST(" + a[1] + " AS INTEGER))"
}

func randSQL(g *gen, c *sema.Call, s *scope) string {
	if len(c.Args) == 1 {
		return "CAST(floor(random() * " + g.expr(c.Args[0], s) + ") AS BIGINT)"
	}
	return "random()"
}

// binSQL floors to a multiple of the bin size with the registry's
// overloads (datetimes by ticks, numbers below zero too).
func binSQL(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	ta, tb := c.Args[0].Type(), c.Args[1].Type()
	switch {
	case ta == table.DateTime || ta == table.TimeSpan:
		return registryExpand("bin", []table.Type{ta, tb}, a...)
	case c.T == table.Real || c.T == table.Decimal:
		return registryExpand("bin", []table.Type{table.Real, table.Real}, "CAST("+a[0]+" AS DOUBLE)", "CAST("+a[1]+" AS DOUBLE)")
	}
	out := registryExpand("bin", []table.Type{table.Long, table.Long}, a...)
	if c.T == table.Int {
		return "CAST(" + out + " AS INTEGER)"
	}
	return out
}

// aroundSQL is around(value, center, delta): center-delta <= value <=
// center+delta.
func aroundSQL(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	if c.Args[0].Type() == table.DateTime {
		return "(" + a[0] + " BETWEEN kql_dt_add(" + a[1] + ", -(" + a[2] + ")) AND kql_dt_add(" + a[1] + ", " + a[2] + "))"
	}
	return "(" + a[0] + " BETWEEN " + a[1] + " - " + a[2] + " AND " + a[1] + " + " + a[2] + ")"
}
