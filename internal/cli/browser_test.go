package cli

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/huntbook/huntbook/internal/app"
	"github.com/huntbook/huntbook/internal/browsertest"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/web"
	"github.com/huntbook/huntbook/workspace"
)

var screenshots = flag.Bool("screenshots", false, "write the screenshots of the real-backend browser test to docs/images")

// TestBrowserRealBackend drives the UI in headless Chromium over the real
// backend and a generated demo workspace: a new notebook, a KQL query with
// its rows in the grid, a chart, then the guided investigation run top to
// bottom with Run all.
func TestBrowserRealBackend(t *testing.T) {
	assets := web.Assets()
	if _, err := fs.Stat(assets, "index.html"); err != nil {
		t.Skip("the web bundle is not built: run `make build` before the browser tests")
	}
	if _, err := os.Stat(browsertest.ChromiumPath); err != nil {
		t.Skipf("chromium is missing at %s: `make test` installs it", browsertest.ChromiumPath)
	}
	dir := testDemoWorkspace(t)
	base, token, b := startRealUI(t, dir)
	if _, err := b.CreateNotebook(context.Background(), "Browser hunt"); err != nil {
		t.Fatal(err)
	}
	p := newChromium(t)
	p.Run(t, "open with token", chromedp.Navigate(base+"/?token="+token))
	p.openFromList(t, "Browser hunt")

	p.typeAndRun(t, 0, `SecurityEvent | where EventID == 4688 | project TimeGenerated, Computer, Account, CommandLine | take 40`)
	p.WaitJS(t, "cell 0 done", `(document.querySelector(".cells > section.cell:nth-of-type(1) .cell-status")?.textContent ?? "").includes("40 rows")`)
	p.WaitJS(t, "grid rows", `document.querySelectorAll(".cells > section.cell:nth-of-type(1) .grid-tr").length > 10`)
	// The rows come from the engine page by page: the Computer column shows
	// the demo's machine names once the first page arrived.
	p.WaitJS(t, "grid values", `[...document.querySelectorAll(".cells > section.cell:nth-of-type(1) .grid-tr .grid-td:nth-child(3)")].slice(0, 5).every(td => td.textContent.includes(".corp."))`)

	p.typeAndRun(t, 1, `SecurityEvent | where EventID == 4624 | summarize Logons = count() by bin(TimeGenerated, 1h) | render timechart`)
	p.WaitJS(t, "timechart", `document.querySelector(".cells > section.cell:nth-of-type(2) .chart-host canvas")`)
	p.shot(t, "real-chart")

	// The guided investigation, top to bottom.
	p.Run(t, "back to the list", chromedp.Navigate(base+"/"))
	opened := time.Now()
	p.openFromList(t, "Investigation - encoded PowerShell")
	p.Eval(t, `[...document.querySelectorAll(".toolbar button")].find(b => b.textContent.includes("Run all")).click()`, nil)
	p.WaitJS(t, "first result", `document.querySelector(".cells .grid-tr .grid-td:nth-child(2)")?.textContent.length > 1`)
	t.Logf("opening the investigation and Run all: first result's rows on screen after %v", time.Since(opened).Round(time.Millisecond))
	p.WaitJS(t, "every cell ran", `(() => { const s = [...document.querySelectorAll(".cells > section.cell .cell-status")].map(e => e.textContent);
		return s.length > 10 && s.filter(x => x.includes("rows") || x.includes("row")).length >= 14; })()`)
	t.Logf("every cell done after %v", time.Since(opened).Round(time.Millisecond))
	var errors int
	p.Eval(t, `document.querySelectorAll(".cells .output-error").length`, &errors)
	if errors != 0 {
		t.Errorf("the investigation shows %d errors after Run all", errors)
	}
	p.Eval(t, `[...document.querySelectorAll(".cells > section.cell")][4].scrollIntoView()`, nil)
	p.shot(t, "real-investigation")
	p.CheckClean(t)
}

// startRealUI serves the workspace with the real backend on 127.0.0.1.
func startRealUI(t *testing.T, dir string) (base, token string, b *app.Backend) {
	t.Helper()
	ctx := context.Background()
	ws, err := workspace.Open(ctx, dir, workspace.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err = app.NewBackend(ws, app.BackendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	token = "browser-test-token-0123456789"
	srv, err := server.New(b, server.Options{Listener: ln, Assets: web.Assets(), Token: token})
	if err == nil {
		err = srv.Listen()
	}
	if err != nil {
		t.Fatal(err)
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
		_ = b.Close(ctx)
		ws.Close()
	})
	return "http://" + ln.Addr().String(), token, b
}

// chromiumPage is a headless Chromium tab (browsertest.Page) with the
// notebook UI's actions these tests use.
type chromiumPage struct{ *browsertest.Page }

func newChromium(t *testing.T) *chromiumPage {
	t.Helper()
	p := browsertest.New(t, 4*time.Minute)
	p.WaitTimeout = time.Minute // the real engine runs the queries
	return &chromiumPage{p}
}

func (p *chromiumPage) openFromList(t *testing.T, name string) {
	t.Helper()
	p.WaitJS(t, "notebook list", fmt.Sprintf(`[...document.querySelectorAll(".nb-link")].some(a => a.textContent === %q)`, name))
	p.Eval(t, fmt.Sprintf(`[...document.querySelectorAll(".nb-link")].find(a => a.textContent === %q).click()`, name), nil)
	p.WaitJS(t, "notebook open", `document.querySelector(".cells .cm-content") && document.querySelector(".save-state").textContent !== "Connecting…"`)
}

// typeAndRun replaces the n-th cell's source and runs it with Shift+Enter.
func (p *chromiumPage) typeAndRun(t *testing.T, n int, query string) {
	t.Helper()
	sel := fmt.Sprintf(".cells > section.cell:nth-of-type(%d) .cm-content", n+1)
	p.WaitJS(t, fmt.Sprintf("cell %d", n), fmt.Sprintf("document.querySelector(%q)", sel))
	p.Run(t, "type query",
		chromedp.Focus(sel, chromedp.ByQuery),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl)),
		chromedp.KeyEvent(kb.Delete),
		chromedp.SendKeys(sel, query, chromedp.ByQuery),
		chromedp.KeyEvent(kb.Escape),
		chromedp.Focus(sel, chromedp.ByQuery),
		browsertest.ShiftEnter())
}

// shot saves a screenshot into docs/images when -screenshots is set.
func (p *chromiumPage) shot(t *testing.T, name string) {
	t.Helper()
	if *screenshots {
		p.Screenshot(t, filepath.Join("..", "..", "docs", "images", "ui-"+name+".png"))
	}
}

// TestBrowserSecurityAnalytics runs the security-analytics demo notebook
// with Run all over the real backend and checks that the process trees
// (the outline proctree.ts builds with d3-hierarchy) and the timeline are
// drawn from the engine's results.
func TestBrowserSecurityAnalytics(t *testing.T) {
	assets := web.Assets()
	if _, err := fs.Stat(assets, "index.html"); err != nil {
		t.Skip("the web bundle is not built: run `make build` before the browser tests")
	}
	if _, err := os.Stat(browsertest.ChromiumPath); err != nil {
		t.Skipf("chromium is missing at %s: `make test` installs it", browsertest.ChromiumPath)
	}
	base, token, _ := startRealUI(t, testDemoWorkspace(t))
	p := newChromium(t)
	p.Run(t, "open with token", chromedp.Navigate(base+"/?token="+token))
	p.openFromList(t, "Investigation - security analytics")
	p.Eval(t, `[...document.querySelectorAll(".toolbar button")].find(b => b.textContent.includes("Run all")).click()`, nil)
	p.WaitJS(t, "every cell ran", `[...document.querySelectorAll(".cells > section.cell .cell-status")].filter(e => e.textContent.includes("rows")).length >= 15`)
	var errors int
	p.Eval(t, `document.querySelectorAll(".cells .output-error, .cells .error-text").length`, &errors)
	if errors != 0 {
		t.Errorf("the notebook shows %d errors after Run all", errors)
	}

	// Two process trees: the alerted machine around the alert (Word → the
	// encoded PowerShell) and the implant's subtree (the LSASS dumps).
	const trees = `[...document.querySelectorAll('.chart-host[data-kind="processtree"] .ptree')]`
	p.WaitJS(t, "process trees", trees+`.length === 2`)
	var names [][]string
	p.Eval(t, trees+`.map(t => [...t.querySelectorAll(".ptree-name")].map(n => n.textContent))`, &names)
	wantNames := [][]string{{"OUTLOOK.EXE", "WINWORD.EXE", "powershell.exe", "WmiPrvSE.exe", "rundll32.exe"},
		{"rundll32.exe", "whoami.exe", "procdump64.exe", "PsExec64.exe"}}
	for i, want := range wantNames {
		for _, name := range want {
			if i >= len(names) || !slices.Contains(names[i], name) {
				t.Errorf("process tree %d lacks %s: %v", i+1, name, names)
			}
		}
	}
	var nested bool // the outline nests: powershell.exe is drawn inside WINWORD.EXE's branch
	p.Eval(t, trees+`[0].querySelector("li li .ptree-cmd")?.closest("ul[role=group]") !== null &&
		[...`+trees+`[0].querySelectorAll("li")].some(li => li.querySelector(":scope > .ptree-label .ptree-name")?.textContent === "WINWORD.EXE" &&
			[...li.querySelectorAll(":scope > ul .ptree-name")].some(n => n.textContent === "powershell.exe"))`, &nested)
	if !nested {
		t.Error("powershell.exe is not drawn as a child of WINWORD.EXE")
	}
	p.Eval(t, trees+`[1].closest(".chart-host").scrollIntoView()`, nil)
	p.Eval(t, `[...document.querySelectorAll(".ptree-label")].find(b => b.textContent.includes("procdump64.exe"))?.click()`, nil)
	p.WaitJS(t, "process details", `document.querySelector(".ptree-detail code")?.textContent.includes("lsass")`)
	p.shot(t, "real-processtree")

	// The timeline: one lane per host, drawn by ECharts on a canvas.
	const timeline = `document.querySelector('.chart-host[data-kind="timeline"] .chart-canvas')`
	p.WaitJS(t, "timeline", timeline+`?.querySelector("canvas")?.width > 0`)
	var label string
	p.Eval(t, timeline+`.getAttribute("aria-label")`, &label)
	if label != "timeline: The intrusion, host by host" {
		t.Errorf("timeline label %q", label)
	}
	var painted bool // some pixels of the canvas are drawn (not all transparent)
	p.Eval(t, `(() => { const c = `+timeline+`.querySelector("canvas"); const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
		let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++; return n > 1000; })()`, &painted)
	if !painted {
		t.Error("the timeline canvas is blank")
	}
	p.Eval(t, timeline+`.closest("section.cell").scrollIntoView()`, nil)
	p.shot(t, "real-timeline")
	t.Logf("process trees drawn: %v", names)
	p.CheckClean(t)
}
