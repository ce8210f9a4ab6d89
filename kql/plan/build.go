package plan

import (
	"fmt"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// Query is a planned query: its root, and the plan of every subquery its
// expressions contain (toscalar, `in (T)`), keyed by the subquery.
type Query struct {
	Root       Node
	Subqueries map[*sema.Subquery]Node
}

// Build lowers a checked query to a logical plan. Shared subexpressions
// (let-bound tables, materialize) become one Shared node each.
func Build(t sema.Tabular) *Query {
	b := &builder{shared: map[*sema.Ref]*Shared{}, q: &Query{Subqueries: map[*sema.Subquery]Node{}}}
	b.q.Root = b.node(t)
	return b.q
}

type builder struct {
	shared map[*sema.Ref]*Shared
	q      *Query
	// groups is the numbered outer relation of the mv-apply or partition
	// being lowered (every ApplyRowColumn value), for FillGroups.
	groups Node
}

// node lowers one checked operator.
func (b *builder) node(t sema.Tabular) Node {
	switch t := t.(type) {
	case *sema.TableScan:
		return &Scan{Table: t.Name, Ref: t.Ref, Result: t.Result, Cols: t.Cols}
	case *sema.DataTable:
		return &Values{Cols: t.Cols, Rows: t.Rows}
	case *sema.RangeSource:
		b.exprs(t.From, t.To, t.Step)
		return &Range{Name: t.Name, T: t.T, From: t.From, To: t.To, Step: t.Step}
	case *sema.Print:
		b.named(t.Cols)
		return &Project{In: &SingleRow{}, Cols: t.Cols}
	case *sema.Filter:
		b.exprs(t.Pred)
		return &Filter{In: b.node(t.In), Pred: t.Pred}
	case *sema.Extend:
		b.named(t.Cols)
		return b.extend(b.node(t.In), t.Cols)
	case *sema.Project:
		b.named(t.Cols)
		return &Project{In: b.node(t.In), Cols: t.Cols}
	case *sema.Summarize:
		b.named(t.Keys)
		for _, a := range t.Aggs {
			b.exprs(a.Expr)
		}
		return &Aggregate{In: b.node(t.In), Keys: t.Keys, Aggs: t.Aggs}
	case *sema.Sort:
		b.sortKeys(t.Keys)
		return &Sort{In: b.node(t.In), Keys: t.Keys}
	case *sema.Take:
		b.exprs(t.N)
		return &Limit{In: b.node(t.In), N: t.N}
	case *sema.Top:
		b.sortKeys(t.Keys)
		b.exprs(t.N)
		return &Sort{In: b.node(t.In), Keys: t.Keys, Limit: t.N}
	case *sema.Ref:
		return b.ref(t)
	case *sema.Window:
		b.named(t.Cols)
		return b.window(b.node(t.In), t)
	case *sema.Sample:
		b.exprs(t.N)
		return &Sample{In: b.node(t.In), N: t.N}
	}
	return b.node2(t)
}

// ref lowers a shared subexpression once, however often it is used.
func (b *builder) ref(t *sema.Ref) Node {
	if s, ok := b.shared[t]; ok {
		return s
	}
	s := &Shared{Name: t.Name, Materialized: t.Materialized}
	b.shared[t] = s
	s.In = b.node(t.Query)
	return s
}

// extend lowers columns added to the input. A column that uses another
// computed in the same extend starts a new projection, so each SQL step
// only reads columns of its input.
func (b *builder) extend(in Node, cols []sema.NamedExpr) Node {
	cur := columnRefs(in.Schema())
	defined := map[string]bool{}
	for _, c := range cols {
		if usesAny(c.Expr, defined) {
			in = &Project{In: in, Cols: cur}
			cur = columnRefs(in.Schema())
			defined = map[string]bool{}
		}
		cur = setNamed(cur, c)
		defined[c.Name] = true
	}
	return &Project{In: in, Cols: cur}
}

// window lowers window columns the same way, one Window per dependency
// level.
func (b *builder) window(in Node, t *sema.Window) Node {
	cols, hidden := hoistRestarts(t.Cols, in.Schema())
	var group []sema.NamedExpr
	defined := map[string]bool{}
	flush := func() {
		out := append([]table.Column(nil), in.Schema()...)
		for _, c := range group {
			out = setCol(out, c.Name, c.Expr.Type())
		}
		in = &Window{In: in, Cols: group, Out: out}
		group, defined = nil, map[string]bool{}
	}
	for _, c := range cols {
		if usesAny(c.Expr, defined) {
			flush()
		}
		group = append(group, c)
		defined[c.Name] = true
	}
	if len(group) > 0 || len(t.Cols) == 0 {
		flush()
	}
	if len(hidden) > 0 {
		var visible []sema.NamedExpr
		for _, c := range columnRefs(in.Schema()) {
			if !hidden[c.Name] {
				visible = append(visible, c)
			}
		}
		in = &Project{In: in, Cols: visible}
	}
	return in
}

func columnRefs(cols []table.Column) []sema.NamedExpr {
	out := make([]sema.NamedExpr, len(cols))
	for i, c := range cols {
		out[i] = sema.NamedExpr{Name: c.Name, Expr: &sema.ColumnRef{Name: c.Name, T: c.Type}}
	}
	return out
}

// setNamed replaces the column of that name in place, or appends it.
func setNamed(cols []sema.NamedExpr, c sema.NamedExpr) []sema.NamedExpr {
	out := append([]sema.NamedExpr(nil), cols...)
	for i := range out {
		if out[i].Name == c.Name {
			out[i] = c
			return out
		}
	}
	return append(out, c)
}

func setCol(cols []table.Column, name string, t table.Type) []table.Column {
	for i := range cols {
		if cols[i].Name == name {
			cols[i].Type = t
			return cols
		}
	}
	return append(cols, table.Column{Name: name, Type: t})
}

// usesAny reports whether e reads one of the named row columns.
func usesAny(e sema.Expr, names map[string]bool) bool {
	found := false
	sema.Walk(e, func(x sema.Expr) bool {
		if r, ok := x.(*sema.ColumnRef); ok && r.Side == sema.SideRow && names[r.Name] {
			found = true
		}
		return !found
	})
	return found
}

// exprs plans the subqueries inside expressions.
func (b *builder) exprs(es ...sema.Expr) {
	for _, e := range es {
		if e == nil {
			continue
		}
		sema.Walk(e, func(x sema.Expr) bool {
			if s, ok := x.(*sema.Subquery); ok {
				if _, done := b.q.Subqueries[s]; !done {
					b.q.Subqueries[s] = nil // guard against cycles while planning
					b.q.Subqueries[s] = b.node(s.Query)
				}
			}
			return true
		})
	}
}

func (b *builder) named(cols []sema.NamedExpr) {
	for _, c := range cols {
		b.exprs(c.Expr)
	}
}

func (b *builder) sortKeys(keys []sema.SortKey) {
	for _, k := range keys {
		b.exprs(k.Expr)
	}
}

// node2 lowers the operators that combine or reshape tables.
func (b *builder) node2(t sema.Tabular) Node {
	switch t := t.(type) {
	case *sema.Plugin:
		return b.plugin(t)
	case *sema.IPLookup:
		return b.ipLookup(t)
	case *sema.Join:
		return b.join(t)
	case *sema.Union:
		return b.union(t)
	case *sema.ExternalData:
		return b.externalData(t)
	case *sema.TopNested:
		return b.topNested(t)
	case *sema.Scan:
		return b.scan(t)
	case *sema.MvExpand:
		return b.mvExpand(t)
	case *sema.Parse:
		return b.parse(t)
	case *sema.MakeSeries:
		return b.makeSeries(t)
	case *sema.MvApply:
		return b.mvApply(t)
	case *sema.PartitionGroups:
		return b.partitionGroups(t)
	}
	panic(fmt.Sprintf("plan: cannot lower %T", t))
}

// BuildScalar plans the computation of one scalar value (a let-bound
// expression evaluated once): a single row with column v.
func BuildScalar(e sema.Expr) *Query {
	b := &builder{shared: map[*sema.Ref]*Shared{}, q: &Query{Subqueries: map[*sema.Subquery]Node{}}}
	b.exprs(e)
	b.q.Root = &Project{In: &SingleRow{}, Cols: []sema.NamedExpr{{Name: "v", Expr: e}}}
	return b.q
}

// BuildDistinct plans the distinct non-null values of e over in (the
// elements, when e is a dynamic array), at most limit of them, sorted.
func BuildDistinct(in sema.Tabular, e sema.Expr, limit int) *Query {
	b := &builder{shared: map[*sema.Ref]*Shared{}, q: &Query{Subqueries: map[*sema.Subquery]Node{}}}
	b.exprs(e)
	var n Node = &Project{In: b.node(in), Cols: []sema.NamedExpr{{Name: "v", Expr: e}}}
	v := &sema.ColumnRef{Name: "v", T: e.Type()}
	if e.Type() == table.Dynamic {
		n = &Expand{In: n, Items: []sema.MvItem{{Expr: v, Name: "v", To: table.Dynamic}},
			Cols: []table.Column{{Name: "v", Type: table.Dynamic}}}
	}
	isnotnull, _ := sema.LookupFunction("isnotnull")
	n = &Filter{In: n, Pred: &sema.Call{Fn: isnotnull, Args: []sema.Expr{v}, T: table.Bool}}
	n = &Aggregate{In: n, Keys: []sema.NamedExpr{{Name: "v", Expr: v}}}
	n = &Sort{In: n, Keys: []sema.SortKey{{Expr: v}}, Limit: &sema.Literal{T: table.Long, Value: int64(limit)}}
	b.q.Root = n
	return b.q
}
