package sqlrepr

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"

	ts "github.com/huntbook/huntbook/secops/timeseries"
)

// The series_* functions reach Go as one UDF each taking all the KQL
// arguments packed into one JSON array (json_array($*)), so optional
// arguments, scalars broadcast against arrays and mixed types need no
// overload per arity. This file decodes those arguments and encodes the
// results as JSON in Kusto's order of properties.

// seriesArgs are the decoded arguments of one call.
type seriesArgs []any

func (a seriesArgs) at(i int) any {
	if i < len(a) {
		return a[i]
	}
	return nil
}

// series reads argument i as an array of numbers: null, non-numeric and
// missing elements are NaN. ints reports that every non-null element is
// an integer written without a fraction, and there is one (Kusto keeps
// such arrays long).
func (a seriesArgs) series(i int) (s ts.Series, ints, ok bool) {
	arr, ok := a.at(i).([]any)
	if !ok {
		return nil, false, false
	}
	s = make(ts.Series, len(arr))
	ints = true
	numbers := 0
	for j, v := range arr {
		f, isInt, ok := number(v)
		if !ok {
			s[j] = ts.Null
			continue
		}
		s[j] = f
		numbers++
		ints = ints && isInt
	}
	return s, ints && numbers > 0, true
}

// number reads a decoded JSON scalar as a float64.
func number(v any) (f float64, isInt, ok bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return 0, false, false
		}
		return f, !strings.ContainsAny(x.String(), ".eE"), true
	case float64:
		return x, x == math.Trunc(x), true
	case int64:
		return float64(x), true, true
	case bool:
		return 0, false, false
	}
	return 0, false, false
}

// num reads a numeric argument, def when it is missing or null.
func (a seriesArgs) num(i int, def float64) float64 {
	if f, _, ok := number(a.at(i)); ok {
		return f
	}
	return def
}

func (a seriesArgs) integer(i int, def int) int {
	return int(a.num(i, float64(def)))
}

func (a seriesArgs) boolean(i int, def bool) bool {
	if b, ok := a.at(i).(bool); ok {
		return b
	}
	return def
}

func (a seriesArgs) str(i int, def string) string {
	if s, ok := a.at(i).(string); ok && s != "" {
		return s
	}
	return def
}

// operand reads argument i of an element-wise function: an array, or a
// scalar broadcast to n elements.
func (a seriesArgs) operand(i, n int) (s ts.Series, ints, ok bool) {
	if s, ints, ok := a.series(i); ok {
		return s, ints, true
	}
	f, isInt, ok := number(a.at(i))
	if !ok {
		return nil, false, false
	}
	return ts.Const(f, n), isInt, true
}

// jsonReal writes a real as JSON: integral values with ".0" (as DuckDB's
// to_json writes a DOUBLE), NaN as null, infinities as Kusto's strings.
func jsonReal(v float64) string {
	switch {
	case math.IsNaN(v):
		return "null"
	case math.IsInf(v, 1):
		return `"Infinity"`
	case math.IsInf(v, -1):
		return `"-Infinity"`
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// jsonSeries writes a series as a JSON array, of longs when ints is set.
func jsonSeries(s ts.Series, ints bool) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, v := range s {
		if i > 0 {
			b.WriteByte(',')
		}
		if ints && !math.IsNaN(v) && !math.IsInf(v, 0) {
			b.WriteString(strconv.FormatInt(int64(v), 10))
		} else {
			b.WriteString(jsonReal(v))
		}
	}
	b.WriteByte(']')
	return b.String()
}

func jsonInts(v []int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range v {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(x))
	}
	b.WriteByte(']')
	return b.String()
}

func jsonBools(v []ts.NullBool) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range v {
		if i > 0 {
			b.WriteByte(',')
		}
		switch x {
		case ts.BoolTrue:
			b.WriteString("true")
		case ts.BoolFalse:
			b.WriteString("false")
		default:
			b.WriteString("null")
		}
	}
	b.WriteByte(']')
	return b.String()
}

// jsonBag builds a JSON object whose properties keep their order.
type jsonBag struct{ parts []string }

func (o *jsonBag) add(key, raw string) *jsonBag {
	o.parts = append(o.parts, strconv.Quote(key)+":"+raw)
	return o
}

func (o *jsonBag) raw() json.RawMessage {
	return json.RawMessage("{" + strings.Join(o.parts, ",") + "}")
}

// unpack turns the packed arguments into seriesArgs; ok is false when the
// first argument (the series) is null, which makes the result null.
func unpack(v any) (seriesArgs, bool) {
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 || arr[0] == nil {
		return nil, false
	}
	return seriesArgs(arr), true
}
