package sqlrepr

import (
	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

// parse_json and tostring(dynamic) stay in SQL: they run on every row of
// most Sentinel queries, and json_valid / ->> are native and vectorised.
func dynamicMacros() []Macro {
	return []Macro{
		// Kusto: text that is not JSON becomes the string itself; "" is null.
		{Name: "kql_parse_json", Params: []string{"s"},
			Body: "CASE WHEN s IS NULL OR s = '' THEN NULL WHEN json_valid(s) THEN CAST(s AS JSON) ELSE to_json(CAST(s AS VARCHAR)) END"},
		{Name: "kql_tostring_dynamic", Params: []string{"d"},
			Body: "CASE json_type(d) WHEN 'VARCHAR' THEN d->>'$' WHEN 'NULL' THEN '' " +
				"WHEN 'OBJECT' THEN kql_json_text(d) WHEN 'ARRAY' THEN kql_json_text(d) ELSE CAST(d AS VARCHAR) END"},
	}
}

func dynamicUDFs() []UDF {
	d, l, b := table.Dynamic, table.Long, table.Bool
	return []UDF{
		{Name: "kql_json_text", Args: []table.Type{d}, Result: table.String, Null: NullPropagates, Fn: kqlfunc.MarshalJSON},
		{Name: "kql_parse_xml", Args: []table.Type{table.String}, Result: d, Null: NullAware, Fn: kqlfunc.ParseXML},
		{Name: "kql_zip", Args: []table.Type{d}, Result: d, Null: NullAware, Fn: kqlfunc.Zip},
		{Name: "kql_array_sort", Args: []table.Type{d, b, b}, Result: d, Null: NullPropagates, Fn: kqlfunc.ArraySort},
		{Name: "kql_array_sort_many", Args: []table.Type{d, b, b}, Result: d, Null: NullPropagates, Fn: kqlfunc.ArraySortMany},
		{Name: "kql_array_sort_by", Args: []table.Type{d, d, b, b}, Result: d, Null: NullPropagates, Fn: kqlfunc.ArraySortBy},
		{Name: "kql_set_union", Args: []table.Type{d}, Result: d, Null: NullAware, Fn: kqlfunc.SetUnion},
		{Name: "kql_make_set", Args: []table.Type{d}, Result: d, Null: NullAware, Fn: kqlfunc.MakeSet},
		{Name: "kql_set_intersect", Args: []table.Type{d}, Result: d, Null: NullAware, Fn: kqlfunc.SetIntersect},
		{Name: "kql_set_difference", Args: []table.Type{d}, Result: d, Null: NullAware, Fn: kqlfunc.SetDifference},
		{Name: "kql_bag_merge", Args: []table.Type{d}, Result: d, Null: NullAware, Fn: kqlfunc.BagMerge},
		{Name: "kql_bag_drop_empty", Args: []table.Type{d}, Result: d, Null: NullPropagates, Fn: kqlfunc.BagDropEmpty},
		{Name: "kql_bag_has_path", Args: []table.Type{d, table.String}, Result: b, Null: NullPropagates, Fn: kqlfunc.BagHasPath},
		{Name: "kql_array_index_of", Args: []table.Type{d, d, l, l, l}, Result: l, Null: NullAware, Fn: kqlfunc.ArrayIndexOf},
		{Name: "kql_bag_set_key", Args: []table.Type{d, table.String, d}, Result: d, Null: NullAware, Fn: kqlfunc.BagSetKey},
		{Name: "kql_bag_remove_keys", Args: []table.Type{d, d}, Result: d, Null: NullAware, Fn: kqlfunc.BagRemoveKeys},
		{Name: "kql_treepath", Args: []table.Type{d}, Result: d, Null: NullAware, Fn: kqlfunc.TreePath},
		{Name: "kql_jaccard_index", Args: []table.Type{d, d}, Result: table.Real, Null: NullAware, Fn: kqlfunc.JaccardIndex},
		{Name: "kql_array_slice", Args: []table.Type{d, l, l}, Result: d, Null: NullPropagates, Fn: kqlfunc.ArraySlice},
	}
}

func dynamicFuncs() []Func {
	d, s, l, b := table.Dynamic, table.String, table.Long, table.Bool
	udf := func(name string, args []table.Type, res table.Type, sql, note string) Func {
		return Func{Name: name, Args: args, Result: res, SQL: sql, Impl: ImplUDF, Null: NullAware, Note: note}
	}
	packed := "the variadic arguments packed by sqlgen into one array: json_array($*)"
	return []Func{
		{Name: "parse_json", Args: []table.Type{s}, Result: d, SQL: "kql_parse_json($1)", Impl: ImplMacro, Null: NullPropagates,
			Note: "json_valid + cast; bad JSON becomes the string itself as dynamic"},
		{Name: "parse_json", Args: []table.Type{d}, Result: d, SQL: "$1", Impl: ImplBuiltin, Null: NullPropagates},
		{Name: "todynamic", Args: []table.Type{s}, Result: d, SQL: "kql_parse_json($1)", Impl: ImplMacro, Null: NullPropagates},
		{Name: "todynamic", Args: []table.Type{d}, Result: d, SQL: "$1", Impl: ImplBuiltin, Null: NullPropagates},
		{Name: "pack_array", Args: []table.Type{Any}, Variadic: true, Result: d, SQL: "json_array($*)", Impl: ImplBuiltin, Null: NullAware,
			Note: "sqlgen passes datetime and timespan arguments as their tostring text, as Kusto's JSON holds them"},
		udf("parse_xml", []table.Type{s}, d, "kql_parse_xml($1)", "attributes as @name, text as #text, repeated elements as arrays"),
		udf("zip", []table.Type{d}, d, "kql_zip($1)", packed),
		udf("array_sort_asc", []table.Type{d}, d, "kql_array_sort($1, true, true)", "nulls last by default"),
		udf("array_sort_asc", []table.Type{d, b}, d, "kql_array_sort($1, true, $2)", "the bool is nulls_last"),
		udf("array_sort_desc", []table.Type{d}, d, "kql_array_sort($1, false, true)", ""),
		udf("array_sort_desc", []table.Type{d, b}, d, "kql_array_sort($1, false, $2)", ""),
		// array_sort_asc(a1, a2, ...) with several arrays is sqlgen's
		// (kql_array_sort_many over the packed arrays): sema gives it one
		// column per array.
		udf("set_union", []table.Type{d}, d, "kql_set_union($1)", packed),
		udf("set_intersect", []table.Type{d}, d, "kql_set_intersect($1)", packed),
		udf("set_difference", []table.Type{d}, d, "kql_set_difference($1)", packed),
		udf("bag_merge", []table.Type{d}, d, "kql_bag_merge($1)", packed+"; the first bag wins a key conflict"),
		udf("bag_remove_keys", []table.Type{d, d}, d, "kql_bag_remove_keys($1, $2)", "keys may be JSONPath into nested bags"),
		udf("treepath", []table.Type{d}, d, "kql_treepath($1)", ""),
		udf("jaccard_index", []table.Type{d, d}, table.Real, "kql_jaccard_index($1, $2)", ""),
		{Name: "array_slice", Args: []table.Type{d, l, l}, Result: d, SQL: "kql_array_slice($1, $2, $3)", Impl: ImplUDF, Null: NullPropagates,
			Note: "inclusive end; negative indexes count from the end (DuckDB's list_slice differs on both)"},
	}
}
