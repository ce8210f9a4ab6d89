package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/kernel"
	"github.com/huntbook/huntbook/render"
	"github.com/huntbook/huntbook/session"
	"github.com/huntbook/huntbook/session/sessiontest"
)

func newTestKernel(t *testing.T) (*Kernel, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ws")
	if err := sessiontest.Create(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	k, err := NewKernel(context.Background(), dir, false, session.Options{Now: sessiontest.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { k.Close() })
	return k, dir
}

// run executes a cell and collects what it emitted.
func run(t *testing.T, k *Kernel, code string, count int) (*kernel.Display, []kernel.Output, error) {
	t.Helper()
	var outs []kernel.Output
	d, err := k.Execute(context.Background(), kernel.ExecuteRequest{Code: code, Count: count, StoreHistory: true},
		func(o kernel.Output) { outs = append(outs, o) })
	return d, outs, err
}

func TestKernelExecuteOutputs(t *testing.T) {
	k, _ := newTestKernel(t)
	tests := []struct {
		name     string
		code     string
		mimes    []string // present
		absent   []string
		contains map[string]string
	}{
		{"table", "Events | where User == 'bob' | project User, Count", []string{render.MIMEText, render.MIMEHTML},
			[]string{render.MIMESVG}, map[string]string{render.MIMEHTML: "<td>bob</td>"}},
		{"chart", "Events | summarize n = count() by bin(TimeGenerated, 4h) | render timechart",
			[]string{render.MIMEText, render.MIMESVG, render.MIMEVegaLite}, []string{render.MIMEHTML}, map[string]string{render.MIMESVG: "<svg"}},
		{"pie", "Events | summarize n = count() by User | render piechart", []string{render.MIMESVG}, nil, nil},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _, err := run(t, k, tt.code, i+1)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range tt.mimes {
				if _, ok := d.Data[m]; !ok {
					t.Errorf("no %s in %v", m, keys(d.Data))
				}
			}
			for _, m := range tt.absent {
				if _, ok := d.Data[m]; ok {
					t.Errorf("unexpected %s", m)
				}
			}
			for m, want := range tt.contains {
				if s, _ := d.Data[m].(string); !strings.Contains(s, want) {
					t.Errorf("%s does not contain %q:\n%.500s", m, want, s)
				}
			}
		})
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestKernelResultNumbersFollowExecutionCount(t *testing.T) {
	k, _ := newTestKernel(t)
	if d, _, err := run(t, k, "let x = 1;", 1); err != nil || d != nil {
		t.Fatalf("let cell: %v, %v", d, err)
	}
	run(t, k, "%workspace", 2) // takes a count, not a session execution
	if _, _, err := run(t, k, "Events | take 2", 3); err != nil {
		t.Fatal(err)
	}
	d, _, err := run(t, k, "_3 | count", 4)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Data[render.MIMEText].(string); !strings.Contains(got, "2") {
		t.Errorf("_3 | count = %q", got)
	}
}

func TestKernelErrors(t *testing.T) {
	k, _ := newTestKernel(t)
	tests := []struct {
		code      string
		name      string
		line, col int
		value     string
	}{
		{"Events\n| where (Count > 1", "SyntaxError", 2, 19, `expected ")"`},
		{"Events | where Cuont > 1", "SemanticError", 1, 16, "unknown column 'Cuont'"},
		{"%nosuch", "UsageError", 0, 0, "unknown magic %nosuch"},
		{"%workspace /nonexistent/place", "WorkspaceError", 0, 0, "not a huntbook workspace"},
	}
	for _, tt := range tests {
		_, _, err := run(t, k, tt.code, 1)
		ee, ok := err.(*kernel.ExecError)
		if !ok {
			t.Errorf("%q: error %v (%T), want *kernel.ExecError", tt.code, err, err)
			continue
		}
		if ee.Name != tt.name || ee.Line != tt.line || ee.Column != tt.col || !strings.Contains(ee.Value, tt.value) {
			t.Errorf("%q: %s %d:%d %q; want %s %d:%d containing %q", tt.code, ee.Name, ee.Line, ee.Column, ee.Value, tt.name, tt.line, tt.col, tt.value)
		}
	}
	// The failed %workspace kept the workspace.
	if _, _, err := run(t, k, "Events | count", 2); err != nil {
		t.Errorf("after a failed %%workspace: %v", err)
	}
}

func TestKernelWorkspaceMagic(t *testing.T) {
	k, dir := newTestKernel(t)
	run(t, k, "let x = 1;", 1)
	other := filepath.Join(t.TempDir(), "other")
	if err := sessiontest.Create(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	_, outs, err := run(t, k, "%workspace "+other, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 1 || !strings.Contains(outs[0].(*kernel.Stream).Text, "Events (12 rows)") {
		t.Errorf("outputs = %+v", outs)
	}
	if got := k.Session().Workspace().Dir; got != other || got == dir {
		t.Errorf("workspace = %s, want %s", got, other)
	}
	if _, _, err := run(t, k, "print x", 3); err == nil {
		t.Error("a binding survived the switch of workspace")
	}
}

func TestKernelEditorHelp(t *testing.T) {
	k, _ := newTestKernel(t)
	ctx := context.Background()
	c, err := k.Complete(ctx, "Events | whe", 12)
	if err != nil || c.Start != 9 || c.End != 12 || len(c.Matches) == 0 || c.Matches[0] != "where" {
		t.Errorf("complete = %+v, %v", c, err)
	}
	in, err := k.Inspect(ctx, "Events", 3, 0)
	if err != nil || !in.Found || !strings.Contains(in.Data["text/plain"].(string), "TimeGenerated: datetime") {
		t.Errorf("inspect = %+v, %v", in, err)
	}
	for code, want := range map[string]kernel.Completeness{
		"Events | take 1": kernel.Complete, "Events |": kernel.Incomplete, "Events | where (": kernel.Incomplete,
		"Events | take )": kernel.Invalid, "%workspace": kernel.Complete,
	} {
		if got, _ := k.IsComplete(code); got != want {
			t.Errorf("IsComplete(%q) = %s, want %s", code, got, want)
		}
	}
}

func TestKernelHistory(t *testing.T) {
	k, _ := newTestKernel(t)
	for i, c := range []string{"print 1", "Events | take 1", "print 1"} {
		run(t, k, c, i+1)
	}
	ctx := context.Background()
	h, err := k.History(ctx, kernel.HistoryQuery{Access: "tail", N: 2})
	if err != nil || len(h) != 2 || h[0].Input != "Events | take 1" || h[1].Line != 3 || h[1].Session != 1 {
		t.Errorf("tail = %+v, %v", h, err)
	}
	h, _ = k.History(ctx, kernel.HistoryQuery{Access: "search", Pattern: "print*", Unique: true})
	if len(h) != 1 || h[0].Line != 3 {
		t.Errorf("search = %+v", h)
	}
	h, _ = k.History(ctx, kernel.HistoryQuery{Access: "range", Start: 2, Stop: 3})
	if len(h) != 1 || h[0].Input != "Events | take 1" {
		t.Errorf("range = %+v", h)
	}
}

func TestWorkspaceChoice(t *testing.T) {
	demoDir := filepath.Join(t.TempDir(), "demo")
	t.Setenv("HUNTBOOK_DEMO_DIR", demoDir)
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == WorkspaceEnv {
				return v
			}
			return ""
		}
	}
	tests := []struct {
		flag, env, want string
		demo            bool
	}{
		{"/flag", "/env", "/flag", false},
		{"", "/env", "/env", false},
		{"", "", demoDir, true},
	}
	for _, tt := range tests {
		dir, demo, err := WorkspaceDir(tt.flag, env(tt.env))
		if err != nil || dir != tt.want || demo != tt.demo {
			t.Errorf("WorkspaceDir(%q, %q) = %q, %v, %v", tt.flag, tt.env, dir, demo, err)
		}
	}
	_, err := OpenWorkspace(context.Background(), demoDir, true)
	if err == nil || !strings.Contains(err.Error(), "run `huntbook demo`") {
		t.Errorf("missing demo workspace: %v", err)
	}
	if _, err := os.Stat(demoDir); err == nil {
		t.Error("opening a missing workspace created it")
	}
}

func TestTwoKernelsShareAWorkspace(t *testing.T) {
	k1, dir := newTestKernel(t)
	k2, err := NewKernel(context.Background(), dir, false, session.Options{Now: sessiontest.Now})
	if err != nil {
		t.Fatalf("second kernel on the same workspace: %v", err)
	}
	defer k2.Close()
	for i, k := range []*Kernel{k1, k2, k1} {
		if _, _, err := run(t, k, "let t = Events | take 2; t | count", i+1); err != nil {
			t.Errorf("kernel %d: %v", i+1, err)
		}
	}
}
