package sema

import (
	"github.com/huntbook/huntbook/table"
)

// seriesFuncs are the series_* functions over dynamic arrays of numbers
// (implemented by secops/timeseries, exposed by the engine).
func seriesFuncs() []*Function {
	d, r := table.Dynamic, table.Real
	var fs []*Function
	for _, n := range []string{"abs", "acos", "asin", "atan", "ceiling", "cos", "exp", "floor", "log",
		"sign", "sin", "sqrt", "tan"} {
		fs = append(fs, fnT("series_"+n, d, p(PDynamic)))
	}
	for _, n := range []string{"add", "subtract", "multiply", "divide", "pow", "greater", "greater_equals",
		"less", "less_equals", "equals", "not_equals"} {
		fs = append(fs, fnT("series_"+n, d, p(PAny), p(PAny)))
	}
	for _, n := range []string{"sum", "product", "magnitude"} {
		fs = append(fs, fnT("series_"+n, r, p(PDynamic)))
	}
	for _, n := range []string{"dot_product", "cosine_similarity", "pearson_correlation"} {
		fs = append(fs, fnT("series_"+n, r, p(PAny), p(PAny)))
	}
	fs = append(fs, tupleBagFuncs()...)
	return append(fs,
		fnT("series_stats_dynamic", d, p(PDynamic), opt(PBool)),
		fnT("series_fill_backward", d, p(PDynamic), opt(PAny)),
		fnT("series_fill_forward", d, p(PDynamic), opt(PAny)),
		fnT("series_fill_const", d, p(PDynamic), p(PAny), opt(PAny)),
		fnT("series_fill_linear", d, p(PDynamic), opt(PAny), opt(PBool), opt(PAny)),
		fnT("series_fir", d, p(PDynamic), p(PDynamic), opt(PBool), opt(PBool)),
		fnT("series_iir", d, p(PDynamic), p(PDynamic), p(PDynamic)),
		fnT("series_outliers", d, p(PDynamic), opt(PString), opt(PReal), opt(PReal), opt(PReal)),
		fnT("series_seasonal", d, p(PDynamic), opt(PInt)),
		fnT("series_decompose_forecast", d, p(PDynamic), p(PInt), opt(PInt), opt(PString), opt(PReal)),
		fnT("series_fit_line_dynamic", d, p(PDynamic)),
		fnT("series_fit_2lines_dynamic", d, p(PDynamic)),
	)
}
