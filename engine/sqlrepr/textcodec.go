package sqlrepr

import (
	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

// Text functions done in Go: multi-string replacement and the
// decompression of base64 gzip/zlib data.
func textCodecUDFs() []UDF {
	s, d := table.String, table.Dynamic
	return []UDF{
		{Name: "kql_replace_strings", Args: []table.Type{s, d, d}, Result: s, Null: NullAware, Fn: kqlfunc.ReplaceStrings},
		{Name: "kql_gzip_decompress_b64", Args: []table.Type{s}, Result: s, Null: NullAware, Fn: kqlfunc.GzipDecompressBase64},
		{Name: "kql_zlib_decompress_b64", Args: []table.Type{s}, Result: s, Null: NullAware, Fn: kqlfunc.ZlibDecompressBase64},
		{Name: "kql_indexof_regex", Args: []table.Type{s, s, table.Long, table.Long, table.Long}, Result: table.Long,
			Null: NullPropagates, Fn: kqlfunc.IndexOfRegex},
		{Name: "kql_punycode_from_string", Args: []table.Type{s}, Result: s, Null: NullAware, Fn: kqlfunc.PunycodeFromString},
		{Name: "kql_punycode_to_string", Args: []table.Type{s}, Result: s, Null: NullAware, Fn: kqlfunc.PunycodeToString},
		{Name: "kql_punycode_domain_to_string", Args: []table.Type{s}, Result: s, Null: NullAware, Fn: kqlfunc.PunycodeDomainToString},
		{Name: "kql_punycode_domain_from_string", Args: []table.Type{s}, Result: s, Null: NullAware, Fn: kqlfunc.PunycodeDomainFromString},
		{Name: "kql_parse_version", Args: []table.Type{s}, Result: s, Null: NullAware, Fn: kqlfunc.ParseVersion},
	}
}

func textCodecFuncs() []Func {
	s, d := table.String, table.Dynamic
	fs := []Func{
		{Name: "replace_strings", Args: []table.Type{s, d, d}, Result: s, SQL: "kql_replace_strings($1, $2, $3)", Impl: ImplUDF,
			Null: NullAware, Note: "lookups apply in array order to text not yet replaced (the docs' examples fix it)"},
		{Name: "gzip_decompress_from_base64_string", Args: []table.Type{s}, Result: s, SQL: "kql_gzip_decompress_b64($1)",
			Impl: ImplUDF, Null: NullAware, Note: "\"\" for input that is not base64 gzip; output capped at 64 MiB"},
		{Name: "zlib_decompress_from_base64_string", Args: []table.Type{s}, Result: s, SQL: "kql_zlib_decompress_b64($1)",
			Impl: ImplUDF, Null: NullAware, Note: "\"\" for input that is not base64 zlib; output capped at 64 MiB"},
		{Name: "punycode_from_string", Args: []table.Type{s}, Result: s, SQL: "kql_punycode_from_string($1)", Impl: ImplUDF,
			Null: NullAware, Note: "RFC 3492 of one label, without xn--"},
		{Name: "punycode_to_string", Args: []table.Type{s}, Result: s, SQL: "kql_punycode_to_string($1)", Impl: ImplUDF, Null: NullAware},
		{Name: "punycode_domain_to_string", Args: []table.Type{s}, Result: s, SQL: "kql_punycode_domain_to_string($1)", Impl: ImplUDF,
			Null: NullAware, Note: "encodes (as Kusto's docs: the domain_ pair is named the other way round from the label pair); separators 。．｡ become ."},
		{Name: "punycode_domain_from_string", Args: []table.Type{s}, Result: s, SQL: "kql_punycode_domain_from_string($1)", Impl: ImplUDF,
			Null: NullAware, Note: "decodes every xn-- label, keeping its case"},
		{Name: "parse_version", Args: []table.Type{s}, Result: table.Decimal, SQL: "CAST(kql_parse_version($1) AS DECIMAL(38,0))", Impl: ImplUDF,
			Null: NullAware, Note: "four parts of eight digits each; DECIMAL(38,0), since the engine's decimal keeps only 20 integer digits"},
	}
	l := table.Long
	regexDefaults := []string{"0", "-1", "1"} // start, length, occurrence
	for extra := 0; extra <= 3; extra++ {
		args := []table.Type{s, s}
		sql := "kql_indexof_regex($1, $2"
		for i := 0; i < 3; i++ {
			if i < extra {
				args = append(args, l)
				sql += ", $" + string(rune('3'+i))
			} else {
				sql += ", " + regexDefaults[i]
			}
		}
		fs = append(fs, Func{Name: "indexof_regex", Args: args, Result: l, SQL: sql + ")", Impl: ImplUDF, Null: NullPropagates,
			Note: "Go's RE2 like Kusto's; rune positions; null for a negative start"})
	}
	return fs
}
