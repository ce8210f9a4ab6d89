package server_test

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/huntbook/huntbook/internal/browsertest"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/server/servertest"
	"github.com/huntbook/huntbook/web"
)

var screenshots = flag.Bool("screenshots", false, "write the UI screenshots of the browser tests to docs/images")

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

// browserPage is a headless Chromium tab (browsertest.Page) with the
// notebook UI's own actions.
type browserPage struct{ *browsertest.Page }

func newBrowser(t *testing.T) *browserPage {
	t.Helper()
	return &browserPage{browsertest.New(t, 3*time.Minute)}
}

// shot saves a screenshot of the page into docs/images when -screenshots
// is set.
func (p *browserPage) shot(t *testing.T, name string) {
	t.Helper()
	if *screenshots {
		p.Screenshot(t, filepath.Join("..", "docs", "images", "ui-"+name+".png"))
	}
}

// typeInCell replaces the source of the notebook's n-th cell (0-based)
// through the editor, as typing does.
func (p *browserPage) typeInCell(t *testing.T, n int, text string) {
	t.Helper()
	sel := fmt.Sprintf(`document.querySelectorAll(".cell")[%d] .cm-content`, n)
	p.WaitJS(t, "cell editor", sel)
	p.Run(t, "focus cell editor",
		chromedp.Evaluate(sel+`.focus()`, nil),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl)),
		chromedp.KeyEvent("\b"),
		chromedp.SendKeys(fmt.Sprintf(`.cell:nth-of-type(%d) .cm-content`, n+1), text, chromedp.ByQuery))
}

func press(key, code string, vk int64, mods input.Modifier) chromedp.Action {
	return browsertest.Press(key, code, vk, mods)
}

func shiftEnter() chromedp.Action { return browsertest.ShiftEnter() }
