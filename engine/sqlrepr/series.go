package sqlrepr

import (
	"encoding/json"
	"math"
	"sort"

	ts "github.com/huntbook/huntbook/secops/timeseries"
	"github.com/huntbook/huntbook/table"
)

// seriesFunc is one series_* function: its KQL name, result type and the
// Go function over the packed arguments (nil result: null).
type seriesFunc struct {
	name   string
	result table.Type
	fn     func(a seriesArgs) any
}

// SeriesBag names the internal function that computes every output of a
// multi-column series function (series_stats, series_decompose, ...) as
// one bag; the checker picks the columns out of it by SeriesFields.
func SeriesBag(name string) string { return name + "#bag" }

// seriesUDFName is the DuckDB name of a series function's UDF.
func seriesUDFName(name string) string {
	out := []byte("kql_" + name)
	for i, c := range out {
		if c == '#' {
			out[i] = '_'
		}
	}
	return string(out)
}

func seriesFuncs() []seriesFunc {
	d, r := table.Dynamic, table.Real
	var fs []seriesFunc
	for _, name := range []string{"abs", "acos", "asin", "atan", "ceiling", "cos", "exp", "floor", "log",
		"sign", "sin", "sqrt", "tan"} {
		op, _ := ts.ParseUnaryOp(name)
		fs = append(fs, seriesFunc{"series_" + name, d, unaryFn(op)})
	}
	for _, name := range []string{"add", "subtract", "multiply", "divide", "pow"} {
		op, _ := ts.ParseBinaryOp(name)
		keepInt := name == "add" || name == "subtract" || name == "multiply"
		fs = append(fs, seriesFunc{"series_" + name, d, binaryFn(op, keepInt)})
	}
	for _, name := range []string{"greater", "greater_equals", "less", "less_equals", "equals", "not_equals"} {
		op, _ := ts.ParseCmpOp(name)
		fs = append(fs, seriesFunc{"series_" + name, d, compareFn(op)})
	}
	fs = append(fs,
		seriesFunc{"series_sum", r, reduceFn(ts.Sum)},
		seriesFunc{"series_product", r, reduceFn(ts.Product)},
		seriesFunc{"series_magnitude", r, reduceFn(ts.Magnitude)},
		seriesFunc{"series_dot_product", r, pairFn(ts.DotProduct, true)},
		seriesFunc{"series_cosine_similarity", r, pairFn(ts.CosineSimilarity, false)},
		seriesFunc{"series_pearson_correlation", r, pairFn(ts.PearsonCorrelation, false)},
	)
	fs = append(fs, fillFuncs()...)
	fs = append(fs, analysisFuncs()...)
	return fs
}

func seriesUDFs() []UDF {
	var out []UDF
	for _, f := range seriesFuncs() {
		fn := f.fn
		out = append(out, UDF{Name: seriesUDFName(f.name), Args: []table.Type{table.Dynamic}, Result: f.result, Null: NullAware,
			Fn: func(v any) any {
				a, ok := unpack(v)
				if !ok {
					return nil
				}
				return fn(a)
			}})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// seriesRegistry maps each series function to its UDF, its arguments
// packed as one JSON array.
func seriesRegistry() []Func {
	var out []Func
	for _, f := range seriesFuncs() {
		out = append(out, Func{Name: f.name, Args: []table.Type{Any}, Variadic: true, Result: f.result,
			SQL: seriesUDFName(f.name) + "(json_array($*))", Impl: ImplUDF, Null: NullAware,
			Note: "secops/timeseries over the arguments packed into one JSON array"})
	}
	return out
}

func unaryFn(op ts.UnaryOp) func(seriesArgs) any {
	return func(a seriesArgs) any {
		s, ints, ok := a.series(0)
		if !ok {
			return nil
		}
		keep := ints && (op.String() == "abs" || op.String() == "sign" || op.String() == "ceiling" || op.String() == "floor")
		return json.RawMessage(jsonSeries(ts.Unary(op, s), keep))
	}
}

func binaryFn(op ts.BinaryOp, keepInt bool) func(seriesArgs) any {
	return func(a seriesArgs) any {
		n := max(len(arrayAt(a, 0)), len(arrayAt(a, 1)))
		x, xi, ok1 := a.operand(0, n)
		y, yi, ok2 := a.operand(1, n)
		if !ok1 || !ok2 {
			return nil
		}
		return json.RawMessage(jsonSeries(ts.Binary(op, x, y), keepInt && xi && yi))
	}
}

func compareFn(op ts.CmpOp) func(seriesArgs) any {
	return func(a seriesArgs) any {
		n := max(len(arrayAt(a, 0)), len(arrayAt(a, 1)))
		x, _, ok1 := a.operand(0, n)
		y, _, ok2 := a.operand(1, n)
		if !ok1 || !ok2 {
			return nil
		}
		return json.RawMessage(jsonBools(ts.Compare(op, x, y)))
	}
}

func arrayAt(a seriesArgs, i int) []any {
	arr, _ := a.at(i).([]any)
	return arr
}

func reduceFn(f func(ts.Series) float64) func(seriesArgs) any {
	return func(a seriesArgs) any {
		s, _, ok := a.series(0)
		if !ok {
			return nil
		}
		return realOrNull(f(s))
	}
}

// pairFn adapts a function of two series. With broadcast one operand may
// be a number, repeated to the other's length (the series_dot_product
// page's second example: series_dot_product([1,2,4], 1) is 7).
func pairFn(f func(x, y ts.Series) float64, broadcast bool) func(seriesArgs) any {
	return func(a seriesArgs) any {
		x, _, ok1 := a.series(0)
		y, _, ok2 := a.series(1)
		switch {
		case !broadcast:
		case ok1 && !ok2:
			y, _, ok2 = a.operand(1, len(x))
		case ok2 && !ok1:
			x, _, ok1 = a.operand(0, len(y))
		}
		if !ok1 || !ok2 {
			return nil
		}
		return realOrNull(f(x, y))
	}
}

func realOrNull(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return v
}

func fillFuncs() []seriesFunc {
	d := table.Dynamic
	return []seriesFunc{
		{"series_fill_forward", d, func(a seriesArgs) any {
			s, ints, ok := a.series(0)
			if !ok {
				return nil
			}
			return json.RawMessage(jsonSeries(ts.FillForward(s, a.num(1, ts.Null)), ints))
		}},
		{"series_fill_backward", d, func(a seriesArgs) any {
			s, ints, ok := a.series(0)
			if !ok {
				return nil
			}
			return json.RawMessage(jsonSeries(ts.FillBackward(s, a.num(1, ts.Null)), ints))
		}},
		{"series_fill_const", d, func(a seriesArgs) any {
			s, ints, ok := a.series(0)
			if !ok {
				return nil
			}
			c := a.num(1, 0)
			_, cInt, _ := number(a.at(1))
			return json.RawMessage(jsonSeries(ts.FillConst(s, c, a.num(2, ts.Null)), ints && cInt))
		}},
		{"series_fill_linear", d, func(a seriesArgs) any {
			s, ints, ok := a.series(0)
			if !ok {
				return nil
			}
			o := ts.DefaultFillLinear()
			o.Placeholder = a.num(1, ts.Null)
			o.FillEdges = a.boolean(2, true)
			o.Constant = a.num(3, 0)
			o.Integer = ints
			return json.RawMessage(jsonSeries(ts.FillLinear(s, o), ints))
		}},
	}
}
