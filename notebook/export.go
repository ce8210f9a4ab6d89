package notebook

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// ExportOptions shape an HTML report.
type ExportOptions struct {
	// Title heads the report; empty means the notebook's Title(), else
	// "huntbook report".
	Title string
	// HideCode leaves the queries out and shows only markdown and outputs.
	HideCode bool
	// Footer is a line of plain text at the end (for example when and how
	// the notebook was run); empty leaves it out.
	Footer string
}

// ExportHTML writes the notebook as one self-contained HTML report: the
// markdown rendered, the queries as code, and the outputs (tables, SVG
// charts, text, errors). It needs no network to view: styles are inline and
// images are data: URIs, and a Content-Security-Policy forbids any script or
// remote load, so a hostile notebook stays inert in the reader's browser.
func ExportHTML(nb *Notebook, w io.Writer, opts ExportOptions) error {
	s := defaultSanitizer()
	bw := bufio.NewWriter(w)
	title := opts.Title
	if title == "" {
		title = nb.Title()
	}
	if title == "" {
		title = "huntbook report"
	}
	sum := sha256.Sum256([]byte(reportCSS))
	csp := "default-src 'none'; img-src data:; style-src 'sha256-" +
		base64.StdEncoding.EncodeToString(sum[:]) + "'; base-uri 'none'; form-action 'none'"
	fmt.Fprintf(bw, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"+
		"<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n"+
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"+
		"<meta name=\"referrer\" content=\"no-referrer\">\n"+
		"<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<h1 class=\"report-title\">%s</h1>\n",
		csp, escapeText(title), reportCSS, escapeText(title))
	for _, c := range nb.Cells {
		writeCell(bw, s, c, opts)
	}
	if opts.Footer != "" {
		fmt.Fprintf(bw, "<footer>%s</footer>\n", escapeText(opts.Footer))
	}
	bw.WriteString("</main>\n</body>\n</html>\n")
	return bw.Flush()
}

func writeCell(w *bufio.Writer, s *Sanitizer, c *Cell, opts ExportOptions) {
	switch c.Type {
	case Markdown:
		fmt.Fprintf(w, "<section class=\"cell markdown\">\n%s</section>\n", s.Markdown(c.Source, c.Attachments))
	case Raw:
		// Raw cells are for other converters; a report shows nothing.
	case Code:
		if opts.HideCode && len(c.Outputs) == 0 {
			return
		}
		w.WriteString("<section class=\"cell code\">\n")
		if !opts.HideCode && strings.TrimSpace(c.Source) != "" {
			label := ""
			if c.ExecutionCount != nil {
				label = "[" + strconv.Itoa(*c.ExecutionCount) + "]"
			}
			fmt.Fprintf(w, "<div class=\"input\"><span class=\"prompt\">%s</span><pre class=\"query\"><code>%s</code></pre></div>\n",
				label, escapeText(c.Source))
		}
		for _, o := range c.Outputs {
			fmt.Fprintf(w, "<div class=\"output\">%s</div>\n", outputHTML(s, o))
		}
		w.WriteString("</section>\n")
	}
}

var ansiEscape = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// outputHTML picks the richest representation a static page can show, in
// nbconvert's order of preference.
func outputHTML(s *Sanitizer, o *Output) string {
	switch o.Type {
	case Stream:
		return fmt.Sprintf("<pre class=\"stream %s\">%s</pre>", streamClass(o.Name), escapeText(ansiEscape.ReplaceAllString(o.Text, "")))
	case Error:
		text := o.EName + ": " + o.EValue
		if len(o.Traceback) > 0 {
			text = strings.Join(o.Traceback, "\n")
		}
		return "<pre class=\"error\">" + escapeText(ansiEscape.ReplaceAllString(text, "")) + "</pre>"
	}
	d := o.Data
	if h, ok := d["text/html"].(string); ok {
		return s.HTML(h)
	}
	if svg, ok := d["image/svg+xml"].(string); ok {
		return "<img class=\"chart\" alt=\"chart\" src=\"" + svgDataURI(svg) + "\">"
	}
	for _, mime := range []string{"image/png", "image/jpeg", "image/gif"} {
		if _, ok := d[mime].(string); ok {
			return "<img alt=\"image\" src=\"" + escapeText(imageDataURI(MIMEBundle{mime: d[mime]})) + "\">"
		}
	}
	if md, ok := d["text/markdown"].(string); ok {
		return s.Markdown(md, nil)
	}
	if t, ok := d["text/plain"].(string); ok {
		return "<pre class=\"text\">" + escapeText(ansiEscape.ReplaceAllString(t, "")) + "</pre>"
	}
	return ""
}

func streamClass(name string) string {
	if name == "stderr" {
		return "stderr"
	}
	return "stdout"
}

// svgDataURI embeds an SVG document for an <img>: the browser renders it as
// an image, in which scripts never run and nothing is fetched.
func svgDataURI(svg string) string {
	return "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(svg))
}

// reportCSS styles the report. It is the only style the page's CSP admits
// (by its hash), so tables from render rely on classes, never on style
// attributes.
const reportCSS = `
:root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg-soft:#f6f8fa;--accent:#0969da;--err:#b42318}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff}
main{max-width:1100px;margin:0 auto;padding:32px 24px 64px}
h1.report-title{font-size:28px;margin:0 0 24px;padding-bottom:12px;border-bottom:2px solid var(--line)}
.cell{margin:18px 0}
.markdown h1{font-size:24px}.markdown h2{font-size:20px;border-bottom:1px solid var(--line);padding-bottom:4px}.markdown h3{font-size:17px}
.markdown code{background:var(--bg-soft);padding:1px 4px;border-radius:4px;font-size:90%}
.markdown table{border-collapse:collapse}.markdown th,.markdown td{border:1px solid var(--line);padding:4px 10px}
a{color:var(--accent)}
pre,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
.input{display:flex;gap:8px;align-items:flex-start}
.prompt{color:var(--muted);font:12px ui-monospace,monospace;min-width:40px;padding-top:10px;text-align:right}
pre.query{flex:1;margin:0;background:var(--bg-soft);border:1px solid var(--line);border-left:3px solid var(--accent);border-radius:6px;padding:8px 12px;white-space:pre-wrap;font-size:13px}
.output{margin:8px 0 0 48px;overflow-x:auto}
pre.text,pre.stream{margin:0;font-size:13px;white-space:pre-wrap}
pre.stderr{color:var(--err)}
pre.error{margin:0;background:#fef3f2;border:1px solid #fecdca;color:var(--err);border-radius:6px;padding:8px 12px;white-space:pre-wrap;font-size:13px}
img{max-width:100%;height:auto}
img.chart,img.hb-chart{display:block}
table.hb-table{border-collapse:collapse;font-size:13px;margin:0}
table.hb-table caption{caption-side:bottom;text-align:left;color:var(--muted);font-size:12px;padding-top:4px}
table.hb-table th{background:var(--bg-soft);text-align:left;font-weight:600;border-bottom:2px solid var(--line);padding:4px 10px;white-space:nowrap}
table.hb-table td{border-bottom:1px solid var(--line);padding:3px 10px;vertical-align:top;max-width:520px;overflow-wrap:anywhere}
table.hb-table td.num{text-align:right;font-variant-numeric:tabular-nums}
table.hb-table td.null{color:var(--muted)}
table.hb-table td.dyn{font-family:ui-monospace,monospace;font-size:12px}
table.hb-table tbody tr:nth-child(even){background:#fafbfc}
footer{margin-top:48px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
`
