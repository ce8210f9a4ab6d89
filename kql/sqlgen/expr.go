package sqlgen

import (
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// scope maps the KQL columns an expression can read to SQL references:
// the row's columns, or each side of a join condition.
type scope struct {
	cols        map[string]string
	left, right map[string]string
	// ord is the SQL column holding the row order, for window functions,
	// and from the relation they read (row_window_session reads it whole).
	ord, from string
}

// expr translates a typed expression to SQL of its type's representation.
func (g *gen) expr(e sema.Expr, s *scope) string {
	switch e := e.(type) {
	case *sema.Literal:
		return literal(e.T, e.Value)
	case *sema.ColumnRef:
		m := s.cols
		switch e.Side {
		case sema.SideLeft:
			m = s.left
		case sema.SideRight:
			m = s.right
		}
		if ref, ok := m[e.Name]; ok {
			return ref
		}
		fail("column %q is not in scope", e.Name)
	case *sema.Subquery:
		r := g.subquery(e)
		if len(r.cols) == 0 {
			fail("subquery without columns")
		}
		return "(SELECT " + sqlrepr.QuoteIdent(r.cols[0]) + " FROM " + r.name + " LIMIT 1)"
	case *sema.Call:
		return g.call(e, s)
	case *sema.TypeArg:
		fail("a type is not a value")
	}
	fail("cannot translate expression %T", e)
	return ""
}

// subquery translates the plan of a subquery expression.
func (g *gen) subquery(e *sema.Subquery) *rel {
	n, ok := g.q.Subqueries[e]
	if !ok || n == nil {
		fail("subquery without a plan")
	}
	return g.rel(n)
}

// args translates the arguments of a call.
func (g *gen) args(c *sema.Call, s *scope) []string {
	out := make([]string, len(c.Args))
	for i, a := range c.Args {
		out[i] = g.expr(a, s)
	}
	return out
}

// call translates a function or operator call through the translation
// table, falling back to the engine's registry (sqlrepr) for functions
// whose SQL only depends on argument types.
func (g *gen) call(c *sema.Call, s *scope) string {
	if t, ok := translations()[c.Fn.Name]; ok {
		return t(g, c, s)
	}
	if c.Fn.Canonical != "" && !registryHas(c.Fn.Name) {
		// An alias without its own entry is written as its canonical
		// function (extractjson as extract_json).
		if t, ok := translations()[c.Fn.Canonical]; ok {
			return t(g, c, s)
		}
		return g.registryNamed(c.Fn.Canonical, c, s)
	}
	return g.registry(c, s)
}

// registry translates a call with the engine registry's overload for the
// argument types.
func (g *gen) registry(c *sema.Call, s *scope) string {
	return g.registryNamed(c.Fn.Name, c, s)
}

// registryNamed translates a call with the registry overloads of the
// named function.
func (g *gen) registryNamed(name string, c *sema.Call, s *scope) string {
	types := make([]table.Type, len(c.Args))
	for i, a := range c.Args {
		types[i] = a.Type()
	}
	f, ok := sqlrepr.Resolve(name, types)
	if !ok {
		fail("no SQL for %s(%s)", c.Fn.Name, typeList(types))
	}
	out, err := f.Expand(g.args(c, s)...)
	if err != nil {
		fail("%v", err)
	}
	return out
}

func typeList(ts []table.Type) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.String()
	}
	return strings.Join(parts, ", ")
}

// registryExpand translates with a named registry function and explicit
// argument SQL (for translations that adapt arguments first).
func registryExpand(name string, types []table.Type, args ...string) string {
	f, ok := sqlrepr.Resolve(name, types)
	if !ok {
		fail("no SQL for %s(%s)", name, typeList(types))
	}
	out, err := f.Expand(args...)
	if err != nil {
		fail("%v", err)
	}
	return out
}

// jsonOf is the SQL of a value as a JSON (dynamic) value: datetimes and
// timespans as Kusto's text forms, other scalars as themselves.
func (g *gen) jsonOf(e sema.Expr, s *scope) string {
	x := g.expr(e, s)
	return jsonOfSQL(x, e.Type())
}

func jsonOfSQL(x string, t table.Type) string {
	switch t {
	case table.Dynamic:
		return x
	case table.DateTime:
		return "to_json(kql_tostring_datetime(" + x + "))"
	case table.TimeSpan:
		return "to_json(kql_tostring_timespan(" + x + "))"
	case table.GUID:
		return "to_json(CAST(" + x + " AS VARCHAR))"
	case table.Decimal:
		return "to_json(CAST(" + x + " AS DOUBLE))"
	}
	return "to_json(" + x + ")"
}

// sqlString is the SQL of a string constant.
func sqlString(s string) string { return literal(table.String, s) }
