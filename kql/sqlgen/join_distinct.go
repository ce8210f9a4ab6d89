package sqlgen

import (
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/kql/sema"
)

// distinctLeft is the left side of an innerunique join whose output order
// cannot show (plan.Join.Unordered) and whose left columns are all join
// keys (the usual "project the keys, join" shape): every left row of a key
// is then the same row, so SELECT DISTINCT de-duplicates it without
// numbering the rows and ranking them per key. ok is false otherwise.
func (g *gen) distinctLeft(n *plan.Join) (left ordered, ok bool) {
	if n.Kind != sema.JoinInnerUnique || !n.Unordered {
		return ordered{}, false
	}
	keys := map[string]bool{}
	for _, c := range n.On {
		ref, isRef := c.Left.(*sema.ColumnRef)
		if !isRef {
			return ordered{}, false
		}
		keys[ref.Name] = true
	}
	for _, c := range n.Left.Schema() {
		if !keys[c.Name] {
			return ordered{}, false
		}
	}
	in := g.rel(n.Left)
	sel := make([]string, len(in.cols))
	for i, c := range in.schema {
		// as joinKey: a NULL string is the empty string, one key not two
		sel[i] = joinKey(sqlrepr.QuoteIdent(in.cols[i]), &sema.ColumnRef{Name: c.Name, T: c.Type})
	}
	r := g.emit("SELECT DISTINCT "+strings.Join(sel, ", ")+" FROM "+in.name, in.schema, false)
	return ordered{rel: r, n: len(r.schema)}, true
}
