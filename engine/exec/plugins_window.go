package exec

import (
	"cmp"
	"context"
	"math"
	"slices"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// rowsNear is `evaluate rows_near(Condition, N [, After])`: the input's
// rows within N rows before and After rows after a matching row, in input
// order, without the hidden condition column.
func rowsNear(cfg *sema.RowsNearConfig, out []table.Column) engine.PluginFunc {
	return func(ctx context.Context, in *engine.Cursor, sink *engine.Sink) error {
		cond, err := columnOf(in, cfg.Cond)
		if err != nil {
			return err
		}
		t, err := readAll(ctx, in)
		if err != nil {
			return err
		}
		keep := make([]bool, len(t.Rows))
		for i, row := range t.Rows {
			if b, _ := row[cond].(bool); b {
				for j := max(0, i-cfg.Before); j <= min(len(t.Rows)-1, i+cfg.After); j++ {
					keep[j] = true
				}
			}
		}
		if err := sink.Begin(out); err != nil {
			return err
		}
		for i, row := range t.Rows {
			if keep[i] {
				if err := sink.Append(row[:cfg.Width]); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// groupKey identifies a combination of dimension values.
func groupKey(row []any, dims []int) string {
	key := ""
	for _, d := range dims {
		key += table.FormatValue(row[d]) + "\x00"
	}
	return key
}

// groups splits rows by their dimension values, in order of first
// appearance.
func groups(rows [][]any, dims []int) [][][]any {
	index := map[string]int{}
	var out [][][]any
	for _, row := range rows {
		k := groupKey(row, dims)
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], row)
	}
	return out
}

// binOf is the index of the bin of width size a datetime (from
// 0001-01-01, so that bins align as Kusto's bin() does), timespan or
// number falls in; ok false for null.
func binOf(v any, size float64) (int64, bool) {
	switch x := v.(type) {
	case time.Time:
		return floorDiv(x.UnixNano()/100+unixEpochTicks, int64(size)), true
	case time.Duration:
		return floorDiv(int64(x/100), int64(size)), true
	case nil:
		return 0, false
	}
	f := toFloat(v)
	return int64(math.Floor(f / size)), !math.IsNaN(f)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// sortKey orders values of one type (datetimes by time, to nanoseconds
// well enough for ranking).
func sortKey(v any) (float64, bool) {
	switch x := v.(type) {
	case time.Time:
		return float64(x.UnixNano()), true
	case time.Duration:
		return float64(x), true
	case nil:
		return 0, false
	}
	f := toFloat(v)
	return f, !math.IsNaN(f)
}

// unixEpochTicks is 1970-01-01 in ticks since 0001-01-01.
const unixEpochTicks = 621355968000000000

// binStart is the start of bin i as a value of the type of like.
func binStart(i int64, size float64, like any) any {
	switch like.(type) {
	case time.Time:
		return time.Unix(0, (i*int64(size)-unixEpochTicks)*100).UTC()
	case time.Duration:
		return time.Duration(i * int64(size) * 100)
	case int64, int32:
		return int64(float64(i) * size)
	}
	return float64(i) * size
}

// rollingPercentile is `evaluate rolling_percentile(...)`: per dimension
// group and bin of the index, the nearest-rank percentile of the values
// of the bin and the Lookback-1 bins before it.
func rollingPercentile(cfg *sema.RollingPercentileConfig, out []table.Column) engine.PluginFunc {
	return func(ctx context.Context, in *engine.Cursor, sink *engine.Sink) error {
		cols, err := columnsOf(in, append([]string{cfg.Value, cfg.Index}, cfg.Dims...)...)
		if err != nil {
			return err
		}
		t, err := readAll(ctx, in)
		if err != nil {
			return err
		}
		if err := sink.Begin(out); err != nil {
			return err
		}
		for _, g := range groups(t.Rows, cols[2:]) {
			for _, row := range rollingRows(g, cols, cfg) {
				if err := sink.Append(row); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// rollingRows computes one group's rows, bins ascending.
func rollingRows(rows [][]any, cols []int, cfg *sema.RollingPercentileConfig) [][]any {
	type entry struct {
		num   float64
		value any
	}
	bins := map[int64][]entry{}
	var like any
	for _, row := range rows {
		b, ok := binOf(row[cols[1]], cfg.BinSize)
		v, vok := sortKey(row[cols[0]])
		if !ok || !vok {
			continue
		}
		like = row[cols[1]]
		bins[b] = append(bins[b], entry{v, row[cols[0]]})
	}
	keys := make([]int64, 0, len(bins))
	for b := range bins {
		keys = append(keys, b)
	}
	slices.Sort(keys)
	var out [][]any
	for _, b := range keys {
		var window []entry
		for k := 0; k < cfg.Lookback; k++ {
			window = append(window, bins[b-int64(k)]...)
		}
		slices.SortStableFunc(window, func(x, y entry) int { return cmp.Compare(x.num, y.num) })
		rank := int(math.Ceil(cfg.Percentile / 100 * float64(len(window))))
		rank = min(max(rank, 1), len(window))
		row := []any{binStart(b, cfg.BinSize, like)}
		for _, d := range cols[2:] {
			row = append(row, rows[0][d])
		}
		out = append(out, append(row, widen(window[rank-1].value)))
	}
	return out
}

// widen gives an int the long type percentiles have.
func widen(v any) any {
	if i, ok := v.(int32); ok {
		return int64(i)
	}
	return v
}
