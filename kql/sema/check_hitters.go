package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// sampleDistinct is `sample-distinct N of Expr`: up to N distinct values
// of Expr. Kusto promises no particular choice; huntbook takes the first N
// in value order, so the answer is reproducible.
func (c *checker) sampleDistinct(op *syntax.SampleDistinctOp, in Tabular, sc *scope) Tabular {
	n := c.count64(op.Count, sc, "sample-distinct")
	distinct := c.distinct(&syntax.DistinctOp{Span: op.Span, Columns: []*syntax.NamedExpr{{Span: op.Of.Range(), Value: op.Of}}}, in, sc)
	col := distinct.Schema()[0]
	if col.Type == table.Dynamic {
		c.errorf(op.Of, "sample-distinct needs a value that is not dynamic; convert it with tostring() first")
	}
	key := SortKey{Expr: &ColumnRef{Name: col.Name, T: col.Type}, NullsFirst: true}
	return &Top{In: distinct, N: n, Keys: []SortKey{key}}
}

// topHitters is `top-hitters N of Expr [by Sum]`: the N values of Expr
// with the most rows (approximate_count_Expr) or the largest sum of Sum
// (approximate_sum_Expr). Kusto approximates with a count-min sketch;
// huntbook counts exactly, which is what the sketch estimates.
func (c *checker) topHitters(op *syntax.TopHittersOp, in Tabular, sc *scope) Tabular {
	n := c.count64(op.Count, sc, "top-hitters")
	row := &rowCtx{cols: in.Schema()}
	value := c.scalar(op.Of, sc, row)
	if value.Type() == table.Dynamic {
		c.errorf(op.Of, "top-hitters needs a value that is not dynamic; convert it with tostring() first")
	}
	b := newColumns()
	k := 0
	name := b.add(c.columnName(&syntax.NamedExpr{Value: op.Of}, &k, row, b), value.Type())
	var agg Expr
	aggName := "approximate_count_" + name
	if op.By == nil {
		f, _ := LookupFunction("count")
		agg = &Call{Fn: f, T: table.Long}
	} else {
		sum := c.scalar(op.By, sc, row)
		if !sum.Type().IsNumeric() {
			c.errorf(op.By, "top-hitters sums a number, got %s", sum.Type())
		}
		agg = c.scalar(&syntax.Call{Span: op.By.Range(), Name: &syntax.Ident{Span: op.By.Range(), Name: "sum"}, Args: []syntax.Expr{op.By}},
			sc, &rowCtx{cols: in.Schema(), aggOK: true})
		aggName = "approximate_sum_" + name
	}
	aggName = b.add(aggName, agg.Type())
	summ := &Summarize{In: in, Keys: []NamedExpr{{Name: name, Expr: value}},
		Aggs: []AggItem{{Cols: []table.Column{{Name: aggName, Type: agg.Type()}}, Expr: agg}}, out: b.cols}
	keys := []SortKey{
		{Expr: &ColumnRef{Name: aggName, T: agg.Type()}, Desc: true},
		{Expr: &ColumnRef{Name: name, T: value.Type()}, NullsFirst: true},
	}
	return &Top{In: summ, N: n, Keys: keys}
}
