package kqlfunc

import (
	"bytes"
	"encoding/json"
)

// MarshalJSON writes a dynamic value as compact JSON without HTML escaping,
// the form Kusto prints. Values that cannot be encoded (NaN) become null.
func MarshalJSON(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "null"
	}
	return string(bytes.TrimRight(buf.Bytes(), "\n"))
}
