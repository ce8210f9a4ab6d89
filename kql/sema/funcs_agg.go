package sema

import (
	"github.com/huntbook/huntbook/table"
)

// aggFuncs are the aggregation functions of summarize and make-series.
func aggFuncs() []*Function {
	d, l, r := table.Dynamic, table.Long, table.Real
	agg := func(f *Function, prefix string) *Function {
		f.Kind = KindAggregate
		f.Naming, f.Prefix = NamePrefixFirstArg, prefix
		return f
	}
	multi := func(f *Function) *Function {
		f.Kind, f.Multi = KindAggregate, true
		return f
	}
	avg := fn("avg", Fixed(r), p(PInt)).orT(r, p(PReal)).
		or(ArgType(0), p(PTimeSpan)).or(ArgType(0), p(PDateTime))
	avgif := fn("avgif", Fixed(r), p(PInt), p(PBool)).orT(r, p(PReal), p(PBool)).
		or(ArgType(0), p(PTimeSpan), p(PBool)).or(ArgType(0), p(PDateTime), p(PBool))
	fs := []*Function{
		agg(fnT("count", l, opt(PAny)), "count"),
		agg(fnT("countif", l, p(PBool)), "countif"),
		agg(fnT("dcount", l, p(PAny), opt(PInt)), "dcount"),
		agg(fnT("dcountif", l, p(PAny), p(PBool), opt(PInt)), "dcountif"),
		agg(fnT("count_distinct", l, p(PNotDynamic)), "count_distinct"),
		agg(fnT("count_distinctif", l, p(PNotDynamic), p(PBool)), "count_distinctif"),
		agg(fn("sum", Promoted(0), p(PSummable)), "sum"),
		agg(fn("sumif", Promoted(0), p(PSummable), p(PBool)), "sumif"),
		agg(avg, "avg"),
		agg(avgif, "avgif"),
		agg(fn("min", ArgType(0), p(POrdered)), "min"),
		agg(fn("max", ArgType(0), p(POrdered)), "max"),
		agg(fn("minif", ArgType(0), p(POrdered), p(PBool)), "minif"),
		agg(fn("maxif", ArgType(0), p(POrdered), p(PBool)), "maxif"),
		agg(fnT("make_list", d, p(PAny), opt(PInt)), "list"),
		agg(fnT("make_list_if", d, p(PAny), p(PBool), opt(PInt)), "list"),
		agg(fnT("make_list_with_nulls", d, p(PAny)), "list"),
		agg(fnT("make_set", d, p(PAny), opt(PInt)), "set"),
		agg(fnT("make_set_if", d, p(PAny), p(PBool), opt(PInt)), "set"),
		agg(fnT("make_bag", d, p(PDynamic), opt(PInt)), "bag"),
		agg(fnT("make_bag_if", d, p(PDynamic), p(PBool), opt(PInt)), "bag"),
		agg(fnT("buildschema", d, p(PAny)), "schema"),
		agg(fn("take_anyif", ArgType(0), p(PAny), p(PBool)), ""),
		agg(fnT("stdev", r, p(PNum)), "stdev"),
		agg(fnT("stdevif", r, p(PNum), p(PBool)), "stdevif"),
		agg(fnT("stdevp", r, p(PNum)), "stdevp"),
		agg(fnT("stdevpif", r, p(PNum), p(PBool)), "stdevpif"),
		agg(fnT("variance", r, p(PNum)), "variance"),
		agg(fnT("varianceif", r, p(PNum), p(PBool)), "varianceif"),
		agg(fnT("variancep", r, p(PNum)), "variancep"),
		agg(fnT("variancepif", r, p(PNum), p(PBool)), "variancepif"),
		agg(fnT("covariance", r, p(PNum), p(PNum)), "covariance"),
		agg(fnT("covariancep", r, p(PNum), p(PNum)), "covariancep"),
		agg(fnT("covarianceif", r, p(PNum), p(PNum), p(PBool)), "covarianceif"),
		agg(fnT("covariancepif", r, p(PNum), p(PNum), p(PBool)), "covariancepif"),
		agg(fnT("hll", d, p(PNotDynamic), opt(PInt)), "hll"),
		agg(fnT("hll_if", d, p(PNotDynamic), p(PBool), opt(PInt)), "hll_if"),
		agg(fnT("hll_merge", d, p(PDynamic)), "hll_merge"),
		agg(fnT("tdigest", d, p(PSummable), opt(PNum)), "tdigest"),
		agg(fnT("tdigest_merge", d, p(PDynamic)), "merge_tdigests"),
		agg(fnT("merge_tdigest", d, p(PDynamic)), "merge_tdigests"),
		agg(fn("binary_all_and", ArgType(0), p(PInt)), ""),
		agg(fn("binary_all_or", ArgType(0), p(PInt)), ""),
		agg(fn("binary_all_xor", ArgType(0), p(PInt)), ""),
		agg(fnT("percentiles_array", d, p(PSummable), rep(PAny)), "percentiles"),
		agg(fnT("percentilesw_array", d, p(PSummable), p(PInt), rep(PAny)), "percentiles"),
		multi(fnT("arg_max", table.Invalid, p(POrdered), optRep(PAny))),
		multi(fnT("arg_min", table.Invalid, p(POrdered), optRep(PAny))),
		multi(fnT("take_any", table.Invalid, rep(PAny))),
		multi(fnT("percentile", table.Invalid, p(PSummable), p(PNum))),
		multi(fnT("percentiles", table.Invalid, p(PSummable), rep(PNum))),
		multi(fnT("percentilew", table.Invalid, p(PSummable), p(PInt), p(PNum))),
		multi(fnT("percentilesw", table.Invalid, p(PSummable), p(PInt), rep(PNum))),
	}
	for _, f := range fs {
		switch f.Name {
		case "take_anyif", "binary_all_and", "binary_all_or", "binary_all_xor":
			f.Naming = NameFirstArg
		case "arg_max", "arg_min", "take_any":
			f.Star = true
		case "covariance", "covariancep", "covarianceif", "covariancepif":
			f.Naming = NamePrefixTwoArgs
		}
	}
	fs = append(fs, aliasOf(fs, "make_list", "makelist")...)
	fs = append(fs, aliasOf(fs, "make_set", "makeset")...)
	fs = append(fs, aliasOf(fs, "make_bag", "make_dictionary")...)
	fs = append(fs, aliasOf(fs, "take_any", "any")...)
	fs = append(fs, aliasOf(fs, "take_anyif", "anyif")...)
	fs = append(fs, aliasOf(fs, "merge_tdigest", "merge_tdigests")...)
	return fs
}

// windowFuncs need a serialized input: their value depends on the rows
// before (or after) the current one.
func windowFuncs() []*Function {
	win := func(f *Function) *Function { f.Kind = KindWindow; return f }
	return []*Function{
		win(fnT("row_number", table.Long, opt(PInt), opt(PBool))),
		win(fn("row_cumsum", ArgType(0), p(PNum), opt(PBool))),
		win(fnT("row_rank_min", table.Long, p(POrdered), opt(PBool))),
		win(fnT("row_rank_dense", table.Long, p(POrdered), opt(PBool))),
		win(fnT("row_window_session", table.DateTime, p(PDateTime), p(PTimeSpan), p(PTimeSpan), opt(PBool)).constArgs(1, 2)),
		win(fn("prev", ArgType(0), p(PAny), opt(PInt), opt(PAny))).custom(checkPrevNext),
		win(fn("next", ArgType(0), p(PAny), opt(PInt), opt(PAny))).custom(checkPrevNext),
	}
}

// checkPrevNext types prev/next(column [, offset [, default]]): the
// default converts to the column's type.
func checkPrevNext(c *checker, call *syntaxCall, args []Expr) ([]Expr, table.Type) {
	if len(args) < 1 || len(args) > 3 {
		c.errorf(call, "%s() takes 1 to 3 arguments, got %d", call.Name.Name, len(args))
	}
	out := append([]Expr(nil), args...)
	if len(out) >= 2 {
		if t := out[1].Type(); t != table.Long && t != table.Int {
			c.errorf(call.Args[1], "the offset of %s() must be an integer, got %s", call.Name.Name, t)
		}
		if !IsConstant(out[1]) {
			c.errorf(call.Args[1], "the offset of %s() must be a constant", call.Name.Name)
		}
	}
	if len(out) == 3 {
		out[2] = c.coerce(call.Args[2], out[2], out[0].Type())
	}
	return out, out[0].Type()
}
