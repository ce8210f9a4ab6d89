package sqlrepr

import (
	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

// digestUDFs are the Go side of tdigest() and hll() and of the functions
// that read them (kqlfunc/digest.go documents the representation). The
// aggregates collect their group's values with list() and hand them to
// kql_tdigest / kql_hll; kql/sqlgen writes the calls.
func digestUDFs() []UDF {
	d, s, r, l := table.Dynamic, table.String, table.Real, table.Long
	return []UDF{
		{Name: "kql_tdigest", Args: []table.Type{d, s}, Result: d, Null: NullAware, Fn: kqlfunc.TDigest},
		{Name: "kql_tdigest_merge", Args: []table.Type{d}, Result: d, Null: NullAware, Fn: kqlfunc.TDigestMerge},
		{Name: "kql_tdigest_percentile", Args: []table.Type{d, r}, Result: d, Fn: kqlfunc.TDigestPercentile},
		{Name: "kql_tdigest_percentile_num", Args: []table.Type{d, r}, Result: r, Fn: kqlfunc.TDigestPercentileNumber},
		{Name: "kql_tdigest_percentiles", Args: []table.Type{d, d}, Result: d, Fn: kqlfunc.TDigestPercentiles},
		{Name: "kql_tdigest_rank", Args: []table.Type{d, r}, Result: l, Fn: kqlfunc.TDigestRank},
		{Name: "kql_tdigest_percentrank", Args: []table.Type{d, r}, Result: r, Fn: kqlfunc.TDigestPercentRank},
		{Name: "kql_hll", Args: []table.Type{d}, Result: d, Null: NullAware, Fn: kqlfunc.HLL},
		{Name: "kql_hll_merge", Args: []table.Type{d}, Result: d, Null: NullAware, Fn: kqlfunc.HLLMerge},
		{Name: "kql_buildschema", Args: []table.Type{d}, Result: d, Null: NullAware, Fn: kqlfunc.BuildSchema},
		{Name: "kql_dcount_hll", Args: []table.Type{d}, Result: l, Fn: kqlfunc.DcountHLL},
	}
}
