package sqlgen

import (
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// scalarSQL translates scalar functions whose SQL depends on how many
// arguments of which kind the call has.
func scalarSQL() map[string]translation {
	return map[string]translation{
		"array_sort_asc":  arraySort(true),
		"array_sort_desc": arraySort(false),
		"repeat":          repeatValue,
		"array_split":     arraySplit,
		"weekofyear":      simple("CAST(weekofyear($1) AS INTEGER)"),
		"datepart":        datetimePart,
		"dynamic_to_json": dynamicToJSON,
		"bin_auto":        binAuto,
	}
}

// binAuto is bin_auto(x) as sema resolved it: bin(x, size) or
// bin_at(x, size, at) with the query's set sizes.
func binAuto(g *gen, c *sema.Call, s *scope) string {
	name := "bin"
	if len(c.Args) == 3 {
		name = "bin_at"
	}
	f, _ := sema.LookupFunction(name)
	return g.call(&sema.Call{Fn: f, Args: c.Args, T: c.T}, s)
}

// dynamicToJSON is dynamic_to_json(x): compact JSON with the keys of
// every bag sorted (Go's encoder sorts them); other types as tostring().
func dynamicToJSON(g *gen, c *sema.Call, s *scope) string {
	x := g.expr(c.Args[0], s)
	if c.Args[0].Type() != table.Dynamic {
		return textOf(x, c.Args[0].Type())
	}
	return "coalesce(kql_json_text(" + x + "), '')"
}

// repeatValue is repeat(value, count): the value as it reads in JSON.
func repeatValue(g *gen, c *sema.Call, s *scope) string {
	return registryExpand("repeat", []table.Type{table.Dynamic, table.Long}, g.jsonOf(c.Args[0], s),
		"CAST("+g.expr(c.Args[1], s)+" AS BIGINT)")
}

// arraySplit is array_split(array, index or indexes): a single index is
// packed into an array.
func arraySplit(g *gen, c *sema.Call, s *scope) string {
	idx := g.jsonOf(c.Args[1], s)
	if c.Args[1].Type() != table.Dynamic {
		idx = "json_array(" + g.expr(c.Args[1], s) + ")"
	}
	return registryExpand("array_split", []table.Type{table.Dynamic, table.Dynamic}, g.expr(c.Args[0], s), idx)
}

// arraySort is array_sort_asc/desc: one array through the registry; with
// several, kql_array_sort_many over the packed arrays gives one sorted
// array per argument (sema picks each as a column).
func arraySort(asc bool) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		if sema.SortedArrayCount(c) < 2 {
			return g.registry(c, s)
		}
		var arrays []string
		nullsLast := "true"
		for _, a := range c.Args {
			if a.Type() == table.Dynamic {
				arrays = append(arrays, g.expr(a, s))
			} else {
				nullsLast = "coalesce(" + g.expr(a, s) + ", true)"
			}
		}
		dir := "false"
		if asc {
			dir = "true"
		}
		return "kql_array_sort_many(json_array(" + join(arrays, ", ") + "), " + dir + ", " + nullsLast + ")"
	}
}
