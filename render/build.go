package render

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/huntbook/huntbook/table"
)

// Kinds this package draws, and what each needs.
const (
	KindTable            = "table"
	KindTimeChart        = "timechart"
	KindLineChart        = "linechart"
	KindAreaChart        = "areachart"
	KindStackedAreaChart = "stackedareachart"
	KindColumnChart      = "columnchart"
	KindBarChart         = "barchart"
	KindPieChart         = "piechart"
	KindScatterChart     = "scatterchart"
	KindAnomalyChart     = "anomalychart"
	KindCard             = "card"
	KindTimeline         = "timeline"
	KindProcessTree      = "processtree"
	KindLadderChart      = "ladderchart"
)

// maxSeries caps the series of one chart: past a few dozen lines nobody can
// tell them apart, and the legend would swallow the chart.
const maxSeries = 50

// lineLike kinds draw points along an x axis that may be time or numbers.
func lineLike(kind string) bool {
	switch kind {
	case KindTimeChart, KindLineChart, KindAreaChart, KindStackedAreaChart, KindScatterChart, KindAnomalyChart:
		return true
	}
	return false
}

func needsTime(kind string) bool { return kind == KindTimeChart || kind == KindAnomalyChart }

// BuildChart derives the chart model of a result from its visualization
// (see docs/render.md for the rules). It fails with a *ChartError when the
// result cannot be drawn that way, and for results without a chart
// visualization.
func BuildChart(t *table.Table, opts Options) (*Chart, error) {
	v := t.Visualization
	if v == nil || v.Kind == "" || strings.EqualFold(v.Kind, KindTable) {
		return nil, chartErr(KindTable, "the result has no chart visualization")
	}
	kind := strings.ToLower(v.Kind)
	c := &Chart{Kind: kind, Title: v.Title, Legend: !strings.EqualFold(v.Legend, "hidden")}
	switch kind {
	case KindTimeChart, KindLineChart, KindAreaChart, KindStackedAreaChart, KindScatterChart, KindAnomalyChart,
		KindColumnChart, KindBarChart:
		return c, buildXY(c, t, v)
	case KindPieChart:
		return c, buildPie(c, t, v)
	case KindCard:
		return c, buildCard(c, t)
	case KindTimeline:
		return c, buildTimeline(c, t, v)
	case KindLadderChart:
		return c, buildLadder(c, t, v)
	case KindProcessTree:
		return c, buildTree(c, t, opts)
	}
	return nil, chartErr(kind, "huntbook does not draw this visualization")
}

// columnRef resolves a column named by a property.
func columnRef(t *table.Table, kind, prop, name string) (int, error) {
	i := t.ColumnIndex(name)
	if i < 0 {
		return -1, chartErr(kind, "%s %q is not a column of the result", prop, name)
	}
	return i, nil
}

// roles are the column indexes of the x axis, the series key columns and
// the y columns.
type roles struct {
	x       int
	series  []int
	y       []int
	anomaly []int
}

func buildXY(c *Chart, t *table.Table, v *table.Visualization) error {
	if isSeriesForm(t, v, c.Kind) {
		return buildMakeSeries(c, t, v)
	}
	r, err := xyRoles(t, v, c.Kind)
	if err != nil {
		return err
	}
	c.X = Axis{Column: t.Columns[r.x].Name, Title: orDefault(v.XTitle, t.Columns[r.x].Name)}
	switch xt := t.Columns[r.x].Type; {
	case c.Kind == KindColumnChart || c.Kind == KindBarChart || !(xt == table.DateTime || isNumeric(xt)):
		c.X.Kind = AxisCategory
	case xt == table.DateTime:
		c.X.Kind = AxisTime
	default:
		c.X.Kind = AxisLinear
	}
	if strings.EqualFold(v.XAxis, "log") && c.X.Kind == AxisLinear {
		c.X.Kind = AxisLog
	}
	c.X.Min, c.X.Max = parseBound(v.XMin, c.X.Kind), parseBound(v.XMax, c.X.Kind)
	setYAxis(c, t, v, r.y)
	collectSeries(c, t, r)
	finishSeries(c, v)
	return nil
}

// xyRoles applies Kusto's column rules: x is xcolumn or the first column
// (for a timechart, the first datetime column); series are the `series`
// columns or else the first string column; y are the ycolumns or else every
// numeric column that is neither x nor series.
func xyRoles(t *table.Table, v *table.Visualization, kind string) (roles, error) {
	r := roles{x: -1}
	if len(t.Columns) == 0 {
		return r, chartErr(kind, "the result has no columns")
	}
	if v.XColumn != "" {
		i, err := columnRef(t, kind, "xcolumn", v.XColumn)
		if err != nil {
			return r, err
		}
		r.x = i
	} else {
		r.x = 0
		if needsTime(kind) && t.Columns[0].Type != table.DateTime {
			r.x = slices.IndexFunc(t.Columns, func(c table.Column) bool { return c.Type == table.DateTime })
		}
	}
	if needsTime(kind) && (r.x < 0 || t.Columns[r.x].Type != table.DateTime) {
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
	for _, name := range v.Series {
		i, err := columnRef(t, kind, "series", name)
		if err != nil {
			return r, err
		}
		r.series = append(r.series, i)
	}
	if len(v.Series) == 0 {
		for i, col := range t.Columns {
			if i != r.x && col.Type == table.String && !slices.Contains(v.YColumns, col.Name) {
				r.series = []int{i}
				break
			}
		}
	}
	for _, name := range v.YColumns {
		i, err := columnRef(t, kind, "ycolumns", name)
		if err != nil {
			return r, err
		}
		if !isNumeric(t.Columns[i].Type) {
			return r, chartErr(kind, "ycolumns: %q is a %s column, not a numeric one", name, t.Columns[i].Type)
		}
		r.y = append(r.y, i)
	}
	if len(v.YColumns) == 0 {
		for i, col := range t.Columns {
			if i != r.x && isNumeric(col.Type) && !slices.Contains(r.series, i) && !slices.Contains(r.anomaly, i) {
				r.y = append(r.y, i)
			}
		}
	}
	if len(r.y) == 0 {
		return r, chartErr(kind, "%s needs a numeric column for its y-axis", kind)
	}
	return r, nil
}

// defaultAnomalyColumns finds series_decompose_anomalies output when the
// query does not name it: columns whose name mentions "anomal".
func defaultAnomalyColumns(t *table.Table, x int) []int {
	var out []int
	for i, col := range t.Columns {
		if i != x && strings.Contains(strings.ToLower(col.Name), "anomal") {
			out = append(out, i)
		}
	}
	return out
}

func setYAxis(c *Chart, t *table.Table, v *table.Visualization, y []int) {
	c.Y = Axis{Kind: AxisLinear, Title: v.YTitle}
	if c.Y.Title == "" && len(y) == 1 {
		c.Y.Title = t.Columns[y[0]].Name
	}
	if len(y) == 1 {
		c.Y.Column = t.Columns[y[0]].Name
	}
	if strings.EqualFold(v.YAxis, "log") {
		c.Y.Kind = AxisLog
	}
	c.Y.Min, c.Y.Max = parseBound(v.YMin, AxisLinear), parseBound(v.YMax, AxisLinear)
	switch strings.ToLower(v.YSplit) {
	case "axes", "panels":
		c.YSplit = strings.ToLower(v.YSplit)
	}
	switch mode := strings.ToLower(v.Mode); {
	case c.Kind == KindStackedAreaChart:
		c.Stack = "stacked"
		if mode == "stacked100" {
			c.Stack = mode
		}
	case c.Kind == KindAreaChart || c.Kind == KindColumnChart || c.Kind == KindBarChart:
		if mode == "stacked" || mode == "stacked100" {
			c.Stack = mode
		}
	}
}

// seriesKey joins the series column values of a row.
func seriesKey(row []any, cols []int) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = label(row[c])
	}
	return strings.Join(parts, ", ")
}

func seriesName(key, ycol string, ny int) string {
	switch {
	case key == "":
		return ycol
	case ny > 1:
		return key + ":" + ycol
	}
	return key
}

// collectSeries walks the rows once, appending a point per y column to the
// row's series, in order of first appearance.
func collectSeries(c *Chart, t *table.Table, r roles) {
	index := map[string]int{}
	cats := map[string]int{}
	dropped := map[string]bool{}
	for _, row := range t.Rows {
		x, ok := xPosition(c, row[r.x], cats)
		if !ok {
			continue
		}
		key := seriesKey(row, r.series)
		for yi, col := range r.y {
			name := seriesName(key, t.Columns[col].Name, len(r.y))
			si, ok := index[name]
			if !ok {
				if len(c.Series) >= maxSeries {
					dropped[name] = true
					continue
				}
				si = len(c.Series)
				index[name] = si
				c.Series = append(c.Series, Series{Name: name, Column: t.Columns[col].Name})
			}
			y, ok := numberOf(row[col])
			if !ok {
				y = math.NaN()
			}
			s := &c.Series[si]
			s.Points = append(s.Points, Point{X: x, Y: y})
			if yi == 0 {
				addAnomalies(s, row, r.anomaly, x, y)
			}
		}
	}
	if len(dropped) > 0 {
		c.Notes = append(c.Notes, fmt.Sprintf("showing the first %d of %d series", maxSeries, maxSeries+len(dropped)))
	}
}

// addAnomalies marks the point when any anomaly column flags the row.
func addAnomalies(s *Series, row []any, cols []int, x, y float64) {
	for _, col := range cols {
		if f, ok := numberOf(row[col]); ok && f != 0 && !math.IsNaN(y) {
			dir := 1
			if f < 0 {
				dir = -1
			}
			s.Anomalies = append(s.Anomalies, Anomaly{X: x, Y: y, Dir: dir})
			return
		}
	}
}

// xPosition maps an x cell to its coordinate on the chart's x axis.
func xPosition(c *Chart, v any, cats map[string]int) (float64, bool) {
	switch c.X.Kind {
	case AxisTime:
		return timeOf(v)
	case AxisCategory:
		l := label(v)
		i, ok := cats[l]
		if !ok {
			i = len(c.Categories)
			cats[l] = i
			c.Categories = append(c.Categories, l)
		}
		return float64(i), true
	}
	f, ok := numberOf(v)
	return f, ok && !math.IsNaN(f)
}

// finishSeries sorts points along continuous x axes (a line through
// unsorted times would zigzag) and applies accumulate.
func finishSeries(c *Chart, v *table.Visualization) {
	for i := range c.Series {
		s := &c.Series[i]
		if c.X.Kind != AxisCategory && c.Kind != KindScatterChart {
			sort.SliceStable(s.Points, func(a, b int) bool { return s.Points[a].X < s.Points[b].X })
		}
		if v.Accumulate {
			sum := 0.0
			for j := range s.Points {
				if !math.IsNaN(s.Points[j].Y) {
					sum += s.Points[j].Y
					s.Points[j].Y = sum
				}
			}
			s.Anomalies = nil // positions no longer match the accumulated line
		}
	}
}

func orDefault(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

func buildPie(c *Chart, t *table.Table, v *table.Visualization) error {
	r, err := xyRoles(t, v, c.Kind)
	if err != nil {
		return err
	}
	c.X = Axis{Kind: AxisCategory, Column: t.Columns[r.x].Name, Title: orDefault(v.XTitle, t.Columns[r.x].Name)}
	// A pie shows one measure: the first y column, summed per label.
	y := r.y[0]
	c.Y = Axis{Kind: AxisLinear, Column: t.Columns[y].Name, Title: orDefault(v.YTitle, t.Columns[y].Name)}
	s := Series{Name: t.Columns[y].Name, Column: t.Columns[y].Name}
	cats := map[string]int{}
	for _, row := range t.Rows {
		f, ok := numberOf(row[y])
		if !ok || math.IsNaN(f) || f <= 0 {
			continue
		}
		x, _ := xPosition(c, row[r.x], cats)
		if int(x) < len(s.Points) {
			s.Points[int(x)].Y += f
			continue
		}
		s.Points = append(s.Points, Point{X: x, Y: f})
	}
	c.Series = []Series{s}
	return nil
}

func buildCard(c *Chart, t *table.Table) error {
	if len(t.Rows) == 0 {
		return chartErr(c.Kind, "card needs at least one row")
	}
	for i, col := range t.Columns {
		c.Card = append(c.Card, CardValue{Label: col.Name, Value: label(t.Rows[0][i])})
	}
	if len(c.Card) == 0 {
		return chartErr(c.Kind, "card needs at least one column")
	}
	return nil
}
