package sqlgen

import (
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// stringSQL translates the string functions the registry does not cover.
func stringSQL() map[string]translation {
	return map[string]translation{
		"strcat_delim":   strcatDelim,
		"strcmp":         simple("CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END"),
		"strrep":         strrep,
		"string_size":    simple("octet_length(encode($1))"),
		"regex_quote":    simple("regexp_escape($1)"),
		"replace_string": simple("CASE WHEN $2 = '' THEN $1 ELSE replace($1, $2, $3) END"),
		"replace":        simple("regexp_replace($3, $1, $2, 'g')"),
		"isascii":        simple("(NOT regexp_matches($1, '[^\\x00-\\x7F]'))"),
		"extract":        extractSQL,
		"extract_json":   extractJSONSQL,
		"bag_set_key":    bagSetKey,
		"pack_array":     packArray,
	}
}

func strcatDelim(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	return "concat_ws(" + a[0] + ", " + join(a[1:], ", ") + ")"
}

func strrep(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	d := "''"
	if len(a) == 3 {
		d = a[2]
	}
	// Kusto repeats at most 1024 times (strrep's documented cap)
	return "array_to_string(list_transform(range(least(greatest(CAST(" + a[1] + " AS BIGINT), 0), 1024)), i -> " + a[0] + "), " + d + ")"
}

// extractSQL is extract(regex, group, text [, typeof(T)]): the group's
// text, converted to T when a type is given (null when it does not
// convert).
func extractSQL(g *gen, c *sema.Call, s *scope) string {
	a := make([]string, 3)
	for i := 0; i < 3; i++ {
		a[i] = g.expr(c.Args[i], s)
	}
	out := registryExpand("extract", []table.Type{table.String, table.Long, table.String}, a...)
	if len(c.Args) == 4 && c.T != table.String {
		return convertText("nullif("+out+", '')", c.T)
	}
	return out
}

// extractJSONSQL is extract_json(path, text [, typeof(T)]): the element's
// text, converted to T when a type is given.
func extractJSONSQL(g *gen, c *sema.Call, s *scope) string {
	out := registryExpand("extract_json", []table.Type{table.String, table.String}, g.expr(c.Args[0], s), g.expr(c.Args[1], s))
	if len(c.Args) == 3 && c.T != table.String {
		return convertText(out, c.T)
	}
	return out
}

// bagSetKey is bag_set_key(bag, key, value); the value goes to the UDF as
// JSON whatever its KQL type.
func bagSetKey(g *gen, c *sema.Call, s *scope) string {
	return "kql_bag_set_key(" + g.expr(c.Args[0], s) + ", " + g.expr(c.Args[1], s) + ", " + g.jsonOf(c.Args[2], s) + ")"
}

// convertText converts SQL text to KQL type t with the conversion rules.
func convertText(x string, t table.Type) string {
	switch t {
	case table.String:
		return x
	case table.Int:
		return integerOf(x, table.String, "INTEGER")
	case table.Long:
		return integerOf(x, table.String, "BIGINT")
	case table.Real:
		return realOf(x, table.String)
	case table.Bool:
		return boolOf(x, table.String)
	case table.DateTime:
		return "kql_todatetime(" + x + ")"
	case table.TimeSpan:
		return "kql_totimespan(" + x + ")"
	case table.Decimal:
		return "TRY_CAST(" + x + " AS DECIMAL(38,18))"
	case table.GUID:
		return "TRY_CAST(" + x + " AS UUID)"
	case table.Dynamic:
		return "kql_parse_json(" + x + ")"
	}
	return x
}

// packArray builds a JSON array; datetimes and timespans as their text.
func packArray(g *gen, c *sema.Call, s *scope) string {
	parts := make([]string, len(c.Args))
	for i, a := range c.Args {
		parts[i] = g.jsonOf(a, s)
	}
	return "json_array(" + join(parts, ", ") + ")"
}
