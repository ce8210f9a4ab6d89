package sqlrepr

import (
	"math"

	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

// mathUDFs are numeric functions DuckDB lacks.
func mathUDFs() []UDF {
	r, s := table.Real, table.String
	return []UDF{
		{Name: "kql_erf", Args: []table.Type{r}, Result: r, Null: NullPropagates, Fn: math.Erf},
		{Name: "kql_erfc", Args: []table.Type{r}, Result: r, Null: NullPropagates, Fn: math.Erfc},
		{Name: "kql_beta_cdf", Args: []table.Type{r, r, r}, Result: r, Null: NullPropagates, Fn: kqlfunc.BetaCDF},
		{Name: "kql_beta_pdf", Args: []table.Type{r, r, r}, Result: r, Null: NullPropagates, Fn: kqlfunc.BetaPDF},
		{Name: "kql_beta_inv", Args: []table.Type{r, r, r}, Result: r, Null: NullPropagates, Fn: kqlfunc.BetaInv},
		{Name: "kql_welch_test", Args: []table.Type{r, r, r, r, r, r}, Result: r, Null: NullPropagates, Fn: kqlfunc.WelchTest},
		{Name: "kql_convert_unit", Args: []table.Type{s, r, s, s}, Result: r, Null: NullPropagates, Fn: kqlfunc.ConvertUnit},
	}
}

func mathFuncs() []Func {
	r, s := table.Real, table.String
	fs := []Func{
		{Name: "erf", Args: []table.Type{r}, Result: r, SQL: "kql_erf($1)", Impl: ImplUDF, Null: NullPropagates, Note: "Go's math.Erf"},
		{Name: "erfc", Args: []table.Type{r}, Result: r, SQL: "kql_erfc($1)", Impl: ImplUDF, Null: NullPropagates, Note: "Go's math.Erfc"},
		{Name: "beta_cdf", Args: []table.Type{r, r, r}, Result: r, SQL: "kql_beta_cdf($1, $2, $3)", Impl: ImplUDF, Null: NullPropagates,
			Note: "gonum's regularized incomplete beta; NaN outside Kusto's domain (x in [0,1], parameters in (0,10000])"},
		{Name: "beta_pdf", Args: []table.Type{r, r, r}, Result: r, SQL: "kql_beta_pdf($1, $2, $3)", Impl: ImplUDF, Null: NullPropagates,
			Note: "NaN outside x in (0,1) or for a parameter <= 0"},
		{Name: "beta_inv", Args: []table.Type{r, r, r}, Result: r, SQL: "kql_beta_inv($1, $2, $3)", Impl: ImplUDF, Null: NullPropagates,
			Note: "gonum's inverse; p outside (0,1] is null and a parameter <= 0 NaN, as the documented example shows"},
		{Name: "welch_test", Args: []table.Type{r, r, r, r, r, r}, Result: r, SQL: "kql_welch_test($1, $2, $3, $4, $5, $6)", Impl: ImplUDF,
			Null: NullPropagates, Note: "two-sided p-value; Student's t CDF through gonum's regularized incomplete beta"},
	}
	for _, q := range kqlfunc.UnitQuantities() {
		fs = append(fs, Func{Name: "convert_" + q, Args: []table.Type{r, s, s}, Result: r,
			SQL: "kql_convert_unit('" + q + "', $1, $2, $3)", Impl: ImplUDF, Null: NullPropagates,
			Note: "unit names as Kusto's (UnitsNet) for the common units; an unknown unit gives null"})
	}
	return fs
}
