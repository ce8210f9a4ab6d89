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
		fn("bin_auto", ArgType(0), p(PSummable)).custom(checkBinAuto).named(NameFirstArg, ""),
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

// checkBinAuto types bin_auto(x): bin(x, size), or bin_at(x, size, at)
// when `set query_bin_auto_at` is given, with the sizes the query's set
// statements give. Its arguments become the bin or bin_at call's.
func checkBinAuto(c *checker, call *syntaxCall, args []Expr) ([]Expr, table.Type) {
	if len(args) != 1 {
		c.errorf(call, "bin_auto() takes 1 argument, got %d", len(args))
	}
	if c.binAutoSize == nil {
		c.errorf(call, "bin_auto() needs the bin size: set query_bin_auto_size=...; before the query")
	}
	x, size, at := args[0], c.binAutoSize, c.binAutoAt
	want := x.Type()
	switch {
	case x.Type() == table.DateTime:
		want = table.TimeSpan
	case x.Type().IsNumeric():
		if size.Type().IsNumeric() {
			want = size.Type()
		}
	}
	if size.Type() != want {
		c.errorf(call, "query_bin_auto_size is %s, which cannot bin a %s", size.Type(), x.Type())
	}
	out := []Expr{x, size}
	name := "bin"
	if at != nil {
		if at.Type() != x.Type() && !(at.Type().IsNumeric() && x.Type().IsNumeric()) {
			c.errorf(call, "query_bin_auto_at is %s, which cannot anchor bins of a %s", at.Type(), x.Type())
		}
		out, name = append(out, at), "bin_at"
	}
	f, _ := LookupFunction(name)
	for _, sig := range f.Sigs {
		if lo, hi := sig.arity(); len(out) < lo || len(out) > hi {
			continue
		}
		types := make([]table.Type, len(out))
		for i, a := range out {
			types[i] = a.Type()
		}
		if _, bad := fitSig(sig, types); bad < 0 {
			return out, sig.Result(types)
		}
	}
	c.errorf(call, "bin_auto() cannot bin a %s by %s", x.Type(), size.Type())
	return nil, table.Invalid
}
