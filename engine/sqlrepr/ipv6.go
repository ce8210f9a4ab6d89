package sqlrepr

import (
	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

func ipv6UDFs() []UDF {
	s, l, b := table.String, table.Long, table.Bool
	return []UDF{
		{Name: "kql_parse_ipv6", Args: []table.Type{s}, Result: s, Null: NullAware, Fn: kqlfunc.ParseIPv6},
		{Name: "kql_parse_ipv6_mask", Args: []table.Type{s, l}, Result: s, Null: NullPropagates, Fn: kqlfunc.ParseIPv6Mask},
		{Name: "kql_ipv6_compare", Args: []table.Type{s, s, l}, Result: l, Null: NullPropagates, Fn: kqlfunc.IPv6Compare},
		{Name: "kql_ipv6_is_match", Args: []table.Type{s, s, l}, Result: b, Null: NullPropagates, Fn: kqlfunc.IPv6IsMatch},
		{Name: "kql_ipv6_is_in_any_range", Args: []table.Type{s, table.Dynamic}, Result: b, Null: NullAware, Fn: kqlfunc.IPv6IsInAnyRange},
		{Name: "kql_ipv6_is_in_range", Args: []table.Type{s, s}, Result: b, Null: NullAware, Fn: kqlfunc.IPv6IsInRange},
	}
}

func ipv6Funcs() []Func {
	s, l, b := table.String, table.Long, table.Bool
	f := func(name string, args []table.Type, res table.Type, sql, note string) Func {
		return Func{Name: name, Args: args, Result: res, SQL: sql, Impl: ImplUDF, Null: NullPropagates, Note: note}
	}
	return []Func{
		f("parse_ipv6", []table.Type{s}, s, "kql_parse_ipv6($1)", "fully expanded lower-case text; IPv4 maps to ::ffff:a.b.c.d (an IPv4 /n is 96+n bits)"),
		f("parse_ipv6_mask", []table.Type{s, l}, s, "kql_parse_ipv6_mask($1, $2)", "the prefix counts IPv6 bits"),
		f("ipv6_compare", []table.Type{s, s}, l, "kql_ipv6_compare($1, $2, 128)", ""),
		f("ipv6_compare", []table.Type{s, s, l}, l, "kql_ipv6_compare($1, $2, $3)", "the prefix counts IPv6 bits, as the docs' mixed examples need"),
		f("ipv6_is_match", []table.Type{s, s}, b, "kql_ipv6_is_match($1, $2, 128)", ""),
		f("ipv6_is_match", []table.Type{s, s, l}, b, "kql_ipv6_is_match($1, $2, $3)", ""),
		f("ipv6_is_in_any_range", []table.Type{s, table.Dynamic}, b, "kql_ipv6_is_in_any_range($1, $2)", "the ranges as a JSON array (json_array() for the variadic form)"),
		f("ipv6_is_in_range", []table.Type{s, s}, b, "kql_ipv6_is_in_range($1, $2)", ""),
	}
}
