package sema

import "github.com/huntbook/huntbook/table"

// mathFuncs are the numeric functions, bin and its relatives.
func mathFuncs() []*Function {
	r, l, b := table.Real, table.Long, table.Bool
	real1 := func(name string) *Function { return fnT(name, r, p(PReal)) }
	fs := []*Function{
		fn("abs", ArgType(0), p(PNum)).or(ArgType(0), p(PTimeSpan)),
		fn("sign", ArgType(0), p(PNum)),
		fn("ceiling", ArgType(0), p(PNum)),
		fn("round", ArgType(0), p(PNum), opt(PInt)),
		real1("acos"), real1("asin"), real1("atan"), real1("cos"), real1("sin"), real1("tan"), real1("cot"),
		real1("exp"), real1("exp2"), real1("exp10"), real1("log"), real1("log2"), real1("log10"),
		real1("sqrt"), real1("degrees"), real1("radians"), real1("gamma"), real1("loggamma"), real1("erf"), real1("erfc"),
		fnT("atan2", r, p(PReal), p(PReal)),
		fnT("pow", r, p(PReal), p(PReal)),
		fnT("pi", r),
		fnT("rand", r, opt(PInt)).volatile(),
		fnT("isnan", b, p(PReal)),
		fnT("isinf", b, p(PReal)),
		fnT("isfinite", b, p(PReal)),
		fnT("beta_cdf", r, p(PReal), p(PReal), p(PReal)),
		fnT("beta_inv", r, p(PReal), p(PReal), p(PReal)),
		fnT("beta_pdf", r, p(PReal), p(PReal), p(PReal)),
		fnT("binary_and", l, p(PInt), p(PInt)).named(NameFirstArg, ""),
		fnT("binary_or", l, p(PInt), p(PInt)).named(NameFirstArg, ""),
		fnT("binary_xor", l, p(PInt), p(PInt)).named(NameFirstArg, ""),
		fnT("binary_not", l, p(PInt)).named(NameFirstArg, ""),
		fnT("binary_shift_left", l, p(PInt), p(PInt)).named(NameFirstArg, ""),
		fnT("binary_shift_right", l, p(PInt), p(PInt)).named(NameFirstArg, ""),
		fnT("bitset_count_ones", l, p(PInt)).named(NameFirstArg, ""),
		binFunc("bin"),
		binFunc("floor"),
		fn("bin_at", Widest, p(PNum), p(PNum), p(PNum)).
			orT(table.TimeSpan, p(PTimeSpan), p(PTimeSpan), p(PTimeSpan)).
			orT(table.DateTime, p(PDateTime), p(PTimeSpan), p(PDateTime)).named(NameFirstArg, ""),
		fnT("around", b, p(PSummable), p(PSummable), p(PSummable)),
		fnT("new_guid", table.GUID).volatile(),
		fnT("welch_test", r, p(PReal), p(PReal), p(PReal), p(PReal), p(PReal), p(PReal)),
		fnT("format_bytes", table.String, p(PReal), opt(PInt), opt(PString)),
	}
	for _, unit := range []string{"angle", "energy", "force", "length", "mass", "speed", "temperature", "volume"} {
		fs = append(fs, fnT("convert_"+unit, r, p(PReal), p(PString), p(PString)))
	}
	return fs
}

// binFunc is bin (and its alias floor): numbers, timespans and datetimes
// rounded down to a multiple of the bin size.
func binFunc(name string) *Function {
	return fn(name, Widest, p(PNum), p(PNum)).
		orT(table.TimeSpan, p(PTimeSpan), p(PTimeSpan)).
		orT(table.DateTime, p(PDateTime), p(PTimeSpan)).
		named(NameFirstArg, "")
}
