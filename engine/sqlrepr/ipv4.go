package sqlrepr

import (
	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

// The IP functions are Go UDFs: DuckDB's inet extension is not built in,
// and parsing dotted quads in SQL (string_split + casts + range checks)
// measured slower than a UDF while being harder to get exactly right.
func ipv4UDFs() []UDF {
	s, l, b, d := table.String, table.Long, table.Bool, table.Dynamic
	return []UDF{
		{Name: "kql_parse_ipv4", Args: []table.Type{s}, Result: l, Null: NullAware, Fn: kqlfunc.ParseIPv4},
		{Name: "kql_parse_ipv4_mask", Args: []table.Type{s, l}, Result: l, Null: NullPropagates, Fn: kqlfunc.ParseIPv4Mask},
		{Name: "kql_ipv4_compare", Args: []table.Type{s, s, l}, Result: l, Null: NullPropagates, Fn: kqlfunc.IPv4Compare},
		{Name: "kql_ipv4_is_match", Args: []table.Type{s, s, l}, Result: b, Null: NullPropagates, Fn: kqlfunc.IPv4IsMatch},
		{Name: "kql_ipv4_is_in_range", Args: []table.Type{s, s}, Result: b, Null: NullAware, Fn: kqlfunc.IPv4IsInRange},
		{Name: "kql_ipv4_range_to_cidr_list", Args: []table.Type{s, s}, Result: d, Null: NullAware, Fn: kqlfunc.IPv4RangeToCIDRList},
		{Name: "kql_ipv4_is_in_any_range", Args: []table.Type{s, d}, Result: b, Null: NullAware, Fn: kqlfunc.IPv4IsInAnyRange},
		{Name: "kql_ipv4_is_private", Args: []table.Type{s}, Result: b, Null: NullAware, Fn: kqlfunc.IPv4IsPrivate},
		{Name: "kql_ipv4_netmask_suffix", Args: []table.Type{s}, Result: l, Null: NullAware, Fn: kqlfunc.IPv4NetmaskSuffix},
		{Name: "kql_format_ipv4", Args: []table.Type{s, l}, Result: s, Null: NullPropagates, Fn: kqlfunc.FormatIPv4},
		{Name: "kql_format_ipv4_long", Args: []table.Type{l, l}, Result: s, Null: NullPropagates, Fn: kqlfunc.FormatIPv4Long},
		{Name: "kql_format_ipv4_mask", Args: []table.Type{s, l}, Result: s, Null: NullPropagates, Fn: kqlfunc.FormatIPv4Mask},
		{Name: "kql_format_ipv4_mask_long", Args: []table.Type{l, l}, Result: s, Null: NullPropagates, Fn: kqlfunc.FormatIPv4MaskLong},
		{Name: "kql_has_ipv4", Args: []table.Type{s, s}, Result: b, Null: NullAware, Fn: kqlfunc.HasIPv4},
		{Name: "kql_has_ipv4_prefix", Args: []table.Type{s, s}, Result: b, Null: NullAware, Fn: kqlfunc.HasIPv4Prefix},
		{Name: "kql_has_any_ipv4", Args: []table.Type{s, d}, Result: b, Null: NullAware, Fn: kqlfunc.HasAnyIPv4},
		{Name: "kql_has_any_ipv4_prefix", Args: []table.Type{s, d}, Result: b, Null: NullAware, Fn: kqlfunc.HasAnyIPv4Prefix},
	}
}

func ipv4Funcs() []Func {
	s, l, b, d := table.String, table.Long, table.Bool, table.Dynamic
	f := func(name string, args []table.Type, res table.Type, sql, note string) Func {
		return Func{Name: name, Args: args, Result: res, SQL: sql, Impl: ImplUDF, Null: NullPropagates, Note: note}
	}
	ss, sl := []table.Type{s, s}, []table.Type{s, l}
	return []Func{
		f("parse_ipv4", []table.Type{s}, l, "kql_parse_ipv4($1)", "null for text that is no address; a /n suffix masks"),
		f("parse_ipv4_mask", sl, l, "kql_parse_ipv4_mask($1, $2)", ""),
		f("ipv4_compare", ss, l, "kql_ipv4_compare($1, $2, 32)", "-1/0/1 over the shortest prefix"),
		f("ipv4_compare", []table.Type{s, s, l}, l, "kql_ipv4_compare($1, $2, $3)", ""),
		f("ipv4_is_match", ss, b, "kql_ipv4_is_match($1, $2, 32)", ""),
		f("ipv4_is_match", []table.Type{s, s, l}, b, "kql_ipv4_is_match($1, $2, $3)", ""),
		f("ipv4_is_in_range", ss, b, "kql_ipv4_is_in_range($1, $2)", ""),
		f("ipv4_range_to_cidr_list", []table.Type{s, s}, d, "kql_ipv4_range_to_cidr_list($1, $2)", "the fewest covering blocks, in address order"),
		f("ipv4_is_in_any_range", []table.Type{s, d}, b, "kql_ipv4_is_in_any_range($1, $2)",
			"the ranges as a JSON array; sqlgen packs the variadic form with json_array()"),
		f("ipv4_is_private", []table.Type{s}, b, "kql_ipv4_is_private($1)", "RFC 1918 ranges"),
		f("ipv4_netmask_suffix", []table.Type{s}, l, "kql_ipv4_netmask_suffix($1)", ""),
		f("format_ipv4", []table.Type{s}, s, "kql_format_ipv4($1, 32)", "\"\" for invalid input"),
		f("format_ipv4", sl, s, "kql_format_ipv4($1, $2)", ""),
		f("format_ipv4", []table.Type{l}, s, "kql_format_ipv4_long($1, 32)", ""),
		f("format_ipv4", []table.Type{l, l}, s, "kql_format_ipv4_long($1, $2)", ""),
		f("format_ipv4_mask", []table.Type{s}, s, "kql_format_ipv4_mask($1, 32)", ""),
		f("format_ipv4_mask", sl, s, "kql_format_ipv4_mask($1, $2)", ""),
		f("format_ipv4_mask", []table.Type{l}, s, "kql_format_ipv4_mask_long($1, 32)", ""),
		f("format_ipv4_mask", []table.Type{l, l}, s, "kql_format_ipv4_mask_long($1, $2)", ""),
		f("has_ipv4", ss, b, "kql_has_ipv4($1, $2)", "the address must stand alone (no letter, digit or dot glued to it)"),
		f("has_ipv4_prefix", ss, b, "kql_has_ipv4_prefix($1, $2)", "the prefix is a whole address or ends with '.'"),
		f("has_any_ipv4", []table.Type{s, d}, b, "kql_has_any_ipv4($1, $2)", "the addresses as a JSON array (json_array() for the variadic form)"),
		f("has_any_ipv4_prefix", []table.Type{s, d}, b, "kql_has_any_ipv4_prefix($1, $2)", ""),
	}
}
