package sema

import (
	"context"
	"sort"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// BagSlot is one top-level property of the bags of a dynamic column, with
// the types its non-null values have.
type BagSlot struct {
	Key   string
	Types []table.Type
}

// SlotProber is a Prober that can also list the slots of dynamic bags
// (what bag_unpack turns into columns).
type SlotProber interface {
	Prober
	// BagSlots returns the distinct top-level keys of the bags e holds
	// over the rows of in, sorted, with the types of their non-null
	// values, at most limit keys.
	BagSlots(ctx context.Context, in Tabular, e Expr, limit int) ([]BagSlot, error)
}

// maxProbedColumns bounds the columns a data-dependent plugin may add: a
// bag with more distinct keys than this is a data problem, not a table.
const maxProbedColumns = 2000

// bagUnpack lowers `evaluate bag_unpack(Column [, Prefix] [, columnsConflict]
// [, ignoredProperties]) [: (schema)]` to a projection: one column per
// slot of the bags (from the output schema, or probed from the data),
// typed like the slot's values (dynamic when they differ).
func (c *checker) bagUnpack(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 1, 4, "OutputColumnPrefix", "columnsConflict", "ignoredProperties")
	col := c.pluginColumn(a.pos[0], in, "the first argument of bag_unpack()")
	if col.Type != table.Dynamic {
		c.errorf(a.pos[0], "bag_unpack() needs a dynamic column, '%s' is %s", col.Name, col.Type)
	}
	prefix, conflict := "", "error"
	if e := a.arg(1, "OutputColumnPrefix"); e != nil {
		prefix, _ = c.pluginConst(e, sc, table.String, "the column prefix of bag_unpack()").(string)
	}
	if e := a.arg(2, "columnsConflict"); e != nil {
		conflict, _ = c.pluginConst(e, sc, table.String, "columnsConflict").(string)
		switch conflict {
		case "error", "replace_source", "keep_source":
		default:
			c.errorf(e, "columnsConflict must be 'error', 'replace_source' or 'keep_source', got '%s'", conflict)
		}
	}
	ignored := map[string]bool{}
	if e := a.arg(3, "ignoredProperties"); e != nil {
		for _, k := range c.pluginStrings(e, sc, "ignoredProperties") {
			ignored[k] = true
		}
	}
	bag := &ColumnRef{Name: col.Name, T: table.Dynamic}
	if op.Schema != nil {
		return c.bagUnpackSchema(op.Schema, in, bag, prefix)
	}
	var slots []table.Column
	for _, s := range c.probeBagSlots(op, in, bag) {
		if ignored[s.Key] {
			continue
		}
		t := table.Dynamic
		if len(s.Types) == 1 {
			t = s.Types[0]
		}
		slots = append(slots, table.Column{Name: s.Key, Type: t})
	}
	return c.unpackedProject(op, in, bag, prefix, conflict, slots)
}

// unpackedProject builds the projection: the input's columns but the
// bag, then one column per slot, with the column conflicts resolved.
func (c *checker) unpackedProject(op *syntax.EvaluateOp, in Tabular, bag *ColumnRef, prefix, conflict string, slots []table.Column) Tabular {
	names := map[string]bool{}
	for _, s := range slots {
		names[prefix+s.Name] = true
	}
	var cols []NamedExpr
	for _, ic := range in.Schema() {
		if ic.Name == bag.Name {
			continue
		}
		if names[ic.Name] {
			switch conflict {
			case "error":
				c.errorf(op.Call, "bag_unpack(): the slot '%s' conflicts with the column of that name (use columnsConflict='replace_source' or 'keep_source')", ic.Name)
			case "replace_source":
				continue
			case "keep_source":
				delete(names, ic.Name)
			}
		}
		cols = append(cols, NamedExpr{Name: ic.Name, Expr: &ColumnRef{Name: ic.Name, T: ic.Type}})
	}
	for _, s := range slots {
		if !names[prefix+s.Name] {
			continue
		}
		cols = append(cols, NamedExpr{Name: prefix + s.Name, Expr: c.slotValue(bag, s.Name, s.Type)})
	}
	return &Project{In: in, Cols: cols}
}

// bagUnpackSchema unpacks the columns the output schema names: only those,
// or the input's columns too when the schema starts with *.
func (c *checker) bagUnpackSchema(t *syntax.TypeRef, in Tabular, bag *ColumnRef, prefix string) Tabular {
	var cols []NamedExpr
	if t.Open {
		for _, ic := range in.Schema() {
			if ic.Name != bag.Name {
				cols = append(cols, NamedExpr{Name: ic.Name, Expr: &ColumnRef{Name: ic.Name, T: ic.Type}})
			}
		}
	}
	for _, sc := range c.schemaRef(t) {
		key := strings.TrimPrefix(sc.Name, prefix)
		e := c.slotValue(bag, key, sc.Type)
		replaced := false
		for i := range cols {
			if cols[i].Name == sc.Name {
				cols[i].Expr, replaced = e, true
			}
		}
		if !replaced {
			cols = append(cols, NamedExpr{Name: sc.Name, Expr: e})
		}
	}
	if len(cols) == 0 {
		c.errorf(t, "bag_unpack(): the output schema has no columns")
	}
	return &Project{In: in, Cols: cols}
}

// slotValue is bag[key] converted to t.
func (c *checker) slotValue(bag *ColumnRef, key string, t table.Type) Expr {
	v := &Call{Fn: opFunc("[]"), Args: []Expr{bag, &Literal{T: table.String, Value: key}}, T: table.Dynamic}
	return c.convert(v, t)
}

// probeBagSlots asks the executor for the slots of the bags.
func (c *checker) probeBagSlots(op *syntax.EvaluateOp, in Tabular, bag Expr) []BagSlot {
	p, ok := c.opts.Probe.(SlotProber)
	if !ok {
		c.errorf(op.Call, "bag_unpack() without an output schema: its columns depend on the data; "+
			"give them as evaluate bag_unpack(...) : (Name:type, ...) to compile without running")
	}
	slots, err := p.BagSlots(c.ctx, in, bag, maxProbedColumns+1)
	if err != nil {
		c.errorf(op.Call, "bag_unpack(): %v", err)
	}
	if len(slots) > maxProbedColumns {
		c.errorf(op.Call, "bag_unpack(): the bags have more than %d distinct slots", maxProbedColumns)
	}
	return slots
}

// pivotIf maps the aggregates pivot accepts to their conditional form.
var pivotIf = map[string]string{
	"count": "countif", "sum": "sumif", "avg": "avgif", "min": "minif", "max": "maxif",
	"dcount": "dcountif", "stdev": "stdevif", "variance": "varianceif", "make_list": "make_list_if",
	"make_set": "make_set_if", "make_bag": "make_bag_if", "take_any": "take_anyif", "any": "take_anyif",
}

// pivot lowers `evaluate pivot(PivotColumn [, Agg(x)] [, Key...])` to a
// summarize by the keys with one conditional aggregate per distinct value
// of PivotColumn (probed from the data), named by the value.
func (c *checker) pivot(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 1, -1)
	pcol := c.pluginColumn(a.pos[0], in, "the first argument of pivot()")
	cols := in.Schema()
	aggName, aggArgs := "count", []Expr(nil)
	rest := a.pos[1:]
	if len(rest) > 0 {
		if call, ok := unparen(rest[0]).(*syntax.Call); ok {
			aggName, aggArgs = c.pivotAgg(call, cols, sc)
			rest = rest[1:]
		}
	}
	b := newColumns()
	var keys []NamedExpr
	for _, kc := range c.pivotKeys(rest, in, pcol, aggArgs) {
		keys = append(keys, NamedExpr{Name: b.add(kc.Name, kc.Type), Expr: &ColumnRef{Name: kc.Name, T: kc.Type}})
	}
	pref := &ColumnRef{Name: pcol.Name, T: pcol.Type}
	values := c.probeDistinct(op, in, pref)
	ifFn, _ := LookupFunction(pivotIf[aggName])
	var aggs []AggItem
	for _, v := range values {
		cond := c.call2("==", table.Bool, pref, &Literal{T: pcol.Type, Value: v})
		agg := c.resolve(op.Call, ifFn, append(append([]Expr(nil), aggArgs...), cond))
		name := b.add(pivotColumnName(v), agg.Type())
		aggs = append(aggs, AggItem{Cols: []table.Column{{Name: name, Type: agg.Type()}}, Expr: agg})
	}
	return &Summarize{In: in, Keys: keys, Aggs: aggs, out: b.cols}
}

// pivotKeys are the columns pivot groups by: the ones named, or by
// default every column but the pivoted one and those the aggregation
// reads.
func (c *checker) pivotKeys(named []syntax.Expr, in Tabular, pcol table.Column, aggArgs []Expr) []table.Column {
	var out []table.Column
	for _, k := range named {
		out = append(out, c.pluginColumn(k, in, "a pivot() key"))
	}
	if len(named) > 0 {
		return out
	}
	used := map[string]bool{pcol.Name: true}
	for _, a := range aggArgs {
		Walk(a, func(x Expr) bool {
			if r, ok := x.(*ColumnRef); ok {
				used[r.Name] = true
			}
			return true
		})
	}
	for _, col := range in.Schema() {
		if !used[col.Name] {
			out = append(out, col)
		}
	}
	return out
}

// pivotAgg checks pivot's aggregation argument.
func (c *checker) pivotAgg(call *syntax.Call, cols []table.Column, sc *scope) (string, []Expr) {
	name := call.Name.Name
	if _, ok := pivotIf[name]; !ok {
		c.errorf(call, "pivot() cannot aggregate with %s(); use count, sum, avg, min, max, dcount, stdev, variance, make_list, make_set, make_bag or take_any", name)
	}
	row := &rowCtx{cols: cols, aggOK: true}
	e, ok := c.scalar(call, sc, row).(*Call)
	if !ok {
		c.errorf(call, "pivot() needs an aggregation such as sum(x)")
	}
	return name, e.Args
}

// probeDistinct asks the executor for the distinct values of the pivot
// column.
func (c *checker) probeDistinct(op *syntax.EvaluateOp, in Tabular, e Expr) []any {
	if c.opts.Probe == nil {
		c.errorf(op.Call, "pivot(): its columns depend on the data; it cannot be compiled without running")
	}
	values, err := c.opts.Probe.Distinct(c.ctx, in, e, maxProbedColumns+1)
	if err != nil {
		c.errorf(op.Call, "pivot(): %v", err)
	}
	if len(values) > maxProbedColumns {
		c.errorf(op.Call, "pivot(): the column has more than %d distinct values", maxProbedColumns)
	}
	sort.SliceStable(values, func(i, j int) bool { return pivotColumnName(values[i]) < pivotColumnName(values[j]) })
	return values
}

// pivotColumnName names the column of one pivot value: its text.
func pivotColumnName(v any) string {
	s := table.FormatValue(v)
	if s == "" {
		return "Column"
	}
	return s
}
