package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// summarize checks `summarize aggs by keys`: the key columns come first,
// then the aggregates, with Kusto's automatic names (count_, sum_x, ...).
func (c *checker) summarize(op *syntax.SummarizeOp, in Tabular, sc *scope) Tabular {
	cols := in.Schema()
	b := newColumns()
	keys := c.groupKeys(op.By, cols, sc, b)
	keyCols := map[string]bool{}
	for _, k := range keys {
		if ref, ok := k.Expr.(*ColumnRef); ok {
			keyCols[ref.Name] = true
		}
	}
	var aggs []AggItem
	n := 0
	for _, ne := range op.Aggs {
		aggs = append(aggs, c.aggItem(ne, cols, keyCols, sc, b, &n))
	}
	return &Summarize{In: in, Keys: keys, Aggs: aggs, out: b.cols}
}

// groupKeys checks the by clause; bin(T, 1h) keeps the name T.
func (c *checker) groupKeys(by []*syntax.NamedExpr, cols []table.Column, sc *scope, b *columns) []NamedExpr {
	row := &rowCtx{cols: cols}
	var keys []NamedExpr
	n := 0
	for _, ne := range by {
		e := c.scalar(ne.Value, sc, row)
		name := c.columnName(ne, &n, row, b)
		keys = append(keys, NamedExpr{Name: b.add(name, e.Type()), Expr: e})
	}
	return keys
}

// aggItem checks one aggregate output: a multi-column aggregate standing
// alone, or an expression over aggregates.
func (c *checker) aggItem(ne *syntax.NamedExpr, cols []table.Column, keyCols map[string]bool, sc *scope, b *columns, n *int) AggItem {
	if call, ok := unparen(ne.Value).(*syntax.Call); ok {
		if f, ok := LookupFunction(call.Name.Name); ok && f.Multi {
			// only a user function shadows it: a scalar let of the same
			// name (let percentile = 95) cannot be called
			if sym, user := sc.lookup(call.Name.Name); !user || sym.fn == nil {
				return c.multiAgg(ne, call, f, cols, keyCols, sc, b)
			}
		}
	}
	row := &rowCtx{cols: cols, aggOK: true}
	e := c.scalar(ne.Value, sc, row)
	if !row.usedAgg {
		c.errorf(ne.Value, "a summarize column needs an aggregate function such as count() or sum()")
	}
	c.checkGrouped(ne.Value, e, keyCols)
	name := c.columnName(ne, n, row, b)
	return AggItem{Cols: []table.Column{{Name: b.add(name, e.Type()), Type: e.Type()}}, Expr: e}
}

// checkGrouped rejects columns used outside aggregates unless they are
// group keys.
func (c *checker) checkGrouped(n syntax.Node, e Expr, keyCols map[string]bool) {
	Walk(e, func(x Expr) bool {
		switch x := x.(type) {
		case *Call:
			return x.Fn.Kind != KindAggregate
		case *ColumnRef:
			if !keyCols[x.Name] {
				c.errorf(n, "column '%s' must be inside an aggregate function or in the by clause", x.Name)
			}
		}
		return true
	})
}

func unparen(e syntax.Expr) syntax.Expr {
	for {
		p, ok := e.(*syntax.Paren)
		if !ok {
			return e
		}
		e = p.X
	}
}

// multiAgg checks arg_max/arg_min, take_any and the percentile family,
// whose results are several columns.
func (c *checker) multiAgg(ne *syntax.NamedExpr, call *syntax.Call, f *Function, cols []table.Column,
	keyCols map[string]bool, sc *scope, b *columns) AggItem {
	row := &rowCtx{cols: cols, aggOK: true}
	e := c.builtin(call, f, sc, row).(*Call)
	switch f.Name {
	case "arg_max", "arg_min":
		return c.argMinMax(ne, call, e, keyCols, b)
	case "take_any", "any":
		return c.takeAny(ne, call, e, keyCols, b)
	}
	return c.percentiles(ne, call, e, b)
}

// argColumn describes one argument of a multi-column aggregate for
// naming: its expression, whether * produced it, and its written form.
type argColumn struct {
	expr    Expr
	star    bool
	written syntax.Expr
}

// expandArgs pairs checked arguments with the written ones (a * stands for
// several checked arguments).
func expandArgs(call *syntax.Call, args []Expr, cols int) []argColumn {
	var out []argColumn
	i := 0
	for _, a := range call.Args {
		if w, ok := a.(*syntax.Wildcard); ok && w.Pattern == "*" {
			for k := 0; k < cols && i < len(args); k++ {
				out = append(out, argColumn{expr: args[i], star: true})
				i++
			}
			continue
		}
		out = append(out, argColumn{expr: args[i], written: a})
		i++
	}
	return out
}

// argMinMax names arg_max(primary, returned...) columns as Kusto does:
// the primary keeps its name, * adds every column not already present
// (and not a group key), explicit columns keep theirs.
func (c *checker) argMinMax(ne *syntax.NamedExpr, call *syntax.Call, e *Call, keyCols map[string]bool, b *columns) AggItem {
	prefix := "max"
	if e.Fn.Name == "arg_min" {
		prefix = "min"
	}
	rowCols := 0
	for _, a := range e.Args {
		if _, ok := a.(*ColumnRef); ok {
			rowCols++
		}
	}
	args := expandArgs(call, e.Args, len(e.Args)-len(call.Args)+1)
	item := AggItem{Expr: &Call{Fn: e.Fn, T: table.Invalid}}
	seen := map[string]bool{}
	primaryName := ""
	for i, a := range args {
		ref, isCol := a.expr.(*ColumnRef)
		if a.star && (seen[ref.Name] || keyCols[ref.Name]) {
			continue
		}
		var name string
		switch {
		case i == 0 && len(ne.Names) == 1:
			name = ne.Names[0].Name
		case i > 0 && len(ne.Names) > i:
			name = ne.Names[i].Name
		case isCol:
			name = ref.Name
		default:
			name = exprName(a.written)
			if name == "" {
				if i == 0 {
					name = prefix + "_"
				} else {
					name = prefix + "_" + primaryName + "_arg" + itoa(i)
				}
			}
		}
		if i == 0 {
			primaryName = name
		}
		if isCol {
			seen[ref.Name] = true
		}
		item.Expr.(*Call).Args = append(item.Expr.(*Call).Args, a.expr)
		item.Cols = append(item.Cols, table.Column{Name: b.add(name, a.expr.Type()), Type: a.expr.Type()})
	}
	_ = rowCols
	return item
}

// takeAny names take_any(a, b, *) columns: each argument keeps its name,
// unnamed expressions are any_argN.
func (c *checker) takeAny(ne *syntax.NamedExpr, call *syntax.Call, e *Call, keyCols map[string]bool, b *columns) AggItem {
	args := expandArgs(call, e.Args, len(e.Args)-len(call.Args)+1)
	item := AggItem{Expr: &Call{Fn: e.Fn, T: table.Invalid}}
	seen := map[string]bool{}
	for i, a := range args {
		ref, isCol := a.expr.(*ColumnRef)
		if a.star && (seen[ref.Name] || keyCols[ref.Name]) {
			continue
		}
		var name string
		switch {
		case len(ne.Names) > i:
			name = ne.Names[i].Name
		case isCol:
			name = ref.Name
			seen[ref.Name] = true
		default:
			if name = exprName(a.written); name == "" {
				name = "any_arg" + itoa(i)
			}
		}
		item.Expr.(*Call).Args = append(item.Expr.(*Call).Args, a.expr)
		item.Cols = append(item.Cols, table.Column{Name: b.add(name, a.expr.Type()), Type: a.expr.Type()})
	}
	return item
}

// percentiles names percentile(x, p) columns percentile_x_p (99.9 →
// 99_9); the value keeps its type, int as long and decimal as real.
func (c *checker) percentiles(ne *syntax.NamedExpr, call *syntax.Call, e *Call, b *columns) AggItem {
	valueName := exprName(call.Args[0])
	t := e.Args[0].Type()
	switch t {
	case table.Int:
		t = table.Long
	case table.Decimal:
		t = table.Real
	}
	first := 1
	if e.Fn.Name == "percentilew" || e.Fn.Name == "percentilesw" {
		first = 2
	}
	item := AggItem{Expr: &Call{Fn: e.Fn, Args: e.Args, T: t}}
	for i := first; i < len(e.Args); i++ {
		lit, ok := constantNumber(e.Args[i])
		if !ok {
			c.errorf(call.Args[i], "a percentile must be a constant number")
		}
		e.Args[i] = lit
		name := "percentile_" + valueName + "_" + nameFragment(lit.Value)
		if k := i - first; len(ne.Names) > k {
			name = ne.Names[k].Name
		}
		item.Cols = append(item.Cols, table.Column{Name: b.add(name, t), Type: t})
	}
	return item
}

// constantNumber folds a constant number, also one converted to another
// numeric type (a function parameter declared real, bound to 99).
func constantNumber(e Expr) (*Literal, bool) {
	switch x := e.(type) {
	case *Literal:
		switch x.Value.(type) {
		case int64, int32, float64:
			return x, true
		}
	case *Call:
		if len(x.Args) != 1 || x.Fn.Name != conversionFunc(x.T) || !x.T.IsNumeric() {
			return nil, false
		}
		inner, ok := constantNumber(x.Args[0])
		if !ok {
			return nil, false
		}
		var f float64
		switch v := inner.Value.(type) {
		case int64:
			f = float64(v)
		case int32:
			f = float64(v)
		case float64:
			f = v
		}
		switch x.T {
		case table.Real:
			return &Literal{T: table.Real, Value: f}, true
		case table.Long:
			return &Literal{T: table.Long, Value: int64(f)}, true
		case table.Int:
			return &Literal{T: table.Int, Value: int32(f)}, true
		}
	}
	return nil, false
}
