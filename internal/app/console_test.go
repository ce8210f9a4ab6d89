package app

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/kernel"
	"github.com/huntbook/huntbook/session/sessiontest"
)

// TestRealKernelUnderJupyterConsole types KQL into Debian's `jupyter
// console` running in a detached tmux session, against the real huntbook
// kernel over the small test workspace, and reads the tables off the screen:
// what an analyst in a terminal sees.
func TestRealKernelUnderJupyterConsole(t *testing.T) {
	if testing.Short() {
		t.Skip("real-Jupyter tests are skipped in -short mode")
	}
	for _, tool := range []string{"tmux", "jupyter-console"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is missing: `make test-deps` installs it (apt-get install %s)", tool, tool)
		}
	}
	root := t.TempDir()
	bin := buildHuntbook(t)
	ws := filepath.Join(root, "ws")
	if err := sessiontest.Create(context.Background(), ws); err != nil {
		t.Fatal(err)
	}
	if err := kernel.InstallSpec(filepath.Join(root, "data", "kernels", kernel.SpecName), kernel.NewSpec(bin, ws)); err != nil {
		t.Fatal(err)
	}
	con := startConsole(t, root)

	con.waitFor("In [1]:", 90*time.Second)
	con.typeLine("Events | where User == 'bob' | project User, Count, Host")
	con.waitFor("Out[1]:", 30*time.Second)
	screen := con.pane()
	for _, want := range []string{"User  Count  Host", "bob       1  host-1", "bob      10  host-0"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the table lacks %q; screen:\n%s", want, screen)
		}
	}

	con.waitFor("In [2]:", 30*time.Second)
	// A render query shows its rows as text (the console cannot draw SVG).
	con.typeLine("Events | summarize n = sum(Count) by Host | sort by Host asc | render piechart")
	con.waitFor("Out[2]:", 30*time.Second)
	screen = con.pane()
	for _, want := range []string{"Host     n", "host-0  30", "host-1  36"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the chart's rows lack %q; screen:\n%s", want, screen)
		}
	}

	con.waitFor("In [3]:", 30*time.Second)
	// Results persist between console inputs, by number.
	con.typeLine("_1 | summarize total = sum(Count)")
	con.waitFor("Out[3]:", 30*time.Second)
	if screen = con.pane(); !strings.Contains(screen, "total\n-----\n   22") {
		t.Errorf("_1's total (22) is missing; screen:\n%s", screen)
	}
	con.waitFor("In [4]:", 30*time.Second)

	// The result-set limit's warning reaches the terminal.
	con.typeLine("set truncationmaxrecords = 2; Events | project User")
	con.waitFor("Out[4]:", 30*time.Second)
	if screen = con.pane(); !strings.Contains(screen, "warning: the result was truncated to 2 rows") {
		t.Errorf("no truncation warning; screen:\n%s", screen)
	}
	con.waitFor("In [5]:", 30*time.Second)
	con.quit()
}

// console is a jupyter console in a private tmux server.
type console struct {
	t    *testing.T
	tmux func(args ...string) (string, error)
}

func startConsole(t *testing.T, root string) *console {
	t.Helper()
	sock := filepath.Join(root, "tmux.sock")
	env := privateJupyterEnv(root)
	c := &console{t: t, tmux: func(args ...string) (string, error) {
		cmd := exec.Command("tmux", append([]string{"-S", sock}, args...)...)
		cmd.Env = env // a private server, started with the private environment
		out, err := cmd.CombinedOutput()
		return string(out), err
	}}
	if out, err := c.tmux("new-session", "-d", "-x", "200", "-y", "60", "jupyter-console --kernel "+kernel.SpecName); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { c.tmux("kill-server") })
	return c
}

func (c *console) pane() string {
	out, _ := c.tmux("capture-pane", "-p", "-J", "-S", "-500")
	return out
}

func (c *console) waitFor(what string, timeout time.Duration) {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if strings.Contains(c.pane(), what) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.t.Fatalf("console never showed %q; screen:\n%s", what, c.pane())
}

func (c *console) typeLine(line string) {
	c.tmux("send-keys", "-l", line)
	c.tmux("send-keys", "Enter")
}

// quit leaves the console with Ctrl-D (confirming), which shuts the kernel down.
func (c *console) quit() {
	c.t.Helper()
	c.tmux("send-keys", "C-d")
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := c.tmux("has-session"); err != nil {
			return // the console exited and tmux with it
		}
		if strings.Contains(c.pane(), "Do you really want to exit") {
			c.tmux("send-keys", "y", "Enter")
		}
		time.Sleep(200 * time.Millisecond)
	}
	c.t.Errorf("the console did not exit; screen:\n%s", c.pane())
}
