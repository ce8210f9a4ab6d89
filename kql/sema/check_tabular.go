package sema

import (
	"fmt"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// tabular checks a tabular expression.
func (c *checker) tabular(e syntax.Expr, sc *scope) Tabular {
	c.checkCtx(e)
	switch e := e.(type) {
	case *syntax.Paren:
		return c.tabular(e.X, sc)
	case *syntax.Ident:
		return c.tableName(e, sc)
	case *syntax.Pipeline:
		return c.pipeline(e, nil, sc)
	case *syntax.DataTable:
		return c.datatable(e)
	case *syntax.ExternalData:
		return c.externalData(e, sc)
	case *syntax.Call:
		return c.tabularCall(e, sc, nil)
	case *syntax.Member:
		return c.patternMember(e, sc)
	}
	c.errorf(e, "expected a tabular expression")
	return nil
}

// pipeline checks Source | op | op ...; a pipeline without a source
// starts with a source operator, or (inside mv-apply, fork, facet,
// partition) applies its first operator to the implicit input in.
func (c *checker) pipeline(e *syntax.Pipeline, in Tabular, sc *scope) Tabular {
	ops := e.Ops
	var cur Tabular
	switch {
	case e.Source != nil:
		cur = c.tabular(e.Source, sc)
	case in != nil && !isSourceOp(ops[0]):
		cur = in
	default:
		cur = c.sourceOp(ops[0], sc)
		ops = ops[1:]
	}
	for _, op := range ops {
		cur = c.operator(op, cur, sc)
	}
	return cur
}

// subquery checks the subquery of mv-apply, partition and friends: a
// pipeline over the implicit input, or any tabular expression.
func (c *checker) subquery(e syntax.Expr, in Tabular, sc *scope) Tabular {
	for {
		p, ok := e.(*syntax.Paren)
		if !ok {
			break
		}
		e = p.X
	}
	if p, ok := e.(*syntax.Pipeline); ok {
		return c.pipeline(p, in, sc)
	}
	return c.tabular(e, sc)
}

// isSourceOp reports whether an operator produces rows without input.
func isSourceOp(op syntax.Operator) bool {
	switch op.(type) {
	case *syntax.PrintOp, *syntax.RangeOp, *syntax.UnionOp, *syntax.SearchOp, *syntax.FindOp, *syntax.EvaluateOp:
		return true
	}
	return false
}

// sourceOp checks an operator that starts a pipeline.
func (c *checker) sourceOp(op syntax.Operator, sc *scope) Tabular {
	switch op := op.(type) {
	case *syntax.PrintOp:
		return c.print(op, sc)
	case *syntax.RangeOp:
		return c.rangeOp(op, sc)
	case *syntax.UnionOp:
		return c.union(op, nil, sc)
	case *syntax.SearchOp:
		return c.search(op, nil, sc)
	case *syntax.FindOp:
		return c.find(op, sc)
	case *syntax.EvaluateOp:
		return c.evaluate(op, nil, sc)
	}
	c.errorf(op, "this operator needs an input table")
	return nil
}

// tableName resolves a table: a let-bound table or view first, then a
// table of the catalog.
func (c *checker) tableName(e *syntax.Ident, sc *scope) Tabular {
	if sym, ok := sc.lookup(e.Name); ok {
		switch {
		case sym.tab != nil:
			return sym.tab
		case sym.fn != nil && (sym.fn.Fn.View || len(sym.fn.Fn.Params) == 0 || storedBare(sym)):
			// a view, or a function without parameters: Kusto calls it
			// without parentheses too
			return c.callTabularFunc(&syntax.Call{Span: e.Span, Name: e}, sym, sc, nil)
		case sym.fn != nil:
			c.errorf(e, "'%s' is a function; call it as %s(...)", e.Name, e.Name)
		case sym.scalar != nil:
			c.errorf(e, "'%s' is a scalar, not a table", e.Name)
		}
	}
	if cols, ok := c.opts.Catalog.Table(e.Name); ok {
		return &TableScan{Name: e.Name, Cols: cols}
	}
	var names []string
	for _, n := range c.opts.Catalog.TableNames() {
		names = append(names, n)
	}
	c.errorf(e, "unknown table '%s'%s", e.Name, didYouMean(e.Name, append(names, sc.all()...)))
	return nil
}

// tabularCall checks a call that yields a table: a user function or view,
// materialize(), or a pattern.
func (c *checker) tabularCall(e *syntax.Call, sc *scope, input Tabular) Tabular {
	if e.Recv != nil {
		c.unsupported(e, "cross-cluster and cross-database references")
	}
	name := e.Name.Name
	if sym, ok := sc.lookup(name); ok {
		switch {
		case sym.fn != nil:
			return c.callTabularFunc(e, sym, sc, input)
		case sym.pattern != nil:
			return c.patternCall(e, nil, sym, sc)
		}
	}
	switch name {
	case "materialize":
		if len(e.Args) != 1 {
			c.errorf(e, "materialize() takes 1 argument, got %d", len(e.Args))
		}
		q := c.tabular(e.Args[0], sc)
		if r, ok := q.(*Ref); ok {
			return &Ref{Name: r.Name, Query: r.Query, Materialized: true}
		}
		c.refs++
		return &Ref{Name: fmt.Sprintf("materialize_%d", c.refs), Query: q, Materialized: true}
	case "view":
		c.errorf(e, "view is only allowed in a let statement")
	case "table":
		return c.tableFunc(e, sc)
	case "database", "cluster", "external_table", "materialized_view", "stored_query_result":
		c.unsupported(e, name+"()")
	}
	if _, ok := LookupFunction(name); ok {
		c.errorf(e, "%s() is a scalar function; a table is expected here", name)
	}
	c.errorf(e.Name, "unknown function '%s'%s", name, didYouMean(name, sc.all()))
	return nil
}

// callTabularFunc expands a call of a user function returning a table.
func (c *checker) callTabularFunc(e *syntax.Call, sym *symbol, sc *scope, input Tabular) Tabular {
	inner := c.bindCall(e, sym, sc, nil, input)
	return inFunc(c, sym, e, func() Tabular {
		body := sym.fn.Fn.Body
		c.bodyScope(body, inner)
		if !c.isTabular(body.Result, inner) {
			c.errorf(e, "function '%s' returns a scalar; a table is expected here", sym.fn.Name)
		}
		return c.tabular(body.Result, inner)
	})
}

// datatable checks inline data: every cell a literal of its column's type.
func (c *checker) datatable(e *syntax.DataTable) Tabular {
	cols := make([]table.Column, len(e.Columns))
	for i, col := range e.Columns {
		cols[i] = table.Column{Name: col.Name.Name, Type: c.typeRef(col.Type)}
	}
	if len(cols) == 0 {
		c.errorf(e, "datatable needs at least one column")
	}
	if len(e.Values)%len(cols) != 0 {
		c.errorf(e, "datatable has %d values, not a multiple of its %d columns", len(e.Values), len(cols))
	}
	var rows [][]any
	for i := 0; i < len(e.Values); i += len(cols) {
		row := make([]any, len(cols))
		for j := range cols {
			row[j] = c.cell(e.Values[i+j], cols[j].Type)
		}
		rows = append(rows, row)
	}
	return &DataTable{Cols: cols, Rows: rows}
}

// cell checks one datatable value against its column type; numbers widen
// (a long written in a real column), nulls are typed.
func (c *checker) cell(v syntax.Expr, t table.Type) any {
	lit, ok := v.(*syntax.Literal)
	if !ok {
		if call, ok := v.(*syntax.Call); ok && call.Name.Name == "now" && t == table.DateTime {
			return c.opts.Now
		}
		c.errorf(v, "a datatable value must be a literal")
	}
	if lit.Value == nil {
		if t == table.String {
			return ""
		}
		return nil
	}
	val, ok := convertValue(lit.Type, lit.Value, t)
	if !ok {
		c.errorf(v, "a %s value in a %s column", lit.Type, t)
	}
	return val
}

// convertValue converts a literal's Go value to the Go value of another
// KQL type where Kusto converts implicitly (numbers widen and narrow,
// anything goes into dynamic).
func convertValue(from table.Type, v any, to table.Type) (any, bool) {
	if from == to {
		return v, true
	}
	switch to {
	case table.Real:
		switch x := v.(type) {
		case int64:
			return float64(x), true
		case int32:
			return float64(x), true
		}
	case table.Long:
		switch x := v.(type) {
		case int32:
			return int64(x), true
		case float64:
			return int64(x), x == float64(int64(x))
		}
	case table.Int:
		switch x := v.(type) {
		case int64:
			return int32(x), int64(int32(x)) == x
		}
	case table.Decimal:
		switch v.(type) {
		case int64, int32, float64:
			return table.FormatValue(v), true
		}
	case table.Dynamic:
		return dynamicOf(v), true
	case table.GUID:
		if s, ok := v.(string); ok {
			return strings.ToLower(s), true
		}
	}
	return nil, false
}

// dynamicOf is the dynamic form of a scalar Go value.
func dynamicOf(v any) any {
	switch v.(type) {
	case nil, string, bool, map[string]any, []any:
		return v
	}
	return table.FormatValue(v)
}

// print checks `print a = 1, 2`: unnamed columns are print_0, print_1, ...
func (c *checker) print(op *syntax.PrintOp, sc *scope) Tabular {
	b := newColumns()
	var cols []NamedExpr
	n := 0
	for i, ne := range op.Columns {
		if tuple, ok := c.tupleColumns(ne, sc, &rowCtx{}, &n); ok {
			for _, t := range tuple {
				cols = append(cols, NamedExpr{Name: b.add(t.Name, t.Expr.Type()), Expr: t.Expr})
			}
			continue
		}
		e := c.scalar(ne.Value, sc, &rowCtx{})
		name := fmt.Sprintf("print_%d", i)
		switch {
		case len(ne.Names) == 1:
			name = ne.Names[0].Name
		case len(ne.Names) > 1:
			c.unsupported(ne, "several names for one print column")
		default:
			if n := exprName(ne.Value); n != "" {
				name = n
			}
		}
		cols = append(cols, NamedExpr{Name: b.add(name, e.Type()), Expr: e})
	}
	return &Print{Cols: cols}
}

// rangeOp checks `range x from a to b step s`.
func (c *checker) rangeOp(op *syntax.RangeOp, sc *scope) Tabular {
	from := c.scalar(op.From, sc, nil)
	to := c.scalar(op.To, sc, nil)
	step := c.scalar(op.Step, sc, nil)
	t := from.Type()
	switch {
	case t.IsNumeric():
		t = Widest([]table.Type{from.Type(), to.Type(), step.Type()})
		if t == table.Int {
			t = table.Long
		}
		if !to.Type().IsNumeric() || !step.Type().IsNumeric() {
			c.errorf(op, "range from a number needs a number to and step")
		}
	case t == table.DateTime:
		if to.Type() != table.DateTime || step.Type() != table.TimeSpan {
			c.errorf(op, "range from a datetime needs a datetime to and a timespan step")
		}
	case t == table.TimeSpan:
		if to.Type() != table.TimeSpan || step.Type() != table.TimeSpan {
			c.errorf(op, "range from a timespan needs a timespan to and step")
		}
	default:
		c.errorf(op.From, "range needs numbers, datetimes or timespans, got %s", t)
	}
	return &RangeSource{Name: op.Name.Name, T: t, From: from, To: to, Step: step}
}
