package sqlrepr

import (
	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

// trim and split are macros over DuckDB's RE2 functions: the regex text is
// concatenated with constants, so DuckDB folds it once per query.
func stringMacros() []Macro {
	return []Macro{
		{Name: "kql_trim_start", Params: []string{"r", "s"}, Body: "regexp_replace(s, '^(?:' || r || ')+', '')"},
		{Name: "kql_trim_end", Params: []string{"r", "s"}, Body: "regexp_replace(s, '(?:' || r || ')+$', '')"},
		{Name: "kql_trim", Params: []string{"r", "s"}, Body: "kql_trim_end(r, kql_trim_start(r, s))"},
		// substring's start counts from 0, or from the end when negative.
		{Name: "kql_substring", Params: []string{"s", "i"},
			Body: "substring(s, CASE WHEN i < 0 THEN greatest(length(s) + i, 0) ELSE least(i, length(s)) END + 1)"},
		{Name: "kql_substring_n", Params: []string{"s", "i", "n"},
			Body: "substring(s, CASE WHEN i < 0 THEN greatest(length(s) + i, 0) ELSE least(i, length(s)) END + 1, least(greatest(n, 0), length(s)))"},
		{Name: "kql_split", Params: []string{"s", "d"},
			Body: "to_json(CASE WHEN d = '' THEN [s] ELSE string_split(s, d) END)"},
		{Name: "kql_split_at", Params: []string{"s", "d", "i"},
			Body: "to_json(CASE WHEN i >= 0 AND i < len(string_split(s, d)) THEN [string_split(s, d)[i + 1]] ELSE CAST([] AS VARCHAR[]) END)"},
	}
}

func stringUDFs() []UDF {
	return []UDF{
		{Name: "kql_strcat_array", Args: []table.Type{table.Dynamic, table.String}, Result: table.String,
			Null: NullAware, Fn: kqlfunc.StrcatArray},
		{Name: "kql_countof", Args: []table.Type{table.String, table.String, table.String}, Result: table.Long,
			Null: NullAware, Fn: kqlfunc.Countof},
		{Name: "kql_indexof", Args: []table.Type{table.String, table.String, table.Long, table.Long, table.Long},
			Result: table.Long, Null: NullPropagates, Fn: kqlfunc.IndexOf},
		{Name: "kql_extract_all", Args: []table.Type{table.String, table.String}, Result: table.Dynamic,
			Null: NullAware, Fn: kqlfunc.ExtractAll},
		{Name: "kql_extract_all_groups", Args: []table.Type{table.String, table.Dynamic, table.String}, Result: table.Dynamic,
			Null: NullAware, Fn: kqlfunc.ExtractAllGroups},
		{Name: "kql_translate", Args: []table.Type{table.String, table.String, table.String}, Result: table.String,
			Null: NullAware, Fn: kqlfunc.Translate},
		{Name: "kql_extract_json", Args: []table.Type{table.String, table.String}, Result: table.String,
			Null: NullAware, Fn: kqlfunc.ExtractJSON},
	}
}

func stringFuncs() []Func {
	s := table.String
	return []Func{
		{Name: "trim", Args: []table.Type{s, s}, Result: s, SQL: "kql_trim($1, $2)", Impl: ImplMacro, Null: NullAware,
			Note: "regexp_replace with ^(?:re)+ and (?:re)+$; DuckDB's RE2 \\w is ASCII, .NET's is Unicode"},
		{Name: "trim_start", Args: []table.Type{s, s}, Result: s, SQL: "kql_trim_start($1, $2)", Impl: ImplMacro, Null: NullAware},
		{Name: "trim_end", Args: []table.Type{s, s}, Result: s, SQL: "kql_trim_end($1, $2)", Impl: ImplMacro, Null: NullAware},
		{Name: "split", Args: []table.Type{s, s}, Result: table.Dynamic, SQL: "kql_split($1, $2)", Impl: ImplMacro, Null: NullAware,
			Note: "string_split keeps empty parts as Kusto does"},
		{Name: "split", Args: []table.Type{s, s, table.Long}, Result: table.Dynamic, SQL: "kql_split_at($1, $2, $3)", Impl: ImplMacro,
			Null: NullAware, Note: "a one-element array, [] when the index is out of range"},
		{Name: "strcat_array", Args: []table.Type{table.Dynamic, s}, Result: s, SQL: "kql_strcat_array($1, $2)", Impl: ImplUDF,
			Null: NullAware, Note: "elements take Kusto's tostring form, which DuckDB's list_aggr cannot give for mixed JSON"},
		{Name: "countof", Args: []table.Type{s, s}, Result: table.Long, SQL: "kql_countof($1, $2, 'normal')", Impl: ImplUDF,
			Null: NullAware, Note: "overlapping occurrences count, which no DuckDB function does"},
		{Name: "countof", Args: []table.Type{s, s, s}, Result: table.Long, SQL: "kql_countof($1, $2, $3)", Impl: ImplUDF, Null: NullAware},
		{Name: "indexof", Args: []table.Type{s, s}, Result: table.Long, SQL: "(strpos($1, $2) - 1)", Impl: ImplBuiltin,
			Null: NullAware, Note: "strpos counts characters from 1, 0 when absent: minus one is Kusto's answer"},
		{Name: "indexof", Args: []table.Type{s, s, table.Long}, Result: table.Long, SQL: "kql_indexof($1, $2, $3, -1, 1)", Impl: ImplUDF, Null: NullPropagates},
		{Name: "indexof", Args: []table.Type{s, s, table.Long, table.Long}, Result: table.Long, SQL: "kql_indexof($1, $2, $3, $4, 1)", Impl: ImplUDF, Null: NullPropagates},
		{Name: "indexof", Args: []table.Type{s, s, table.Long, table.Long, table.Long}, Result: table.Long, SQL: "kql_indexof($1, $2, $3, $4, $5)", Impl: ImplUDF,
			Null: NullPropagates, Note: "windowed search per occurrence as .NET's IndexOf(value, start, count)"},
		{Name: "extract", Args: []table.Type{s, table.Long, s}, Result: s, SQL: "regexp_extract($3, $1, CAST($2 AS INTEGER))", Impl: ImplBuiltin,
			Null: NullAware, Note: "Kusto's regexes are RE2 too; no match gives \"\" in both; the group must be a constant in DuckDB. With a typeof() target sqlgen casts with TRY_CAST"},
		{Name: "extract_all", Args: []table.Type{s, s}, Result: table.Dynamic, SQL: "kql_extract_all($1, $2)", Impl: ImplUDF, Null: NullAware,
			Note: "arrays of arrays for several groups, which regexp_extract_all cannot build; null when nothing matches"},
		{Name: "extract_all", Args: []table.Type{s, table.Dynamic, s}, Result: table.Dynamic, SQL: "kql_extract_all_groups($1, $2, $3)",
			Impl: ImplUDF, Null: NullAware, Note: "groups by 1-based index or name; one selected group gives an array of strings"},
		{Name: "extract_json", Args: []table.Type{s, s}, Result: s, SQL: "kql_extract_json($1, $2)", Impl: ImplUDF, Null: NullAware,
			Note: "JSONPath of names and indexes ($.a.b, $['a'], $.a[0]); other JSONPath (wildcards, filters) gives null. With a typeof() target sqlgen converts the text"},
		{Name: "translate", Args: []table.Type{s, s, s}, Result: s, SQL: "kql_translate($1, $2, $3)", Impl: ImplUDF, Null: NullAware,
			Note: "a shorter replacement list repeats its last character and an empty one deletes, which DuckDB's translate does not do"},
		{Name: "replace_regex", Args: []table.Type{s, s, s}, Result: s, SQL: "regexp_replace($1, $2, $3, 'g')", Impl: ImplBuiltin,
			Null: NullAware, Note: "RE2 with \\1 group references in both; every match is replaced"},
	}
}
