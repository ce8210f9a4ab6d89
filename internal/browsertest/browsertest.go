// Package browsertest drives headless Chromium (Debian's, at
// ChromiumPath) for the browser tests of the notebook UI: a Page records
// what must never happen — an alert or prompt dialog (an XSS payload that
// ran), a Content-Security-Policy violation, an uncaught exception, a
// console error — and offers the few actions the tests need.
package browsertest

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// ChromiumPath is where `make test` installs Chromium.
const ChromiumPath = "/usr/bin/chromium"

// cellSummary is JavaScript listing each cell's source, status and error,
// printed when a wait times out.
const cellSummary = `[...document.querySelectorAll(".cell")].map(c => (c.querySelector(".cm-content")?.innerText ?? "").slice(0, 80) + " => " + c.querySelector(".cell-status")?.textContent + " " + (c.querySelector(".output-error")?.textContent ?? "")).join("\n")`

// Page is one headless Chromium tab.
type Page struct {
	Ctx context.Context
	// WaitTimeout bounds WaitJS.
	WaitTimeout time.Duration

	mu       sync.Mutex
	problems []string
}

// New starts Chromium for the test, or skips the test when Chromium is
// missing. The browser lives at most lifetime and is stopped at cleanup.
func New(t *testing.T, lifetime time.Duration) *Page {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		t.Skipf("chromium is missing at %s: `make test` installs it (apt-get install chromium)", ChromiumPath)
	}
	// Not t.TempDir: Chromium may still write its profile while the test's
	// cleanup runs; the profile is removed after Chromium has exited.
	profile, err := os.MkdirTemp("", "huntbook-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ChromiumPath), chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile), chromedp.WindowSize(1400, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, lifetime)
	t.Cleanup(func() {
		_ = chromedp.Cancel(ctx)
		cancelT()
		cancelC()
		cancelA()
		time.Sleep(100 * time.Millisecond)
		_ = os.RemoveAll(profile)
	})
	p := &Page{Ctx: ctx, WaitTimeout: 20 * time.Second}
	chromedp.ListenTarget(ctx, p.watch)
	if err := chromedp.Run(ctx, log.Enable(), runtime.Enable()); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return p
}

// watch records the browser events that mean something went wrong.
func (p *Page) watch(ev any) {
	switch e := ev.(type) {
	case *page.EventJavascriptDialogOpening:
		if e.Type == page.DialogTypeAlert || e.Type == page.DialogTypePrompt {
			p.problem("dialog opened: " + e.Message)
		}
		go func() { _ = chromedp.Run(p.Ctx, page.HandleJavaScriptDialog(true)) }()
	case *runtime.EventExceptionThrown:
		p.problem("uncaught exception: " + e.ExceptionDetails.Error())
	case *log.EventEntryAdded:
		if strings.Contains(e.Entry.Text, "Content Security Policy") || strings.Contains(e.Entry.Text, "Refused to") {
			p.problem("CSP: " + e.Entry.Text)
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.APITypeError {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			p.problem("console.error: " + strings.Join(parts, " "))
		}
	}
}

func (p *Page) problem(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.problems = append(p.problems, s)
}

// CheckClean fails the test for every problem seen so far, and forgets them.
func (p *Page) CheckClean(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.problems {
		t.Error(s)
	}
	p.problems = nil
}

// Run runs chromedp actions, failing the test with what on error.
func (p *Page) Run(t *testing.T, what string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(p.Ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Eval evaluates JavaScript and decodes its result into out.
func (p *Page) Eval(t *testing.T, js string, out any) {
	t.Helper()
	p.Run(t, "eval "+js, chromedp.Evaluate(js, out))
}

// WaitJS polls a JavaScript condition until it holds, for WaitTimeout at
// most; on timeout it fails with the cells' state.
func (p *Page) WaitJS(t *testing.T, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(p.WaitTimeout)
	for {
		var ok bool
		err := chromedp.Run(p.Ctx, chromedp.Evaluate("!!("+cond+")", &ok))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			var body string
			_ = chromedp.Run(p.Ctx, chromedp.Evaluate(cellSummary, &body))
			t.Fatalf("waiting for %s (%s): %v\npage:\n%s", what, cond, err, body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Screenshot writes a PNG of the page to path.
func (p *Page) Screenshot(t *testing.T, path string) {
	t.Helper()
	var buf []byte
	p.Run(t, "screenshot", chromedp.Sleep(400*time.Millisecond), chromedp.CaptureScreenshot(&buf))
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Press sends a key with modifiers as keyDown and keyUp only. chromedp's
// KeyEvent also sends a char event, which a real browser does not send when
// the page handled the keydown; the stray char would type a newline into
// whichever editor has the focus next.
func Press(key, code string, vk int64, mods input.Modifier) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		down := input.DispatchKeyEvent(input.KeyRawDown).WithKey(key).WithCode(code).
			WithWindowsVirtualKeyCode(vk).WithNativeVirtualKeyCode(vk).WithModifiers(mods)
		if err := down.Do(ctx); err != nil {
			return err
		}
		return input.DispatchKeyEvent(input.KeyUp).WithKey(key).WithCode(code).
			WithWindowsVirtualKeyCode(vk).WithNativeVirtualKeyCode(vk).WithModifiers(mods).Do(ctx)
	})
}

// ShiftEnter runs the focused cell.
func ShiftEnter() chromedp.Action { return Press("Enter", "Enter", 13, input.ModifierShift) }

// NewTab opens a second tab of the same browser (without the problem
// watch); cancel closes it.
func (p *Page) NewTab() (tab *Page, cancel context.CancelFunc) {
	ctx, cancel := chromedp.NewContext(p.Ctx)
	return &Page{Ctx: ctx, WaitTimeout: p.WaitTimeout}, cancel
}
