package server_test

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/server/servertest"
	"github.com/huntbook/huntbook/web"
)

var screenshots = flag.Bool("screenshots", false, "write the UI screenshots of the browser tests to docs/images")

const chromiumPath = "/usr/bin/chromium"

// uiServer is a server over the fake backend, listening on 127.0.0.1.
type uiServer struct {
	srv     *server.Server
	backend *servertest.Backend
	dir     string
	base    string // http://127.0.0.1:PORT
}

func startUI(t *testing.T, assets fs.FS, setup ...func(dir string)) *uiServer {
	t.Helper()
	dir := t.TempDir()
	for _, f := range setup {
		f(dir)
	}
	b, err := servertest.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(b, server.Options{Listener: ln, Assets: assets, Token: "test-token-0123456789"})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return &uiServer{srv: srv, backend: b, dir: dir, base: "http://" + ln.Addr().String()}
}

// builtAssets returns the web bundle, or skips when it is not built.
func builtAssets(t *testing.T) fs.FS {
	t.Helper()
	a := web.Assets()
	if _, err := fs.Stat(a, "index.html"); err != nil {
		t.Skip("the web bundle is not built: run `make build` (npm ci + esbuild) before the browser tests")
	}
	return a
}

// browserPage is a headless Chromium tab that records what must never
// happen: a JavaScript dialog (XSS alert), a CSP violation, an uncaught
// exception.
type browserPage struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
}

func newBrowser(t *testing.T) *browserPage {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("chromium is missing at %s: `make test` installs it (apt-get install chromium)", chromiumPath)
	}
	// Not t.TempDir: Chromium may still write its profile while the test's
	// cleanup runs; the profile is removed after Chromium has exited.
	profile, err := os.MkdirTemp("", "huntbook-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() {
		_ = chromedp.Cancel(ctx)
		cancelT()
		cancelC()
		cancelA()
		time.Sleep(100 * time.Millisecond)
		_ = os.RemoveAll(profile)
	})
	p := &browserPage{ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			if e.Type == page.DialogTypeAlert || e.Type == page.DialogTypePrompt {
				p.problem("dialog opened: " + e.Message)
			}
			go func() {
				_ = chromedp.Run(ctx, page.HandleJavaScriptDialog(true))
			}()
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
	})
	if err := chromedp.Run(ctx, log.Enable(), runtime.Enable()); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return p
}

func (p *browserPage) problem(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.problems = append(p.problems, s)
}

// checkClean fails the test for every dialog, CSP violation or exception
// seen so far.
func (p *browserPage) checkClean(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.problems {
		t.Error(s)
	}
	p.problems = nil
}

func (p *browserPage) run(t *testing.T, what string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(p.ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates JavaScript and decodes its result into out.
func (p *browserPage) eval(t *testing.T, js string, out any) {
	t.Helper()
	p.run(t, "eval "+js, chromedp.Evaluate(js, out))
}

// waitJS polls a JavaScript condition until it is true.
func (p *browserPage) waitJS(t *testing.T, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var ok bool
		err := chromedp.Run(p.ctx, chromedp.Evaluate("!!("+cond+")", &ok))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			var body string
			_ = chromedp.Run(p.ctx, chromedp.Evaluate(`[...document.querySelectorAll(".cell")].map(c => c.querySelector(".cm-content")?.innerText + " => " + c.querySelector(".cell-status")?.textContent + " " + (c.querySelector(".output-error")?.textContent ?? "")).join("\n")`, &body))
			t.Fatalf("waiting for %s (%s): %v\npage text:\n%s", what, cond, err, body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// shot saves a screenshot of the page into docs/images when -screenshots
// is set.
func (p *browserPage) shot(t *testing.T, name string) {
	t.Helper()
	if !*screenshots {
		return
	}
	var buf []byte
	p.run(t, "screenshot", chromedp.Sleep(300*time.Millisecond), chromedp.CaptureScreenshot(&buf))
	path := filepath.Join("..", "docs", "images", "ui-"+name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// typeInCell replaces the source of the notebook's n-th cell (0-based)
// through the editor, as typing does.
func (p *browserPage) typeInCell(t *testing.T, n int, text string) {
	t.Helper()
	sel := fmt.Sprintf(`document.querySelectorAll(".cell")[%d] .cm-content`, n)
	p.waitJS(t, "cell editor", sel)
	p.run(t, "focus cell editor",
		chromedp.Evaluate(sel+`.focus()`, nil),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl)),
		chromedp.KeyEvent("\b"),
		chromedp.SendKeys(fmt.Sprintf(`.cell:nth-of-type(%d) .cm-content`, n+1), text, chromedp.ByQuery))
}

// press sends a key with modifiers as keyDown and keyUp only. chromedp's
// KeyEvent also sends a char event, which a real browser does not send when
// the page handled the keydown; the stray char would type a newline into
// whichever editor has the focus next.
func press(key, code string, vk int64, mods input.Modifier) chromedp.Action {
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

func shiftEnter() chromedp.Action { return press("Enter", "Enter", 13, input.ModifierShift) }
