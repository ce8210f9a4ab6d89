package sqlgen

import (
	"github.com/huntbook/huntbook/kql/sema"
)

// arraySQL translates array functions over dynamic (JSON) arrays with
// DuckDB list functions. A non-array argument gives null, as in Kusto.
func arraySQL() map[string]translation {
	return map[string]translation{
		"array_reverse":      onArray("to_json(list_reverse($L))"),
		"array_sum":          onArray("list_sum(list_transform($L, lambda e: TRY_CAST(CAST(e AS VARCHAR) AS DOUBLE)))"),
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

// arrayIndexOf is array_index_of(arr, value): the 0-based index of the
// first element equal to value, -1 when absent. The optional start,
// length and occurrence arguments are not translated yet.
func arrayIndexOf(g *gen, c *sema.Call, s *scope) string {
	if len(c.Args) > 2 {
		fail("array_index_of with start, length or occurrence is not supported yet")
	}
	x, v := g.expr(c.Args[0], s), g.jsonOf(c.Args[1], s)
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
		body := "to_json(list_transform(range(len(" + l + ")), lambda i: CASE WHEN i + " + shift + " >= 0 AND i + " + shift +
			" < len(" + l + ") THEN " + l + "[i + " + shift + " + 1] ELSE " + fill + " END))"
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
		idx := "((((i + " + shift + ") % len(" + l + ")) + len(" + l + ")) % len(" + l + "))"
		body := "to_json(list_transform(range(len(" + l + ")), lambda i: " + l + "[" + idx + " + 1]))"
		return whenArray(x, body)
	}
}

// bagHasKey is bag_has_key(bag, key) for a plain key; JSONPath keys
// ("$.a.b") are not translated yet.
func bagHasKey(g *gen, c *sema.Call, s *scope) string {
	if lit, ok := c.Args[1].(*sema.Literal); ok {
		if k, ok := lit.Value.(string); ok && len(k) > 0 && k[0] == '$' {
			fail("bag_has_key with a JSONPath key is not supported yet")
		}
	}
	x, k := g.expr(c.Args[0], s), g.expr(c.Args[1], s)
	return "coalesce(json_type(" + x + ") = 'OBJECT' AND list_contains(json_keys(" + x + "), " + k + "), false)"
}
