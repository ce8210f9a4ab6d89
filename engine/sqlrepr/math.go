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
		{Name: "kql_convert_unit", Args: []table.Type{s, r, s, s}, Result: r, Null: NullPropagates, Fn: kqlfunc.ConvertUnit},
	}
}

func mathFuncs() []Func {
	r, s := table.Real, table.String
	fs := []Func{
		{Name: "erf", Args: []table.Type{r}, Result: r, SQL: "kql_erf($1)", Impl: ImplUDF, Null: NullPropagates, Note: "Go's math.Erf"},
		{Name: "erfc", Args: []table.Type{r}, Result: r, SQL: "kql_erfc($1)", Impl: ImplUDF, Null: NullPropagates, Note: "Go's math.Erfc"},
	}
	for _, q := range kqlfunc.UnitQuantities() {
		fs = append(fs, Func{Name: "convert_" + q, Args: []table.Type{r, s, s}, Result: r,
			SQL: "kql_convert_unit('" + q + "', $1, $2, $3)", Impl: ImplUDF, Null: NullPropagates,
			Note: "unit names as Kusto's (UnitsNet) for the common units; an unknown unit gives null"})
	}
	return fs
}
