package notebook

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// xssPayloads are the usual ways to smuggle script into HTML or markdown.
var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=//evil.example/x.js></SCRIPT>`,
	`<img src=x onerror=alert(1)>`,
	`<img src="javascript:alert(1)">`,
	`<a href="javascript:alert(1)">click</a>`,
	`<a href="JaVaScRiPt:alert(1)">click</a>`,
	`<a href="&#106;avascript:alert(1)">click</a>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
	`<div onclick="alert(1)" onmouseover="alert(2)">hover</div>`,
	`<svg><script>alert(1)</script></svg>`,
	`<svg onload=alert(1)><circle r=5/></svg>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<style>body{background:url(javascript:alert(1))}</style>`,
	`<div style="width: expression(alert(1))">x</div>`,
	`<p style="background-image:url(https://evil.example/track.png)">x</p>`,
	`<iframe src="https://evil.example"></iframe>`,
	`<object data="x.swf"></object><embed src="x.swf">`,
	`<link rel="stylesheet" href="https://evil.example/x.css">`,
	`<meta http-equiv="refresh" content="0;url=https://evil.example">`,
	`<base href="https://evil.example/">`,
	`<form action="https://evil.example"><input name=p></form>`,
	`<img src="https://evil.example/pixel.gif">`,
	`<video><source onerror="alert(1)"></video>`,
	`<details open ontoggle=alert(1)>`,
	`"><script>alert(1)</script>`,
	`<<script>script>alert(1)<</script>/script>`,
	`[x](javascript:alert(1))`,
	`[x](JAVASCRIPT:alert(1))`,
	`[x](data:text/html,<script>alert(1)</script>)`,
	`![x](javascript:alert(1))`,
	`![x](https://evil.example/pixel.png)`,
	"<scr\x00ipt>alert(1)</script>",
}

// assertInert parses HTML and fails on anything that can run script or
// load from the network.
func assertInert(t *testing.T, label, out string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatalf("%s: output does not parse: %v", label, err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "iframe", "object", "embed", "link", "base", "form", "frame", "frameset", "applet", "svg", "math", "source", "video", "audio":
				t.Errorf("%s: dangerous element <%s> in %q", label, n.Data, out)
			case "meta":
				for _, a := range n.Attr {
					if a.Key == "http-equiv" && !strings.EqualFold(a.Val, "Content-Security-Policy") {
						t.Errorf("%s: <meta http-equiv=%q>", label, a.Val)
					}
				}
			}
			for _, a := range n.Attr {
				key, val := strings.ToLower(a.Key), strings.ToLower(strings.TrimSpace(a.Val))
				switch {
				case strings.HasPrefix(key, "on"):
					t.Errorf("%s: event handler %s=%q", label, a.Key, a.Val)
				case key == "style" && n.Data != "":
					t.Errorf("%s: style attribute %q", label, a.Val)
				case (key == "href" || key == "src" || key == "action" || key == "formaction") &&
					(strings.HasPrefix(val, "javascript:") || strings.HasPrefix(val, "data:text") || strings.HasPrefix(val, "vbscript:")):
					t.Errorf("%s: script URL %s=%q", label, a.Key, a.Val)
				case key == "src" && !strings.HasPrefix(val, "data:image/"):
					t.Errorf("%s: remote load %s=%q", label, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

func TestSanitizeHTMLPayloads(t *testing.T) {
	for _, p := range xssPayloads {
		assertInert(t, "HTML "+p, SanitizeHTML(p))
		assertInert(t, "markdown "+p, RenderMarkdown(p, nil))
		assertInert(t, "markdown inline "+p, RenderMarkdown("text "+p+" more\n\n| a |\n|---|\n| "+p+" |", nil))
	}
}

func TestSanitizeKeepsUsefulMarkup(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`<table class="dataframe"><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>`,
			[]string{`<table class="dataframe">`, `<th>a</th>`, `<td>1</td>`}},
		{`<p><b>bold</b> <code>x</code> <a href="https://learn.microsoft.com/kusto">docs</a></p>`,
			[]string{`<b>bold</b>`, `<code>x</code>`, `href="https://learn.microsoft.com/kusto"`, `rel="nofollow noreferrer noopener"`}},
		{`<img alt="dot" src="data:image/png;base64,iVBORw0KGgo=">`, []string{`src="data:image/png;base64,iVBORw0KGgo="`}},
		{`<details><summary>more</summary>hidden</details>`, []string{`<details>`, `<summary>more</summary>`}},
	}
	for _, tt := range tests {
		got := SanitizeHTML(tt.in)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("SanitizeHTML(%q) = %q, missing %q", tt.in, got, w)
			}
		}
	}
}

func TestRenderMarkdown(t *testing.T) {
	src := "# Hunt\n\n| Host | Count |\n|------|------:|\n| WS5 | 12 |\n\n- [x] triaged\n- [ ] closed\n\n~~old~~ `code` <br> ![logo](attachment:logo.png)\n\n```kql\nT | take 1\n```\n"
	att := map[string]MIMEBundle{"logo.png": {"image/png": "iVBORw0K\nGgo=\n"}}
	got := RenderMarkdown(src, att)
	for _, w := range []string{"<h1", "Hunt</h1>", "<table>", "<th>Host</th>", `<td align="right">12</td>`, `type="checkbox"`, "<del>old</del>", "<code>code</code>", `src="data:image/png;base64,iVBORw0KGgo="`, "T | take 1"} {
		if !strings.Contains(got, w) {
			t.Errorf("markdown output lacks %q:\n%s", w, got)
		}
	}
	assertInert(t, "markdown", got)
}

func TestExportHTMLSelfContainedAndInert(t *testing.T) {
	nb := sampleNotebook()
	hostile := NewCell(Markdown, strings.Join(xssPayloads, "\n\n"))
	one := 1
	out := NewCell(Code, "print x = '</code></pre><script>alert(1)</script>'")
	out.ExecutionCount = &one
	var outputs []*Output
	for _, p := range xssPayloads {
		outputs = append(outputs,
			&Output{Type: DisplayData, Data: MIMEBundle{"text/html": p}},
			&Output{Type: DisplayData, Data: MIMEBundle{"text/markdown": p}},
			&Output{Type: Stream, Name: "stdout", Text: p},
		)
	}
	outputs = append(outputs,
		&Output{Type: DisplayData, Data: MIMEBundle{"image/svg+xml": `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><image href="https://evil.example/x.png"/></svg>`}},
		&Output{Type: DisplayData, Data: MIMEBundle{"image/png": "iVBORw0KGgo=", "text/plain": "<png>"}},
		&Output{Type: DisplayData, Data: MIMEBundle{"application/javascript": "alert(1)", "text/plain": "js fallback"}},
		&Output{Type: Error, EName: "<script>", EValue: "x", Traceback: []string{"\x1b[31m<script>alert(1)</script>\x1b[0m"}},
	)
	out.Outputs = outputs
	nb.Cells = append(nb.Cells, hostile, out)
	nb.Metadata["title"] = "</title><script>alert(1)</script>"

	var buf bytes.Buffer
	if err := ExportHTML(nb, &buf, ExportOptions{Footer: "<b>generated</b>"}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	assertInert(t, "report", page)
	if !strings.Contains(page, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'sha256-`) {
		t.Error("report lacks its strict CSP")
	}
	if strings.Contains(strings.ToLower(page), "<script") || strings.Count(page, "<style") != 1 {
		t.Error("report contains a script or a second style element")
	}
	for _, bad := range []string{"@import", "url(", "http:", "https:"} {
		if strings.Contains(reportCSS, bad) {
			t.Errorf("report CSS contains %q", bad)
		}
	}
	for _, want := range []string{"DeviceNetworkEvents | take 3", `<img class="chart" alt="chart" src="data:image/svg+xml;base64,`, "js fallback", "&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;", "&lt;b&gt;generated&lt;/b&gt;", "Beaconing hunt"} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	var hidden bytes.Buffer
	if err := ExportHTML(nb, &hidden, ExportOptions{HideCode: true, Title: "T"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(hidden.String(), "DeviceNetworkEvents | take 3") {
		t.Error("HideCode still shows the query")
	}
}
