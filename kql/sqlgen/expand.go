package sqlgen

import (
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/table"
)

// expand translates mv-expand in three steps: the arrays computed once
// per input row with the row's position; one row per element index up to
// the longest array (null counts one element, an empty array or bag none,
// capped by the limit); the elements picked by index, in input order
// unless the consumer cannot see the order (plan.Expand.Unordered).
func (g *gen) expand(n *plan.Expand) *rel {
	if r, ok := g.expandUnordered(n); ok {
		return r
	}
	in := g.rel(n.In)
	s := in.scope("")
	sel := []string{selectList(in.cols, in.cols)}
	withItems := append([]table.Column(nil), in.schema...)
	for i, it := range n.Items {
		sel = append(sel, g.expr(it.Expr, s))
		withItems = append(withItems, table.Column{Name: itemColumn(i), Type: table.Dynamic})
	}
	if !n.Unordered {
		sel = append(sel, "row_number() OVER ()")
		withItems = append(withItems, table.Column{Name: ordColumn, Type: table.Long})
	}
	r1 := g.emit("SELECT "+strings.Join(sel, ", ")+" FROM "+in.name, withItems, false)

	var counts []string
	for i := range n.Items {
		counts = append(counts, elementCount(quoted(r1, itemColumn(i))))
	}
	count := "greatest(" + strings.Join(counts, ", ") + ")"
	if n.Limit != nil {
		count = "least(" + count + ", " + g.count(n.Limit) + ")"
	}
	indexed := append(append([]table.Column(nil), withItems...), table.Column{Name: "__i", Type: table.Long})
	r2 := g.emit("SELECT "+selectList(r1.cols, r1.cols)+", unnest(range(0, CAST("+count+" AS BIGINT))) FROM "+r1.name, indexed, false)

	idx := quoted(r2, "__i")
	out := make([]string, len(n.Cols))
	for i, c := range n.Cols {
		switch {
		case c.Name == n.Index && n.Index != "":
			out[i] = idx
		case itemIndex(n, c.Name) >= 0:
			out[i] = elementAt(quoted(r2, itemColumn(itemIndex(n, c.Name))), idx, n.BagArray)
		default:
			out[i] = quoted(r2, c.Name)
		}
	}
	order := ""
	if !n.Unordered {
		order = " ORDER BY " + quoted(r2, ordColumn) + ", " + idx
	}
	return g.emit("SELECT "+strings.Join(out, ", ")+" FROM "+r2.name+order, n.Cols, false)
}

func itemColumn(i int) string { return "__e" + strconv.Itoa(i) }

func itemIndex(n *plan.Expand, name string) int {
	for i, it := range n.Items {
		if it.Name == name {
			return i
		}
	}
	return -1
}

// quoted is the SQL reference of a KQL column of r.
func quoted(r *rel, name string) string {
	ref, ok := r.ref(name)
	if !ok {
		fail("column %q is not in step %s", name, r.name)
	}
	return ref
}

// elementCount is how many rows a dynamic value expands to.
func elementCount(e string) string {
	return "CASE WHEN " + e + " IS NULL THEN 1 WHEN json_type(" + e + ") = 'ARRAY' THEN json_array_length(" + e + ")" +
		" WHEN json_type(" + e + ") = 'OBJECT' THEN len(json_keys(" + e + ")) ELSE 1 END"
}

// elementAt is element i of an array; of a bag, its i-th property as a
// one-property bag or a [key, value] array; a scalar is its own element 0.
func elementAt(e, i string, bagArray bool) string {
	key := "json_keys(" + e + ")[" + i + " + 1]"
	pointer := "'/' || replace(replace(" + key + ", '~', '~0'), '/', '~1')"
	pair := "json_object(" + key + ", json_extract(" + e + ", " + pointer + "))"
	if bagArray {
		pair = "json_array(" + key + ", json_extract(" + e + ", " + pointer + "))"
	}
	return "CASE WHEN json_type(" + e + ") = 'ARRAY' THEN json_extract(" + e + ", " + i + ")" +
		" WHEN json_type(" + e + ") = 'OBJECT' THEN CASE WHEN " + i + " < len(json_keys(" + e + ")) THEN " + pair + " END" +
		" WHEN " + i + " = 0 THEN " + e + " END"
}
