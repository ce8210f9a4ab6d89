package server_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/server/servertest"
)

// cellSel is the CSS selector of the n-th cell (0-based).
func cellSel(n int) string { return fmt.Sprintf(".cells > section.cell:nth-of-type(%d)", n+1) }

// runCell types a query into the n-th cell and runs it with Shift+Enter
// (which adds a cell below the last one, as in JupyterLab).
func (p *browserPage) runCell(t *testing.T, n int, query string) {
	t.Helper()
	p.WaitJS(t, fmt.Sprintf("cell %d", n), fmt.Sprintf("document.querySelector(%q)", cellSel(n)+" .cm-content"))
	p.Run(t, "type query",
		chromedp.Focus(cellSel(n)+" .cm-content", chromedp.ByQuery),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl)),
		chromedp.KeyEvent(kb.Delete),
		chromedp.SendKeys(cellSel(n)+" .cm-content", query, chromedp.ByQuery),
		chromedp.KeyEvent(kb.Escape), // closes the completion popup if open
		chromedp.Focus(cellSel(n)+" .cm-content", chromedp.ByQuery),
		shiftEnter())
}

func (p *browserPage) cellSource(t *testing.T, n int) string {
	t.Helper()
	var s string
	p.Eval(t, fmt.Sprintf(`[...document.querySelectorAll(%q)].map(l => l.textContent).join("\n")`, cellSel(n)+" .cm-line"), &s)
	return s
}

func (p *browserPage) waitDone(t *testing.T, n int, statusText string) {
	t.Helper()
	p.WaitJS(t, fmt.Sprintf("cell %d done with %q", n, statusText),
		fmt.Sprintf(`(document.querySelector(%q)?.textContent ?? "").includes(%q)`, cellSel(n)+" .cell-status", statusText))
}

// openNotebook logs in with the token and opens the notebook named name.
func (p *browserPage) openNotebook(t *testing.T, ui *uiServer, name string) {
	t.Helper()
	p.Run(t, "open with token", chromedp.Navigate(ui.base+"/?token="+ui.srv.Token()))
	var loc string
	p.Eval(t, "location.href", &loc)
	if strings.Contains(loc, "token") {
		t.Errorf("the token stays in the address bar: %s", loc)
	}
	p.WaitJS(t, "notebook list", fmt.Sprintf(`[...document.querySelectorAll(".nb-link")].some(a => a.textContent === %q)`, name))
	p.Eval(t, fmt.Sprintf(`[...document.querySelectorAll(".nb-link")].find(a => a.textContent === %q).click()`, name), nil)
	p.WaitJS(t, "notebook open", `document.querySelector(".cells .cm-content") && document.querySelector(".save-state").textContent !== "Connecting…"`)
}

func TestBrowserNotebook(t *testing.T) {
	assets := builtAssets(t)
	p := newBrowser(t)
	ui := startUI(t, assets)
	if _, err := ui.backend.CreateNotebook(context.Background(), "Hunt"); err != nil {
		t.Fatal(err)
	}
	p.openNotebook(t, ui, "Hunt")

	checkGridAndFilter(t, p)
	checkMillionRows(t, p)
	checkCharts(t, p)
	checkErrorAndSidebar(t, p)
	checkReload(t, p, ui)
	p.CheckClean(t)
}

func checkGridAndFilter(t *testing.T, p *browserPage) {
	t.Helper()
	// A query, its grid and the add-as-filter round trip.
	p.runCell(t, 0, `SecurityEvent | where EventID == 4688 | take 50`)
	p.waitDone(t, 0, "50 rows")
	p.WaitJS(t, "grid rows", fmt.Sprintf(`document.querySelectorAll(%q).length > 10`, cellSel(0)+" .grid-tr"))
	p.Eval(t, fmt.Sprintf(`[...document.querySelectorAll(%q)][4].click()`, cellSel(0)+" .grid-tr:first-child .grid-td"), nil) // 0 is the row number, 4 Account
	p.WaitJS(t, "cell detail", fmt.Sprintf(`!document.querySelector(%q).hidden`, cellSel(0)+" .grid-detail"))
	p.Eval(t, fmt.Sprintf(`[...document.querySelectorAll(%q)].find(b => b.textContent === "Add as filter").click()`, cellSel(0)+" .grid-detail button"), nil)
	if got, want := p.cellSource(t, 0), "SecurityEvent | where EventID == 4688 | take 50\n| where Account == \"CONTOSO\\\\alice\""; got != want {
		t.Errorf("after add as filter the query is\n%s\nwant\n%s", got, want)
	}
	p.Run(t, "rerun", chromedp.Focus(cellSel(0)+" .cm-content", chromedp.ByQuery), shiftEnter())
	p.waitDone(t, 0, fmt.Sprintf("%d rows", aliceRows()))
	var widths []float64
	p.Eval(t, fmt.Sprintf(`(() => {
		const th = document.querySelectorAll(%q)[1], grip = th.querySelector(".grid-grip");
		const w0 = th.getBoundingClientRect().width;
		grip.dispatchEvent(new PointerEvent("pointerdown", { clientX: 500, bubbles: true }));
		window.dispatchEvent(new PointerEvent("pointermove", { clientX: 580 }));
		window.dispatchEvent(new PointerEvent("pointerup", { clientX: 580 }));
		return [w0, th.getBoundingClientRect().width]; })()`, cellSel(0)+" .grid-th"), &widths)
	if len(widths) != 2 || widths[1]-widths[0] != 80 {
		t.Errorf("column resize: widths %v, want 80 px wider", widths)
	}
	p.shot(t, "notebook-grid")
	if *screenshots {
		p.Eval(t, `document.querySelector('.toolbar .btn.icon[title^="Switch"]').click()`, nil)
		p.shot(t, "notebook-dark")
		p.Eval(t, `document.querySelector('.toolbar .btn.icon[title^="Switch"]').click()`, nil)
	}

}

func checkMillionRows(t *testing.T, p *browserPage) {
	t.Helper()
	// A million rows: jump deep into the result, sort, search.
	p.runCell(t, 1, "Big")
	p.waitDone(t, 1, "1,000,000 rows")
	body := cellSel(1) + " .grid-body"
	// Half way down the (scaled) scrollbar is about row 500,000; every row
	// shown there must be loaded and be itself.
	p.Eval(t, fmt.Sprintf(`(() => { const b = document.querySelector(%q); b.scrollTop = (b.scrollHeight - b.clientHeight) / 2; })()`, body), nil)
	p.WaitJS(t, "rows near 500,000 loaded", fmt.Sprintf(`(() => { const rs = [...document.querySelectorAll(%q)];
		return rs.length > 5 && rs.every(r => { const i = +r.getAttribute("aria-rowindex"); return i > 499000 && i < 501000 && r.children[1].textContent === String(i - 1); }); })()`, body+" .grid-tr"))
	// Twenty jumps to random places: how long until each shows its rows
	// (logged, not asserted: timing belongs in benchmarks).
	var jumpMS float64
	p.Run(t, "random jumps", chromedp.Evaluate(fmt.Sprintf(`(async () => {
		const b = document.querySelector(%q);
		const t0 = performance.now();
		for (let i = 0; i < 20; i++) {
			b.scrollTop = Math.random() * (b.scrollHeight - b.clientHeight);
			await new Promise(r => { const f = () => { const rs = b.querySelectorAll(".grid-tr");
				rs.length && ![...rs].some(x => x.children[1].textContent === "…") ? r() : requestAnimationFrame(f); }; requestAnimationFrame(f); });
		}
		return (performance.now() - t0) / 20; })()`, body), &jumpMS, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	t.Logf("1M-row grid: %.0f ms from a random jump to its rows on screen (mean of 20)", jumpMS)
	p.Eval(t, fmt.Sprintf(`[...document.querySelectorAll(%q)][0].click()`, cellSel(1)+" .grid-sort"), nil)
	p.Eval(t, fmt.Sprintf(`[...document.querySelectorAll(%q)][0].click()`, cellSel(1)+" .grid-sort"), nil)
	p.WaitJS(t, "sorted descending", fmt.Sprintf(`document.querySelector(%q)?.children[1].textContent === "999999"`, body+" .grid-tr"))
	p.Run(t, "search", chromedp.SendKeys(cellSel(1)+" .grid-search", "SRV-SQL", chromedp.ByQuery))
	p.WaitJS(t, "searched", fmt.Sprintf(`document.querySelector(%q).textContent === "250,000 of 1,000,000 rows"`, cellSel(1)+" .grid-count"))

}

func checkCharts(t *testing.T, p *browserPage) {
	t.Helper()
	// Charts.
	p.runCell(t, 2, `SecurityEvent | summarize count() by bin(TimeGenerated, 1h), Computer | render timechart with (title="Events per hour")`)
	p.waitDone(t, 2, "rows")
	p.WaitJS(t, "timechart canvas", fmt.Sprintf(`document.querySelector(%q)`, cellSel(2)+" .chart-host canvas"))
	p.runCell(t, 3, `SecurityEvent | summarize count() by Account | render piechart`)
	p.WaitJS(t, "pie canvas", fmt.Sprintf(`document.querySelector(%q)`, cellSel(3)+" .chart-host canvas"))
	p.Eval(t, fmt.Sprintf(`document.querySelector(%q).scrollIntoView()`, cellSel(2)), nil)
	p.shot(t, "chart")
	p.runCell(t, 4, `ProcessEvents | render processtree with (title="WS5 process tree")`)
	p.WaitJS(t, "process tree", fmt.Sprintf(`document.querySelectorAll(%q).length === 11`, cellSel(4)+" .ptree li"))
	p.Eval(t, fmt.Sprintf(`document.querySelector(%q).click()`, cellSel(4)+" .ptree-toggle"), nil) // collapse services.exe
	p.WaitJS(t, "collapsed", fmt.Sprintf(`document.querySelectorAll(%q).length === 4`, cellSel(4)+" .ptree li"))
	p.Eval(t, fmt.Sprintf(`document.querySelector(%q).click()`, cellSel(4)+" .ptree-toggle"), nil)
	p.Eval(t, fmt.Sprintf(`[...document.querySelectorAll(%q)].find(b => b.textContent.includes("-nop -w hidden")).click()`, cellSel(4)+" .ptree-label"), nil)
	p.Eval(t, fmt.Sprintf(`document.querySelector(%q).scrollIntoView()`, cellSel(4)), nil)
	p.shot(t, "processtree")
	p.runCell(t, 5, `SecurityEvent | take 300 | render timeline with (title="Activity")`)
	p.WaitJS(t, "timeline canvas", fmt.Sprintf(`document.querySelector(%q)`, cellSel(5)+" .chart-host canvas"))

}

func checkErrorAndSidebar(t *testing.T, p *browserPage) {
	t.Helper()
	// An error is positioned and underlined.
	p.runCell(t, 6, "SecurityEvent\n| wher EventID == 1")
	p.waitDone(t, 6, "error")
	p.WaitJS(t, "error underline", fmt.Sprintf(`document.querySelector(%q)`, cellSel(6)+" .cm-lintRange-error"))

	// The schema sidebar and the history.
	p.Eval(t, `[...document.querySelectorAll(".side-tabs .tab")][1].click()`, nil)
	p.WaitJS(t, "history", `document.querySelectorAll(".history-item").length >= 7`)
	p.shot(t, "history")
	p.Eval(t, `[...document.querySelectorAll(".side-tabs .tab")][0].click()`, nil)
	p.Eval(t, `document.querySelector(".schema details").open = true`, nil)
	p.shot(t, "schema")

}

func checkReload(t *testing.T, p *browserPage, ui *uiServer) {
	t.Helper()
	// Everything is saved: reload and find it.
	p.WaitJS(t, "saved", `document.querySelector(".save-state").textContent === "All changes saved"`)
	start := time.Now()
	p.Run(t, "reload", chromedp.Reload())
	p.WaitJS(t, "reloaded", `document.querySelectorAll(".cells > section.cell").length >= 7`)
	p.WaitJS(t, "first result rows", `document.querySelector(".grid-tr .grid-td:nth-child(2)")?.textContent.length > 1`)
	t.Logf("reload to the first result's rows on screen: %v", time.Since(start).Round(time.Millisecond))
	if got := p.cellSource(t, 1); got != "Big" {
		t.Errorf("after reload cell 1 holds %q, want Big", got)
	}
	p.WaitJS(t, "outputs after reload", fmt.Sprintf(`document.querySelector(%q)?.textContent === "%d rows"`, cellSel(0)+" .grid-count", aliceRows()))
	nb, err := notebook.Load(filepath.Join(ui.dir, "Hunt.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if len(nb.Cells) < 7 || !strings.Contains(nb.Cells[0].Source, `| where Account == "CONTOSO\\alice"`) {
		t.Errorf("the file does not hold the edits: %d cells, first %q", len(nb.Cells), nb.Cells[0].Source)
	}
}

// TestBrowserXSS runs payloads through every place text from a notebook or
// a result shows: markdown, HTML outputs, grid cells, column names, chart
// titles, process names. None may run.
func TestBrowserXSS(t *testing.T) {
	assets := builtAssets(t)
	p := newBrowser(t)
	nb := notebook.New()
	md := notebook.NewCell(notebook.Markdown, "# Notes\n<img src=x onerror=\"window.__xss=10\">\n<script>window.__xss=11</script>\n[link](javascript:window.__xss=12)\n<a href=\"x\" onclick=\"window.__xss=13\">a</a>")
	code := notebook.NewCell(notebook.Code, "Evil")
	code.Outputs = []*notebook.Output{{Type: notebook.DisplayData, Data: notebook.MIMEBundle{"text/html": `<b>stored</b><img src=x onerror="window.__xss=14"><iframe src="javascript:window.__xss=15"></iframe>`}, Metadata: notebook.Metadata{}}}
	nb.Cells = append(nb.Cells, md, code)
	ui := startUI(t, assets, func(dir string) {
		if err := notebook.Save(filepath.Join(dir, "Evil.ipynb"), nb); err != nil {
			t.Fatal(err)
		}
	})
	p.openNotebook(t, ui, "Evil")
	p.WaitJS(t, "markdown rendered", `document.querySelector(".markdown-body h1")?.textContent === "Notes"`)
	p.WaitJS(t, "stored html", `document.querySelector(".output-html b")?.textContent === "stored"`)
	p.runCell(t, 1, "Evil | render columnchart with (title='"+strings.ReplaceAll(servertest.XSSTitle, `"`, `\"`)+"')")
	p.waitDone(t, 1, "3 rows")
	p.WaitJS(t, "chart", `document.querySelector(".chart-host canvas")`)
	p.Eval(t, `[...document.querySelectorAll(".output-tabs .tab")].find(b => b.textContent === "Table").click()`, nil)
	p.WaitJS(t, "grid with payloads", `document.querySelectorAll(".grid-tr").length === 3`)
	var colName string
	p.Eval(t, `document.querySelector(".grid-colname").textContent`, &colName)
	if colName != servertest.XSSColumn {
		t.Errorf("column name shows as %q, want the literal text %q", colName, servertest.XSSColumn)
	}
	p.Eval(t, `[...document.querySelectorAll(".grid-tr .grid-td")][2].click()`, nil) // the dynamic value's detail
	var report struct {
		XSS      any  `json:"xss"`
		Handlers int  `json:"handlers"`
		Scripts  int  `json:"scripts"`
		JSLinks  int  `json:"jsLinks"`
		Frames   int  `json:"frames"`
		Ok       bool `json:"ok"`
	}
	p.Eval(t, `({
		xss: window.__xss ?? null,
		handlers: [...document.querySelectorAll("*")].filter(e => [...e.attributes].some(a => a.name.startsWith("on"))).length,
		scripts: [...document.querySelectorAll("script")].filter(s => !s.src.endsWith("/static/app.js")).length,
		jsLinks: [...document.querySelectorAll("a[href]")].filter(a => a.href.startsWith("javascript:")).length,
		frames: document.querySelectorAll("iframe, object, embed").length,
		ok: true })`, &report)
	if report.XSS != nil || report.Handlers != 0 || report.Scripts != 0 || report.JSLinks != 0 || report.Frames != 0 || !report.Ok {
		t.Errorf("payload not inert: %+v", report)
	}
	p.shot(t, "xss-inert")
	p.CheckClean(t)
}

// TestBrowserKeyboard drives JupyterLab's command-mode keys.
func TestBrowserKeyboard(t *testing.T) {
	assets := builtAssets(t)
	p := newBrowser(t)
	ui := startUI(t, assets)
	if _, err := ui.backend.CreateNotebook(context.Background(), "Keys"); err != nil {
		t.Fatal(err)
	}
	p.openNotebook(t, ui, "Keys")
	count := func() int {
		var n int
		p.Eval(t, `document.querySelectorAll(".cells > section.cell").length`, &n)
		return n
	}
	p.Run(t, "type", chromedp.Focus(cellSel(0)+" .cm-content", chromedp.ByQuery), chromedp.SendKeys(cellSel(0)+" .cm-content", "# Title", chromedp.ByQuery))
	// The first Escape closes the completion popup, the second leaves the
	// editor for command mode.
	p.Run(t, "esc esc", chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape))
	p.Run(t, "m, b, b", chromedp.KeyEvent("m"), chromedp.KeyEvent("b"), chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent("b"), chromedp.KeyEvent(kb.Escape))
	if n := count(); n != 3 {
		t.Fatalf("after B B: %d cells, want 3", n)
	}
	var isMD bool
	p.Eval(t, fmt.Sprintf(`document.querySelector(%q).classList.contains("markdown")`, cellSel(0)), &isMD)
	if !isMD {
		t.Error("M did not make the first cell markdown")
	}
	p.Run(t, "d d", chromedp.KeyEvent("d"), chromedp.KeyEvent("d"))
	if n := count(); n != 2 {
		t.Fatalf("after D D: %d cells, want 2", n)
	}
	p.Run(t, "z", chromedp.KeyEvent("z"))
	if n := count(); n != 3 {
		t.Fatalf("after Z: %d cells, want 3", n)
	}
	p.Run(t, "up up, a", chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent("a"), chromedp.KeyEvent(kb.Escape))
	p.Run(t, "y on the new first cell", chromedp.KeyEvent("y"))
	if n := count(); n != 4 {
		t.Fatalf("after A: %d cells, want 4", n)
	}
	// Shift+Enter on the markdown cell renders it.
	p.Run(t, "down, shift+enter", chromedp.KeyEvent(kb.ArrowDown), shiftEnter())
	p.WaitJS(t, "markdown rendered", `document.querySelector(".markdown-body h1")?.textContent === "Title"`)
	p.WaitJS(t, "saved", `document.querySelector(".save-state").textContent === "All changes saved"`)
	nb, err := notebook.Load(filepath.Join(ui.dir, "Keys.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, c := range nb.Cells {
		types = append(types, string(c.Type))
	}
	if got := strings.Join(types, ","); got != "code,markdown,code,code" {
		t.Errorf("saved cell types %s, want code,markdown,code,code", got)
	}
	// C, V copies the selected cell below; Shift+V pastes above.
	p.Run(t, "esc, c, v, V", chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent("c"), chromedp.KeyEvent("v"), chromedp.KeyEvent(kb.Escape),
		chromedp.KeyEvent("V", chromedp.KeyModifiers(input.ModifierShift)), chromedp.KeyEvent(kb.Escape))
	if n := count(); n != 6 {
		t.Errorf("after C V Shift+V: %d cells, want 6", n)
	}
	p.Run(t, "h", chromedp.KeyEvent("h"))
	p.WaitJS(t, "shortcut help", `document.querySelector("dialog.shortcuts")?.open`)
	p.Run(t, "esc closes it", chromedp.KeyEvent(kb.Escape))
	p.WaitJS(t, "help closed", `!document.querySelector("dialog.shortcuts")`)
	p.CheckClean(t)
}

// aliceRows counts the rows of `SecurityEvent | where EventID == 4688 |
// take 50 | where Account == "CONTOSO\\alice"` in the fake data (rows i with
// i%5 == 2 carry 4688, the account is accounts[(i/3)%4]).
func aliceRows() int {
	n, seen := 0, 0
	for i := 0; seen < 50; i++ {
		if i%5 != 2 {
			continue
		}
		seen++
		if (i/3)%4 == 0 {
			n++
		}
	}
	return n
}

// TestBrowserInterrupt runs a slow query, sees it running with a live
// clock, and interrupts it from the toolbar.
func TestBrowserInterrupt(t *testing.T) {
	assets := builtAssets(t)
	p := newBrowser(t)
	ui := startUI(t, assets)
	if _, err := ui.backend.CreateNotebook(context.Background(), "Slow"); err != nil {
		t.Fatal(err)
	}
	p.openNotebook(t, ui, "Slow")
	p.runCell(t, 0, "SecurityEvent | sleep 30")
	p.waitDone(t, 0, "running · ")
	p.Eval(t, `[...document.querySelectorAll(".toolbar-actions .btn")].find(b => b.textContent.includes("Interrupt")).click()`, nil)
	p.waitDone(t, 0, "interrupted")
	p.CheckClean(t)
}

// TestBrowserSavedMeansDurable checks the server half of "nothing
// acknowledged is lost": the UI says "Saving…" while the backend has the
// edit but not yet on disk, and "All changes saved" only once the file
// holds it.
func TestBrowserSavedMeansDurable(t *testing.T) {
	assets := builtAssets(t)
	p := newBrowser(t)
	ui := startUI(t, assets)
	ui.backend.SaveDelay = 2 * time.Second
	if _, err := ui.backend.CreateNotebook(context.Background(), "Durable"); err != nil {
		t.Fatal(err)
	}
	p.openNotebook(t, ui, "Durable")
	p.Run(t, "type", chromedp.Focus(cellSel(0)+" .cm-content", chromedp.ByQuery),
		chromedp.SendKeys(cellSel(0)+" .cm-content", "Evil // unsaved yet", chromedp.ByQuery))
	p.WaitJS(t, "saving", `document.querySelector(".save-state").textContent === "Saving…"`)
	read := func() string {
		nb, err := notebook.Load(filepath.Join(ui.dir, "Durable.ipynb"))
		if err != nil {
			t.Fatal(err)
		}
		return nb.Cells[0].Source
	}
	if src := read(); strings.Contains(src, "unsaved yet") {
		t.Fatalf("saved before the delay: %q", src)
	}
	p.WaitJS(t, "saved", `document.querySelector(".save-state").textContent === "All changes saved"`)
	if src := read(); src != "Evil // unsaved yet" {
		t.Errorf("the UI said saved, the file holds %q", src)
	}
	p.CheckClean(t)
}

// TestBrowserTwoTabs: what one tab types and runs shows in the other.
func TestBrowserTwoTabs(t *testing.T) {
	assets := builtAssets(t)
	p := newBrowser(t)
	ui := startUI(t, assets)
	if _, err := ui.backend.CreateNotebook(context.Background(), "Shared"); err != nil {
		t.Fatal(err)
	}
	p.openNotebook(t, ui, "Shared")
	var href string
	p.Eval(t, "location.href", &href)
	tab, cancel := p.NewTab() // a second tab of the same browser
	defer cancel()
	q := &browserPage{tab}
	q.Run(t, "open second tab", chromedp.Navigate(href))
	q.WaitJS(t, "second tab open", `document.querySelector(".cells .cm-content")`)
	p.runCell(t, 0, "Evil")
	q.WaitJS(t, "source in the other tab", fmt.Sprintf(`document.querySelector(%q)?.textContent === "Evil"`, cellSel(0)+" .cm-content"))
	q.waitDone(t, 0, "3 rows")
	q.WaitJS(t, "new cell in the other tab", `document.querySelectorAll(".cells > section.cell").length === 2`)
	p.CheckClean(t)
}
