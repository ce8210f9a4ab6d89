package render

import (
	"math"
	"strings"
)

const (
	laneHeight = 30.0
	treeRow    = 22.0
	treeIndent = 18.0
)

// drawTimeline draws one lane per group with events as dots (intervals as
// bars) on a shared time axis; labels go right of their mark where they do
// not collide with the previous label of the lane.
func drawTimeline(c *Chart, w float64) string {
	tl := c.Timeline
	lanes := max(1, len(tl.Lanes))
	titleH := 0.0
	if c.Title != "" {
		titleH = 28
	}
	notesH := 0.0
	if len(c.Notes) > 0 {
		notesH = 18
	}
	h := 20 + titleH + float64(lanes)*laneHeight + 50 + notesH
	if c.X.Title != "" {
		h += 18
	}
	d := newSVG(w, h, c.Title)
	top := d.header(c)
	d.footer(c)
	labelW := 0.0
	for _, l := range tl.Lanes {
		labelW = math.Max(labelW, math.Min(textWidth(l, 12), w*0.22))
	}
	left := 16 + labelW + 12
	plot := rect{left, top + 4, w - left - 24, float64(lanes) * laneHeight}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, e := range tl.Events {
		lo, hi = math.Min(lo, e.Start), math.Max(hi, e.Start)
		if e.End != nil {
			hi = math.Max(hi, *e.End)
		}
	}
	if math.IsInf(lo, 1) {
		d.emptyNote(plot)
		return d.finish()
	}
	// A little room at both ends so edge marks are not cut in half.
	pad := math.Max((hi-lo)*0.02, 500)
	xs := timeScale(lo-pad, hi+pad, max(2, int(plot.w/110)), nil, nil)
	xs.lo, xs.hi = lo-pad, hi+pad
	xs.p0, xs.p1 = plot.x, plot.x+plot.w
	for i, name := range tl.Lanes {
		y := plot.y + float64(i)*laneHeight
		if i%2 == 0 {
			d.rect(plot.x, y, plot.w, laneHeight, `fill="#f6f8fa"`)
		}
		d.text(plot.x-10, y+laneHeight/2+4, clip(name, labelW+4, 12), `text-anchor="end" font-size="12"`)
	}
	base := plot.y + plot.h
	for _, t := range xs.ticks {
		x := xs.pos(t.v)
		if x < plot.x || x > plot.x+plot.w {
			continue
		}
		d.line(x, plot.y, x, base, `stroke="`+colorGrid+`"`)
		d.text(x, base+18, t.label, `text-anchor="middle" font-size="11" fill="`+colorMuted+`"`)
	}
	d.line(plot.x, base, plot.x+plot.w, base, `stroke="`+colorAxis+`"`)
	drawEvents(d, tl, xs, plot)
	if c.X.Title != "" {
		d.text(plot.x+plot.w/2, base+38, clip(c.X.Title, plot.w, 12), `text-anchor="middle" font-size="12" fill="`+colorMuted+`"`)
	}
	return d.finish()
}

func drawEvents(d *svgDoc, tl *Timeline, xs *scale, plot rect) {
	labelEnd := make([]float64, len(tl.Lanes))
	marked := map[[2]int]bool{}
	// next[i] is where the following event of the same lane starts: a
	// label stops before it rather than run under its mark.
	next := make([]float64, len(tl.Events))
	following := make([]float64, len(tl.Lanes))
	for i := range following {
		following[i] = plot.x + plot.w
	}
	for i := len(tl.Events) - 1; i >= 0; i-- {
		e := tl.Events[i]
		next[i] = following[e.Lane]
		following[e.Lane] = xs.pos(e.Start)
	}
	for i, e := range tl.Events {
		x := xs.pos(e.Start)
		yc := plot.y + float64(e.Lane)*laneHeight + laneHeight/2
		color := seriesColor(e.Lane)
		if e.End != nil {
			x1 := xs.pos(*e.End)
			d.rect(x, yc-6, math.Max(x1-x, 2), 12, `rx="2" fill="`+color+`" fill-opacity="0.8"`)
		} else {
			// One dot per pixel and lane: thousands of events stay cheap.
			k := [2]int{int(x), e.Lane}
			if !marked[k] {
				marked[k] = true
				d.circle(x, yc, 4.5, `fill="`+color+`" stroke="#ffffff" stroke-width="1"`)
			}
		}
		if e.Label == "" || x < labelEnd[e.Lane] {
			continue
		}
		if e.End != nil {
			x = math.Max(x, xs.pos(*e.End))
		}
		room := next[i] - x - 16
		if room < 40 {
			continue
		}
		text := clip(collapseSpace(e.Label), math.Min(room, 220), 10.5)
		d.text(x+8, yc+3.5, text, `font-size="10.5" fill="`+colorMuted+`"`)
		labelEnd[e.Lane] = x + 8 + textWidth(text, 10.5) + 8
	}
}

// drawTree draws the process tree indented like a file explorer: elbow
// connectors from parent to child, the process name in bold and its
// command line, whitespace collapsed and shortened in the middle, in grey.
func drawTree(c *Chart, w float64) string {
	t := c.Tree
	titleH := 0.0
	if c.Title != "" {
		titleH = 28
	}
	notesH := 0.0
	if len(c.Notes) > 0 {
		notesH = 18
	}
	h := 28 + titleH + float64(max(1, len(t.Nodes)))*treeRow + notesH
	d := newSVG(w, h, c.Title)
	top := d.header(c) + 4
	d.footer(c)
	if len(t.Nodes) == 0 {
		d.emptyNote(rect{0, top, w, treeRow})
		return d.finish()
	}
	maxDepth := 0
	for _, n := range t.Nodes {
		maxDepth = max(maxDepth, n.Depth)
	}
	// Deep trees compress their indent so the command lines keep room.
	indent := math.Min(treeIndent, math.Max(6, (w*0.4)/float64(max(1, maxDepth))))
	pos := map[string]int{}
	for i, n := range t.Nodes {
		if _, ok := pos[n.Key]; !ok {
			pos[n.Key] = i
		}
	}
	nodeX := func(n TreeNode) float64 { return 20 + float64(n.Depth)*indent }
	rowY := func(i int) float64 { return top + float64(i)*treeRow + treeRow/2 }
	var b strings.Builder
	for i, n := range t.Nodes {
		p, ok := pos[n.Parent]
		if n.Depth == 0 || !ok || p >= i {
			continue
		}
		px := nodeX(t.Nodes[p])
		b.WriteString(`<path d="M` + fc(px) + " " + fc(rowY(p)+5) + "V" + fc(rowY(i)) + "H" + fc(nodeX(n)-6) +
			`" fill="none" stroke="#afb8c1" stroke-width="1.2"/>` + "\n")
	}
	d.raw(b.String())
	for i, n := range t.Nodes {
		x, y := nodeX(n), rowY(i)
		fill := palette[0]
		if n.Depth == 0 {
			fill = palette[3]
		}
		if n.Children == 0 {
			d.circle(x, y, 3.5, `fill="#ffffff" stroke="`+fill+`" stroke-width="1.8"`)
		} else {
			d.circle(x, y, 4, `fill="`+fill+`"`)
		}
		// Bold text runs about 12% wider than textWidth's estimate.
		name := clip(n.Name, math.Max(60, w*0.3), 12.5*1.12)
		d.text(x+9, y+4.5, name, `font-size="12.5" font-weight="600"`)
		after := x + 9 + textWidth(name, 12.5*1.12) + 10
		if n.Depth == 0 && n.Host != "" {
			host := clip(n.Host, 160, 11)
			d.text(after, y+4.5, host, `font-size="11" fill="`+colorMuted+`"`)
			after += textWidth(host, 11) + 10
		}
		if cmd := collapseSpace(n.CommandLine); cmd != "" && w-after > 60 {
			maxRunes := int((w - after - 16) / (11 * 0.6))
			d.text(after, y+4.5, clipMiddle(cmd, maxRunes), `font-family="`+monoFamily+`" font-size="11" fill="`+colorMuted+`"`)
		}
	}
	return d.finish()
}
