package render

import (
	"bytes"
	"encoding/json"
	"math"
)

// vegaLiteSchema identifies the spec version for renderers; nothing fetches it.
const vegaLiteSchema = "https://vega.github.io/schema/vega-lite/v5.json"

// VegaLite returns a vega-lite v5 spec of the chart for front ends that
// draw it interactively (JupyterLab, VS Code), or nil when vega-lite adds
// nothing (cards, timelines, process trees) or the chart has more than
// opts.MaxVegaLitePoints points (the notebook would balloon; the SVG stays).
func VegaLite(c *Chart, opts Options) map[string]any {
	opts = opts.withDefaults()
	switch c.Kind {
	case KindCard, KindTimeline, KindProcessTree, KindLadderChart:
		return nil
	}
	n := 0
	for _, s := range c.Series {
		n += len(s.Points)
	}
	if n == 0 || n > opts.MaxVegaLitePoints {
		return nil
	}
	values := make([]any, 0, n)
	for _, s := range c.Series {
		anomalies := map[float64]int{}
		for _, a := range s.Anomalies {
			anomalies[a.X] = a.Dir
		}
		for _, p := range s.Points {
			row := map[string]any{"series": s.Name, "x": vlX(c, p.X), "y": vlNumber(p.Y)}
			if c.Kind == KindAnomalyChart {
				row["anomaly"] = anomalies[p.X]
			}
			values = append(values, row)
		}
	}
	spec := map[string]any{
		"$schema": vegaLiteSchema,
		"width":   opts.Width - 200,
		"height":  opts.Height - 100,
		"data":    map[string]any{"values": values},
	}
	if c.Title != "" {
		spec["title"] = c.Title
	}
	if c.Kind == KindPieChart {
		spec["mark"] = map[string]any{"type": "arc", "tooltip": true}
		spec["encoding"] = map[string]any{
			"theta": map[string]any{"field": "y", "type": "quantitative", "title": c.Y.Title},
			"color": vlColor(c, "x"),
		}
		return spec
	}
	x, y := vlAxes(c)
	enc := map[string]any{"x": x, "y": y, "color": vlColor(c, "series"), "tooltip": []any{
		map[string]any{"field": "series", "type": "nominal"}, x, y,
	}}
	if c.Kind == KindBarChart {
		enc["x"], enc["y"] = y, x
		if c.Stack == "" && len(c.Series) > 1 {
			enc["yOffset"] = map[string]any{"field": "series"}
		}
	} else if c.Kind == KindColumnChart && c.Stack == "" && len(c.Series) > 1 {
		enc["xOffset"] = map[string]any{"field": "series"}
	}
	spec["encoding"] = enc
	spec["mark"] = map[string]any{"type": vlMark(c), "tooltip": true}
	if c.Kind == KindAnomalyChart {
		spec["layer"] = []any{
			map[string]any{"mark": map[string]any{"type": "line"}},
			map[string]any{
				"mark":      map[string]any{"type": "point", "filled": true, "size": 70, "color": colorAnomaly},
				"transform": []any{map[string]any{"filter": "datum.anomaly != 0"}},
			},
		}
		delete(spec, "mark")
	}
	return spec
}

func vlMark(c *Chart) string {
	switch c.Kind {
	case KindColumnChart, KindBarChart:
		return "bar"
	case KindAreaChart, KindStackedAreaChart:
		return "area"
	case KindScatterChart:
		return "point"
	}
	return "line"
}

func vlAxes(c *Chart) (map[string]any, map[string]any) {
	x := map[string]any{"field": "x", "title": c.X.Title}
	switch c.X.Kind {
	case AxisTime:
		x["type"] = "temporal"
	case AxisCategory:
		x["type"] = "nominal"
		x["sort"] = nil // keep the query's order, as Kusto does
	case AxisLog:
		x["type"] = "quantitative"
		x["scale"] = map[string]any{"type": "log"}
	default:
		x["type"] = "quantitative"
	}
	y := map[string]any{"field": "y", "type": "quantitative", "title": c.Y.Title}
	sc := map[string]any{}
	if c.Y.Kind == AxisLog {
		sc["type"] = "log"
	}
	if c.Y.Min != nil && c.Y.Max != nil {
		sc["domain"] = []any{*c.Y.Min, *c.Y.Max}
	}
	if len(sc) > 0 {
		y["scale"] = sc
	}
	switch {
	case c.Stack == "stacked":
		y["stack"] = "zero"
	case c.Stack == "stacked100":
		y["stack"] = "normalize"
	case c.Kind == KindAreaChart || isBarKind(c):
		y["stack"] = nil
	}
	return x, y
}

func vlColor(c *Chart, field string) map[string]any {
	col := map[string]any{"field": field, "type": "nominal", "sort": nil,
		"scale": map[string]any{"range": palette}}
	if !c.Legend {
		col["legend"] = nil
	}
	return col
}

func vlX(c *Chart, x float64) any {
	if c.X.Kind == AxisCategory && int(x) < len(c.Categories) {
		return c.Categories[int(x)]
	}
	return x
}

func vlNumber(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return f
}

// chartJSON converts the chart model into the plain JSON tree a notebook
// output stores.
func chartJSON(c *Chart) (map[string]any, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	err = dec.Decode(&m)
	return m, err
}
