package sqlrepr

import (
	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

// The term operators are macros: a contains() prefilter that DuckDB runs
// vectorised, then an RE2 match that only sees the candidates. The pattern
// comes from a Go UDF of the needle alone, which DuckDB folds to a constant
// at plan time when the needle is a literal, so no Go code runs per row.
// BenchmarkHas in the engine measures the choice against a Go UDF.
func termMacros() []Macro {
	ci := func(op string) Macro {
		return Macro{Name: "kql_" + op, Params: []string{"h", "n"},
			Body: "CASE WHEN contains(lower(h), lower(n)) THEN regexp_matches(h, kql_term_regex(n, '" + op + "')) ELSE false END"}
	}
	cs := func(op string) Macro {
		return Macro{Name: "kql_" + op, Params: []string{"h", "n"},
			Body: "CASE WHEN contains(h, n) THEN regexp_matches(h, kql_term_regex(n, '" + op + "')) ELSE false END"}
	}
	return []Macro{
		ci("has"), cs("has_cs"), ci("hasprefix"), cs("hasprefix_cs"), ci("hassuffix"), cs("hassuffix_cs"),
		// kql_has_any_set / kql_has_all_set are registered by the engine
		// itself (engine/termset_udf.go): they build their needle set at
		// bind time, which the generic UDF adapter cannot.
		{Name: "kql_has_any", Params: []string{"h", "needles"}, Body: "(kql_has_any_set(h, needles) = 't')"},
		{Name: "kql_has_all", Params: []string{"h", "needles"}, Body: "(kql_has_all_set(h, needles) = 't')"},
	}
}

func termUDFs() []UDF {
	return []UDF{
		{Name: "kql_term_regex", Args: []table.Type{table.String, table.String}, Result: table.String,
			Null: NullAware, Fn: termRegex},
	}
}

func termRegex(needle, op string) string {
	o, _ := kqlfunc.LookupTermOp(op)
	return o.Regex(needle)
}

func termFuncs() []Func {
	s2 := []table.Type{table.String, table.String}
	op := func(name, macro string, not bool) Func {
		sql := "kql_" + macro + "($1, $2)"
		if not {
			sql = "(NOT " + sql + ")"
		}
		return Func{Name: name, Args: s2, Result: table.Bool, SQL: sql, Impl: ImplMacro, Null: NullAware,
			Note: "contains() prefilter + RE2 term regex folded at plan time; terms are runs of [0-9A-Za-z]"}
	}
	fs := []Func{}
	for _, o := range []string{"has", "has_cs", "hasprefix", "hasprefix_cs", "hassuffix", "hassuffix_cs"} {
		fs = append(fs, op(o, o, false), op("!"+o, o, true))
	}
	return append(fs,
		Func{Name: "has_any", Args: []table.Type{table.String, table.Dynamic}, Result: table.Bool,
			SQL: "kql_has_any($1, $2)", Impl: ImplUDF, Null: NullAware,
			Note: "the list as a JSON array; a Go term set built once per query, linear in the haystack however long the IoC list (RE2 alternations stop being linear past ~100 needles). For 1-3 literal needles an OR of kql_has, prefiltered, is faster on rare terms"},
		Func{Name: "has_all", Args: []table.Type{table.String, table.Dynamic}, Result: table.Bool,
			SQL: "kql_has_all($1, $2)", Impl: ImplUDF, Null: NullAware,
			Note: "as has_any; for a short literal list an AND of kql_has is faster"},
	)
}
