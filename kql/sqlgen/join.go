package sqlgen

import (
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// ordered is a relation with a hidden last column numbering its rows in
// input order: joins sort their output by it, so results come out in a
// deterministic order (left rows first, then right rows), and innerunique
// keeps the first left row of each key. A join whose order cannot show
// (plan.Join.Unordered) reads its inputs as they are (n = all columns).
type ordered struct {
	*rel
	n int // the columns before the row number
}

// numbered adds the row-number column to a relation.
func (g *gen) numbered(in *rel) ordered {
	schema := append(append([]table.Column(nil), in.schema...), table.Column{Name: "__row", Type: table.Long})
	r := g.emit("SELECT "+selectList(in.cols, in.cols)+", row_number() OVER () FROM "+in.name, schema, false)
	return ordered{rel: r, n: len(in.schema)}
}

// ord is the qualified SQL reference of the row number ("" when the
// relation is not numbered).
func (o ordered) ord(qualifier string) string {
	if o.n >= len(o.cols) {
		return ""
	}
	return qualifier + "." + sqlrepr.QuoteIdent(o.cols[o.n])
}

// refs maps the relation's KQL columns (not the row number) to qualified
// SQL references.
func (o ordered) refs(qualifier string) map[string]string {
	m := map[string]string{}
	for i := 0; i < o.n; i++ {
		m[o.schema[i].Name] = qualifier + "." + sqlrepr.QuoteIdent(o.cols[i])
	}
	return m
}

// join translates a join or lookup. Keys compare with SQL equality, so
// null keys never match, as in Kusto; strings are never null, so empty
// strings do match each other.
func (g *gen) join(n *plan.Join) *rel {
	left, distinct := g.distinctLeft(n)
	if !distinct {
		left = g.joinInput(n.Left, !n.Unordered || n.Kind == sema.JoinInnerUnique)
	}
	right := g.joinInput(n.Right, !n.Unordered)
	if n.Kind == sema.JoinInnerUnique && !distinct {
		left = g.firstPerKey(left, n.On)
	}
	s := &scope{left: left.refs("l"), right: right.refs("r")}
	conds := make([]string, 0, len(n.On)+1)
	for _, c := range n.On {
		conds = append(conds, joinKey(g.expr(c.Left, s), c.Left)+" = "+joinKey(g.expr(c.Right, s), c.Right))
	}
	if n.Where != nil {
		conds = append(conds, "coalesce("+g.expr(n.Where, s)+", false)")
	}
	on := strings.Join(conds, " AND ")
	lfrom, rfrom := left.name+" AS l", right.name+" AS r"
	switch n.Kind {
	case sema.JoinLeftSemi, sema.JoinLeftAnti:
		return g.emit("SELECT "+sideList(left, "l", n.LeftCols, false)+" FROM "+lfrom+" WHERE "+
			notIf(n.Kind == sema.JoinLeftAnti)+"EXISTS (SELECT 1 FROM "+rfrom+" WHERE "+on+")"+orderBy(!n.Unordered, left.ord("l")), n.Cols, false)
	case sema.JoinRightSemi, sema.JoinRightAnti:
		return g.emit("SELECT "+sideList(right, "r", n.RightCols, false)+" FROM "+rfrom+" WHERE "+
			notIf(n.Kind == sema.JoinRightAnti)+"EXISTS (SELECT 1 FROM "+lfrom+" WHERE "+on+")"+orderBy(!n.Unordered, right.ord("r")), n.Cols, false)
	}
	op := map[sema.JoinKind]string{sema.JoinLeftOuter: "LEFT", sema.JoinRightOuter: "RIGHT", sema.JoinFullOuter: "FULL"}[n.Kind]
	if op == "" {
		op = "INNER"
	}
	leftNullable := n.Kind == sema.JoinRightOuter || n.Kind == sema.JoinFullOuter
	rightNullable := n.Kind == sema.JoinLeftOuter || n.Kind == sema.JoinFullOuter
	cols := sideList(left, "l", n.LeftCols, leftNullable)
	if rc := sideList(right, "r", n.RightCols, rightNullable); rc != "" {
		if cols != "" {
			cols += ", "
		}
		cols += rc
	}
	body := "SELECT " + cols + " FROM " + lfrom + " " + op + " JOIN " + rfrom + " ON " + on
	if !n.Unordered {
		body += " ORDER BY " + left.ord("l") + " NULLS LAST, " + right.ord("r") + " NULLS LAST"
	}
	return g.emit(body, n.Cols, false)
}

// joinInput is one side of a join, numbered when its order is needed.
func (g *gen) joinInput(n plan.Node, number bool) ordered {
	r := g.rel(n)
	if !number {
		return ordered{rel: r, n: len(r.schema)}
	}
	return g.numbered(r)
}

// orderBy is an ORDER BY clause, or nothing when the order is not needed.
func orderBy(needed bool, keys string) string {
	if !needed {
		return ""
	}
	return " ORDER BY " + keys
}

// joinKey is the SQL of a key: a string key reads NULL as "" (a NULL
// string can still come out of a step mid-query; in KQL it is the empty
// string, which matches other empty strings).
func joinKey(sql string, e sema.Expr) string {
	if e.Type() == table.String {
		return "coalesce(" + sql + ", '')"
	}
	return sql
}

// firstPerKey keeps the first row (in input order) of each join key: the
// left side of innerunique, which Kusto de-duplicates on the keys.
func (g *gen) firstPerKey(in ordered, on []sema.JoinCond) ordered {
	s := &scope{cols: in.refs(in.name)}
	keys := make([]string, len(on))
	for i, c := range on {
		left := c.Left
		if ref, ok := left.(*sema.ColumnRef); ok {
			left = &sema.ColumnRef{Name: ref.Name, T: ref.T}
		}
		keys[i] = joinKey(g.expr(left, s), left)
	}
	body := "SELECT " + selectList(in.cols, in.cols) + " FROM " + in.name +
		" QUALIFY row_number() OVER (PARTITION BY " + strings.Join(keys, ", ") + " ORDER BY " + in.ord(in.name) + ") = 1"
	return ordered{rel: g.emit(body, in.schema, false), n: in.n}
}

// sideList selects the output columns of one side of a join; names[i] is
// "" for a column left out. On the side an outer join pads with nulls,
// string columns read "" (KQL strings are never null).
func sideList(o ordered, qualifier string, names []string, nullable bool) string {
	var parts []string
	for i := 0; i < o.n; i++ {
		if names[i] == "" {
			continue
		}
		ref := qualifier + "." + sqlrepr.QuoteIdent(o.cols[i])
		if nullable && o.schema[i].Type == table.String {
			ref = "coalesce(" + ref + ", '')"
		}
		parts = append(parts, ref)
	}
	return strings.Join(parts, ", ")
}

func notIf(b bool) string {
	if b {
		return "NOT "
	}
	return ""
}
