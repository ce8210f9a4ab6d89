package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// TopNested is `top-nested` (see docs/kql-operators.md): per level, the
// records of each partition of the levels above are grouped by Key,
// ranked by Agg, and the top N groups kept; the others go to one bucket
// per partition, labelled Others (null when the level has no `with
// others`). Output: Key and Agg columns per level, in level order.
type TopNested struct {
	In     Tabular
	Levels []TopNestedLevel
	out    []table.Column
}

// TopNestedLevel is one clause: `top-nested [N] of Key [with others =
// Others] by Agg [asc|desc]`.
type TopNestedLevel struct {
	Key    NamedExpr
	Agg    NamedExpr
	N      Expr // nil: all values
	Others Expr // nil: no others row for this level
	Desc   bool
}

func (n *TopNested) Schema() []table.Column { return n.out }
func (*TopNested) tabularNode()             {}

// topNested checks the levels of a top-nested chain.
func (c *checker) topNested(op *syntax.TopNestedOp, in Tabular, sc *scope) Tabular {
	cols := in.Schema()
	b := newColumns()
	out := &TopNested{In: in}
	for _, lv := range op.Levels {
		out.Levels = append(out.Levels, c.topNestedLevel(lv, cols, sc, b))
	}
	out.out = b.cols
	return out
}

func (c *checker) topNestedLevel(lv *syntax.TopNestedLevel, cols []table.Column, sc *scope, b *columns) TopNestedLevel {
	var level TopNestedLevel
	if lv.Count != nil {
		level.N = c.count64(lv.Count, sc, "top-nested")
	}
	row := &rowCtx{cols: cols}
	n := 0
	key := c.scalar(lv.Of.Value, sc, row)
	if key.Type() == table.Dynamic {
		c.errorf(lv.Of.Value, "a top-nested value cannot be dynamic; convert it with tostring() first")
	}
	keyName := b.add(c.columnName(lv.Of, &n, row, b), key.Type())
	level.Key = NamedExpr{Name: keyName, Expr: key}
	if lv.Others != nil {
		level.Others = c.topNestedOthers(lv.Others, key.Type(), sc)
	}
	aggRow := &rowCtx{cols: cols, aggOK: true}
	if call, ok := unparen(lv.By.Value).(*syntax.Call); ok {
		if f, found := LookupFunction(call.Name.Name); found && f.Multi {
			c.errorf(lv.By.Value, "a top-nested aggregation must give one value; %s() gives several columns", f.Name)
		}
	}
	agg := c.scalar(lv.By.Value, sc, aggRow)
	if !aggRow.usedAgg {
		c.errorf(lv.By.Value, "a top-nested aggregation needs an aggregate function such as count() or sum()")
	}
	c.checkGrouped(lv.By.Value, agg, nil)
	if agg.Type() == table.Dynamic {
		c.errorf(lv.By.Value, "top-nested cannot rank by a dynamic value")
	}
	aggName := "aggregated_" + keyName
	if len(lv.By.Names) == 1 {
		aggName = lv.By.Names[0].Name
	}
	level.Agg = NamedExpr{Name: b.add(aggName, agg.Type()), Expr: agg}
	level.Desc = lv.Order != syntax.SortAsc
	return level
}

// topNestedOthers checks the `with others` value: a constant of the
// level's value type.
func (c *checker) topNestedOthers(e syntax.Expr, t table.Type, sc *scope) Expr {
	v := c.scalar(e, sc, nil)
	if !IsConstant(v) {
		c.errorf(e, "the 'with others' value must be a constant")
	}
	switch {
	case v.Type() == t:
	case v.Type().IsNumeric() && t.IsNumeric():
		v = c.convert(v, t)
	default:
		c.errorf(e, "the 'with others' value is %s, but the top-nested values are %s", v.Type(), t)
	}
	return v
}
