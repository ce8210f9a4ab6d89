package sqlgen

import (
	"strings"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// arraySQL translates array functions over dynamic (JSON) arrays with
// DuckDB list functions. A non-array argument gives null, as in Kusto.
func arraySQL() map[string]translation {
	return map[string]translation{
		"array_reverse":      onArray("to_json(list_reverse($L))"),
		"array_sum":          onArray("list_sum(list_transform($L, lambda kql_e: TRY_CAST(CAST(kql_e AS VARCHAR) AS DOUBLE)))"),
		"array_index_of":     arrayIndexOf,
		"set_has_element":    setHasElement,
		"array_shift_left":   arrayShift(1),
		"array_shift_right":  arrayShift(-1),
		"array_rotate_left":  arrayRotate(1),
		"array_rotate_right": arrayRotate(-1),
		"bag_has_key":        bagHasKey,
	}
}

// jsonList is the SQL of a JSON array's elements as a JSON[] list.
func jsonList(x string) string { return "CAST(json_extract(" + x + ", '$[*]') AS JSON[])" }

func whenArray(x, then string) string {
	return "CASE WHEN json_type(" + x + ") = 'ARRAY' THEN " + then + " END"
}

// onArray fills $L of a template with the first argument's element list.
func onArray(template string) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		x := g.args(c, s)[0]
		return whenArray(x, expandList(template, jsonList(x)))
	}
}

func expandList(template, list string) string {
	out := ""
	for i := 0; i < len(template); i++ {
		if template[i] == '$' && i+1 < len(template) && template[i+1] == 'L' {
			out += list
			i++
			continue
		}
		out += string(template[i])
	}
	return out
}

// arrayIndexOf is array_index_of(arr, value [, start, length,
// occurrence]): the 0-based index of the first element equal to value,
// -1 when absent; with a window or an occurrence, the Go function's.
func arrayIndexOf(g *gen, c *sema.Call, s *scope) string {
	x, v := g.expr(c.Args[0], s), g.jsonOf(c.Args[1], s)
	if len(c.Args) > 2 {
		extra := []string{"0", "-1", "1"}
		for i, e := range c.Args[2:] {
			extra[i] = "coalesce(CAST(" + g.expr(e, s) + " AS BIGINT), " + extra[i] + ")"
		}
		return "kql_array_index_of(" + x + ", " + v + ", " + join(extra, ", ") + ")"
	}
	return whenArray(x, "coalesce(CAST(list_position("+jsonList(x)+", CAST("+v+" AS JSON)) AS BIGINT) - 1, -1)")
}

func setHasElement(g *gen, c *sema.Call, s *scope) string {
	x, v := g.expr(c.Args[0], s), g.jsonOf(c.Args[1], s)
	return "coalesce(" + whenArray(x, "list_contains("+jsonList(x)+", CAST("+v+" AS JSON))") + ", false)"
}

// arrayShift is array_shift_left/right(arr, n[, fill]): elements move by
// n (dir 1 left, -1 right; a negative n goes the other way), vacated
// places take fill (null by default).
func arrayShift(dir int) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		x, n := g.expr(c.Args[0], s), g.expr(c.Args[1], s)
		fill := "NULL::JSON"
		if len(c.Args) > 2 {
			fill = "CAST(" + g.jsonOf(c.Args[2], s) + " AS JSON)"
		}
		shift := "(" + n + ")"
		if dir < 0 {
			shift = "(-(" + n + "))"
		}
		l := jsonList(x)
		body := "to_json(list_transform(range(len(" + l + ")), lambda kql_i: CASE WHEN kql_i + " + shift + " >= 0 AND kql_i + " + shift +
			" < len(" + l + ") THEN " + l + "[kql_i + " + shift + " + 1] ELSE " + fill + " END))"
		return whenArray(x, body)
	}
}

// arrayRotate is array_rotate_left/right(arr, n).
func arrayRotate(dir int) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		x, n := g.expr(c.Args[0], s), g.expr(c.Args[1], s)
		shift := "(" + n + ")"
		if dir < 0 {
			shift = "(-(" + n + "))"
		}
		l := jsonList(x)
		idx := "((((kql_i + " + shift + ") % len(" + l + ")) + len(" + l + ")) % len(" + l + "))"
		body := "to_json(list_transform(range(len(" + l + ")), lambda kql_i: " + l + "[" + idx + " + 1]))"
		return whenArray(x, body)
	}
}

// bagHasKey is bag_has_key(bag, key): a plain key in SQL, a JSONPath key
// ("$.a.b", "$.a[0]") through the Go function that walks it.
func bagHasKey(g *gen, c *sema.Call, s *scope) string {
	x, k := g.expr(c.Args[0], s), g.expr(c.Args[1], s)
	if lit, ok := c.Args[1].(*sema.Literal); ok {
		if key, ok := lit.Value.(string); ok && len(key) > 0 && key[0] == '$' {
			return "coalesce(kql_bag_has_path(" + x + ", " + k + "), false)"
		}
	} else {
		return "coalesce(CASE WHEN starts_with(" + k + ", '$') THEN kql_bag_has_path(" + x + ", " + k + ") " +
			"ELSE json_type(" + x + ") = 'OBJECT' AND list_contains(json_keys(" + x + "), " + k + ") END, false)"
	}
	return "coalesce(json_type(" + x + ") = 'OBJECT' AND list_contains(json_keys(" + x + "), " + k + "), false)"
}

// moreArraySQL holds the array builders: array_iff, bag_zip and the
// scalar range().
func moreArraySQL() map[string]translation {
	return map[string]translation{
		"array_iff":                    arrayIff,
		"array_iif":                    arrayIff,
		"bag_zip":                      bagZip,
		"range":                        scalarRange,
		"has_any_index":                hasAnyIndex,
		"unicode_codepoints_to_string": codepointsToString,
		"make_string":                  codepointsToString,
	}
}

// hasAnyIndex is has_any_index(text, lookups): the index of the first
// lookup (as a string: numbers too) that text has as a term, -1 if none.
func hasAnyIndex(g *gen, c *sema.Call, s *scope) string {
	src, arr := g.expr(c.Args[0], s), g.expr(c.Args[1], s)
	has := registryExpand("has", []table.Type{table.String, table.String}, src, "json_extract_string(kql_e, '$')")
	return whenArray(arr, "coalesce(CAST(list_position(list_transform("+jsonList(arr)+", lambda kql_e: "+has+"), true) AS BIGINT) - 1, -1)")
}

// codepointsToString is unicode_codepoints_to_string(c, ...): each
// argument a code point or an array of them.
func codepointsToString(g *gen, c *sema.Call, s *scope) string {
	parts := make([]string, len(c.Args))
	for i, a := range c.Args {
		x := g.expr(a, s)
		if a.Type() == table.Dynamic {
			parts[i] = "array_to_string(list_transform(CAST(json_extract(" + x + ", '$[*]') AS BIGINT[]), lambda kql_c: chr(CAST(kql_c AS INTEGER))), '')"
			continue
		}
		parts[i] = "chr(CAST(" + x + " AS INTEGER))"
	}
	// an invalid code point gives "" rather than failing the query
	return "coalesce(try(" + strings.Join(parts, " || ") + "), '')"
}

// elementAt is the SQL of a branch of array_iff at list index i: an
// array's element (null past its end) or a scalar repeated.
func (g *gen) elementAt(e sema.Expr, s *scope) string {
	x := g.jsonOf(e, s)
	if e.Type() != table.Dynamic {
		return "CAST(" + x + " AS JSON)"
	}
	return "CASE WHEN json_type(" + x + ") = 'ARRAY' THEN " + jsonList(x) + "[kql_i + 1] ELSE " + x + " END"
}

// arrayIff is array_iff(conditions, when_true, when_false): per element
// of conditions, a bool or a number (non-zero is true); anything else
// gives null, as the docs show.
func arrayIff(g *gen, c *sema.Call, s *scope) string {
	x := g.expr(c.Args[0], s)
	l := jsonList(x)
	cond := "(CASE json_type(" + l + "[kql_i + 1]) WHEN 'BOOLEAN' THEN CAST(" + l + "[kql_i + 1] AS BOOLEAN) " +
		"WHEN 'BIGINT' THEN CAST(" + l + "[kql_i + 1] AS DOUBLE) <> 0 WHEN 'UBIGINT' THEN CAST(" + l + "[kql_i + 1] AS DOUBLE) <> 0 " +
		"WHEN 'DOUBLE' THEN CAST(" + l + "[kql_i + 1] AS DOUBLE) <> 0 END)"
	body := "to_json(list_transform(range(len(" + l + ")), lambda kql_i: CASE WHEN " + cond + " IS NULL THEN NULL::JSON WHEN " +
		cond + " THEN " + g.elementAt(c.Args[1], s) + " ELSE " + g.elementAt(c.Args[2], s) + " END))"
	return whenArray(x, body)
}

// bagZip is bag_zip(keys, values): a bag of the string keys (others are
// skipped) with the value at the same index (null when missing). A key
// repeated keeps its first value (the docs do not say; a DuckDB map
// cannot hold it twice).
func bagZip(g *gen, c *sema.Call, s *scope) string {
	k, v := g.expr(c.Args[0], s), g.expr(c.Args[1], s)
	kl, vl := jsonList(k), jsonList(v)
	value := "CASE WHEN json_type(" + v + ") = 'ARRAY' THEN " + vl + "[kql_i + 1] END"
	entries := "list_transform(list_filter(range(len(" + kl + ")), lambda kql_i: json_type(" + kl + "[kql_i + 1]) = 'VARCHAR' AND list_position(" + kl + ", " + kl + "[kql_i + 1]) = kql_i + 1), " +
		"lambda kql_i: {'k': json_extract_string(" + kl + "[kql_i + 1], '$'), 'v': " + value + "})"
	return whenArray(k, "to_json(map_from_entries("+entries+"))")
}

// scalarRange is range(start, stop[, step]): the inclusive series as a
// dynamic array; the default step is 1, or 1h for timespans and datetimes.
func scalarRange(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	t := c.Args[0].Type()
	step := "1"
	if t == table.TimeSpan || t == table.DateTime {
		step = "36000000000"
	}
	if len(a) > 2 {
		step = a[2]
	}
	from, to := a[0], a[1]
	if t == table.DateTime {
		from, to = ticksOf(a[0]), ticksOf(a[1])
	}
	// Element i is from + i*step; Kusto stops at 2^20 elements.
	last := "LEAST(CAST(floor((CAST(" + to + " AS DOUBLE) - " + from + ") / " + step + ") AS BIGINT), " + rangeMaxIndex + ")"
	elem := "(" + from + " + kql_i * " + step + ")"
	switch t {
	case table.TimeSpan:
		elem = "kql_tostring_timespan(" + elem + ")"
	case table.DateTime:
		elem = "kql_tostring_datetime(make_timestamp_ns(" + elem + " * 100))"
	}
	return "to_json(list_transform(generate_series(0, " + last + "), lambda kql_i: " + elem + "))"
}

// rangeMaxIndex is the last index range() produces: Kusto's range()
// returns at most 1,048,576 (2^20) values.
const rangeMaxIndex = "1048575"
