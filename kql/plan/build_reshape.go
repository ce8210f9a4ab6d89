package plan

import (
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// mvExpand lowers mv-expand: an Expand of dynamic elements, then a
// projection converting the `to typeof(T)` items.
func (b *builder) mvExpand(t *sema.MvExpand) Node {
	return b.mvExpandOver(t, b.node(t.In))
}

// mvExpandOver lowers mv-expand over an already lowered input (which may
// carry hidden columns, inside mv-apply).
func (b *builder) mvExpandOver(t *sema.MvExpand, in Node) Node {
	for _, it := range t.Items {
		b.exprs(it.Expr)
	}
	b.exprs(t.Limit)
	items := make([]sema.MvItem, len(t.Items))
	typed := false
	for i, it := range t.Items {
		items[i] = sema.MvItem{Expr: it.Expr, Name: it.Name, To: table.Dynamic}
		typed = typed || it.To != table.Dynamic
	}
	dyn := append([]table.Column(nil), in.Schema()...)
	for _, it := range t.Items {
		dyn = setCol(dyn, it.Name, table.Dynamic)
	}
	if t.Index != "" {
		dyn = append(dyn, table.Column{Name: t.Index, Type: table.Long})
	}
	toString := len(t.Items) == 1 && t.Items[0].To == table.String
	var n Node = &Expand{In: in, Items: items, BagArray: t.BagArray, Index: t.Index, Limit: t.Limit, Cols: dyn, ToString: toString}
	if !typed {
		return n
	}
	cols := columnRefs(dyn)
	for _, it := range t.Items {
		if it.To == table.Dynamic {
			continue
		}
		for i := range cols {
			if cols[i].Name == it.Name {
				cols[i].Expr = castOnly(cols[i].Expr, it.To)
			}
		}
	}
	return &Project{In: n, Cols: cols}
}

// castTypes are the dynamic value types (gettype) that `to typeof(T)`
// accepts for each T: Kusto casts and does not parse, so other elements
// become null (strings still carry datetimes, timespans and guids in
// dynamic values).
var castTypes = map[table.Type][]string{
	table.Long: {"long", "int"}, table.Int: {"long", "int"}, table.Real: {"long", "int", "real"},
	table.Decimal: {"long", "int", "real", "decimal"}, table.Bool: {"bool"}, table.String: {"string"},
	table.DateTime: {"datetime", "string"}, table.TimeSpan: {"timespan", "string"}, table.GUID: {"guid", "string"},
}

// castOnly is iff(gettype(e) is accepted, convert(e), null of t).
func castOnly(e sema.Expr, t table.Type) sema.Expr {
	fn := func(name string) *sema.Function {
		f, ok := sema.LookupFunction(name)
		if !ok {
			panic("plan: no function " + name)
		}
		return f
	}
	typ := &sema.Call{Fn: fn("gettype"), Args: []sema.Expr{e}, T: table.String}
	var cond sema.Expr
	for _, name := range castTypes[t] {
		eq := &sema.Call{Fn: fn("=="), Args: []sema.Expr{typ, &sema.Literal{T: table.String, Value: name}}, T: table.Bool}
		if cond == nil {
			cond = eq
		} else {
			cond = &sema.Call{Fn: fn("or"), Args: []sema.Expr{cond, eq}, T: table.Bool}
		}
	}
	null := &sema.Literal{T: t}
	if t == table.String {
		null.Value = ""
	}
	return &sema.Call{Fn: fn("iff"), Args: []sema.Expr{cond, convertCall(e, t), null}, T: t}
}

// convertCall converts e to t with KQL's conversion function for t.
func convertCall(e sema.Expr, t table.Type) sema.Expr {
	name := map[table.Type]string{
		table.Bool: "tobool", table.Int: "toint", table.Long: "tolong", table.Real: "toreal",
		table.Decimal: "todecimal", table.String: "tostring", table.DateTime: "todatetime",
		table.TimeSpan: "totimespan", table.GUID: "toguid",
	}[t]
	f, ok := sema.LookupFunction(name)
	if !ok {
		panic("plan: no conversion to " + t.String())
	}
	return &sema.Call{Fn: f, Args: []sema.Expr{e}, T: t}
}

// parse lowers parse and parse-where to a projection that extracts each
// column with the pattern's regex (extract() with the column's group and
// type); parse-where first keeps the rows the regex matches.
func (b *builder) parse(t *sema.Parse) Node {
	return b.parseOver(t, b.node(t.In))
}

// parseOver lowers parse over an already lowered input.
func (b *builder) parseOver(t *sema.Parse, in Node) Node {
	b.exprs(t.Source)
	re, groups := t.Regex()
	reLit := &sema.Literal{T: table.String, Value: re}
	extract, _ := sema.LookupFunction("extract")
	if t.Filter {
		matches, _ := sema.LookupFunction("matches regex")
		in = &Filter{In: in, Pred: &sema.Call{Fn: matches, Args: []sema.Expr{t.Source, reLit}, T: table.Bool}}
	}
	cols := columnRefs(in.Schema())
	var typed []sema.NamedExpr
	k := 0
	for _, p := range t.Parts {
		if p.Col == nil {
			continue
		}
		args := []sema.Expr{reLit, &sema.Literal{T: table.Long, Value: int64(groups[k])}, t.Source}
		if p.Col.Type != table.String {
			args = append(args, &sema.TypeArg{T: p.Col.Type})
		}
		k++
		col := sema.NamedExpr{Name: p.Col.Name, Expr: &sema.Call{Fn: extract, Args: args, T: p.Col.Type}}
		cols = setNamed(cols, col)
		if p.Col.Type != table.String {
			typed = append(typed, sema.NamedExpr{Name: p.Col.Name, Expr: &sema.ColumnRef{Name: p.Col.Name, T: p.Col.Type}})
		}
	}
	var n Node = &Project{In: in, Cols: cols}
	switch {
	case len(typed) == 0:
	case t.Filter:
		// parse-where also drops rows whose typed captures do not convert.
		n = &Filter{In: n, Pred: allNotNull(typed)}
	case t.Kind != sema.ParseRelaxed:
		n = nullUnconverted(n, t, allNotNull(typed))
	}
	return n
}

// allNotNull is the conjunction of isnotnull(c) over the columns.
func allNotNull(cols []sema.NamedExpr) sema.Expr {
	isnotnull, _ := sema.LookupFunction("isnotnull")
	and, _ := sema.LookupFunction("and")
	var pred sema.Expr
	for _, c := range cols {
		p := &sema.Call{Fn: isnotnull, Args: []sema.Expr{c.Expr}, T: table.Bool}
		if pred == nil {
			pred = p
		} else {
			pred = &sema.Call{Fn: and, Args: []sema.Expr{pred, p}, T: table.Bool}
		}
	}
	return pred
}

// nullUnconverted empties every extracted column of a row whose typed
// capture does not convert: the simple and regex modes are strict (all
// columns must match their types, or the row does not parse), so a
// datetime column reading "invalid_datetime" leaves the whole row empty,
// as the parse-where page's table for parse shows; relaxed mode nulls
// only that column.
func nullUnconverted(n Node, t *sema.Parse, converted sema.Expr) Node {
	iff, _ := sema.LookupFunction("iff")
	cols := columnRefs(n.Schema())
	for _, p := range t.Parts {
		if p.Col == nil {
			continue
		}
		null := &sema.Literal{T: p.Col.Type}
		if p.Col.Type == table.String {
			null.Value = ""
		}
		ref := &sema.ColumnRef{Name: p.Col.Name, T: p.Col.Type}
		cols = setNamed(cols, sema.NamedExpr{Name: p.Col.Name, Expr: &sema.Call{Fn: iff, Args: []sema.Expr{converted, ref, null}, T: p.Col.Type}})
	}
	return &Project{In: n, Cols: cols}
}

// makeSeries lowers make-series to a Series node (sqlgen builds the
// arrays).
func (b *builder) makeSeries(t *sema.MakeSeries) Node {
	b.exprs(t.On, t.From, t.To, t.Step)
	b.named(t.Keys)
	for _, a := range t.Aggs {
		b.exprs(a.Agg, a.Default)
	}
	return &Series{In: b.node(t.In), Aggs: t.Aggs, Axis: t.Axis, On: t.On, From: t.From, To: t.To,
		Step: t.Step, Keys: t.Keys, NonEmpty: t.NonEmpty, Cols: t.Schema()}
}
