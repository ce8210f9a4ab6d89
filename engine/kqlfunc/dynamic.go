package kqlfunc

import (
	"encoding/json"
	"strconv"
)

// StringList reads a dynamic value as a list of strings: an array gives its
// elements as text, a scalar gives itself, null gives nothing. has_any and
// friends accept their needles this way.
func StringList(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if e != nil {
				out = append(out, DynamicText(e))
			}
		}
		return out
	}
	return []string{DynamicText(v)}
}

// DynamicText is Kusto's tostring() of a dynamic value: a string as itself,
// null as "", anything else as compact JSON.
func DynamicText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	return MarshalJSON(v)
}
