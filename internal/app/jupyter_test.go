package app

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/huntbook/huntbook/kernel"
	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/render"
	"github.com/huntbook/huntbook/session/sessiontest"
)

// This test runs the real huntbook binary as a Jupyter kernel under
// Debian's nbconvert, over the small test workspace: the whole path from a
// notebook cell through the protocol, the session and DuckDB to tables and
// charts in the executed notebook and nbconvert's HTML.

const debianPython = "/usr/bin/python3" // the Python that sees Debian's Jupyter packages

func requireNbconvert(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("real-Jupyter tests are skipped in -short mode")
	}
	if err := exec.Command(debianPython, "-c", "import jupyter_client, nbclient").Run(); err != nil {
		t.Skipf("Debian's Jupyter is missing (%s cannot import jupyter_client and nbclient): `make test` installs jupyter-client and python3-nbclient", debianPython)
	}
	if _, err := exec.LookPath("jupyter-nbconvert"); err != nil {
		t.Skip("jupyter-nbconvert is missing: `make test` installs jupyter-nbconvert")
	}
}

var (
	buildOnce sync.Once
	buildDir  string
	buildBin  string
	buildErr  error
)

// buildHuntbook builds the huntbook command once per test binary.
func buildHuntbook(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "huntbook-app-test-"); buildErr != nil {
			return
		}
		buildBin = filepath.Join(buildDir, "huntbook")
		out, err := exec.Command("go", "build", "-o", buildBin, "github.com/huntbook/huntbook/cmd/huntbook").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("%v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatalf("building huntbook: %v", buildErr)
	}
	return buildBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// privateJupyterEnv is the environment with private Jupyter, home and
// XDG directories, so the user's Jupyter setup is never read or written.
func privateJupyterEnv(root string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "JUPYTER") || strings.HasPrefix(name, "XDG_") || strings.HasPrefix(name, "HUNTBOOK") ||
			name == "HOME" || name == "IPYTHONDIR" || name == "PYTHONPATH" {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"HOME="+filepath.Join(root, "home"),
		"JUPYTER_DATA_DIR="+filepath.Join(root, "data"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(root, "runtime"),
		"JUPYTER_CONFIG_DIR="+filepath.Join(root, "config"),
		"IPYTHONDIR="+filepath.Join(root, "ipython"),
		"XDG_DATA_HOME="+filepath.Join(root, "data"),
		"XDG_CONFIG_HOME="+filepath.Join(root, "xdg-config"),
		"XDG_CACHE_HOME="+filepath.Join(root, "xdg-cache"),
	)
}

func TestRealKernelUnderNbconvert(t *testing.T) {
	requireNbconvert(t)
	root := t.TempDir()
	ctx, cancel := context.WithTimeout(t.Context(), 4*time.Minute)
	defer cancel()
	bin := buildHuntbook(t)
	ws := filepath.Join(root, "ws")
	if err := sessiontest.Create(ctx, ws); err != nil {
		t.Fatal(err)
	}
	// The kernelspec names the workspace through its env, as
	// `huntbook kernel install --workspace` writes it.
	if err := kernel.InstallSpec(filepath.Join(root, "data", "kernels", kernel.SpecName), kernel.NewSpec(bin, ws)); err != nil {
		t.Fatal(err)
	}
	nb := notebook.New()
	params := notebook.NewCell(notebook.Code, "let who = 'bob';")
	params.SetTag(notebook.ParametersTag, true) // papermill's tag; nbconvert runs the cell as it is
	nb.Cells = append(nb.Cells,
		notebook.NewCell(notebook.Markdown, "# Test hunt"),
		params,
		notebook.NewCell(notebook.Code, "Events | where User == who | project User, Count | as bobs"),
		notebook.NewCell(notebook.Code, "Events | summarize n = count() by bin(TimeGenerated, 4h) | render columnchart"),
		notebook.NewCell(notebook.Code, "bobs | summarize total = sum(Count)"),
	)
	in := filepath.Join(root, "hunt.ipynb")
	if err := notebook.Save(in, nb); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, "jupyter-nbconvert", "--to", "notebook", "--execute", in, "--output", "executed", "--output-dir", root)
	cmd.Env = privateJupyterEnv(root)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nbconvert --execute: %v\n%s", err, out)
	}
	got, err := notebook.Load(filepath.Join(root, "executed.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	table := onlyBundle(t, got.Cells[2])
	if html, _ := table[render.MIMEHTML].(string); !strings.Contains(html, "<table") || !strings.Contains(html, "<td>bob</td>") {
		t.Errorf("cell 3 has no HTML table of bob's events: %v", table)
	}
	chart := onlyBundle(t, got.Cells[3])
	if svg, _ := chart[render.MIMESVG].(string); !strings.HasPrefix(strings.TrimSpace(svg), "<svg") {
		t.Errorf("cell 4 has no SVG chart: %v", keys(chart))
	}
	if _, ok := chart[render.MIMEVegaLite]; !ok {
		t.Errorf("cell 4 has no vega-lite spec: %v", keys(chart))
	}
	// The named result of cell 3 fed cell 5: bob's counts 1+4+7+10.
	if text, _ := onlyBundle(t, got.Cells[4])[render.MIMEText].(string); !strings.Contains(text, "22") {
		t.Errorf("cell 5 = %q, want total 22", text)
	}
	if n := got.Cells[4].ExecutionCount; n == nil || *n != 4 {
		t.Errorf("cell 5 execution count = %v, want 4", n)
	}
	// nbconvert's own HTML shows the table and the chart.
	cmd = exec.CommandContext(ctx, "jupyter-nbconvert", "--to", "html", filepath.Join(root, "executed.ipynb"), "--output-dir", root)
	cmd.Env = privateJupyterEnv(root)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nbconvert --to html: %v\n%s", err, out)
	}
	page, err := os.ReadFile(filepath.Join(root, "executed.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<td>bob</td>", "<svg"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("nbconvert's HTML lacks %q", want)
		}
	}
}

func TestRealKernelUnderJupyterClient(t *testing.T) {
	requireNbconvert(t)
	root := t.TempDir()
	ctx, cancel := context.WithTimeout(t.Context(), 4*time.Minute)
	defer cancel()
	bin := buildHuntbook(t)
	ws := filepath.Join(root, "ws")
	if err := sessiontest.Create(ctx, ws); err != nil {
		t.Fatal(err)
	}
	if err := kernel.InstallSpec(filepath.Join(root, "data", "kernels", kernel.SpecName), kernel.NewSpec(bin, ws)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, debianPython, filepath.Join("testdata", "real_kernel_check.py"), kernel.SpecName)
	cmd.Env = privateJupyterEnv(root)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("real_kernel_check.py: %v", err)
	}
	for _, check := range []string{"execute table", "execute chart", "results by number", "positioned error",
		"complete column", "inspect table", "is_complete", "interrupt of a long query", "shutdown"} {
		if !strings.Contains(string(out), "ok "+check) {
			t.Errorf("check %q did not pass", check)
		}
	}
}

// onlyBundle returns the data of a code cell's single rich output.
func onlyBundle(t *testing.T, c *notebook.Cell) notebook.MIMEBundle {
	t.Helper()
	var found notebook.MIMEBundle
	for _, o := range c.Outputs {
		if o.Type == notebook.ExecuteResult || o.Type == notebook.DisplayData {
			if found != nil {
				t.Errorf("cell %q has several rich outputs", c.Source)
			}
			found = o.Data
		}
		if o.Type == notebook.Error {
			t.Errorf("cell %q failed: %s: %s", c.Source, o.EName, o.EValue)
		}
	}
	if found == nil {
		t.Fatalf("cell %q has no rich output (%d outputs)", c.Source, len(c.Outputs))
	}
	return found
}
