package sqlgen

import (
	"strings"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// operatorSQL translates the operators. Arithmetic follows the types:
// integer division truncates (//), % is Kusto's non-negative modulo,
// datetimes add and subtract ticks without INTERVAL (which would lose
// the last digit of TIMESTAMP_NS).
func operatorSQL() map[string]translation {
	m := map[string]translation{
		"+": arith, "-": arith, "*": arith, "/": arith, "%": arith,
		"and": simple("($1 AND $2)"), "or": simple("($1 OR $2)"),
		"neg": simple("(-$1)"),
		"==":  compareOp("="), "!=": compareOp("<>"), "<": compareOp("<"), "<=": compareOp("<="),
		">": compareOp(">"), ">=": compareOp(">="),
		"[]":       dynamicAccess,
		"between":  betweenOp(false),
		"!between": betweenOp(true),
		"in":       inOp(false, false),
		"!in":      inOp(true, false),
		"in~":      inOp(false, true),
		"!in~":     inOp(true, true),
		"has_any":  hasAnyOp("has_any"),
		"has_all":  hasAnyOp("has_all"),
	}
	return m
}

// arith writes + - * / % by operand types.
func arith(g *gen, c *sema.Call, s *scope) string {
	a, b := g.expr(c.Args[0], s), g.expr(c.Args[1], s)
	ta, tb := c.Args[0].Type(), c.Args[1].Type()
	op := c.Fn.Name
	dt, ts := table.DateTime, table.TimeSpan
	switch {
	case ta == dt && tb == dt:
		return "kql_dt_diff(" + a + ", " + b + ")"
	case ta == dt && tb == ts:
		if op == "-" {
			return "kql_dt_add(" + a + ", -(" + b + "))"
		}
		return "kql_dt_add(" + a + ", " + b + ")"
	case ta == ts && tb == dt:
		return "kql_dt_add(" + b + ", " + a + ")"
	case ta == ts && tb == ts:
		switch op {
		case "/":
			return "(CAST(" + a + " AS DOUBLE) / " + b + ")"
		case "%":
			return "kql_mod(" + a + ", " + b + ")"
		}
		return "(" + a + " " + op + " " + b + ")"
	case ta == ts || tb == ts:
		// a timespan scaled by a number stays whole ticks
		return "CAST(trunc(" + a + " " + op + " CAST(" + b + " AS DOUBLE)) AS BIGINT)"
	}
	integer := isInteger(ta) && isInteger(tb)
	switch op {
	case "/":
		if integer {
			return "kql_idiv(" + a + ", " + b + ")"
		}
		return "(" + a + " / " + b + ")"
	case "%":
		return "kql_mod(" + a + ", " + b + ")"
	}
	out := "(" + a + " " + op + " " + b + ")"
	if c.T == table.Int && integer {
		return "CAST(" + out + " AS INTEGER)"
	}
	return out
}

func isInteger(t table.Type) bool { return t == table.Int || t == table.Long }

// compareOp writes a comparison; strings compare by ordinal as in Kusto.
func compareOp(op string) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		return "(" + g.expr(c.Args[0], s) + " " + op + " " + g.expr(c.Args[1], s) + ")"
	}
}

// betweenOp writes x between (lo .. hi), both ends included.
func betweenOp(not bool) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		a := g.args(c, s)
		out := "(" + a[0] + " BETWEEN " + a[1] + " AND " + a[2] + ")"
		if not {
			return "(NOT " + out + ")"
		}
		return out
	}
}

// dynamicAccess writes d.name, d["name"] and d[i]: a missing property or
// element is null; a negative index counts from the end.
func dynamicAccess(g *gen, c *sema.Call, s *scope) string {
	x := g.expr(c.Args[0], s)
	switch k := c.Args[1].(type) {
	case *sema.Literal:
		switch v := k.Value.(type) {
		case string:
			return "json_extract(" + x + ", " + sqlString(jsonPathKey(v)) + ")"
		case int64:
			return "json_extract(" + x + ", " + sqlString(jsonPathIndex(v)) + ")"
		case int32:
			return "json_extract(" + x + ", " + sqlString(jsonPathIndex(int64(v))) + ")"
		}
	}
	if c.Args[1].Type() == table.String {
		return "kql_json_get(" + x + ", " + g.expr(c.Args[1], s) + ")"
	}
	return "kql_json_at(" + x + ", CAST(" + g.expr(c.Args[1], s) + " AS BIGINT))"
}

// jsonPathKey is the DuckDB JSON path of one property.
func jsonPathKey(k string) string {
	return `$."` + strings.ReplaceAll(strings.ReplaceAll(k, `\`, `\\`), `"`, `\"`) + `"`
}

// jsonPathIndex is the DuckDB JSON path of one array element.
func jsonPathIndex(i int64) string {
	if i < 0 {
		return "$[#" + itoa(int(i)) + "]"
	}
	return "$[" + itoa(int(i)) + "]"
}

// inOp writes x in (...): scalars compare directly, dynamic arrays and
// subqueries contribute their elements; the ~ forms compare lower-case.
func inOp(not, ci bool) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		x := g.expr(c.Args[0], s)
		t := c.Args[0].Type()
		if ci {
			x = "lower(" + x + ")"
		}
		var scalars, parts []string
		for _, a := range c.Args[1:] {
			switch {
			case isSubquery(a):
				r := g.subquery(a.(*sema.Subquery))
				col := sqlrepr_quote(r.cols[0])
				if ci {
					col = "lower(" + col + ")"
				}
				parts = append(parts, x+" IN (SELECT "+col+" FROM "+r.name+")")
			case a.Type() == table.Dynamic && t != table.Dynamic:
				parts = append(parts, "list_contains("+jsonElements(g.expr(a, s), t, ci)+", "+x+")")
			default:
				v := g.expr(a, s)
				if ci {
					v = "lower(" + v + ")"
				}
				scalars = append(scalars, v)
			}
		}
		if len(scalars) > 0 {
			parts = append(parts, x+" IN ("+join(scalars, ", ")+")")
		}
		if len(parts) == 0 {
			parts = []string{"false"}
		}
		out := "(" + join(parts, " OR ") + ")"
		if not {
			// null !in (...) is true in Kusto, as null in (...) is false
			return "(NOT coalesce(" + out + ", false))"
		}
		return "coalesce(" + out + ", false)"
	}
}

func isSubquery(e sema.Expr) bool { _, ok := e.(*sema.Subquery); return ok }

// jsonElements is the SQL list of a JSON array's elements as values of
// type t (strings in lower case for the ~ forms).
func jsonElements(arr string, t table.Type, ci bool) string {
	switch t {
	case table.String:
		list := "list_transform(CAST(json_extract(" + arr + ", '$[*]') AS JSON[]), e -> kql_tostring_dynamic(e))"
		if ci {
			return "list_transform(" + list + ", e -> lower(e))"
		}
		return list
	case table.Int, table.Long, table.Real, table.Decimal:
		return "list_transform(CAST(json_extract(" + arr + ", '$[*]') AS JSON[]), e -> TRY_CAST(e AS DOUBLE))"
	case table.Bool:
		return "list_transform(CAST(json_extract(" + arr + ", '$[*]') AS JSON[]), e -> TRY_CAST(e AS BOOLEAN))"
	}
	return "list_transform(CAST(json_extract(" + arr + ", '$[*]') AS JSON[]), e -> kql_tostring_dynamic(e))"
}

// hasAnyOp writes has_any / has_all: the needles become one JSON array
// (scalars, arrays and subqueries flattened), matched by the engine's
// term set.
func hasAnyOp(name string) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		h := g.expr(c.Args[0], s)
		return registryExpand(name, []table.Type{table.String, table.Dynamic}, h, g.needleArray(c.Args[1:], s))
	}
}

// needleArray packs list elements into one JSON array of strings.
func (g *gen) needleArray(items []sema.Expr, s *scope) string {
	var scalars, lists []string
	allLiterals := true
	for _, a := range items {
		switch {
		case isSubquery(a):
			allLiterals = false
			r := g.subquery(a.(*sema.Subquery))
			lists = append(lists, "(SELECT coalesce(list("+textOf(sqlrepr_quote(r.cols[0]), r.schema[0].Type)+"), []) FROM "+r.name+")")
		case a.Type() == table.Dynamic:
			allLiterals = allLiterals && isLiteral(a)
			lists = append(lists, "list_transform(CAST(json_extract("+g.expr(a, s)+", '$[*]') AS JSON[]), e -> kql_tostring_dynamic(e))")
		default:
			allLiterals = allLiterals && isLiteral(a)
			scalars = append(scalars, textOf(g.expr(a, s), a.Type()))
		}
	}
	if allLiterals && len(lists) == 0 {
		var vals []any
		for _, a := range items {
			vals = append(vals, a.(*sema.Literal).Value)
		}
		return literal(table.Dynamic, vals)
	}
	if len(scalars) > 0 {
		lists = append(lists, "["+join(scalars, ", ")+"]")
	}
	return "to_json(flatten([" + join(lists, ", ") + "]))"
}

func isLiteral(e sema.Expr) bool { _, ok := e.(*sema.Literal); return ok }

// textOf converts SQL of type t to its KQL string form.
func textOf(x string, t table.Type) string {
	if t == table.String {
		return x
	}
	return registryExpand("tostring", []table.Type{t}, x)
}
