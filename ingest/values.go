package ingest

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/huntbook/huntbook/table"
)

// A kindMask says which KQL types a value can be read as. Type inference
// intersects the masks of all values of a column.
type kindMask uint8

const (
	kBool kindMask = 1 << iota
	kLong
	kReal
	kDateTime
	kTimeSpan
	kGUID
	kDynamic // a JSON (or Python-repr) object or array

	kAll = kBool | kLong | kReal | kDateTime | kTimeSpan | kGUID | kDynamic
)

// classifyText returns the kinds a non-empty text cell can be read as.
// Bare numbers are never datetimes (an epoch is a number), and numbers with
// a leading zero stay strings (zip codes, "0x12d8", "007").
func classifyText(s string) kindMask {
	s = strings.TrimSpace(s)
	if s == "" {
		return kAll
	}
	var m kindMask
	switch c := s[0]; {
	case c == 't' || c == 'T' || c == 'f' || c == 'F':
		if _, ok := parseBool(s, false); ok {
			return kBool
		}
	case c == '{' || c == '[':
		if _, ok := parseStructured(s); ok {
			return kDynamic
		}
		return 0
	}
	if _, ok := parseLong(s, false); ok {
		return kLong | kReal
	}
	if _, ok := parseReal(s, false); ok {
		return kReal
	}
	if _, ok := parseDateTime(s); ok {
		m |= kDateTime
	}
	if _, ok := parseTimeSpan(s); ok {
		m |= kTimeSpan
	}
	if _, ok := parseGUID(s, false); ok {
		m |= kGUID
	}
	return m
}

// classifyJSON returns the kinds a decoded JSON value can be read as; ok is
// false for null and "" (which constrain nothing). Strings are never read
// as numbers or booleans: a JSON producer that quoted a number meant text.
func classifyJSON(v any) (m kindMask, structured, ok bool) {
	switch x := v.(type) {
	case nil:
		return 0, false, false
	case bool:
		return kBool, false, true
	case json.Number:
		if _, err := strconv.ParseInt(x.String(), 10, 64); err == nil {
			return kLong | kReal, false, true
		}
		return kReal, false, true
	case string:
		t := strings.TrimSpace(x)
		if t == "" {
			return 0, false, false
		}
		return classifyTemporal(t), false, true
	default:
		return kDynamic, true, true
	}
}

// classifyTemporal is classifyText restricted to the kinds a quoted JSON
// string may take, with cheap checks before each parser.
func classifyTemporal(s string) kindMask {
	var m kindMask
	if c := s[0]; c >= '0' && c <= '9' || c == '-' || c == '{' {
		if len(s) >= 8 && c != '{' {
			if _, ok := parseDateTime(s); ok {
				m |= kDateTime
			}
		}
		if strings.IndexByte(s, ':') > 0 || strings.Contains(s, " day") {
			if _, ok := parseTimeSpan(s); ok {
				m |= kTimeSpan
			}
		}
	}
	if len(s) == 36 {
		if _, ok := parseGUID(s, false); ok {
			m |= kGUID
		}
	}
	return m
}

// parseBool reads true/false in any case; lenient also takes 1/0.
func parseBool(s string, lenient bool) (bool, bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	case lenient && s == "1":
		return true, true
	case lenient && s == "0":
		return false, true
	}
	return false, false
}

// parseLong reads a decimal integer without leading zeros. lenient also
// takes a real with a zero fraction ("12.0", as pandas writes integer
// columns that hold a NaN) and leading zeros.
func parseLong(s string, lenient bool) (int64, bool) {
	digits := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if digits == "" || (!lenient && len(digits) > 1 && digits[0] == '0') {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			if !lenient {
				return 0, false
			}
			f, ok := parseReal(s, false)
			if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
				return 0, false
			}
			return int64(f), true
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// parseReal reads a decimal number ([sign] digits [. digits] [e [sign]
// digits]). lenient also takes NaN and the infinities as Kusto writes them.
func parseReal(s string, lenient bool) (float64, bool) {
	if lenient {
		switch s {
		case "NaN", "nan":
			return math.NaN(), true
		case "Infinity", "inf", "+Infinity":
			return math.Inf(1), true
		case "-Infinity", "-inf":
			return math.Inf(-1), true
		}
	}
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	mant, intStart := 0, i
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		mant++
	}
	if !lenient && mant > 1 && s[intStart] == '0' {
		return 0, false // "007" is an identifier, not a number
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			mant++
		}
	}
	if mant == 0 {
		return 0, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			exp++
		}
		if exp == 0 {
			return 0, false
		}
	}
	if i != len(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil || math.IsInf(f, 0)
}

// parseGUID reads the 8-4-4-4-12 hex form (braces too when lenient) and
// returns it in lower case, as package table fixes.
func parseGUID(s string, lenient bool) (string, bool) {
	if lenient && len(s) == 38 && s[0] == '{' && s[37] == '}' {
		s = s[1:37]
	}
	if len(s) != 36 {
		return "", false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return "", false
			}
		default:
			if !isHex(c) {
				return "", false
			}
		}
	}
	return strings.ToLower(s), true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// parseStructured reads a JSON object or array, or the Python repr of a
// dict or list (msticpy and pandas write those into CSV cells).
func parseStructured(s string) (any, bool) {
	if v, err := table.ParseDynamic(s); err == nil {
		switch v.(type) {
		case map[string]any, []any:
			return v, true
		}
		return nil, false
	}
	v, err := parsePyLiteral(s)
	if err != nil {
		return nil, false
	}
	switch v.(type) {
	case map[string]any, []any:
		return v, true
	}
	return nil, false
}

// convertText reads a text cell as a value of type ty. Empty text is null
// (or "" for strings). An error names what did not parse.
func convertText(ty table.Type, s string) (any, error) {
	if ty == table.String {
		return s, nil
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return nil, nil
	}
	var (
		v  any
		ok bool
	)
	switch ty {
	case table.Bool:
		v, ok = parseBool(t, true)
	case table.Int:
		var n int64
		if n, ok = parseLong(t, true); ok && (n < math.MinInt32 || n > math.MaxInt32) {
			return nil, fmt.Errorf("%q is out of range for int", clip(t))
		}
		v = int32(n)
	case table.Long:
		v, ok = parseLong(t, true)
	case table.Real:
		v, ok = parseReal(t, true)
	case table.Decimal:
		_, ok = parseReal(t, false)
		v = t
	case table.DateTime:
		v, ok = parseDateTime(t)
	case table.TimeSpan:
		v, ok = parseTimeSpan(t)
	case table.GUID:
		v, ok = parseGUID(t, true)
	case table.Dynamic:
		return textToDynamic(t), nil
	}
	if !ok {
		return nil, fmt.Errorf("cannot read %q as %v", clip(t), ty)
	}
	return v, nil
}

// textToDynamic never fails: text that is no JSON or Python literal becomes
// a dynamic string, as Kusto's parse_json does.
func textToDynamic(t string) any {
	if v, err := table.ParseDynamic(t); err == nil {
		return v
	}
	if c := t[0]; c == '{' || c == '[' || c == '\'' {
		if v, err := parsePyLiteral(t); err == nil {
			return v
		}
	}
	return t
}

// convertJSON reads a decoded JSON value as a value of type ty.
func convertJSON(ty table.Type, v any) (any, error) {
	switch x := v.(type) {
	case nil:
		if ty == table.String {
			return "", nil
		}
		return nil, nil
	case string:
		if ty == table.Dynamic {
			t := strings.TrimSpace(x)
			if t != "" && (t[0] == '{' || t[0] == '[') {
				return textToDynamic(t), nil
			}
			return x, nil
		}
		return convertText(ty, x)
	case json.Number:
		switch ty {
		case table.String, table.Decimal:
			return x.String(), nil
		case table.Dynamic:
			return x, nil
		case table.DateTime, table.TimeSpan, table.GUID:
			return nil, fmt.Errorf("cannot read number %s as %v", x, ty)
		}
		return convertText(ty, x.String())
	case bool:
		switch ty {
		case table.Bool, table.Dynamic:
			return x, nil
		case table.String:
			return strconv.FormatBool(x), nil
		case table.Int:
			return int32(b2i(x)), nil
		case table.Long:
			return int64(b2i(x)), nil
		}
		return nil, fmt.Errorf("cannot read %v as %v", x, ty)
	default: // object or array
		switch ty {
		case table.Dynamic:
			return x, nil
		case table.String:
			return table.FormatValue(x), nil
		}
		return nil, fmt.Errorf("cannot read a JSON %s as %v", jsonKind(x), ty)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func jsonKind(v any) string {
	if _, ok := v.([]any); ok {
		return "array"
	}
	return "object"
}

// clip shortens text quoted in an error message.
func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// nullOf is the null of a type: "" for strings, nil for the others.
func nullOf(ty table.Type) any {
	if ty == table.String {
		return ""
	}
	return nil
}

// ticks rounds a time to Kusto's 100 ns resolution.
func ticks(t time.Time) time.Time { return t.UTC().Truncate(table.Tick) }

// jsonNumberText wraps number text as a dynamic number.
func jsonNumberText(s string) json.Number { return json.Number(s) }
