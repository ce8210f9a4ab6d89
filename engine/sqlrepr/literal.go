package sqlrepr

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/huntbook/huntbook/table"
)

// Ticks converts a timespan to its stored form: a count of 100 ns ticks.
func Ticks(d time.Duration) int64 { return int64(d / table.Tick) }

// Duration converts stored ticks back to a timespan. Ticks beyond
// time.Duration's ±292 years saturate.
func Duration(ticks int64) time.Duration {
	const limit = math.MaxInt64 / int64(table.Tick)
	switch {
	case ticks > limit:
		return math.MaxInt64
	case ticks < -limit:
		return math.MinInt64
	}
	return time.Duration(ticks) * table.Tick
}

// MinDateTime and MaxDateTime bound the datetimes TIMESTAMP_NS can hold
// (1677-09-21 to 2262-04-11, whole ticks). Kusto allows years 1 to 9999;
// huntbook stores values outside this window as null.
var (
	MinDateTime = time.Unix(0, math.MinInt64/100*100+100).UTC()
	MaxDateTime = time.Unix(0, math.MaxInt64/100*100).UTC()
)

// InDateTimeRange reports whether t can be stored as a KQL datetime.
func InDateTimeRange(t time.Time) bool {
	return !t.Before(MinDateTime) && !t.After(MaxDateTime)
}

// Literal writes v, a value of KQL type t in the Go representation the table
// package fixes, as a DuckDB SQL expression of the type DuckType(t). nil is
// a typed NULL, except for string where it is ”. The text is safe to splice
// into SQL: strings are quoted, numbers are formatted, nothing else passes.
func Literal(t table.Type, v any) (string, error) {
	if v == nil {
		if t == table.String {
			return "''", nil
		}
		return "CAST(NULL AS " + DuckType(t) + ")", nil
	}
	switch t {
	case table.Bool:
		if b, ok := v.(bool); ok {
			return strconv.FormatBool(b), nil
		}
	case table.Int:
		if i, ok := v.(int32); ok {
			return "CAST(" + strconv.FormatInt(int64(i), 10) + " AS INTEGER)", nil
		}
	case table.Long:
		if i, ok := v.(int64); ok {
			return "CAST(" + strconv.FormatInt(i, 10) + " AS BIGINT)", nil
		}
	case table.Real:
		if f, ok := v.(float64); ok {
			return realLiteral(f), nil
		}
	case table.Decimal:
		if s, ok := v.(string); ok {
			if _, err := strconv.ParseFloat(s, 64); err != nil || strings.ContainsAny(s, "eExXpPnN_") {
				return "", fmt.Errorf("sqlrepr: bad decimal literal %q", s)
			}
			return "CAST(" + QuoteString(s) + " AS " + DecimalType + ")", nil
		}
	case table.String:
		if s, ok := v.(string); ok {
			return stringLiteral(s), nil
		}
	case table.DateTime:
		if tm, ok := v.(time.Time); ok {
			if !InDateTimeRange(tm) {
				return "CAST(NULL AS TIMESTAMP_NS)", nil
			}
			return "TIMESTAMP_NS '" + tm.UTC().Format("2006-01-02 15:04:05.000000000") + "'", nil
		}
	case table.TimeSpan:
		if d, ok := v.(time.Duration); ok {
			return "CAST(" + strconv.FormatInt(Ticks(d), 10) + " AS BIGINT)", nil
		}
	case table.Dynamic:
		b, err := json.Marshal(v)
		if err != nil {
			return "", fmt.Errorf("sqlrepr: dynamic literal: %w", err)
		}
		return "CAST(" + stringLiteral(string(b)) + " AS JSON)", nil
	case table.GUID:
		if s, ok := v.(string); ok {
			if !isGUID(s) {
				return "", fmt.Errorf("sqlrepr: bad guid literal %q", s)
			}
			return "CAST('" + strings.ToLower(s) + "' AS UUID)", nil
		}
	default:
		return "", fmt.Errorf("sqlrepr: no literal for type %v", t)
	}
	return "", fmt.Errorf("sqlrepr: %T is not a Go value of KQL type %v", v, t)
}

func realLiteral(f float64) string {
	switch {
	case math.IsNaN(f):
		return "CAST('NaN' AS DOUBLE)"
	case math.IsInf(f, 1):
		return "CAST('Infinity' AS DOUBLE)"
	case math.IsInf(f, -1):
		return "CAST('-Infinity' AS DOUBLE)"
	}
	return "CAST(" + strconv.FormatFloat(f, 'g', -1, 64) + " AS DOUBLE)"
}

// stringLiteral quotes s; a NUL byte, which a quoted literal cannot carry,
// is spliced in with chr(0).
func stringLiteral(s string) string {
	if !strings.Contains(s, "\x00") {
		return QuoteString(s)
	}
	parts := strings.Split(s, "\x00")
	for i, p := range parts {
		parts[i] = QuoteString(p)
	}
	return "(" + strings.Join(parts, " || chr(0) || ") + ")"
}

// isGUID reports whether s has the 8-4-4-4-12 hexadecimal form.
func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f') {
				return false
			}
		}
	}
	return true
}
