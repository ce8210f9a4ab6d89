package sqlrepr

import (
	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

func encodingUDFs() []UDF {
	s, l := table.String, table.Long
	return []UDF{
		{Name: "kql_url_encode", Args: []table.Type{s}, Result: s, Null: NullPropagates, Fn: kqlfunc.URLEncode},
		{Name: "kql_url_encode_component", Args: []table.Type{s}, Result: s, Null: NullPropagates, Fn: kqlfunc.URLEncodeComponent},
		{Name: "kql_url_decode", Args: []table.Type{s}, Result: s, Null: NullPropagates, Fn: kqlfunc.URLDecode},
		{Name: "kql_base64_encode_fromguid", Args: []table.Type{s}, Result: s, Null: NullAware, Fn: kqlfunc.Base64EncodeFromGUID},
		{Name: "kql_base64_decode_toguid", Args: []table.Type{s}, Result: s, Null: NullAware, Fn: kqlfunc.Base64DecodeToGUID},
		{Name: "kql_base64_decode_tostring", Args: []table.Type{s}, Result: s, Null: NullAware, Fn: kqlfunc.Base64DecodeToString},
		{Name: "kql_base64_decode_toarray", Args: []table.Type{s}, Result: table.Dynamic, Null: NullAware, Fn: kqlfunc.Base64DecodeToArray},
		{Name: "kql_xxhash64", Args: []table.Type{s}, Result: l, Null: NullAware, Fn: kqlfunc.XXHash64},
		{Name: "kql_xxhash64_long", Args: []table.Type{l}, Result: l, Null: NullPropagates, Fn: kqlfunc.XXHash64Long},
		{Name: "kql_xxhash64_datetime", Args: []table.Type{table.DateTime}, Result: l, Null: NullPropagates, Fn: kqlfunc.XXHash64DateTime},
		{Name: "kql_hash_mod", Args: []table.Type{l, l}, Result: l, Null: NullPropagates, Fn: kqlfunc.HashMod},
	}
}

func encodingFuncs() []Func {
	s, l, dt := table.String, table.Long, table.DateTime
	hashNote := "Kusto hashes the text of non-string values (tostring), so sqlgen converts them first"
	xx := func(name string) []Func {
		return []Func{
			{Name: name, Args: []table.Type{s}, Result: l, SQL: "kql_xxhash64($1)", Impl: ImplUDF, Null: NullAware,
				Note: "XXH64 seed 0 of the UTF-8 bytes; DuckDB's hash() is another function"},
			{Name: name, Args: []table.Type{l}, Result: l, SQL: "kql_xxhash64_long($1)", Impl: ImplUDF, Null: NullPropagates,
				Note: "the 8 little-endian bytes; int arguments widen to long first"},
			{Name: name, Args: []table.Type{dt}, Result: l, SQL: "kql_xxhash64_datetime($1)", Impl: ImplUDF, Null: NullPropagates,
				Note: "the .NET ticks (from 0001-01-01) as a long"},
			{Name: name, Args: []table.Type{s, l}, Result: l, SQL: "kql_hash_mod(kql_xxhash64($1), $2)", Impl: ImplUDF, Null: NullPropagates,
				Note: "the hash taken as unsigned modulo mod; other source types as above"},
			{Name: name, Args: []table.Type{l, l}, Result: l, SQL: "kql_hash_mod(kql_xxhash64_long($1), $2)", Impl: ImplUDF, Null: NullPropagates},
			{Name: name, Args: []table.Type{dt, l}, Result: l, SQL: "kql_hash_mod(kql_xxhash64_datetime($1), $2)", Impl: ImplUDF, Null: NullPropagates},
		}
	}
	fs := append(xx("hash"), xx("hash_xxhash64")...)
	return append(fs,
		Func{Name: "hash_md5", Args: []table.Type{s}, Result: s, SQL: "md5($1)", Impl: ImplBuiltin, Null: NullAware, Note: hashNote},
		Func{Name: "hash_sha1", Args: []table.Type{s}, Result: s, SQL: "sha1($1)", Impl: ImplBuiltin, Null: NullAware, Note: hashNote},
		Func{Name: "hash_sha256", Args: []table.Type{s}, Result: s, SQL: "sha256($1)", Impl: ImplBuiltin, Null: NullAware, Note: hashNote},
		Func{Name: "base64_encode_tostring", Args: []table.Type{s}, Result: s, SQL: "to_base64(encode($1))", Impl: ImplBuiltin, Null: NullAware},
		Func{Name: "base64_decode_tostring", Args: []table.Type{s}, Result: s, SQL: "kql_base64_decode_tostring($1)", Impl: ImplUDF, Null: NullAware,
			Note: "DuckDB's from_base64 raises on bad input and decode() on non-UTF-8; Kusto gives null"},
		Func{Name: "base64_encode_fromguid", Args: []table.Type{table.GUID}, Result: s, SQL: "kql_base64_encode_fromguid(CAST($1 AS VARCHAR))",
			Impl: ImplUDF, Null: NullAware, Note: "the 16 bytes in .NET's Guid.ToByteArray order (first three groups little-endian)"},
		Func{Name: "base64_decode_toguid", Args: []table.Type{s}, Result: table.GUID, SQL: "TRY_CAST(kql_base64_decode_toguid($1) AS UUID)",
			Impl: ImplUDF, Null: NullAware, Note: "null unless the text decodes to 16 bytes"},
		Func{Name: "base64_decode_toarray", Args: []table.Type{s}, Result: table.Dynamic, SQL: "kql_base64_decode_toarray($1)", Impl: ImplUDF, Null: NullAware},
		Func{Name: "url_encode", Args: []table.Type{s}, Result: s, SQL: "kql_url_encode($1)", Impl: ImplUDF, Null: NullAware,
			Note: ".NET HttpUtility.UrlEncode: lower-case hex, '+' for space; DuckDB's url_encode differs"},
		Func{Name: "url_encode_component", Args: []table.Type{s}, Result: s, SQL: "kql_url_encode_component($1)", Impl: ImplUDF, Null: NullAware},
		Func{Name: "url_decode", Args: []table.Type{s}, Result: s, SQL: "kql_url_decode($1)", Impl: ImplUDF, Null: NullAware,
			Note: "'+' is a space; malformed escapes stay"},
	)
}
