package sqlrepr

import (
	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

func urlUDFs() []UDF {
	s, d := table.String, table.Dynamic
	return []UDF{
		{Name: "kql_parse_url", Args: []table.Type{s}, Result: d, Null: NullAware, Fn: kqlfunc.ParseURL},
		{Name: "kql_parse_urlquery", Args: []table.Type{s}, Result: d, Null: NullAware, Fn: kqlfunc.ParseURLQuery},
		{Name: "kql_parse_path", Args: []table.Type{s}, Result: d, Null: NullAware, Fn: kqlfunc.ParsePath},
		{Name: "kql_parse_command_line", Args: []table.Type{s, s}, Result: d, Null: NullAware, Fn: kqlfunc.ParseCommandLine},
	}
}

func urlFuncs() []Func {
	s, d := table.String, table.Dynamic
	return []Func{
		{Name: "parse_url", Args: []table.Type{s}, Result: d, SQL: "kql_parse_url($1)", Impl: ImplUDF, Null: NullAware,
			Note: "a bag with Kusto's 8 keys; DuckDB has no URL parser. The path loses its leading '/', as the docs show"},
		{Name: "parse_urlquery", Args: []table.Type{s}, Result: d, SQL: "kql_parse_urlquery($1)", Impl: ImplUDF, Null: NullAware},
		{Name: "parse_path", Args: []table.Type{s}, Result: d, SQL: "kql_parse_path($1)", Impl: ImplUDF, Null: NullAware},
		{Name: "parse_command_line", Args: []table.Type{s, s}, Result: d, SQL: "kql_parse_command_line($1, $2)", Impl: ImplUDF, Null: NullAware,
			Note: "CommandLineToArgvW's rules; null for a parser other than \"windows\""},
	}
}
