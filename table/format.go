package table

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Tick is Kusto's time resolution: datetime and timespan count 100 ns ticks.
const Tick = 100 * time.Nanosecond

// FormatDateTime writes a datetime as RFC 3339 UTC with seven fraction
// digits, as Kusto does: 2018-07-01T00:00:00.0000000Z.
func FormatDateTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.0000000Z")
}

// FormatTimeSpan writes a timespan as Kusto does: [-][d.]hh:mm:ss[.fffffff].
// The fraction appears only when the value has one.
func FormatTimeSpan(d time.Duration) string {
	var b strings.Builder
	ticks := int64(d / Tick)
	if ticks < 0 {
		b.WriteByte('-')
		if ticks == math.MinInt64 {
			ticks = math.MaxInt64 // one tick off; unreachable for time.Duration input
		} else {
			ticks = -ticks
		}
	}
	const ticksPerSecond = int64(time.Second / Tick)
	frac := ticks % ticksPerSecond
	secs := ticks / ticksPerSecond
	days := secs / 86400
	secs %= 86400
	if days > 0 {
		fmt.Fprintf(&b, "%d.", days)
	}
	fmt.Fprintf(&b, "%02d:%02d:%02d", secs/3600, secs/60%60, secs%60)
	if frac != 0 {
		fmt.Fprintf(&b, ".%07d", frac)
	}
	return b.String()
}

// FormatReal writes a real the way Kusto's JSON does: the shortest text that
// reads back to the same float, and NaN, Infinity, -Infinity for the
// non-finite values.
func FormatReal(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// FormatValue writes a value as text for people and for CSV: datetimes and
// timespans in Kusto's forms, dynamic values as compact JSON, null as "".
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "true"
		}
		return "false"
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return FormatReal(x)
	case time.Time:
		return FormatDateTime(x)
	case time.Duration:
		return FormatTimeSpan(x)
	case json.Number:
		return x.String()
	default:
		b, err := marshalDynamic(x)
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	}
}

// JSONValue returns the value in the form huntbook's JSON output uses:
// datetime and timespan as their Kusto text, non-finite reals as strings,
// everything else as itself.
func JSONValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		return FormatDateTime(x)
	case time.Duration:
		return FormatTimeSpan(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return FormatReal(x)
		}
		return x
	}
	return v
}

// ParseDynamic decodes JSON text into the Go representation of a dynamic
// value (numbers stay json.Number so long and real remain distinct).
func ParseDynamic(text string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("table: trailing data after JSON value")
	}
	return v, nil
}

// marshalDynamic writes compact JSON without escaping <, > and & (Kusto
// does not, and the text is shown to people).
func marshalDynamic(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// jsonTable is the wire form of huntbook query --format json.
type jsonTable struct {
	Columns       []Column       `json:"columns"`
	Rows          [][]any        `json:"rows"`
	Visualization *Visualization `json:"visualization"`
}

// MarshalJSON writes {"columns":[...],"rows":[[...]],"visualization":...}
// with values in the form JSONValue gives.
func (t *Table) MarshalJSON() ([]byte, error) {
	out := jsonTable{Columns: t.Columns, Rows: make([][]any, len(t.Rows)), Visualization: t.Visualization}
	if out.Columns == nil {
		out.Columns = []Column{}
	}
	for i, row := range t.Rows {
		r := make([]any, len(row))
		for j, v := range row {
			r[j] = JSONValue(v)
		}
		out.Rows[i] = r
	}
	return marshalDynamic(out)
}
