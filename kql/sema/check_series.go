package sema

import (
	"time"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// makeSeries checks `make-series Aggs [default=D] on Axis [from F] [to T]
// step S [by Keys]` (and `in range(F, T, S)`). The output is the keys,
// one dynamic array per aggregate, and the axis as a dynamic array, in
// that order.
func (c *checker) makeSeries(op *syntax.MakeSeriesOp, in Tabular, sc *scope) Tabular {
	cols := in.Schema()
	b := newColumns()
	keys := c.groupKeys(op.By, cols, sc, b)
	n := &MakeSeries{In: in, Keys: keys}
	if p := op.Param("kind"); p != nil {
		if id, ok := p.Value().(*syntax.Ident); !ok || id.Name != "nonempty" {
			c.errorf(p, "make-series kind must be nonempty")
		}
		n.NonEmpty = true
	}
	c.seriesAxis(op, n, sc, cols)
	count := 0
	for _, a := range op.Aggs {
		n.Aggs = append(n.Aggs, c.seriesAgg(a, cols, sc, b, &count))
	}
	axisName := exprName(op.On)
	if axisName == "" {
		axisName = "Column1"
	}
	n.Axis = b.add(axisName, table.Dynamic)
	out := append([]table.Column(nil), b.cols...)
	for i := len(keys); i < len(out); i++ {
		out[i].Type = table.Dynamic
	}
	n.out = out
	return n
}

// seriesAxis checks the axis column and its range: from/to of the axis's
// type, a step that is a timespan for time axes and a number otherwise.
func (c *checker) seriesAxis(op *syntax.MakeSeriesOp, n *MakeSeries, sc *scope, cols []table.Column) {
	row := &rowCtx{cols: cols}
	n.On = c.scalar(op.On, sc, row)
	t := n.On.Type()
	stepType := t
	switch {
	case t == table.DateTime, t == table.TimeSpan:
		stepType = table.TimeSpan
	case t.IsNumeric():
	default:
		c.errorf(op.On, "the make-series axis must be a datetime, timespan or number, got %s", t)
	}
	bound := func(e syntax.Expr, what string, want table.Type) Expr {
		if e == nil {
			return nil
		}
		x := c.scalar(e, sc, nil)
		switch {
		case x.Type() == want:
		case x.Type().IsNumeric() && want.IsNumeric():
		default:
			c.errorf(e, "the make-series %s must be a %s, got %s", what, want, x.Type())
		}
		return x
	}
	n.From = bound(op.From, "from", t)
	n.To = bound(op.To, "to", t)
	n.Step = bound(op.Step, "step", stepType)
	if n.Step == nil {
		c.errorf(op, "make-series needs a step")
	}
	if lit, ok := n.Step.(*Literal); ok && !positive(lit.Value) {
		c.errorf(op.Step, "the make-series step must be positive")
	}
}

// seriesAgg checks one aggregate and its default (0 for numbers, null
// otherwise), converted to the aggregate's type.
func (c *checker) seriesAgg(a *syntax.MakeSeriesAgg, cols []table.Column, sc *scope, b *columns, count *int) SeriesAgg {
	item := c.seriesConstant(a, cols, sc, b, count)
	if item == nil {
		v := c.aggItem(a.Column, cols, map[string]bool{}, sc, b, count)
		item = &v
	}
	if len(item.Cols) != 1 {
		c.errorf(a.Column, "make-series needs aggregates of one column")
	}
	t := item.Expr.Type()
	var def Expr
	switch {
	case a.Default != nil:
		def = c.coerce(a.Default, c.scalar(a.Default, sc, nil), t)
	case t.IsNumeric():
		def = c.convert(&Literal{T: table.Long, Value: int64(0)}, t)
	default:
		def = &Literal{T: t}
	}
	if !IsConstant(def) {
		c.errorf(a.Default, "the make-series default must be a constant")
	}
	return SeriesAgg{Name: item.Cols[0].Name, Agg: item.Expr, Default: def}
}

// seriesConstant checks a make-series column that is a constant (`other
// = -1 default = -2`, as the make-series page shows): every bin with rows
// gets the constant, the others the default. nil when the column is not
// a named constant.
func (c *checker) seriesConstant(a *syntax.MakeSeriesAgg, cols []table.Column, sc *scope, b *columns, count *int) *AggItem {
	if len(a.Column.Names) != 1 {
		return nil
	}
	e := c.scalar(a.Column.Value, sc, &rowCtx{cols: cols, aggOK: true})
	lit, ok := e.(*Literal)
	if !ok {
		return nil
	}
	name := b.add(a.Column.Names[0].Name, lit.T)
	return &AggItem{Cols: []table.Column{{Name: name, Type: lit.T}}, Expr: lit}
}

// positive reports whether a numeric or timespan literal value is > 0
// (null counts as not positive).
func positive(v any) bool {
	switch x := v.(type) {
	case int64:
		return x > 0
	case int32:
		return x > 0
	case float64:
		return x > 0
	case time.Duration:
		return x > 0
	}
	return false
}
