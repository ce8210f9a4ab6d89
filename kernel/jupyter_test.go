package kernel_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/huntbook/huntbook/kernel"
)

// These tests run the kernel under Debian's real Jupyter: jupyter_client's
// KernelManager, jupyter console (in tmux) and nbconvert. The kernel is the
// test kernel binary (kernel/internal/testkernel: the protocol over the
// scripted fake session) until the notebook session exists. Every test gets
// fresh HOME / JUPYTER_* / XDG_* directories, so the user's Jupyter setup is
// never read or written.

const (
	python         = "/usr/bin/python3" // Debian's, which sees the Debian Jupyter packages
	testKernelName = "huntbook-test"
)

// requireJupyter skips when Debian's Jupyter is not installed.
func requireJupyter(t *testing.T, tools ...string) {
	t.Helper()
	if testing.Short() {
		t.Skip("real-Jupyter tests are skipped in -short mode")
	}
	if err := exec.Command(python, "-c", "import jupyter_client").Run(); err != nil {
		t.Skipf("Debian's Jupyter is missing (%s cannot import jupyter_client): `make test-deps` installs jupyter-client", python)
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is missing: `make test-deps` installs it", tool)
		}
	}
}

var (
	buildOnce sync.Once
	buildBin  string
	buildErr  error
	buildDir  string
)

// testKernelBinary builds kernel/internal/testkernel once per test binary.
func testKernelBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "huntbook-testkernel-")
		if buildErr != nil {
			return
		}
		buildBin = filepath.Join(buildDir, "testkernel")
		out, err := exec.Command("go", "build", "-o", buildBin, "./internal/testkernel").CombinedOutput()
		if err != nil {
			buildErr = err
			buildBin = string(out)
		}
	})
	if buildErr != nil {
		t.Fatalf("building the test kernel: %v\n%s", buildErr, buildBin)
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

// jupyterEnv returns an environment with private Jupyter directories holding
// the test kernel's kernelspec, written by the kernel package itself.
func jupyterEnv(t *testing.T) (env []string, dirs map[string]string) {
	t.Helper()
	root := t.TempDir()
	dirs = map[string]string{}
	for _, d := range []string{"home", "data", "runtime", "config", "ipython", "xdg-config", "xdg-cache"} {
		dirs[d] = filepath.Join(root, d)
		if err := os.MkdirAll(dirs[d], 0o700); err != nil {
			t.Fatal(err)
		}
	}
	spec := kernel.NewSpec(testKernelBinary(t), "")
	spec.DisplayName = "KQL (huntbook test kernel)"
	if err := kernel.InstallSpec(filepath.Join(dirs["data"], "kernels", testKernelName), spec); err != nil {
		t.Fatal(err)
	}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "JUPYTER") || strings.HasPrefix(name, "XDG_") ||
			strings.HasPrefix(name, "TMUX") || name == "HOME" || name == "IPYTHONDIR" || name == "PYTHONPATH" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"HOME="+dirs["home"],
		"JUPYTER_DATA_DIR="+dirs["data"],
		"JUPYTER_RUNTIME_DIR="+dirs["runtime"],
		"JUPYTER_CONFIG_DIR="+dirs["config"],
		"IPYTHONDIR="+dirs["ipython"],
		"XDG_DATA_HOME="+dirs["data"],
		"XDG_CONFIG_HOME="+dirs["xdg-config"],
		"XDG_CACHE_HOME="+dirs["xdg-cache"],
		"TERM=xterm-256color",
	)
	return env, dirs
}

func runTool(t *testing.T, ctx context.Context, env []string, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestJupyterClient(t *testing.T) {
	requireJupyter(t)
	env, _ := jupyterEnv(t)
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	out, err := runTool(t, ctx, env, python, filepath.Join("testdata", "jupyter_client_check.py"), testKernelName)
	if err != nil {
		t.Fatalf("jupyter_client checks failed: %v\n%s", err, out)
	}
	for _, check := range []string{
		"kernel_info", "execute_result", "display_data", "stream", "error", "complete", "inspect",
		"is_complete", "history", "comm_info", "interrupt via KernelManager",
		"control answered during execute", "heartbeat", "bad signatures rejected", "restart",
		"shutdown during execute",
	} {
		if !strings.Contains(out, "ok "+check) {
			t.Errorf("check %q did not pass", check)
		}
	}
	t.Logf("jupyter_client:\n%s", out)
}

// multiline joins an nbformat multi-line string (a string or a list of lines).
func multiline(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		var b strings.Builder
		for _, l := range v {
			s, _ := l.(string)
			b.WriteString(s)
		}
		return b.String()
	}
	return ""
}

// notebook returns an nbformat 4 notebook for the test kernel.
func notebook(t *testing.T, cells ...string) []byte {
	t.Helper()
	var cs []map[string]any
	for _, src := range cells {
		cs = append(cs, map[string]any{
			"cell_type": "code", "execution_count": nil, "metadata": map[string]any{},
			"outputs": []any{}, "source": src,
		})
	}
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5, "cells": cs,
		"metadata": map[string]any{
			"kernelspec":    map[string]any{"name": testKernelName, "display_name": "KQL", "language": "kql"},
			"language_info": map[string]any{"name": "kql"},
		},
	}
	data, err := json.Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestNbconvertExecute(t *testing.T) {
	requireJupyter(t, "jupyter-nbconvert")
	env, _ := jupyterEnv(t)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()

	in := filepath.Join(dir, "hunt.ipynb")
	if err := os.WriteFile(in, notebook(t, "SecurityEvent | take 3", "display", "stream scanning 3 tables"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := runTool(t, ctx, env, "jupyter-nbconvert", "--to", "notebook", "--execute", in,
		"--output", "executed", "--output-dir", dir)
	if err != nil {
		t.Fatalf("nbconvert --execute: %v\n%s", err, out)
	}
	var nb struct {
		Cells []struct {
			ExecutionCount *int `json:"execution_count"`
			Outputs        []struct {
				OutputType string         `json:"output_type"`
				Data       map[string]any `json:"data"`
				Text       any            `json:"text"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "executed.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &nb); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range nb.Cells {
		var kinds []string
		for _, o := range c.Outputs {
			kinds = append(kinds, o.OutputType)
		}
		got = append(got, strings.Join(kinds, "+"))
	}
	want := []string{"execute_result", "display_data+execute_result", "stream"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("outputs = %v, want %v", got, want)
	}
	if c := nb.Cells[0].ExecutionCount; c == nil || *c != 1 {
		t.Errorf("first cell's execution_count = %v, want 1", c)
	}
	if html := multiline(nb.Cells[1].Outputs[0].Data["text/html"]); !strings.Contains(html, "<table>") {
		t.Errorf("display_data html = %q", html)
	}

	// The executed notebook renders to HTML with the kernel's outputs.
	out, err = runTool(t, ctx, env, "jupyter-nbconvert", "--to", "html", filepath.Join(dir, "executed.ipynb"), "--output-dir", dir)
	if err != nil {
		t.Fatalf("nbconvert --to html: %v\n%s", err, out)
	}
	page, err := os.ReadFile(filepath.Join(dir, "executed.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<td>42</td>", "scanning 3 tables", "SecurityEvent | take 3"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}

	// A failing cell stops the run with the kernel's error.
	bad := filepath.Join(dir, "bad.ipynb")
	os.WriteFile(bad, notebook(t, "ok", "fail no such table: Foo", "never runs"), 0o600)
	out, err = runTool(t, ctx, env, "jupyter-nbconvert", "--to", "notebook", "--execute", bad, "--output-dir", dir)
	if err == nil {
		t.Fatalf("nbconvert succeeded on a failing notebook:\n%s", out)
	}
	if !strings.Contains(out, "QueryError") || !strings.Contains(out, "no such table: Foo") {
		t.Errorf("nbconvert's failure does not show the kernel's error:\n%s", out)
	}
}

func TestJupyterConsole(t *testing.T) {
	requireJupyter(t, "jupyter-console", "tmux")
	env, dirs := jupyterEnv(t)
	sock := filepath.Join(t.TempDir(), "tmux.sock")
	tmux := func(args ...string) (string, error) {
		cmd := exec.Command("tmux", append([]string{"-S", sock}, args...)...)
		cmd.Env = env // a private server, started with the private environment
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := tmux("new-session", "-d", "-x", "160", "-y", "50", "jupyter-console --kernel "+testKernelName); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	defer tmux("kill-server")
	pane := func() string {
		out, _ := tmux("capture-pane", "-p", "-S", "-200")
		return out
	}
	waitFor := func(what string, timeout time.Duration) {
		t.Helper()
		deadline := time.Now().Add(timeout)
		for time.Now().Before(deadline) {
			if strings.Contains(pane(), what) {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("console never showed %q; screen:\n%s", what, pane())
	}
	typeLine := func(line string) {
		tmux("send-keys", "-l", line)
		tmux("send-keys", "Enter")
	}

	waitFor("In [1]:", 60*time.Second)
	if !strings.Contains(pane(), "huntbook 0.0.0-testkernel") {
		t.Errorf("the banner is missing; screen:\n%s", pane())
	}
	typeLine("SecurityEvent | count")
	waitFor("Out[1]: SecurityEvent | count", 10*time.Second)

	// is_complete: a trailing pipe continues the cell on the next line.
	typeLine("SigninLogs |")
	waitFor("...:", 10*time.Second)
	typeLine("take 5")
	waitFor("Out[2]:", 10*time.Second)

	typeLine("fail no such table: Foo")
	waitFor("QueryError", 10*time.Second)
	waitFor("In [4]:", 10*time.Second)

	// Ctrl-D asks for confirmation, then the console shuts the kernel down.
	tmux("send-keys", "C-d")
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := tmux("has-session"); err != nil {
			break // the console exited and tmux with it
		}
		if strings.Contains(pane(), "Do you really want to exit") {
			tmux("send-keys", "y", "Enter")
		}
		time.Sleep(200 * time.Millisecond)
	}
	if _, err := tmux("has-session"); err == nil {
		t.Fatalf("the console did not exit; screen:\n%s", pane())
	}
	// A kernel the manager shut down leaves no connection file behind.
	deadline = time.Now().Add(10 * time.Second)
	for {
		left, _ := filepath.Glob(filepath.Join(dirs["runtime"], "kernel-*.json"))
		if len(left) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("connection files left after exit: %v", left)
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
}
