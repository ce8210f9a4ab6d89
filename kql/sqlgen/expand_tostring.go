package sqlgen

import (
	"strings"

	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// expandToString translates `mv-expand x = e to typeof(string)` feeding an
// aggregation (the Project converting the item over an unordered Expand
// of one item without index or limit) as one unnest of the converted
// elements. It yields what the two steps yield, element by element: a
// string's text, "" for any other element (number, bool, null, array,
// bag), one "" per property of a bag, and no rows for an empty array or
// bag; but an array's string elements are unquoted with string functions
// instead of parsed twice each (json_type, then their text). The unnest
// stays in the select list: in FROM (a lateral join) DuckDB runs it about
// twice as fast but holds all elements of a row at once, and the longest
// arrays (range() makes 1M elements) then exceed a 1 GiB memory limit.
func (g *gen) expandToString(p *plan.Project) (*rel, bool) {
	n, ok := p.In.(*plan.Expand)
	if !ok || !n.ToString || !n.Unordered || len(n.Items) != 1 || n.Index != "" || n.Limit != nil || !convertsOnly(p, n) {
		return nil, false
	}
	in := g.rel(n.In)
	item := n.Items[0]
	r1 := g.emit("SELECT "+selectList(in.cols, in.cols)+", "+g.expr(item.Expr, in.scope(""))+" FROM "+in.name,
		withItemColumn(in), false)
	out := make([]string, len(n.Cols))
	for i, c := range n.Cols {
		if c.Name == item.Name {
			out[i] = "unnest(" + stringElementList(quoted(r1, itemColumn(0))) + ")"
		} else {
			out[i] = quoted(r1, c.Name)
		}
	}
	return g.emit("SELECT "+strings.Join(out, ", ")+" FROM "+r1.name, p.Schema(), false), true
}

// convertsOnly reports whether p is the builder's projection over n: the
// same columns in the same order, each passed through except the item,
// which is converted to string.
func convertsOnly(p *plan.Project, n *plan.Expand) bool {
	if len(p.Cols) != len(n.Cols) {
		return false
	}
	for i, c := range p.Cols {
		if c.Name != n.Cols[i].Name {
			return false
		}
		if c.Name == n.Items[0].Name {
			if call, ok := c.Expr.(*sema.Call); !ok || call.T != table.String {
				return false
			}
			continue
		}
		if ref, ok := c.Expr.(*sema.ColumnRef); !ok || ref.Name != c.Name || ref.Side != sema.SideRow {
			return false
		}
	}
	return true
}

// stringOnlyArray matches the compact JSON text of an array whose
// elements are all strings (and no nulls): DuckDB's cast of such an array
// to VARCHAR[] gives the strings' texts in one parse. Any other text,
// spaced JSON included, takes the element-wise conversion.
const stringOnlyArray = `\[("([^"\\]|\\.)*"(,"([^"\\]|\\.)*")*)?\]`

// stringElementList is the list of the elements e expands to (see
// elementList), each converted as `to typeof(string)` converts it. An
// array element cast from JSON[] is compact JSON text, so a string
// element starts with a quote and, without a backslash, its text is what
// lies between the quotes; an escaped one is decoded by json_extract_string.
func stringElementList(e string) string {
	str := "CASE WHEN starts_with(CAST(__x AS VARCHAR), '\"') THEN CASE WHEN contains(CAST(__x AS VARCHAR), '\\')" +
		" THEN coalesce(json_extract_string(__x, '$'), '') ELSE CAST(__x AS VARCHAR)[2:-2] END ELSE '' END"
	return "CASE WHEN regexp_full_match(CAST(" + e + " AS VARCHAR), '" + stringOnlyArray + "') THEN CAST(" + e + " AS VARCHAR[])" +
		" ELSE CASE json_type(" + e + ") WHEN 'ARRAY' THEN list_transform(CAST(" + e + " AS JSON[]), __x -> " + str + ")" +
		" WHEN 'OBJECT' THEN list_transform(json_keys(" + e + "), __k -> '')" +
		" WHEN 'VARCHAR' THEN [coalesce(json_extract_string(" + e + ", '$'), '')] ELSE [''] END END"
}
