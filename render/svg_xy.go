package render

import (
	"math"
	"slices"
	"sort"
	"strings"
)

// panel is one plot area of an xy chart: all series, or with ysplit one
// y column's series, sharing the x axis.
type panel struct {
	series []int
	y      *scale
	box    rect
	title  string
}

func legendEntries(c *Chart) []legendEntry {
	var out []legendEntry
	for i, s := range c.Series {
		e := legendEntry{name: s.Name, color: seriesColor(i), dash: seriesDash(i), marker: "line"}
		if c.Kind == KindColumnChart || c.Kind == KindBarChart || c.Kind == KindScatterChart || c.Stack != "" {
			e.marker = "box"
		}
		out = append(out, e)
	}
	if c.Kind == KindAnomalyChart && slices.ContainsFunc(c.Series, func(s Series) bool { return len(s.Anomalies) > 0 }) {
		out = append(out, legendEntry{name: "anomaly", color: colorAnomaly, marker: "tri-up"})
	}
	if !c.Legend || len(c.Series) < 2 && c.Kind != KindAnomalyChart {
		return nil
	}
	return out
}

// splitPanels groups series by y column when ysplit asks for it (SVG draws
// ysplit=axes as panels too: each measure keeps its own scale and stays
// readable, which several axes on one plot do not).
func splitPanels(c *Chart) []panel {
	all := make([]int, len(c.Series))
	for i := range all {
		all[i] = i
	}
	if c.YSplit == "" || len(c.Series) < 2 {
		return []panel{{series: all}}
	}
	var out []panel
	byCol := map[string]int{}
	for i, s := range c.Series {
		p, ok := byCol[s.Column]
		if !ok {
			p = len(out)
			byCol[s.Column] = p
			out = append(out, panel{title: s.Column})
		}
		out[p].series = append(out[p].series, i)
	}
	if len(out) > 6 {
		return []panel{{series: all}}
	}
	return out
}

func isBarKind(c *Chart) bool { return c.Kind == KindColumnChart || c.Kind == KindBarChart }

// stackValues returns, per series index and point, the lower and upper
// value of each stacked segment; for unstacked charts lower is 0.
func stackValues(c *Chart, idx []int) (lo, hi map[int][]float64) {
	lo, hi = map[int][]float64{}, map[int][]float64{}
	totals := map[float64]float64{}
	if c.Stack == "stacked100" {
		for _, si := range idx {
			for _, p := range c.Series[si].Points {
				if !math.IsNaN(p.Y) {
					totals[p.X] += math.Abs(p.Y)
				}
			}
		}
	}
	pos, neg := map[float64]float64{}, map[float64]float64{}
	for _, si := range idx {
		pts := c.Series[si].Points
		l, h := make([]float64, len(pts)), make([]float64, len(pts))
		for j, p := range pts {
			y := p.Y
			if math.IsNaN(y) {
				y = 0
			}
			if c.Stack == "stacked100" && totals[p.X] > 0 {
				y = y / totals[p.X] * 100
			}
			if c.Stack == "" {
				l[j], h[j] = 0, y
				if math.IsNaN(p.Y) {
					h[j] = math.NaN()
				}
				continue
			}
			acc := pos
			if y < 0 {
				acc = neg
			}
			l[j] = acc[p.X]
			acc[p.X] += y
			h[j] = acc[p.X]
		}
		lo[si], hi[si] = l, h
	}
	return lo, hi
}

// yDomain spans the values of the panel's series (with their stacking).
func yDomain(c *Chart, p panel) (float64, float64) {
	ymin, ymax := math.Inf(1), math.Inf(-1)
	lo, hi := stackValues(c, p.series)
	for _, si := range p.series {
		for j := range c.Series[si].Points {
			for _, v := range []float64{lo[si][j], hi[si][j]} {
				if math.IsNaN(v) || (c.Y.Kind == AxisLog && v <= 0) {
					continue
				}
				if c.Y.Kind == AxisLog || c.Stack != "" || isBarKind(c) || c.Kind == KindAreaChart || v != lo[si][j] {
					ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
				}
			}
		}
	}
	if math.IsInf(ymin, 1) {
		return 0, 1
	}
	// Lines whose values sit near zero read better from zero.
	if ymin > 0 && c.Y.Kind != AxisLog && ymin < (ymax-ymin)*0.5 {
		ymin = 0
	}
	return ymin, ymax
}

func yScaleFor(c *Chart, p panel, ticks int) *scale {
	lo, hi := yDomain(c, p)
	if c.Y.Kind == AxisLog {
		return logScale(lo, hi)
	}
	if c.Stack == "stacked100" {
		z, h := 0.0, 100.0
		return linearScale(0, 100, ticks, &z, &h)
	}
	return linearScale(lo, hi, ticks, c.Y.Min, c.Y.Max)
}

func xScaleFor(c *Chart, ticks int) *scale {
	if c.X.Kind == AxisCategory {
		s := &scale{kind: AxisCategory, categories: len(c.Categories)}
		for i, name := range c.Categories {
			s.ticks = append(s.ticks, tick{float64(i), name})
		}
		return s
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range c.Series {
		for _, p := range s.Points {
			if c.X.Kind == AxisLog && p.X <= 0 {
				continue
			}
			lo, hi = math.Min(lo, p.X), math.Max(hi, p.X)
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
	}
	switch c.X.Kind {
	case AxisTime:
		s := timeScale(lo, hi, ticks, c.X.Min, c.X.Max)
		if c.X.Min == nil {
			s.lo = lo
		}
		if c.X.Max == nil {
			s.hi = hi
		}
		return s
	case AxisLog:
		return logScale(lo, hi)
	}
	return linearScale(lo, hi, ticks, c.X.Min, c.X.Max)
}

func drawXY(c *Chart, w, h float64) string {
	d := newSVG(w, h, c.Title)
	top := d.header(c)
	bottom := d.footer(c)
	entries := legendEntries(c)
	lw := legendWidth(entries, w)
	panels := splitPanels(c)
	plotH := h - top - bottom - 44
	if c.X.Title != "" {
		plotH -= 18
	}
	gap := 40.0
	ph := (plotH - gap*float64(len(panels)-1)) / float64(len(panels))
	labelW := 0.0
	for i := range panels {
		panels[i].y = yScaleFor(c, panels[i], max(2, int(ph/45)))
		for _, t := range panels[i].y.ticks {
			labelW = math.Max(labelW, textWidth(t.label, 11))
		}
	}
	left := 16 + labelW + 8
	if c.Y.Title != "" || len(panels) > 1 {
		left += 20
	}
	right := w - 20 - lw
	if lw > 0 {
		right -= 12
	}
	xs := xScaleFor(c, max(2, int((right-left)/110)))
	xs.p0, xs.p1 = left, right
	for i := range panels {
		p := &panels[i]
		p.box = rect{left, top + 6 + float64(i)*(ph+gap), right - left, ph}
		p.y.p0, p.y.p1 = p.box.y+p.box.h, p.box.y
		drawYAxis(d, p, c, len(panels))
		drawPanel(d, c, p, xs)
	}
	drawXAxis(d, c, xs, panels[len(panels)-1].box)
	if lw > 0 {
		d.legend(entries, rect{w - lw - 12, top + 6, lw, plotH})
	}
	if len(c.Series) == 0 {
		d.emptyNote(panels[0].box)
	}
	return d.finish()
}

func drawYAxis(d *svgDoc, p *panel, c *Chart, npanels int) {
	for _, t := range p.y.ticks {
		y := p.y.pos(t.v)
		if math.IsNaN(y) || y < p.box.y-0.5 || y > p.box.y+p.box.h+0.5 {
			continue
		}
		d.line(p.box.x, y, p.box.x+p.box.w, y, `stroke="`+colorGrid+`" stroke-width="1"`)
		label := t.label
		if c.Stack == "stacked100" {
			label += "%"
		}
		d.text(p.box.x-8, y+4, label, `text-anchor="end" font-size="11" fill="`+colorMuted+`"`)
	}
	title := c.Y.Title
	if npanels > 1 {
		title = p.title
	}
	if title != "" {
		cx, cy := 22.0, p.box.y+p.box.h/2
		d.text(cx, cy, clip(title, p.box.h, 12), `text-anchor="middle" font-size="12" fill="`+colorMuted+`" transform="rotate(-90 `+string(appendCoord(nil, cx))+" "+string(appendCoord(nil, cy))+`)"`)
	}
	d.line(p.box.x, p.box.y+p.box.h, p.box.x+p.box.w, p.box.y+p.box.h, `stroke="`+colorAxis+`" stroke-width="1"`)
}

func drawXAxis(d *svgDoc, c *Chart, xs *scale, box rect) {
	base := box.y + box.h
	if xs.kind == AxisCategory {
		drawCategoryTicks(d, xs, base, box)
	} else {
		for _, t := range xs.ticks {
			x := xs.pos(t.v)
			if math.IsNaN(x) || x < box.x-0.5 || x > box.x+box.w+0.5 {
				continue
			}
			d.line(x, base, x, base+5, `stroke="`+colorAxis+`"`)
			d.text(x, base+18, t.label, `text-anchor="middle" font-size="11" fill="`+colorMuted+`"`)
		}
	}
	if c.X.Title != "" {
		d.text(box.x+box.w/2, base+38, clip(c.X.Title, box.w, 12), `text-anchor="middle" font-size="12" fill="`+colorMuted+`"`)
	}
}

// drawCategoryTicks labels bands, skipping labels that would overlap.
func drawCategoryTicks(d *svgDoc, xs *scale, base float64, box rect) {
	band := xs.band()
	widest := 0.0
	for _, t := range xs.ticks {
		widest = math.Max(widest, math.Min(textWidth(t.label, 11), 140))
	}
	every := max(1, int(math.Ceil((widest+8)/math.Max(band, 1))))
	for i, t := range xs.ticks {
		if i%every != 0 {
			continue
		}
		x := xs.pos(t.v)
		d.text(x, base+18, clip(t.label, math.Max(band*float64(every)-6, 24), 11), `text-anchor="middle" font-size="11" fill="`+colorMuted+`"`)
	}
}

func drawPanel(d *svgDoc, c *Chart, p *panel, xs *scale) {
	d.raw("<g>\n")
	switch {
	case c.Kind == KindColumnChart:
		drawColumns(d, c, p, xs)
	case c.Kind == KindScatterChart:
		for _, si := range p.series {
			drawScatter(d, c.Series[si], xs, p.y, seriesColor(si))
		}
	case c.Kind == KindAreaChart || c.Kind == KindStackedAreaChart:
		drawAreas(d, c, p, xs)
	default:
		for _, si := range p.series {
			s := c.Series[si]
			attrs := `fill="none" stroke="` + seriesColor(si) + `" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"`
			if dash := seriesDash(si); dash != "" || strings.Contains(strings.ToLower(s.Column), "baseline") {
				if dash == "" {
					dash = "6 4"
				}
				attrs += ` stroke-dasharray="` + dash + `"`
			}
			ys := make([]float64, len(s.Points))
			for j, pt := range s.Points {
				ys[j] = pt.Y
			}
			d.raw(linePath(s.Points, ys, xs, p.y, attrs))
			if len(s.Points) <= 60 {
				for _, pt := range s.Points {
					if !math.IsNaN(pt.Y) {
						d.circle(xs.pos(pt.X), p.y.pos(pt.Y), 2.5, `fill="`+seriesColor(si)+`"`)
					}
				}
			}
		}
		for _, si := range p.series {
			for _, a := range c.Series[si].Anomalies {
				d.raw(triangle(xs.pos(a.X), p.y.pos(a.Y), 6, a.Dir, `fill="`+colorAnomaly+`" stroke="#ffffff" stroke-width="1.2"`))
			}
		}
	}
	d.raw("</g>\n")
}

// linePath draws a polyline through the points, breaking at gaps. Points
// falling in the same pixel column are reduced to their first, lowest,
// highest and last (M4 decimation), so 100k points cost about four per
// pixel and look the same.
func linePath(pts []Point, ys []float64, xs, sy *scale, attrs string) string {
	b := make([]byte, 0, 64+min(len(pts), 8000)*14)
	b = append(b, `<path d="`...)
	pen := false
	var col int
	var bucket []([2]float64)
	flush := func() {
		if len(bucket) == 0 {
			return
		}
		keep := bucket
		if len(bucket) > 4 {
			lo, hi := 0, 0
			for i, p := range bucket {
				if p[1] < bucket[lo][1] {
					lo = i
				}
				if p[1] > bucket[hi][1] {
					hi = i
				}
			}
			idx := []int{0, lo, hi, len(bucket) - 1}
			sort.Ints(idx)
			keep = nil
			for k, i := range idx {
				if k == 0 || i != idx[k-1] {
					keep = append(keep, bucket[i])
				}
			}
		}
		for _, p := range keep {
			if pen {
				b = append(b, 'L')
			} else {
				b = append(b, 'M')
				pen = true
			}
			b = appendCoord(b, p[0])
			b = append(b, ' ')
			b = appendCoord(b, p[1])
		}
		bucket = bucket[:0]
	}
	for i, p := range pts {
		x, y := xs.pos(p.X), sy.pos(ys[i])
		if math.IsNaN(ys[i]) || math.IsNaN(x) || math.IsNaN(y) {
			flush()
			pen = false
			continue
		}
		if c := int(math.Floor(x)); c != col || len(bucket) == 0 {
			flush()
			col = c
		}
		bucket = append(bucket, [2]float64{x, y})
	}
	flush()
	b = append(b, `" `...)
	b = append(b, attrs...)
	return string(append(b, "/>\n"...))
}

func drawScatter(d *svgDoc, s Series, xs, ys *scale, color string) {
	seen := map[[2]int32]bool{}
	for _, p := range s.Points {
		x, y := xs.pos(p.X), ys.pos(p.Y)
		if math.IsNaN(p.Y) || math.IsNaN(x) || math.IsNaN(y) {
			continue
		}
		// One mark per pixel: more would be invisible and bloat the file.
		k := [2]int32{int32(x), int32(y)}
		if seen[k] {
			continue
		}
		seen[k] = true
		d.circle(x, y, 3, `fill="`+color+`" fill-opacity="0.7"`)
	}
}

func drawAreas(d *svgDoc, c *Chart, p *panel, xs *scale) {
	lo, hi := stackValues(c, p.series)
	for _, si := range p.series {
		s := c.Series[si]
		if len(s.Points) == 0 {
			continue
		}
		var b []byte
		b = append(b, `<path d="M`...)
		for j, pt := range s.Points {
			if j > 0 {
				b = append(b, 'L')
			}
			b = appendCoord(b, xs.pos(pt.X))
			b = append(b, ' ')
			b = appendCoord(b, p.y.pos(zeroNaN(hi[si][j])))
		}
		for j := len(s.Points) - 1; j >= 0; j-- {
			b = append(b, 'L')
			b = appendCoord(b, xs.pos(s.Points[j].X))
			b = append(b, ' ')
			b = appendCoord(b, p.y.pos(math.Max(lo[si][j], p.y.floor())))
		}
		opacity := "0.28"
		if c.Stack != "" {
			opacity = "0.75"
		}
		b = append(b, `Z" fill="`+seriesColor(si)+`" fill-opacity="`+opacity+`" stroke="none"/>`+"\n"...)
		d.raw(string(b))
		d.raw(linePath(s.Points, hi[si], xs, p.y, `fill="none" stroke="`+seriesColor(si)+`" stroke-width="1.6"`))
	}
}

func zeroNaN(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

func drawColumns(d *svgDoc, c *Chart, p *panel, xs *scale) {
	lo, hi := stackValues(c, p.series)
	band := xs.band()
	inner := band * 0.8
	n := len(p.series)
	if c.Stack != "" {
		n = 1
	}
	bw := inner / float64(max(1, n))
	for k, si := range p.series {
		slot := k
		if c.Stack != "" {
			slot = 0
		}
		for j, pt := range c.Series[si].Points {
			if math.IsNaN(hi[si][j]) {
				continue
			}
			x := xs.pos(pt.X) - inner/2 + float64(slot)*bw
			y0 := p.y.pos(math.Max(lo[si][j], p.y.floor()))
			y1 := p.y.pos(hi[si][j])
			d.rect(x+0.5, y1, math.Max(bw-1, 1), y0-y1, `fill="`+seriesColor(si)+`"`)
		}
	}
}
