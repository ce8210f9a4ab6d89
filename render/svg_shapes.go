package render

import (
	"fmt"
	"math"
	"strconv"
)

// drawBars draws a horizontal bar chart: categories down the left, values
// along the bottom.
func drawBars(c *Chart, w, h float64) string {
	d := newSVG(w, h, c.Title)
	top := d.header(c)
	bottom := d.footer(c)
	entries := legendEntries(c)
	lw := legendWidth(entries, w)
	labelW := 0.0
	for _, name := range c.Categories {
		labelW = math.Max(labelW, math.Min(textWidth(name, 11), w*0.25))
	}
	left := 16 + labelW + 10
	right := w - 24 - lw
	plot := rect{left, top + 6, right - left, h - top - bottom - 44}
	if c.Y.Title != "" {
		plot.h -= 18
	}
	p := panel{series: make([]int, len(c.Series))}
	for i := range p.series {
		p.series[i] = i
	}
	vs := yScaleFor(c, p, max(2, int(plot.w/110)))
	vs.p0, vs.p1 = plot.x, plot.x+plot.w
	cs := &scale{kind: AxisCategory, categories: len(c.Categories), p0: plot.y, p1: plot.y + plot.h}
	for _, t := range vs.ticks {
		x := vs.pos(t.v)
		if math.IsNaN(x) {
			continue
		}
		d.line(x, plot.y, x, plot.y+plot.h, `stroke="`+colorGrid+`"`)
		lbl := t.label
		if c.Stack == "stacked100" {
			lbl += "%"
		}
		d.text(x, plot.y+plot.h+18, lbl, `text-anchor="middle" font-size="11" fill="`+colorMuted+`"`)
	}
	band := cs.band()
	every := max(1, int(math.Ceil(14/math.Max(band, 0.1))))
	for i, name := range c.Categories {
		if i%every == 0 {
			d.text(plot.x-8, cs.pos(float64(i))+4, clip(name, labelW+4, 11), `text-anchor="end" font-size="11" fill="`+colorMuted+`"`)
		}
	}
	lo, hi := stackValues(c, p.series)
	inner := band * 0.8
	n := len(c.Series)
	if c.Stack != "" {
		n = 1
	}
	bh := inner / float64(max(1, n))
	for k, si := range p.series {
		slot := k
		if c.Stack != "" {
			slot = 0
		}
		for j, pt := range c.Series[si].Points {
			if math.IsNaN(hi[si][j]) {
				continue
			}
			y := cs.pos(pt.X) - inner/2 + float64(slot)*bh
			x0, x1 := vs.pos(math.Max(lo[si][j], vs.floor())), vs.pos(hi[si][j])
			d.rect(x0, y+0.5, x1-x0, math.Max(bh-1, 1), `fill="`+seriesColor(si)+`"`)
		}
	}
	d.line(plot.x, plot.y, plot.x, plot.y+plot.h, `stroke="`+colorAxis+`"`)
	if c.Y.Title != "" {
		d.text(plot.x+plot.w/2, plot.y+plot.h+38, clip(c.Y.Title, plot.w, 12), `text-anchor="middle" font-size="12" fill="`+colorMuted+`"`)
	}
	if lw > 0 {
		d.legend(entries, rect{w - lw - 12, top + 6, lw, plot.h})
	}
	if len(c.Series) == 0 {
		d.emptyNote(plot)
	}
	return d.finish()
}

// maxSlices is the most slices a pie shows (one colour each); the rest become
// "Other".
const maxSlices = 8

type slice struct {
	name  string
	value float64
}

func pieSlices(c *Chart) ([]slice, float64) {
	var out []slice
	total := 0.0
	if len(c.Series) == 0 {
		return nil, 0
	}
	for _, p := range c.Series[0].Points {
		out = append(out, slice{c.Categories[int(p.X)], p.Y})
		total += p.Y
	}
	if len(out) > maxSlices {
		// Keep the biggest, in their query order.
		sorted := append([]slice(nil), out...)
		sortSlices(sorted)
		cut := sorted[maxSlices-2].value
		var kept []slice
		other := 0.0
		for _, s := range out {
			if s.value >= cut && len(kept) < maxSlices-1 {
				kept = append(kept, s)
			} else {
				other += s.value
			}
		}
		out = append(kept, slice{"Other", other})
	}
	return out, total
}

func sortSlices(s []slice) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].value > s[j-1].value; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func drawPie(c *Chart, w, h float64) string {
	d := newSVG(w, h, c.Title)
	top := d.header(c)
	bottom := d.footer(c)
	slices, total := pieSlices(c)
	var entries []legendEntry
	for i, s := range slices {
		entries = append(entries, legendEntry{
			name:   fmt.Sprintf("%s  %s (%s%%)", s.name, formatNumber(s.value, smallestStep(s.value)), strconv.FormatFloat(s.value/total*100, 'f', 1, 64)),
			color:  seriesColor(i),
			marker: "box",
		})
	}
	if !c.Legend {
		entries = nil
	}
	lw := legendWidth(entries, w)
	avail := rect{16, top, w - 32 - lw, h - top - bottom - 8}
	r := math.Min(avail.w, avail.h)/2 - 8
	cx, cy := avail.x+avail.w/2, avail.y+avail.h/2
	if total <= 0 || r <= 0 {
		d.emptyNote(avail)
		return d.finish()
	}
	angle := -math.Pi / 2
	for i, s := range slices {
		sweep := s.value / total * 2 * math.Pi
		color := seriesColor(i)
		if sweep >= 2*math.Pi-1e-9 {
			d.circle(cx, cy, r, `fill="`+color+`"`)
		} else {
			d.raw(arcPath(cx, cy, r, angle, sweep, `fill="`+color+`" stroke="#ffffff" stroke-width="1.5"`))
		}
		if sweep > 0.3 {
			mid := angle + sweep/2
			d.text(cx+math.Cos(mid)*r*0.65, cy+math.Sin(mid)*r*0.65+4,
				strconv.FormatFloat(s.value/total*100, 'f', 0, 64)+"%",
				`text-anchor="middle" font-size="12" font-weight="600" fill="#ffffff"`)
		}
		angle += sweep
	}
	if lw > 0 {
		d.legend(entries, rect{w - lw - 12, top + 6, lw, h - top - bottom - 12})
	}
	return d.finish()
}

// smallestStep gives formatNumber enough precision for a single value.
func smallestStep(v float64) float64 {
	if v == math.Trunc(v) {
		return 1
	}
	return math.Pow(10, math.Floor(math.Log10(math.Abs(v)))-2)
}

func arcPath(cx, cy, r, start, sweep float64, attrs string) string {
	x0, y0 := cx+r*math.Cos(start), cy+r*math.Sin(start)
	x1, y1 := cx+r*math.Cos(start+sweep), cy+r*math.Sin(start+sweep)
	large := 0
	if sweep > math.Pi {
		large = 1
	}
	return fmt.Sprintf(`<path d="M%s %sL%s %sA%s %s 0 %d 1 %s %sZ" %s/>`+"\n",
		fc(cx), fc(cy), fc(x0), fc(y0), fc(r), fc(r), large, fc(x1), fc(y1), attrs)
}

func fc(v float64) string { return string(appendCoord(nil, v)) }

// drawCard shows the first row's values as big numbers with their column
// names, up to eight tiles.
func drawCard(c *Chart, w float64) string {
	vals := c.Card
	if len(vals) > 8 {
		vals = vals[:8]
	}
	perRow := min(len(vals), 4)
	rows := (len(vals) + perRow - 1) / perRow
	tileW := (w - 32 - float64(perRow-1)*12) / float64(perRow)
	titleH := 0.0
	if c.Title != "" {
		titleH = 30
	}
	h := 24 + titleH + float64(rows)*110 + float64(rows-1)*12
	d := newSVG(w, h, c.Title)
	top := d.header(c)
	for i, v := range vals {
		x := 16 + float64(i%perRow)*(tileW+12)
		y := top + float64(i/perRow)*122
		d.rect(x, y, tileW, 110, `rx="8" fill="#f6f8fa" stroke="#d1d9e0"`)
		size := math.Min(44, tileW/(0.6*float64(max(1, len([]rune(v.Value))))))
		size = math.Max(size, 14)
		d.text(x+tileW/2, y+50+size/3, clip(v.Value, tileW-16, size), `text-anchor="middle" font-weight="600" font-size="`+fc(size)+`"`)
		d.text(x+tileW/2, y+96, clip(v.Label, tileW-16, 13), `text-anchor="middle" font-size="13" fill="`+colorMuted+`"`)
	}
	return d.finish()
}
