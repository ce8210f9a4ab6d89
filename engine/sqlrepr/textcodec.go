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
	}
}

func textCodecFuncs() []Func {
	s, d := table.String, table.Dynamic
	return []Func{
		{Name: "replace_strings", Args: []table.Type{s, d, d}, Result: s, SQL: "kql_replace_strings($1, $2, $3)", Impl: ImplUDF,
			Null: NullAware, Note: "lookups apply in array order to text not yet replaced (the docs' examples fix it)"},
		{Name: "gzip_decompress_from_base64_string", Args: []table.Type{s}, Result: s, SQL: "kql_gzip_decompress_b64($1)",
			Impl: ImplUDF, Null: NullAware, Note: "\"\" for input that is not base64 gzip; output capped at 64 MiB"},
		{Name: "zlib_decompress_from_base64_string", Args: []table.Type{s}, Result: s, SQL: "kql_zlib_decompress_b64($1)",
			Impl: ImplUDF, Null: NullAware, Note: "\"\" for input that is not base64 zlib; output capped at 64 MiB"},
	}
}
