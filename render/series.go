package render

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/huntbook/huntbook/table"
)

// arrayColumn reports whether the column holds dynamic arrays (make-series
// output), looking at its first non-null cell.
func arrayColumn(t *table.Table, col int) bool {
	if t.Columns[col].Type != table.Dynamic {
		return false
	}
	for _, row := range t.Rows {
		if row[col] == nil {
			continue
		}
		_, ok := row[col].([]any)
		return ok
	}
	return false
}

// firstElement returns the first non-null element of an array column.
func firstElement(t *table.Table, col int) any {
	for _, row := range t.Rows {
		arr, _ := row[col].([]any)
		for _, e := range arr {
			if e != nil {
				return e
			}
		}
	}
	return nil
}

// isSeriesForm tells make-series output (one row per series, with arrays of
// x values and of y values) from ordinary rows. It is series form when
// xcolumn names an array column, or when no xcolumn is given, the first
// column cannot be the x-axis of a line chart, and at least two array
// columns exist (the axis and a measure).
func isSeriesForm(t *table.Table, v *table.Visualization, kind string) bool {
	if !lineLike(kind) || len(t.Columns) == 0 {
		return false
	}
	if v.XColumn != "" {
		i := t.ColumnIndex(v.XColumn)
		return i >= 0 && arrayColumn(t, i)
	}
	first := t.Columns[0].Type
	if first == table.DateTime || (!needsTime(kind) && isNumeric(first)) {
		return false
	}
	if needsTime(kind) && slices.ContainsFunc(t.Columns, func(c table.Column) bool { return c.Type == table.DateTime }) {
		return false
	}
	arrays := 0
	for i := range t.Columns {
		if arrayColumn(t, i) {
			arrays++
		}
	}
	return arrays >= 2
}

// seriesRoles picks, in make-series output, the x array (xcolumn, else the
// array of datetimes, else the last array column, where make-series puts its
// axis), the y arrays (ycolumns, else the other numeric arrays) and the key
// columns (every scalar column, as make-series ... by A, B).
func seriesRoles(t *table.Table, v *table.Visualization, kind string) (roles, error) {
	r := roles{x: -1}
	var arrays []int
	for i := range t.Columns {
		if arrayColumn(t, i) {
			arrays = append(arrays, i)
		} else if t.Columns[i].Type != table.Dynamic {
			r.series = append(r.series, i)
		}
	}
	switch {
	case v.XColumn != "":
		r.x = t.ColumnIndex(v.XColumn)
	default:
		for _, i := range arrays {
			if _, ok := timeOf(firstElement(t, i)); ok {
				r.x = i
				break
			}
		}
		if r.x < 0 && !needsTime(kind) && len(arrays) > 0 {
			r.x = arrays[len(arrays)-1]
		}
	}
	if r.x < 0 {
		return r, chartErr(kind, "%s needs a datetime column for its x-axis", kind)
	}
	for _, name := range v.AnomalyColumns {
		i, err := columnRef(t, kind, "anomalycolumns", name)
		if err != nil {
			return r, err
		}
		r.anomaly = append(r.anomaly, i)
	}
	if kind == KindAnomalyChart && len(r.anomaly) == 0 {
		r.anomaly = defaultAnomalyColumns(t, r.x)
	}
	for _, name := range v.YColumns {
		i, err := columnRef(t, kind, "ycolumns", name)
		if err != nil {
			return r, err
		}
		r.y = append(r.y, i)
	}
	if len(v.YColumns) == 0 {
		for _, i := range arrays {
			if i == r.x || slices.Contains(r.anomaly, i) {
				continue
			}
			if _, ok := numberOf(firstElement(t, i)); ok {
				r.y = append(r.y, i)
			}
		}
	}
	if len(r.y) == 0 {
		return r, chartErr(kind, "%s needs a numeric column for its y-axis", kind)
	}
	return r, nil
}

// buildMakeSeries expands make-series output: each row becomes one line per
// y column, its points pairing the row's x array with the y array.
func buildMakeSeries(c *Chart, t *table.Table, v *table.Visualization) error {
	r, err := seriesRoles(t, v, c.Kind)
	if err != nil {
		return err
	}
	c.X = Axis{Kind: AxisLinear, Column: t.Columns[r.x].Name, Title: orDefault(v.XTitle, t.Columns[r.x].Name)}
	if _, ok := timeOf(firstElement(t, r.x)); ok {
		c.X.Kind = AxisTime
	} else if needsTime(c.Kind) {
		return chartErr(c.Kind, "%s needs a datetime column for its x-axis", c.Kind)
	} else if strings.EqualFold(v.XAxis, "log") {
		c.X.Kind = AxisLog
	}
	c.X.Min, c.X.Max = parseBound(v.XMin, c.X.Kind), parseBound(v.XMax, c.X.Kind)
	setYAxis(c, t, v, r.y)
	total := 0
	for _, row := range t.Rows {
		xs, _ := row[r.x].([]any)
		key := seriesKey(row, r.series)
		for yi, col := range r.y {
			total++
			if len(c.Series) >= maxSeries {
				continue
			}
			ys, _ := row[col].([]any)
			s := Series{Name: seriesName(key, t.Columns[col].Name, len(r.y)), Column: t.Columns[col].Name}
			var flags [][]any
			if yi == 0 {
				for _, a := range r.anomaly {
					arr, _ := row[a].([]any)
					flags = append(flags, arr)
				}
			}
			expandRow(&s, c.X.Kind, xs, ys, flags)
			c.Series = append(c.Series, s)
		}
	}
	if total > maxSeries {
		c.Notes = append(c.Notes, fmt.Sprintf("showing the first %d of %d series", maxSeries, total))
	}
	finishSeries(c, v)
	return nil
}

func expandRow(s *Series, kind AxisKind, xs, ys []any, flags [][]any) {
	for i, xv := range xs {
		var x float64
		var ok bool
		if kind == AxisTime {
			x, ok = timeOf(xv)
		} else {
			x, ok = numberOf(xv)
		}
		if !ok {
			continue
		}
		y := math.NaN()
		if i < len(ys) {
			if f, ok := numberOf(ys[i]); ok {
				y = f
			}
		}
		s.Points = append(s.Points, Point{X: x, Y: y})
		for _, arr := range flags {
			if i >= len(arr) {
				continue
			}
			if f, ok := numberOf(arr[i]); ok && f != 0 && !math.IsNaN(y) {
				dir := 1
				if f < 0 {
					dir = -1
				}
				s.Anomalies = append(s.Anomalies, Anomaly{X: x, Y: y, Dir: dir})
				break
			}
		}
	}
}
