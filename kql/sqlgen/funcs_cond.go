package sqlgen

import (
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// condSQL translates the conditional and null-testing functions.
func condSQL() map[string]translation {
	return map[string]translation{
		"iff":        iff,
		"iif":        iff,
		"case":       caseSQL,
		"coalesce":   coalesceSQL,
		"max_of":     extremeOf("greatest"),
		"min_of":     extremeOf("least"),
		"not":        simple("(NOT $1)"),
		"isnull":     nullTest(false),
		"isnotnull":  nullTest(true),
		"notnull":    nullTest(true),
		"isempty":    emptyTest(false),
		"isnotempty": emptyTest(true),
		"notempty":   emptyTest(true),
	}
}

func iff(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	return "CASE WHEN " + a[0] + " THEN " + a[1] + " ELSE " + a[2] + " END"
}

func caseSQL(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	out := "CASE"
	for i := 0; i+1 < len(a); i += 2 {
		out += " WHEN " + a[i] + " THEN " + a[i+1]
	}
	return out + " ELSE " + a[len(a)-1] + " END"
}

// coalesceSQL is the first non-null argument; for strings, the first
// non-empty one.
func coalesceSQL(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	if c.T == table.String {
		for i := range a {
			a[i] = "nullif(" + a[i] + ", '')"
		}
		return "coalesce(" + join(a, ", ") + ", '')"
	}
	return "coalesce(" + join(a, ", ") + ")"
}

// extremeOf is max_of / min_of: nulls are ignored (DuckDB's greatest and
// least skip them too).
func extremeOf(fn string) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		return fn + "(" + join(g.args(c, s), ", ") + ")"
	}
}

// nullTest is isnull / isnotnull: strings are never null.
func nullTest(not bool) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		if c.Args[0].Type() == table.String {
			if not {
				return "true"
			}
			return "false"
		}
		x := g.expr(c.Args[0], s)
		if c.Args[0].Type() == table.Dynamic {
			x = "nullif(" + x + ", CAST('null' AS JSON))"
		}
		if not {
			return "(" + x + " IS NOT NULL)"
		}
		return "(" + x + " IS NULL)"
	}
}

// emptyTest is isempty / isnotempty: a string is empty when "", a dynamic
// value when null or an empty string, other values when null.
func emptyTest(not bool) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		x := g.expr(c.Args[0], s)
		var out string
		switch c.Args[0].Type() {
		case table.String:
			out = "(coalesce(" + x + ", '') = '')"
		case table.Dynamic:
			out = "(" + x + " IS NULL OR CAST(" + x + " AS VARCHAR) IN ('null', '\"\"'))"
		default:
			out = "(" + x + " IS NULL)"
		}
		if not {
			return "(NOT " + out + ")"
		}
		return out
	}
}
