// Package render turns a query result into what people look at: a MIME
// bundle with an aligned text table, an HTML table, and for `render`
// visualizations a chart drawn in Go as self-contained SVG plus a vega-lite
// spec for front ends that make it interactive. BuildChart derives the chart
// model (Chart) that every drawer, including the browser UI, shares.
//
// Every string in a result is hostile input: all text is escaped for the
// format it lands in.
package render

import (
	"encoding/base64"
	"errors"
	"html"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/table"
)

// MIME types of a rendered result.
const (
	MIMEText     = "text/plain"
	MIMEHTML     = "text/html"
	MIMESVG      = "image/svg+xml"
	MIMEVegaLite = "application/vnd.vegalite.v5+json"
	// MIMEChart carries the Chart model as JSON for huntbook's own UI.
	MIMEChart = "application/vnd.huntbook.chart+json"
)

// Options shape a rendering. The zero value gives the defaults.
type Options struct {
	// MaxTextRows and MaxHTMLRows cap the rows of the text and HTML tables
	// (defaults 20 and 500).
	MaxTextRows int
	MaxHTMLRows int
	// TotalRows is the row count of the whole result when the table holds
	// only its first rows (large results are stored that way); 0 means the
	// table is the whole result.
	TotalRows int64
	// Width and Height of charts in pixels (defaults 900 × 420).
	Width, Height int
	// MaxVegaLitePoints is the most points a vega-lite spec carries
	// (default 5000); larger charts get the SVG only.
	MaxVegaLitePoints int
	// MaxTreeNodes caps the processes drawn by processtree (default 300).
	MaxTreeNodes int
	// ChartJSON adds the chart model under MIMEChart.
	ChartJSON bool
}

func (o Options) withDefaults() Options {
	if o.MaxTextRows <= 0 {
		o.MaxTextRows = 20
	}
	if o.MaxHTMLRows <= 0 {
		o.MaxHTMLRows = 500
	}
	if o.Width <= 0 {
		o.Width = 900
	}
	if o.Height <= 0 {
		o.Height = 420
	}
	if o.MaxVegaLitePoints <= 0 {
		o.MaxVegaLitePoints = 5000
	}
	return o
}

// total is the number of rows of the full result.
func (o Options) total(t *table.Table) int64 {
	if o.TotalRows > int64(len(t.Rows)) {
		return o.TotalRows
	}
	return int64(len(t.Rows))
}

// Render returns the MIME bundle of a result. A result without a chart
// visualization (or with `render table`) gets text/plain and text/html. A
// chart gets text/plain (the table, for terminals), image/svg+xml and, when
// it adds interactivity, the vega-lite spec; the HTML table is left out so
// that nbconvert and GitHub, which prefer HTML, show the chart. A chart
// without a vega-lite spec also gets text/html: the SVG as an <img> (see
// ChartImageHTML). When the chart cannot be drawn, Render returns the table
// bundle and a *ChartError saying why.
func Render(t *table.Table, opts Options) (notebook.MIMEBundle, error) {
	opts = opts.withDefaults()
	text := Text(t, opts)
	v := t.Visualization
	if v == nil || v.Kind == "" || v.Kind == KindTable {
		return notebook.MIMEBundle{MIMEText: text, MIMEHTML: HTML(t, opts)}, nil
	}
	c, err := BuildChart(t, opts)
	if err != nil {
		return notebook.MIMEBundle{MIMEText: text, MIMEHTML: HTML(t, opts)}, err
	}
	svg := SVG(c, opts)
	b := notebook.MIMEBundle{MIMEText: text, MIMESVG: svg}
	if spec := VegaLite(c, opts); spec != nil {
		b[MIMEVegaLite] = spec
	} else {
		b[MIMEHTML] = ChartImageHTML(c, svg)
	}
	if opts.ChartJSON {
		m, err := chartJSON(c)
		if err != nil {
			return nil, err
		}
		b[MIMEChart] = m
	}
	return b, nil
}

// ChartImageHTML is the text/html of a chart without a vega-lite spec
// (process trees, timelines, cards, ladder charts, charts with too many
// points): its SVG as an <img> with a data: URI. nbconvert before 7 passes
// image/svg+xml through lxml's HTML cleaner, which drops every SVG element
// (jupyter/nbconvert#1849), but shows text/html as it is, and an SVG in an
// <img> runs no script and loads nothing, so huntbook's sanitiser keeps it. Charts
// with a vega-lite spec go without: JupyterLab prefers HTML to vega-lite
// and would lose the interactive chart.
func ChartImageHTML(c *Chart, svg string) string {
	alt := c.Kind
	if c.Title != "" {
		alt += ": " + c.Title
	}
	return `<img class="hb-chart" alt="` + html.EscapeString(alt) + `" src="data:image/svg+xml;base64,` +
		base64.StdEncoding.EncodeToString([]byte(svg)) + `">`
}

// IsChartError reports whether err says a chart could not be drawn (as
// opposed to a failure of the renderer itself).
func IsChartError(err error) bool {
	var ce *ChartError
	return errors.As(err, &ce)
}
