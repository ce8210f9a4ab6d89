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
	}
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
