package sema

import (
	"github.com/huntbook/huntbook/table"
)

// digestFuncs are the scalar functions over tdigest() and hll() results
// (engine/kqlfunc/digest.go documents their exact representation).
func digestFuncs() []*Function {
	d := table.Dynamic
	pct := fnT("percentile_tdigest", d, p(PDynamic), p(PNum), opt(PType)).custom(checkPercentileTDigest)
	pct.Naming, pct.Prefix = NamePrefixFirstArg, "percentile_tdigest"
	pcts := fnT("percentiles_array_tdigest", d, p(PDynamic), rep(PAny)).custom(checkPercentilesArrayTDigest)
	pcts.Naming, pcts.Prefix = NamePrefixFirstArg, "percentiles_array_tdigest"
	dc := fnT("dcount_hll", table.Long, p(PDynamic))
	dc.Naming, dc.Prefix = NamePrefixFirstArg, "dcount_hll"
	fs := []*Function{
		pct, pcts, dc,
		fnT("rank_tdigest", table.Long, p(PDynamic), p(PSummable)),
		fnT("percentrank_tdigest", table.Real, p(PDynamic), p(PSummable)),
	}
	// the page of percentiles_array_tdigest is titled percentile_array_tdigest
	return append(fs, aliasOf(fs, "percentiles_array_tdigest", "percentile_array_tdigest")...)
}

// scalarTwins are the scalar forms of aggregates that share their name:
// hll_merge(h1, h2, ...) and merge_tdigest(t1, t2, ...) merge digests of
// one row. A call is the scalar form outside an aggregation context or
// with more than one argument.
func scalarTwins() map[string]*Function {
	d := table.Dynamic
	return map[string]*Function{
		"hll_merge":      fnT("hll_merge", d, p(PDynamic), rep(PDynamic)),
		"merge_tdigest":  fnT("merge_tdigest", d, p(PDynamic), rep(PDynamic)),
		"tdigest_merge":  fnT("tdigest_merge", d, p(PDynamic), rep(PDynamic)),
		"merge_tdigests": fnT("merge_tdigests", d, p(PDynamic), rep(PDynamic)),
	}
}

// scalarTwin returns the scalar form of an aggregate call, or nil.
func scalarTwin(f *Function, call *syntaxCall, row *rowCtx) *Function {
	tw, ok := scalarTwins()[f.Name]
	if !ok {
		return nil
	}
	if row == nil || !row.aggOK || row.inAgg || len(call.Args) > 1 {
		return tw
	}
	return nil
}

// checkPercentileTDigest types percentile_tdigest(digest, p [,
// typeof(T)]): dynamic (the digest's value kind) unless T is given.
func checkPercentileTDigest(c *checker, call *syntaxCall, args []Expr) ([]Expr, table.Type) {
	return checkDigestTypedTail(c, call, args, 2, "percentile_tdigest")
}

// checkPercentilesArrayTDigest types percentiles_array_tdigest(digest,
// p1 [, p2 ...]) and percentiles_array_tdigest(digest, dynamic([p...]) [,
// typeof(T)]): a dynamic array, or T when one percentile and a type are
// given.
func checkPercentilesArrayTDigest(c *checker, call *syntaxCall, args []Expr) ([]Expr, table.Type) {
	if len(args) < 2 {
		c.errorf(call, "percentiles_array_tdigest() takes a digest and at least one percentile, got %d arguments", len(args))
	}
	if args[0].Type() != table.Dynamic {
		c.errorf(call.Args[0], "the first argument of percentiles_array_tdigest() must be a tdigest (dynamic), got %s", args[0].Type())
	}
	last := len(args)
	t := table.Dynamic
	if ta, ok := args[last-1].(*TypeArg); ok {
		last--
		if last == 2 && args[1].Type() != table.Dynamic {
			t = ta.T
		}
	}
	for i := 1; i < last; i++ {
		at := args[i].Type()
		if !at.IsNumeric() && !(at == table.Dynamic && last == 2) {
			c.errorf(call.Args[i], "a percentile of percentiles_array_tdigest() must be a number or one dynamic array, got %s", at)
		}
	}
	return args, t
}

// checkDigestTypedTail checks n fixed arguments and an optional trailing
// typeof(T) that sets the result type (dynamic without one).
func checkDigestTypedTail(c *checker, call *syntaxCall, args []Expr, n int, name string) ([]Expr, table.Type) {
	t := table.Dynamic
	fixed := args
	if len(args) == n+1 {
		ta, ok := args[n].(*TypeArg)
		if !ok {
			c.errorf(call.Args[n], "the last argument of %s() must be typeof(type)", name)
		}
		switch ta.T {
		case table.Int, table.Long, table.Real, table.Decimal, table.DateTime, table.TimeSpan, table.Dynamic:
		default:
			c.errorf(call.Args[n], "%s() gives a number, datetime or timespan, not %s", name, ta.T)
		}
		t, fixed = ta.T, args[:n]
	}
	f, _ := LookupFunction(name)
	g := *f
	g.Check = nil
	g.Sigs = []Sig{{Params: f.Sigs[0].Params[:n], Result: Fixed(t)}}
	res := c.resolve(call, &g, fixed).(*Call)
	out := res.Args
	if len(args) == n+1 {
		out = append(out, args[n])
	}
	return out, t
}
