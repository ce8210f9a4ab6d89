package sqlgen

import (
	"strings"

	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/table"
)

// expandUnordered translates an mv-expand of one item, without index
// column or limit, whose output order cannot show (plan.Expand.Unordered):
// DuckDB's unnest of the value's elements as a list, which parses each
// value once, instead of picking element i by index, which parses the
// value again for every element. The elements are the same as expand's:
// an array's elements, a bag's properties, a scalar or null itself.
func (g *gen) expandUnordered(n *plan.Expand) (*rel, bool) {
	if !n.Unordered || len(n.Items) != 1 || n.Index != "" || n.Limit != nil {
		return nil, false
	}
	in := g.rel(n.In)
	item := n.Items[0]
	r1 := g.emit("SELECT "+selectList(in.cols, in.cols)+", "+g.expr(item.Expr, in.scope(""))+" FROM "+in.name, withItemColumn(in), false)

	out := make([]string, len(n.Cols))
	for i, c := range n.Cols {
		if c.Name == item.Name {
			out[i] = "unnest(" + elementList(quoted(r1, itemColumn(0)), n.BagArray) + ")"
		} else {
			out[i] = quoted(r1, c.Name)
		}
	}
	return g.emit("SELECT "+strings.Join(out, ", ")+" FROM "+r1.name, n.Cols, false), true
}

// withItemColumn is in's schema and the dynamic item column of a
// one-item expand.
func withItemColumn(in *rel) []table.Column {
	return append(append([]table.Column(nil), in.schema...), table.Column{Name: itemColumn(0), Type: table.Dynamic})
}

// elementList is the list of the elements a dynamic value expands to (see
// elementAt): an array's, a bag's properties as one-property bags or
// [key, value] arrays, a scalar or null as a list of itself.
func elementList(e string, bagArray bool) string {
	pointer := "'/' || replace(replace(__k, '~', '~0'), '/', '~1')"
	pair := "json_object(__k, json_extract(" + e + ", " + pointer + "))"
	if bagArray {
		pair = "json_array(__k, json_extract(" + e + ", " + pointer + "))"
	}
	return "CASE json_type(" + e + ") WHEN 'ARRAY' THEN CAST(" + e + " AS JSON[])" +
		" WHEN 'OBJECT' THEN list_transform(json_keys(" + e + "), __k -> " + pair + ")" +
		" ELSE [" + e + "] END"
}
