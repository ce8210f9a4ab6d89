package sessions

import (
	"encoding/json"
	"strings"
)

// ParamsFromDynamic reads a command's parameters from a dynamic value as
// the engine decodes it (nil, map[string]any, []any of objects, or JSON
// text): a property bag {"Identity": "x"}, or an array of {"Name": ...,
// "Value": ...} objects, the shape of OfficeActivity's Parameters column.
// Values that are not strings are kept as their JSON text; names are kept
// as written. Anything else yields no parameters.
func ParamsFromDynamic(v any) map[string]string {
	if s, ok := v.(string); ok {
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return nil
		}
	}
	out := map[string]string{}
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if k != "" { // a parameter needs a name
				out[k] = valueText(val)
			}
		}
	case []any:
		for _, e := range x {
			obj, ok := e.(map[string]any)
			if !ok {
				continue
			}
			name, ok := obj["Name"].(string)
			if !ok || name == "" {
				continue
			}
			out[name] = valueText(obj["Value"])
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}
