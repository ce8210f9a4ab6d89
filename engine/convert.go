package engine

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

// converter turns a value as the DuckDB driver returns it into the Go value
// of one KQL type (see the table package). It accepts every DuckDB type that
// can stand for the KQL type, so SQL may return an INTEGER for a long or a
// HUGEINT sum for a timespan.
type converter func(v any) (any, error)

func converterFor(t table.Type) converter {
	switch t {
	case table.Bool:
		return toBool
	case table.Int:
		return toInt
	case table.Long:
		return toLong
	case table.Real:
		return toReal
	case table.Decimal:
		return toDecimal
	case table.String:
		return toString
	case table.DateTime:
		return toDateTime
	case table.TimeSpan:
		return toTimeSpan
	case table.Dynamic:
		return toDynamic
	case table.GUID:
		return toGUID
	}
	return func(any) (any, error) { return nil, fmt.Errorf("no KQL type %v", t) }
}

func badValue(v any, t table.Type) error {
	return fmt.Errorf("DuckDB value %T cannot be a %v", v, t)
}

func toBool(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool:
		return x, nil
	}
	return nil, badValue(v, table.Bool)
}

// integer reads any DuckDB integer as int64; ok is false for other types or
// values out of int64's range.
func integer(v any) (int64, bool) {
	switch x := v.(type) {
	case int8:
		return int64(x), true
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case uint8:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint32:
		return int64(x), true
	case uint64:
		return int64(x), x <= math.MaxInt64
	case *big.Int:
		return x.Int64(), x.IsInt64()
	}
	return 0, false
}

func toInt(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if i, ok := integer(v); ok && i >= math.MinInt32 && i <= math.MaxInt32 {
		return int32(i), nil
	}
	return nil, badValue(v, table.Int)
}

func toLong(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if i, ok := integer(v); ok {
		return i, nil
	}
	return nil, badValue(v, table.Long)
}

func toReal(v any) (any, error) {
	switch x := v.(type) {
	case nil, float64:
		return x, nil
	case float32:
		return float64(x), nil
	case duckdb.Decimal:
		return x.Float64(), nil
	}
	if i, ok := integer(v); ok {
		return float64(i), nil
	}
	return nil, badValue(v, table.Real)
}

func toDecimal(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case duckdb.Decimal:
		return decimalText(x), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	}
	if i, ok := integer(v); ok {
		return strconv.FormatInt(i, 10), nil
	}
	return nil, badValue(v, table.Decimal)
}

// decimalText writes a DuckDB decimal without the trailing zeros its fixed
// scale adds ("1.500000000000000000" → "1.5").
func decimalText(d duckdb.Decimal) string {
	s := d.Value.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if scale := int(d.Scale); scale > 0 {
		if len(s) <= scale {
			s = strings.Repeat("0", scale-len(s)+1) + s
		}
		s = s[:len(s)-scale] + "." + s[len(s)-scale:]
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if neg && s != "0" {
		s = "-" + s
	}
	return s
}

// toString keeps "strings are never null": a NULL string column reads "".
func toString(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case []byte:
		return string(x), nil
	}
	return nil, badValue(v, table.String)
}

func toDateTime(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case time.Time:
		return x.UTC(), nil
	}
	return nil, badValue(v, table.DateTime)
}

// toTimeSpan reads ticks; an INTERVAL (from ad-hoc SQL) counts a month as
// 30 days, as DuckDB itself does when it compares intervals.
func toTimeSpan(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case time.Time: // a TIME of day
		return time.Duration(x.Hour())*time.Hour + time.Duration(x.Minute())*time.Minute +
			time.Duration(x.Second())*time.Second + time.Duration(x.Nanosecond()), nil
	case duckdb.Interval:
		d := time.Duration(x.Months)*30*24*time.Hour + time.Duration(x.Days)*24*time.Hour +
			time.Duration(x.Micros)*time.Microsecond
		return d, nil
	}
	if i, ok := integer(v); ok {
		return sqlrepr.Duration(i), nil
	}
	return nil, badValue(v, table.TimeSpan)
}

// toDynamic decodes the JSON text the engine's projection produces; JSON
// null is KQL's null dynamic.
func toDynamic(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		d, err := table.ParseDynamic(x)
		if err != nil {
			return nil, fmt.Errorf("bad JSON from DuckDB: %w", err)
		}
		return d, nil
	case bool:
		return x, nil
	case float64:
		return json.Number(strconv.FormatFloat(x, 'g', -1, 64)), nil
	}
	if i, ok := integer(v); ok {
		return json.Number(strconv.FormatInt(i, 10)), nil
	}
	return nil, badValue(v, table.Dynamic)
}

func toGUID(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []byte:
		if len(x) == 16 {
			return formatGUID(x), nil
		}
	case duckdb.UUID:
		return formatGUID(x[:]), nil
	case string:
		return strings.ToLower(x), nil
	}
	return nil, badValue(v, table.GUID)
}

func formatGUID(b []byte) string {
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
