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
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/huntbook/huntbook/internal/app"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/web"
	"github.com/huntbook/huntbook/workspace"
)

var screenshots = flag.Bool("screenshots", false, "write the screenshots of the real-backend browser test to docs/images")

const chromiumPath = "/usr/bin/chromium"

// TestBrowserRealBackend drives the UI in headless Chromium over the real
// backend and a generated demo workspace: a new notebook, a KQL query with
// its rows in the grid, a chart, then the guided investigation run top to
// bottom with Run all.
func TestBrowserRealBackend(t *testing.T) {
	assets := web.Assets()
	if _, err := fs.Stat(assets, "index.html"); err != nil {
		t.Skip("the web bundle is not built: run `make build` before the browser tests")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("chromium is missing at %s: `make test` installs it", chromiumPath)
	}
	dir := testDemoWorkspace(t)
	base, token, b := startRealUI(t, dir)
	if _, err := b.CreateNotebook(context.Background(), "Browser hunt"); err != nil {
		t.Fatal(err)
	}
	p := newChromium(t)
	p.run(t, "open with token", chromedp.Navigate(base+"/?token="+token))
	p.openFromList(t, "Browser hunt")

	p.typeAndRun(t, 0, `SecurityEvent | where EventID == 4688 | project TimeGenerated, Computer, Account, CommandLine | take 40`)
	p.waitJS(t, "cell 0 done", `(document.querySelector(".cells > section.cell:nth-of-type(1) .cell-status")?.textContent ?? "").includes("40 rows")`)
	p.waitJS(t, "grid rows", `document.querySelectorAll(".cells > section.cell:nth-of-type(1) .grid-tr").length > 10`)
	// The rows come from the engine page by page: the Computer column shows
	// the demo's machine names once the first page arrived.
	p.waitJS(t, "grid values", `[...document.querySelectorAll(".cells > section.cell:nth-of-type(1) .grid-tr .grid-td:nth-child(3)")].slice(0, 5).every(td => td.textContent.includes(".corp."))`)

	p.typeAndRun(t, 1, `SecurityEvent | where EventID == 4624 | summarize Logons = count() by bin(TimeGenerated, 1h) | render timechart`)
	p.waitJS(t, "timechart", `document.querySelector(".cells > section.cell:nth-of-type(2) .chart-host canvas")`)
	p.shot(t, "real-chart")

	// The guided investigation, top to bottom.
	p.run(t, "back to the list", chromedp.Navigate(base+"/"))
	opened := time.Now()
	p.openFromList(t, "Investigation - encoded PowerShell")
	p.eval(t, `[...document.querySelectorAll(".toolbar button")].find(b => b.textContent.includes("Run all")).click()`, nil)
	p.waitJS(t, "first result", `document.querySelector(".cells .grid-tr .grid-td:nth-child(2)")?.textContent.length > 1`)
	t.Logf("opening the investigation and Run all: first result's rows on screen after %v", time.Since(opened).Round(time.Millisecond))
	p.waitJS(t, "every cell ran", `(() => { const s = [...document.querySelectorAll(".cells > section.cell .cell-status")].map(e => e.textContent);
		return s.length > 10 && s.filter(x => x.includes("rows") || x.includes("row")).length >= 14; })()`)
	t.Logf("every cell done after %v", time.Since(opened).Round(time.Millisecond))
	var errors int
	p.eval(t, `document.querySelectorAll(".cells .output-error").length`, &errors)
	if errors != 0 {
		t.Errorf("the investigation shows %d errors after Run all", errors)
	}
	p.eval(t, `[...document.querySelectorAll(".cells > section.cell")][4].scrollIntoView()`, nil)
	p.shot(t, "real-investigation")
	p.checkClean(t)
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

// chromiumPage is a headless Chromium tab recording what must never
// happen: a dialog, an uncaught exception, a console error.
type chromiumPage struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
}

func newChromium(t *testing.T) *chromiumPage {
	t.Helper()
	profile, err := os.MkdirTemp("", "huntbook-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath), chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile), chromedp.WindowSize(1400, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() {
		_ = chromedp.Cancel(ctx)
		cancelT()
		cancelC()
		cancelA()
		time.Sleep(100 * time.Millisecond)
		_ = os.RemoveAll(profile)
	})
	p := &chromiumPage{ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			p.problem("dialog opened: " + e.Message)
			go func() { _ = chromedp.Run(ctx, page.HandleJavaScriptDialog(true)) }()
		case *runtime.EventExceptionThrown:
			p.problem("uncaught exception: " + e.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				p.problem("console.error: " + strings.Join(parts, " "))
			}
		}
	})
	if err := chromedp.Run(ctx, runtime.Enable()); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return p
}

func (p *chromiumPage) problem(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.problems = append(p.problems, s)
}

func (p *chromiumPage) checkClean(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.problems {
		t.Error(s)
	}
}

func (p *chromiumPage) run(t *testing.T, what string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(p.ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func (p *chromiumPage) eval(t *testing.T, js string, out any) {
	t.Helper()
	p.run(t, "eval "+js, chromedp.Evaluate(js, out))
}

// waitJS polls a JavaScript condition until it holds (a minute at most:
// the real engine runs the queries).
func (p *chromiumPage) waitJS(t *testing.T, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		var ok bool
		err := chromedp.Run(p.ctx, chromedp.Evaluate("!!("+cond+")", &ok))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			var body string
			_ = chromedp.Run(p.ctx, chromedp.Evaluate(`[...document.querySelectorAll(".cell")].map(c => (c.querySelector(".cm-content")?.innerText ?? "").slice(0, 80) + " => " + c.querySelector(".cell-status")?.textContent + " " + (c.querySelector(".output-error")?.textContent ?? "")).join("\n")`, &body))
			t.Fatalf("waiting for %s: %v\npage:\n%s", what, err, body)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (p *chromiumPage) openFromList(t *testing.T, name string) {
	t.Helper()
	p.waitJS(t, "notebook list", fmt.Sprintf(`[...document.querySelectorAll(".nb-link")].some(a => a.textContent === %q)`, name))
	p.eval(t, fmt.Sprintf(`[...document.querySelectorAll(".nb-link")].find(a => a.textContent === %q).click()`, name), nil)
	p.waitJS(t, "notebook open", `document.querySelector(".cells .cm-content") && document.querySelector(".save-state").textContent !== "Connecting…"`)
}

// typeAndRun replaces the n-th cell's source and runs it with Shift+Enter.
func (p *chromiumPage) typeAndRun(t *testing.T, n int, query string) {
	t.Helper()
	sel := fmt.Sprintf(".cells > section.cell:nth-of-type(%d) .cm-content", n+1)
	p.waitJS(t, fmt.Sprintf("cell %d", n), fmt.Sprintf("document.querySelector(%q)", sel))
	p.run(t, "type query",
		chromedp.Focus(sel, chromedp.ByQuery),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl)),
		chromedp.KeyEvent(kb.Delete),
		chromedp.SendKeys(sel, query, chromedp.ByQuery),
		chromedp.KeyEvent(kb.Escape),
		chromedp.Focus(sel, chromedp.ByQuery),
		shiftEnterKey())
}

// shiftEnterKey sends Shift+Enter as keyDown and keyUp only (no stray char
// event typing a newline into the next editor).
func shiftEnterKey() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		down := input.DispatchKeyEvent(input.KeyRawDown).WithKey("Enter").WithCode("Enter").
			WithWindowsVirtualKeyCode(13).WithNativeVirtualKeyCode(13).WithModifiers(input.ModifierShift)
		if err := down.Do(ctx); err != nil {
			return err
		}
		return input.DispatchKeyEvent(input.KeyUp).WithKey("Enter").WithCode("Enter").
			WithWindowsVirtualKeyCode(13).WithNativeVirtualKeyCode(13).WithModifiers(input.ModifierShift).Do(ctx)
	})
}

// shot saves a screenshot into docs/images when -screenshots is set.
func (p *chromiumPage) shot(t *testing.T, name string) {
	t.Helper()
	if !*screenshots {
		return
	}
	var buf []byte
	p.run(t, "screenshot", chromedp.Sleep(400*time.Millisecond), chromedp.CaptureScreenshot(&buf))
	if err := os.WriteFile(filepath.Join("..", "..", "docs", "images", "ui-"+name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
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
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("chromium is missing at %s: `make test` installs it", chromiumPath)
	}
	base, token, _ := startRealUI(t, testDemoWorkspace(t))
	p := newChromium(t)
	p.run(t, "open with token", chromedp.Navigate(base+"/?token="+token))
	p.openFromList(t, "Investigation - security analytics")
	p.eval(t, `[...document.querySelectorAll(".toolbar button")].find(b => b.textContent.includes("Run all")).click()`, nil)
	p.waitJS(t, "every cell ran", `[...document.querySelectorAll(".cells > section.cell .cell-status")].filter(e => e.textContent.includes("rows")).length >= 15`)
	var errors int
	p.eval(t, `document.querySelectorAll(".cells .output-error, .cells .error-text").length`, &errors)
	if errors != 0 {
		t.Errorf("the notebook shows %d errors after Run all", errors)
	}

	// Two process trees: the alerted machine around the alert (Word → the
	// encoded PowerShell) and the implant's subtree (the LSASS dumps).
	const trees = `[...document.querySelectorAll('.chart-host[data-kind="processtree"] .ptree')]`
	p.waitJS(t, "process trees", trees+`.length === 2`)
	var names [][]string
	p.eval(t, trees+`.map(t => [...t.querySelectorAll(".ptree-name")].map(n => n.textContent))`, &names)
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
	p.eval(t, trees+`[0].querySelector("li li .ptree-cmd")?.closest("ul[role=group]") !== null &&
		[...`+trees+`[0].querySelectorAll("li")].some(li => li.querySelector(":scope > .ptree-label .ptree-name")?.textContent === "WINWORD.EXE" &&
			[...li.querySelectorAll(":scope > ul .ptree-name")].some(n => n.textContent === "powershell.exe"))`, &nested)
	if !nested {
		t.Error("powershell.exe is not drawn as a child of WINWORD.EXE")
	}
	p.eval(t, trees+`[1].closest(".chart-host").scrollIntoView()`, nil)
	p.eval(t, `[...document.querySelectorAll(".ptree-label")].find(b => b.textContent.includes("procdump64.exe"))?.click()`, nil)
	p.waitJS(t, "process details", `document.querySelector(".ptree-detail code")?.textContent.includes("lsass")`)
	p.shot(t, "real-processtree")

	// The timeline: one lane per host, drawn by ECharts on a canvas.
	const timeline = `document.querySelector('.chart-host[data-kind="timeline"] .chart-canvas')`
	p.waitJS(t, "timeline", timeline+`?.querySelector("canvas")?.width > 0`)
	var label string
	p.eval(t, timeline+`.getAttribute("aria-label")`, &label)
	if label != "timeline: The intrusion, host by host" {
		t.Errorf("timeline label %q", label)
	}
	var painted bool // some pixels of the canvas are drawn (not all transparent)
	p.eval(t, `(() => { const c = `+timeline+`.querySelector("canvas"); const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
		let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++; return n > 1000; })()`, &painted)
	if !painted {
		t.Error("the timeline canvas is blank")
	}
	p.eval(t, timeline+`.closest("section.cell").scrollIntoView()`, nil)
	p.shot(t, "real-timeline")
	t.Logf("process trees drawn: %v", names)
	p.checkClean(t)
}
