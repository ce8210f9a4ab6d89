package sema

import (
	"time"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// The analytics plugins of Kusto's documentation that work over windows
// of rows or of time: rows_near, rolling_percentile, dcount_intersect and
// the activity plugins (evaluate_activity.go). They run in Go
// (engine/exec/plugins_window.go) over the materialised input; an argument
// that is an expression (rows_near's condition) becomes a hidden column
// the input computes.

// hiddenColumn is the name of a computed plugin argument in the input.
func hiddenColumn(plugin, arg string) string { return "__" + plugin + "_" + arg }

// withHidden extends the input with computed argument columns.
func withHidden(in Tabular, cols ...NamedExpr) Tabular {
	out := append([]table.Column(nil), in.Schema()...)
	for _, c := range cols {
		out = append(out, table.Column{Name: c.Name, Type: c.Expr.Type()})
	}
	return &Extend{In: in, Cols: cols, out: out}
}

// RowsNearConfig is `evaluate rows_near(Condition, NumRows [,
// RowsAfter])`: the rows within NumRows before and RowsAfter after a row
// where Condition holds, in input order. Cond is the hidden column of the
// condition; Width is the number of the input's own columns.
type RowsNearConfig struct {
	Cond          string
	Before, After int
	Width         int
}

func (c *checker) rowsNear(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 2, 3)
	cond := c.scalar(a.pos[0], sc, &rowCtx{cols: in.Schema()})
	if cond.Type() != table.Bool {
		c.errorf(a.pos[0], "the condition of rows_near() must be a bool, got %s", cond.Type())
	}
	cfg := &RowsNearConfig{Cond: hiddenColumn("rows_near", "cond"), Width: len(in.Schema())}
	cfg.Before = c.pluginCount(a.pos[1], sc, "the number of rows of rows_near()")
	cfg.After = cfg.Before
	if len(a.pos) > 2 {
		cfg.After = c.pluginCount(a.pos[2], sc, "the number of rows after of rows_near()")
	}
	ext := withHidden(in, NamedExpr{Name: cfg.Cond, Expr: cond})
	return &Plugin{In: ext, Name: "rows_near", Config: cfg, out: in.Schema()}
}

// pluginCount reads a constant non-negative integer.
func (c *checker) pluginCount(e syntax.Expr, sc *scope, what string) int {
	f := c.pluginNumber(e, sc, what)
	if f < 0 || f != float64(int(f)) {
		c.errorf(e, "%s must be a non-negative integer", what)
	}
	return int(f)
}

// RollingPercentileConfig is `evaluate rolling_percentile(ValueColumn,
// Percentile, IndexColumn, BinSize, BinsToLookBack [, dim1, ...])`: per
// bin of the index (and dimensions), the nearest-rank percentile of the
// values of that bin and the BinsToLookBack-1 bins before it.
type RollingPercentileConfig struct {
	Value, Index string
	Percentile   float64
	// BinSize is the bin width: ticks for a datetime or timespan index,
	// the number itself for a numeric one.
	BinSize  float64
	Lookback int
	Dims     []string
}

func (c *checker) rollingPercentile(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 5, -1)
	value := c.pluginColumn(a.pos[0], in, "the value column of rolling_percentile()")
	if !value.Type.IsNumeric() && value.Type != table.DateTime && value.Type != table.TimeSpan {
		c.errorf(a.pos[0], "the value column of rolling_percentile() must be numeric, '%s' is %s", value.Name, value.Type)
	}
	cfg := &RollingPercentileConfig{Value: value.Name}
	cfg.Percentile = c.pluginNumber(a.pos[1], sc, "the percentile of rolling_percentile()")
	if cfg.Percentile < 0 || cfg.Percentile > 100 {
		c.errorf(a.pos[1], "the percentile of rolling_percentile() must be between 0 and 100")
	}
	index := c.pluginColumn(a.pos[2], in, "the index column of rolling_percentile()")
	cfg.Index = index.Name
	cfg.BinSize = c.pluginBinSize(a.pos[3], sc, index, "rolling_percentile()")
	cfg.Lookback = c.pluginCount(a.pos[4], sc, "the number of bins to look back of rolling_percentile()")
	if cfg.Lookback < 1 {
		c.errorf(a.pos[4], "rolling_percentile() needs at least one bin to look back")
	}
	out := []table.Column{index}
	for _, d := range a.pos[5:] {
		col := c.pluginColumn(d, in, "a dimension of rolling_percentile()")
		cfg.Dims = append(cfg.Dims, col.Name)
		out = append(out, col)
	}
	t := value.Type
	switch t {
	case table.Int:
		t = table.Long
	case table.Decimal:
		t = table.Real
	}
	name := "rolling_" + itoa(cfg.Lookback) + "_percentile_" + value.Name + "_" + nameFragment(literalOf(cfg.Percentile))
	out = withColumns(out, []table.Column{{Name: name, Type: t}})
	return &Plugin{In: in, Name: "rolling_percentile", Config: cfg, out: out}
}

// literalOf is a whole percentile as a long (50, not 50.0) for naming.
func literalOf(f float64) any {
	if f == float64(int64(f)) {
		return int64(f)
	}
	return f
}

// pluginBinSize reads a constant bin width fitting the index column: a
// timespan for a datetime or timespan index (as ticks), a number for a
// numeric one.
func (c *checker) pluginBinSize(e syntax.Expr, sc *scope, index table.Column, plugin string) float64 {
	x := c.scalar(e, sc, nil)
	lit, ok := x.(*Literal)
	if !ok || lit.Value == nil {
		c.errorf(e, "the bin size of %s must be a constant", plugin)
	}
	var size float64
	switch v := lit.Value.(type) {
	case time.Duration:
		if index.Type != table.DateTime && index.Type != table.TimeSpan {
			c.errorf(e, "a timespan bin size needs a datetime or timespan index, '%s' is %s", index.Name, index.Type)
		}
		size = float64(v / 100)
	case int64, int32, float64:
		if !index.Type.IsNumeric() {
			c.errorf(e, "the bin size of %s for the %s index '%s' must be a timespan", plugin, index.Type, index.Name)
		}
		size = c.pluginNumber(e, sc, "the bin size of "+plugin)
	default:
		c.errorf(e, "the bin size of %s must be a timespan or a number, got %s", plugin, lit.T)
	}
	if !(size > 0) {
		c.errorf(e, "the bin size of %s must be positive", plugin)
	}
	return size
}

// DcountIntersectConfig is `evaluate dcount_intersect(hll_1, hll_2, ...)`:
// the input row, then s0 = dcount(hll_1), s1 = the distinct count of the
// values in hll_1 and hll_2, and so on.
type DcountIntersectConfig struct {
	Columns []string
}

func (c *checker) dcountIntersect(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 2, 16)
	cfg := &DcountIntersectConfig{}
	var extra []table.Column
	for i, e := range a.pos {
		col := c.pluginColumn(e, in, "an argument of dcount_intersect()")
		if col.Type != table.Dynamic {
			c.errorf(e, "dcount_intersect() needs hll() results (dynamic), '%s' is %s", col.Name, col.Type)
		}
		cfg.Columns = append(cfg.Columns, col.Name)
		extra = append(extra, table.Column{Name: "s" + itoa(i), Type: table.Long})
	}
	return &Plugin{In: in, Name: "dcount_intersect", Config: cfg, out: withColumns(in.Schema(), extra)}
}
