package sqlgen

import (
	"github.com/huntbook/huntbook/kql/sema"
)

// dynamicSQL translates the array and bag functions.
func dynamicSQL() map[string]translation {
	return map[string]translation{
		"array_length":    simple("CASE WHEN json_type($1) = 'ARRAY' THEN CAST(json_array_length($1) AS BIGINT) END"),
		"arraylength":     simple("CASE WHEN json_type($1) = 'ARRAY' THEN CAST(json_array_length($1) AS BIGINT) END"),
		"bag_pack":        bagPack,
		"pack":            bagPack,
		"pack_dictionary": bagPack,
		"set_union":       packedArrays("kql_set_union"),
		"set_intersect":   packedArrays("kql_set_intersect"),
		"set_difference":  packedArrays("kql_set_difference"),
		"zip":             packedArrays("kql_zip"),
		"bag_merge":       packedArrays("kql_bag_merge"),
		"array_concat":    arrayConcat,
		"bag_keys":        simple("CASE WHEN json_type($1) = 'OBJECT' THEN to_json(json_keys($1)) END"),
	}
}

// bagPack is bag_pack(k1, v1, ...): a JSON object.
func bagPack(g *gen, c *sema.Call, s *scope) string {
	var parts []string
	for i := 0; i+1 < len(c.Args); i += 2 {
		parts = append(parts, g.expr(c.Args[i], s), g.jsonOf(c.Args[i+1], s))
	}
	return "json_object(" + join(parts, ", ") + ")"
}

// packedArrays calls a registry UDF that takes its variadic arrays as one
// JSON array.
func packedArrays(udf string) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		return udf + "(json_array(" + join(g.args(c, s), ", ") + "))"
	}
}

// arrayConcat joins arrays; a non-array argument makes the result null.
func arrayConcat(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	var conds, lists []string
	for _, x := range a {
		conds = append(conds, "json_type("+x+") = 'ARRAY'")
		lists = append(lists, "CAST(json_extract("+x+", '$[*]') AS JSON[])")
	}
	return "CASE WHEN " + join(conds, " AND ") + " THEN to_json(flatten([" + join(lists, ", ") + "])) END"
}
