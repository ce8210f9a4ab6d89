package sqlrepr

import (
	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

// More scalar functions done in Go: array splitting and repetition, CSV
// records, code points, compression and time zones.
func scalarUDFs() []UDF {
	s, d, l, dt := table.String, table.Dynamic, table.Long, table.DateTime
	return []UDF{
		{Name: "kql_array_split", Args: []table.Type{d, d}, Result: d, Null: NullAware, Fn: kqlfunc.ArraySplit},
		{Name: "kql_repeat", Args: []table.Type{d, l}, Result: d, Null: NullAware, Fn: kqlfunc.Repeat},
		{Name: "kql_base64_encode_fromarray", Args: []table.Type{d}, Result: s, Null: NullAware, Fn: kqlfunc.Base64EncodeFromArray},
		{Name: "kql_parse_csv", Args: []table.Type{s}, Result: d, Null: NullAware, Fn: kqlfunc.ParseCSV},
		{Name: "kql_codepoints_from_string", Args: []table.Type{s}, Result: d, Null: NullAware, Fn: kqlfunc.UnicodeCodepointsFromString},
		{Name: "kql_isutf8", Args: []table.Type{s}, Result: table.Bool, Null: NullAware, Fn: kqlfunc.IsUTF8},
		{Name: "kql_gzip_compress_b64", Args: []table.Type{s}, Result: s, Null: NullAware, Fn: kqlfunc.GzipCompressToBase64},
		{Name: "kql_zlib_compress_b64", Args: []table.Type{s}, Result: s, Null: NullAware, Fn: kqlfunc.ZlibCompressToBase64},
		{Name: "kql_format_bytes", Args: []table.Type{table.Real, l, s}, Result: s, Null: NullPropagates, Fn: kqlfunc.FormatBytes},
		{Name: "kql_parse_user_agent", Args: []table.Type{s, d}, Result: d, Null: NullAware, Fn: kqlfunc.ParseUserAgent},
		{Name: "kql_window_sessions", Args: []table.Type{d, d, l, l}, Result: d, Null: NullAware, Fn: kqlfunc.WindowSessions},
		{Name: "kql_datetime_utc_to_local", Args: []table.Type{dt, s}, Result: dt, Null: NullPropagates, Fn: kqlfunc.DateTimeUTCToLocal},
		{Name: "kql_datetime_local_to_utc", Args: []table.Type{dt, s}, Result: dt, Null: NullPropagates, Fn: kqlfunc.DateTimeLocalToUTC},
	}
}

func scalarFuncs() []Func {
	s, d, l, dt := table.String, table.Dynamic, table.Long, table.DateTime
	udf := func(name string, args []table.Type, res table.Type, sql, note string) Func {
		return Func{Name: name, Args: args, Result: res, SQL: sql, Impl: ImplUDF, Null: NullAware, Note: note}
	}
	return []Func{
		udf("array_split", []table.Type{d, d}, d, "kql_array_split($1, $2)",
			"sqlgen packs a single index as a one-element array; indexes clamp to the array"),
		udf("repeat", []table.Type{d, l}, d, "kql_repeat($1, $2)", "sqlgen passes the value as JSON; a negative count is null"),
		udf("base64_encode_fromarray", []table.Type{d}, s, "kql_base64_encode_fromarray($1)", "null unless an array of 0..255"),
		udf("parse_csv", []table.Type{s}, d, "kql_parse_csv($1)", "the first record only, as Kusto"),
		udf("unicode_codepoints_from_string", []table.Type{s}, d, "kql_codepoints_from_string($1)", ""),
		udf("isutf8", []table.Type{s}, table.Bool, "kql_isutf8($1)", "DuckDB text is always UTF-8, so this is true"),
		udf("gzip_compress_to_base64_string", []table.Type{s}, s, "kql_gzip_compress_b64($1)",
			"Go's deflate, or stored blocks when not shorter (as zlib); the bits of compressed output may differ from Kusto's"),
		udf("zlib_compress_to_base64_string", []table.Type{s}, s, "kql_zlib_compress_b64($1)", "window 15; as gzip"),
		udf("parse_user_agent", []table.Type{s, d}, d, "kql_parse_user_agent($1, $2)",
			"ua-parser's uap-core regexes (Kusto's results follow them); the targets as a JSON array or one string"),
		udf("parse_user_agent", []table.Type{s, s}, d, "kql_parse_user_agent($1, to_json($2))", ""),
		{Name: "format_bytes", Args: []table.Type{table.Real}, Result: s, SQL: "kql_format_bytes($1, 0, '')", Impl: ImplUDF, Null: NullPropagates,
			Note: "the largest unit of 1024 the size reaches; trailing zeros of the rounded value are not written"},
		{Name: "format_bytes", Args: []table.Type{table.Real, l}, Result: s, SQL: "kql_format_bytes($1, $2, '')", Impl: ImplUDF, Null: NullPropagates},
		{Name: "format_bytes", Args: []table.Type{table.Real, l, s}, Result: s, SQL: "kql_format_bytes($1, $2, $3)", Impl: ImplUDF, Null: NullPropagates},
		{Name: "datetime_utc_to_local", Args: []table.Type{dt, s}, Result: dt, SQL: "kql_datetime_utc_to_local($1, $2)", Impl: ImplUDF,
			Null: NullPropagates, Note: "IANA zones from Go's embedded tzdata; unknown zone is null"},
		{Name: "datetime_local_to_utc", Args: []table.Type{dt, s}, Result: dt, SQL: "kql_datetime_local_to_utc($1, $2)", Impl: ImplUDF,
			Null: NullPropagates, Note: "a wall clock in a DST gap or overlap resolves as Go's time.Date does"},
	}
}
