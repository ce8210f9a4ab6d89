package render

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/huntbook/huntbook/table"
)

// Chart is the drawing-independent model of a `render` visualization: what
// every drawer (the SVG here, vega-lite, the browser's charting library)
// needs, derived once from the result by Kusto's rules. Its JSON form is the
// contract with the web UI (docs/render.md).
type Chart struct {
	Kind   string `json:"kind"`
	Title  string `json:"title,omitempty"`
	Stack  string `json:"stack,omitempty"`  // "", "stacked", "stacked100"
	YSplit string `json:"ysplit,omitempty"` // "", "axes", "panels"
	Legend bool   `json:"legend"`
	X      Axis   `json:"x"`
	Y      Axis   `json:"y"`
	// Categories labels the x positions 0..n-1 of a category axis (and the
	// slices of a pie).
	Categories []string    `json:"categories,omitempty"`
	Series     []Series    `json:"series,omitempty"`
	Card       []CardValue `json:"card,omitempty"`
	Timeline   *Timeline   `json:"timeline,omitempty"`
	Tree       *Tree       `json:"tree,omitempty"`
	// Notes say what was left out ("showing 50 of 212 series").
	Notes []string `json:"notes,omitempty"`
}

// AxisKind is how an axis maps values to positions.
type AxisKind string

// The axis kinds. Time axes carry milliseconds since the Unix epoch (UTC),
// the unit JavaScript charting libraries use.
const (
	AxisTime     AxisKind = "time"
	AxisLinear   AxisKind = "linear"
	AxisLog      AxisKind = "log"
	AxisCategory AxisKind = "category"
)

// Axis describes one axis.
type Axis struct {
	Kind   AxisKind `json:"kind"`
	Title  string   `json:"title,omitempty"`
	Column string   `json:"column,omitempty"`
	Min    *float64 `json:"min,omitempty"`
	Max    *float64 `json:"max,omitempty"`
}

// Series is one line, area, set of bars or pie.
type Series struct {
	Name      string    `json:"name"`
	Column    string    `json:"column"` // the y column it comes from
	Points    []Point   `json:"points"`
	Anomalies []Anomaly `json:"anomalies,omitempty"`
}

// Point is one measurement. Y is NaN for a null (a gap); JSON writes it as
// [x, y] with null for a gap, which keeps 100k-point charts compact.
type Point struct {
	X, Y float64
}

// MarshalJSON writes [x,y].
func (p Point) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 32)
	b = append(b, '[')
	b = appendNumber(b, p.X)
	b = append(b, ',')
	b = appendNumber(b, p.Y)
	return append(b, ']'), nil
}

// UnmarshalJSON reads [x,y].
func (p *Point) UnmarshalJSON(data []byte) error {
	var xy [2]*float64
	if err := json.Unmarshal(data, &xy); err != nil {
		return err
	}
	p.X, p.Y = math.NaN(), math.NaN()
	if xy[0] != nil {
		p.X = *xy[0]
	}
	if xy[1] != nil {
		p.Y = *xy[1]
	}
	return nil
}

func appendNumber(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, f, 'g', -1, 64)
}

// Anomaly marks a point flagged by series_decompose_anomalies: Dir is +1
// for a spike, -1 for a dip.
type Anomaly struct {
	X   float64 `json:"x"`
	Y   float64 `json:"y"`
	Dir int     `json:"dir"`
}

// CardValue is one labelled value of a card.
type CardValue struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// ChartError says why a result cannot be drawn as the visualization asks.
type ChartError struct {
	Kind string
	Msg  string
}

func (e *ChartError) Error() string { return "render " + e.Kind + ": " + e.Msg }

func chartErr(kind, format string, args ...any) error {
	return &ChartError{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// numberOf converts a numeric cell (int, long, real, decimal, or a number
// inside a dynamic value) to float64.
func numberOf(v any) (float64, bool) {
	switch x := v.(type) {
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case string: // decimal
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// timeOf converts a datetime cell, or a datetime inside a dynamic array
// (make-series writes its axis as strings), to milliseconds since the epoch.
func timeOf(v any) (float64, bool) {
	switch x := v.(type) {
	case time.Time:
		return float64(x.UnixNano()) / 1e6, true
	case string:
		t, err := time.Parse(time.RFC3339Nano, x)
		if err != nil {
			return 0, false
		}
		return float64(t.UnixNano()) / 1e6, true
	}
	return 0, false
}

// parseBound reads ymin/ymax/xmin/xmax: a number, or for a time axis a
// datetime.
func parseBound(v any, kind AxisKind) *float64 {
	if v == nil {
		return nil
	}
	if kind == AxisTime {
		if ms, ok := timeOf(v); ok {
			return &ms
		}
	}
	if s, ok := v.(string); ok {
		v = json.Number(strings.TrimSpace(s))
	}
	if f, ok := numberOf(v); ok && !math.IsNaN(f) && !math.IsInf(f, 0) {
		return &f
	}
	return nil
}

func isNumeric(t table.Type) bool { return t.IsNumeric() }

// label formats a cell for a category, series name or tooltip.
func label(v any) string {
	if v == nil {
		return "(null)"
	}
	if t, ok := v.(time.Time); ok {
		return formatTimeLabel(t)
	}
	return table.FormatValue(v)
}

// formatTimeLabel writes a datetime compactly: the date alone at midnight.
func formatTimeLabel(t time.Time) string {
	t = t.UTC()
	switch {
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0:
		return t.Format("2006-01-02")
	case t.Second() == 0 && t.Nanosecond() == 0:
		return t.Format("2006-01-02 15:04")
	case t.Nanosecond() == 0:
		return t.Format("2006-01-02 15:04:05")
	}
	return table.FormatDateTime(t)
}
