package render

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// palette is Okabe and Ito's colour-blind-safe set (its yellow darkened to
// read on white). Lines past the palette also get dash patterns, so series
// stay apart without relying on colour alone.
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#B59B00", "#444444"}

var dashes = []string{"", "7 3", "2 3", "10 3 2 3"}

const (
	colorText    = "#1f2328"
	colorMuted   = "#59636e"
	colorGrid    = "#e6e9ed"
	colorAxis    = "#8c959f"
	colorAnomaly = "#D55E00"
	fontFamily   = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
	monoFamily   = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace"
)

func seriesColor(i int) string { return palette[i%len(palette)] }
func seriesDash(i int) string  { return dashes[(i/len(palette))%len(dashes)] }

// svgDoc accumulates one SVG document. Styling is done with presentation
// attributes, never <style> or style="": pages that inline the SVG keep a
// CSP without 'unsafe-inline'.
type svgDoc struct {
	b    strings.Builder
	w, h float64
}

func newSVG(w, h float64, title string) *svgDoc {
	d := &svgDoc{w: w, h: h}
	d.b.Grow(16 << 10)
	d.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="`)
	d.num(w)
	d.b.WriteString(`" height="`)
	d.num(h)
	d.b.WriteString(`" viewBox="0 0 `)
	d.num(w)
	d.b.WriteByte(' ')
	d.num(h)
	d.b.WriteString(`" role="img" font-family="` + fontFamily + `" font-size="12" fill="` + colorText + `">`)
	if title != "" {
		d.b.WriteString("<title>" + esc(title) + "</title>")
	}
	d.b.WriteString(`<rect width="100%" height="100%" fill="#ffffff"/>`)
	d.b.WriteByte('\n')
	return d
}

func (d *svgDoc) finish() string {
	d.b.WriteString("</svg>\n")
	return d.b.String()
}

// num writes a coordinate with at most one decimal: enough for a screen,
// and it keeps big charts small.
func (d *svgDoc) num(v float64) {
	var buf [24]byte
	d.b.Write(appendCoord(buf[:0], v))
}

func appendCoord(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, '0')
	}
	r := math.Round(v*10) / 10
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.AppendFloat(b, r, 'f', -1, 64)
}

func (d *svgDoc) raw(s string) { d.b.WriteString(s) }

// text writes a text element; attrs are trusted attribute text, s is data.
func (d *svgDoc) text(x, y float64, s, attrs string) {
	d.b.WriteString(`<text x="`)
	d.num(x)
	d.b.WriteString(`" y="`)
	d.num(y)
	d.b.WriteString(`"`)
	if attrs != "" {
		d.b.WriteString(" " + attrs)
	}
	d.b.WriteString(">" + esc(s) + "</text>\n")
}

func (d *svgDoc) line(x1, y1, x2, y2 float64, attrs string) {
	d.b.WriteString(`<line x1="`)
	d.num(x1)
	d.b.WriteString(`" y1="`)
	d.num(y1)
	d.b.WriteString(`" x2="`)
	d.num(x2)
	d.b.WriteString(`" y2="`)
	d.num(y2)
	d.b.WriteString(`" ` + attrs + "/>\n")
}

func (d *svgDoc) rect(x, y, w, h float64, attrs string) {
	if w < 0 {
		x, w = x+w, -w
	}
	if h < 0 {
		y, h = y+h, -h
	}
	d.b.WriteString(`<rect x="`)
	d.num(x)
	d.b.WriteString(`" y="`)
	d.num(y)
	d.b.WriteString(`" width="`)
	d.num(w)
	d.b.WriteString(`" height="`)
	d.num(h)
	d.b.WriteString(`" ` + attrs + "/>\n")
}

func (d *svgDoc) circle(x, y, r float64, attrs string) {
	d.b.WriteString(`<circle cx="`)
	d.num(x)
	d.b.WriteString(`" cy="`)
	d.num(y)
	d.b.WriteString(`" r="`)
	d.num(r)
	d.b.WriteString(`" ` + attrs + "/>\n")
}

// esc escapes text for XML and drops what XML 1.0 cannot hold (control
// characters, invalid UTF-8), so hostile values keep the document
// well-formed and inert.
func esc(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune('\uFFFD')
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&apos;")
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			// not allowed in XML 1.0
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// textWidth estimates the rendered width of text at a font size from
// typical sans-serif advance widths: good enough to lay out labels without
// a font engine.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case strings.ContainsRune("iljI.,:;|!' ", r):
			w += 0.3
		case strings.ContainsRune("ftr()[]-", r):
			w += 0.4
		case r == 'm' || r == 'w' || r == 'M' || r == 'W':
			w += 0.85
		case r >= 'A' && r <= 'Z':
			w += 0.7
		case r < 0x80:
			w += 0.57
		default:
			w += 0.75
		}
	}
	return w * size
}

// clip shortens s to fit width pixels at the size, ending in "…".
func clip(s string, width, size float64) string {
	if textWidth(s, size) <= width {
		return s
	}
	budget := width - textWidth("…", size)
	w := 0.0
	for i, r := range s {
		w += textWidth(string(r), size)
		if w > budget {
			return s[:i] + "…"
		}
	}
	return s
}

// clipMiddle keeps both ends of a long text (a command line's program and
// its last argument are what matter).
func clipMiddle(s string, maxRunes int) string {
	r := []rune(s)
	if len(r) <= maxRunes || maxRunes < 5 {
		return s
	}
	head := (maxRunes - 1) * 2 / 3
	tail := maxRunes - 1 - head
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}

// collapseSpace turns runs of whitespace (and control characters) into
// single spaces.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r < 0x20 {
			return ' '
		}
		return r
	}, s)), " ")
}

type rect struct{ x, y, w, h float64 }

// header draws the title and returns the y where content starts.
func (d *svgDoc) header(c *Chart) float64 {
	y := 14.0
	if c.Title != "" {
		d.text(16, 26, clip(c.Title, d.w-32, 16), `font-size="16" font-weight="600"`)
		y = 42
	}
	return y
}

// footer writes the chart's notes and returns the height they take.
func (d *svgDoc) footer(c *Chart) float64 {
	if len(c.Notes) == 0 {
		return 0
	}
	d.text(16, d.h-8, clip(strings.Join(c.Notes, "; "), d.w-32, 11), `font-size="11" font-style="italic" fill="`+colorMuted+`"`)
	return 18
}

// legendEntry is one item of a legend.
type legendEntry struct {
	name   string
	color  string
	dash   string
	marker string // "line", "box", "tri-up"
}

// legendWidth is the room a right-hand legend takes (0 when there is none).
func legendWidth(entries []legendEntry, total float64) float64 {
	if len(entries) == 0 {
		return 0
	}
	w := 0.0
	for _, e := range entries {
		w = math.Max(w, textWidth(e.name, 12))
	}
	return math.Min(w+40, math.Max(120, total*0.28))
}

// legend draws entries top-down in the box, with "+N more" when they do not
// fit.
func (d *svgDoc) legend(entries []legendEntry, box rect) {
	rows := int(box.h / 20)
	for i, e := range entries {
		y := box.y + float64(i)*20 + 12
		if i == rows-1 && len(entries) > rows {
			d.text(box.x+24, y+4, "+"+strconv.Itoa(len(entries)-i)+" more", `fill="`+colorMuted+`"`)
			return
		}
		switch e.marker {
		case "box":
			d.rect(box.x, y-5, 14, 10, `rx="2" fill="`+e.color+`"`)
		case "tri-up":
			d.raw(triangle(box.x+7, y, 5, 1, `fill="`+e.color+`" stroke="#ffffff"`))
		default:
			attrs := `stroke="` + e.color + `" stroke-width="2.5" stroke-linecap="round"`
			if e.dash != "" {
				attrs += ` stroke-dasharray="` + e.dash + `"`
			}
			d.line(box.x, y, box.x+16, y, attrs)
		}
		d.text(box.x+24, y+4, clip(e.name, box.w-26, 12), "")
	}
}

// triangle returns a triangle marker pointing up (dir 1) or down (-1).
func triangle(x, y, r float64, dir int, attrs string) string {
	f := float64(dir)
	var b []byte
	b = append(b, `<path d="M`...)
	b = appendCoord(b, x)
	b = append(b, ' ')
	b = appendCoord(b, y-r*f)
	b = append(b, 'L')
	b = appendCoord(b, x+r)
	b = append(b, ' ')
	b = appendCoord(b, y+r*0.8*f)
	b = append(b, 'L')
	b = appendCoord(b, x-r)
	b = append(b, ' ')
	b = appendCoord(b, y+r*0.8*f)
	b = append(b, `Z" `...)
	b = append(b, attrs...)
	b = append(b, "/>\n"...)
	return string(b)
}

// emptyNote draws the "no data" message in the middle of a plot.
func (d *svgDoc) emptyNote(p rect) {
	d.text(p.x+p.w/2, p.y+p.h/2, "no data", `text-anchor="middle" font-size="14" fill="`+colorMuted+`"`)
}

// SVG draws the chart as a standalone SVG document of about
// opts.Width × opts.Height pixels (a process tree or a timeline grows
// downwards with its rows).
func SVG(c *Chart, opts Options) string {
	opts = opts.withDefaults()
	w, h := float64(opts.Width), float64(opts.Height)
	switch {
	case c.Kind == KindCard:
		return drawCard(c, w)
	case c.Kind == KindPieChart:
		return drawPie(c, w, h)
	case c.Timeline != nil:
		return drawTimeline(c, w)
	case c.Tree != nil:
		return drawTree(c, w)
	case c.Kind == KindBarChart:
		return drawBars(c, w, h)
	}
	return drawXY(c, w, h)
}
