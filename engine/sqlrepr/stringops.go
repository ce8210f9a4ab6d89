package sqlrepr

import "github.com/huntbook/huntbook/table"

// stringOpFuncs are the string operators and everyday string functions
// whose Kusto meaning is one DuckDB expression away: case-insensitive forms
// lower() both sides (a literal side folds at plan time), and string nulls
// read as "" (concat, coalesce) so they stay never-null.
func stringOpFuncs() []Func {
	s, b, l := table.String, table.Bool, table.Long
	ss := []table.Type{s, s}
	op := func(name, sql, note string) Func {
		return Func{Name: name, Args: ss, Result: b, SQL: sql, Impl: ImplBuiltin, Null: NullAware, Note: note}
	}
	return []Func{
		op("==", "($1 = $2)", "case-sensitive"),
		op("!=", "($1 <> $2)", ""),
		op("=~", "(lower($1) = lower($2))", "case-insensitive (Unicode lower, as .NET's invariant culture)"),
		op("!~", "(lower($1) <> lower($2))", ""),
		op("contains", "contains(lower($1), lower($2))", "vectorised substring search; the fastest string filter DuckDB has"),
		op("!contains", "(NOT contains(lower($1), lower($2)))", ""),
		op("contains_cs", "contains($1, $2)", ""),
		op("!contains_cs", "(NOT contains($1, $2))", ""),
		op("startswith", "starts_with(lower($1), lower($2))", ""),
		op("!startswith", "(NOT starts_with(lower($1), lower($2)))", ""),
		op("startswith_cs", "starts_with($1, $2)", ""),
		op("endswith", "suffix(lower($1), lower($2))", ""),
		op("!endswith", "(NOT suffix(lower($1), lower($2)))", ""),
		op("endswith_cs", "suffix($1, $2)", ""),
		op("matches regex", "regexp_matches($1, $2)", "RE2 in both"),
		{Name: "isempty", Args: []table.Type{s}, Result: b, SQL: "(coalesce($1, '') = '')", Impl: ImplBuiltin, Null: NullAware,
			Note: "for other types isempty(x) is x IS NULL"},
		{Name: "isnotempty", Args: []table.Type{s}, Result: b, SQL: "(coalesce($1, '') <> '')", Impl: ImplBuiltin, Null: NullAware},
		{Name: "isnull", Args: []table.Type{s}, Result: b, SQL: "false", Impl: ImplBuiltin, Null: NullAware,
			Note: "strings are never null; for other types isnull(x) is x IS NULL"},
		{Name: "isnotnull", Args: []table.Type{s}, Result: b, SQL: "true", Impl: ImplBuiltin, Null: NullAware},
		{Name: "strlen", Args: []table.Type{s}, Result: l, SQL: "length(coalesce($1, ''))", Impl: ImplBuiltin, Null: NullAware,
			Note: "characters (code points); Kusto counts UTF-16 units, which differs only beyond the BMP"},
		{Name: "tolower", Args: []table.Type{s}, Result: s, SQL: "lower($1)", Impl: ImplBuiltin, Null: NullAware},
		{Name: "toupper", Args: []table.Type{s}, Result: s, SQL: "upper($1)", Impl: ImplBuiltin, Null: NullAware},
		{Name: "reverse", Args: []table.Type{s}, Result: s, SQL: "reverse($1)", Impl: ImplBuiltin, Null: NullAware},
		{Name: "strcat", Args: []table.Type{Any}, Variadic: true, Result: s, SQL: "concat($*)", Impl: ImplBuiltin, Null: NullAware,
			Note: "concat reads NULL as ''; sqlgen passes non-string arguments through their tostring overload"},
		{Name: "substring", Args: []table.Type{s, l}, Result: s, SQL: "kql_substring($1, $2)", Impl: ImplMacro, Null: NullAware,
			Note: "Kusto counts from 0 (from the end when negative), DuckDB from 1"},
		{Name: "substring", Args: []table.Type{s, l, l}, Result: s, SQL: "kql_substring_n($1, $2, $3)", Impl: ImplMacro, Null: NullAware},
	}
}
