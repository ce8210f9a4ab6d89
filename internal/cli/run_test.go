package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/session/sessiontest"
)

// huntNotebook writes a notebook over the test workspace's Events table:
// a title, a parameters cell and the cells given.
func huntNotebook(t *testing.T, dir string, cells ...string) string {
	t.Helper()
	nb := notebook.New()
	nb.Cells = append(nb.Cells, notebook.NewCell(notebook.Markdown, "# Events of one user\nA <script>alert(1)</script> test."))
	params := notebook.NewCell(notebook.Code, "let who = 'alice';\nlet minCount = 0;")
	params.SetTag(notebook.ParametersTag, true)
	nb.Cells = append(nb.Cells, params)
	for _, c := range cells {
		nb.Cells = append(nb.Cells, notebook.NewCell(notebook.Code, c))
	}
	path := filepath.Join(dir, "hunt.ipynb")
	if err := notebook.Save(path, nb); err != nil {
		t.Fatal(err)
	}
	return path
}

func testWorkspace(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ws")
	if err := sessiontest.Create(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func cellText(c *notebook.Cell) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		if s, ok := o.Data["text/plain"].(string); ok {
			b.WriteString(s)
		}
		b.WriteString(o.Text + o.EName + ": " + o.EValue)
	}
	return b.String()
}

func TestRunWithParameters(t *testing.T) {
	ws, dir := testWorkspace(t), t.TempDir()
	in := huntNotebook(t, dir,
		"Events | where User == who and Count >= minCount | project User, Count | as mine",
		"mine | summarize n = count() by bin(Count, 4) | render columnchart",
		"mine | summarize total = sum(Count)")
	before, _ := os.ReadFile(in)
	tests := []struct {
		name   string
		params []string
		total  string
		user   string
	}{
		{"defaults", nil, "18", "alice"},                                                   // alice: 0+3+6+9
		{"other user", []string{"-p", "who=bob"}, "22", "bob"},                             // 1+4+7+10
		{"two parameters", []string{"-p", "who=carol", "-p", "minCount=6"}, "19", "carol"}, // 8+11
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, report := filepath.Join(dir, tt.name+".ipynb"), filepath.Join(dir, tt.name+".html")
			args := append([]string{"run", in, "--workspace", ws, "-o", out, "--html", report}, tt.params...)
			code, _, stderr := runCLI(t, "", args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			nb, err := notebook.Load(out)
			if err != nil {
				t.Fatal(err)
			}
			if got := cellText(nb.Cells[4]); !strings.Contains(got, tt.total) {
				t.Errorf("total cell = %q, want %s", got, tt.total)
			}
			if got := cellText(nb.Cells[2]); !strings.Contains(got, tt.user) {
				t.Errorf("rows cell = %q, want user %s", got, tt.user)
			}
			if _, ok := nb.Cells[3].Outputs[0].Data["image/svg+xml"]; !ok {
				t.Errorf("chart cell has no SVG: %+v", nb.Cells[3].Outputs)
			}
			if n := nb.Cells[4].ExecutionCount; n == nil || *n != 4 {
				t.Errorf("last execution count = %v, want 4", n)
			}
			html, _ := os.ReadFile(report)
			for _, want := range []string{"data:image/svg+xml;base64,", "<table", "Events of one user", "Run by huntbook"} {
				if !strings.Contains(string(html), want) {
					t.Errorf("report lacks %q", want)
				}
			}
			for _, bad := range []string{"<script>alert(1)", "src=\"http", "href=\"http"} {
				if strings.Contains(string(html), bad) {
					t.Errorf("report contains %q", bad)
				}
			}
		})
	}
	if after, _ := os.ReadFile(in); string(after) != string(before) {
		t.Error("the input notebook changed")
	}
}

func TestRunStopsAtFirstError(t *testing.T) {
	ws, dir := testWorkspace(t), t.TempDir()
	in := huntNotebook(t, dir, "Events | take 2", "Events\n| where Nope > 1", "print 'never'")
	out := filepath.Join(dir, "out.ipynb")
	code, _, stderr := runCLI(t, "", "run", "--workspace", ws, in, "-o", out)
	if code != 1 || !strings.Contains(stderr, "cell 4 (Events)") || !strings.Contains(stderr, "unknown column 'Nope'") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	nb, err := notebook.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	errOut := nb.Cells[3].Outputs[len(nb.Cells[3].Outputs)-1]
	if errOut.Type != notebook.Error || errOut.EName != "SemanticError" || len(errOut.Traceback) != 4 || !strings.Contains(errOut.Traceback[2], "| where Nope") {
		t.Errorf("error output = %+v", errOut)
	}
	if len(nb.Cells[4].Outputs) != 0 || nb.Cells[4].ExecutionCount != nil {
		t.Errorf("the cell after the error ran: %+v", nb.Cells[4].Outputs)
	}
}

func TestRunLargeResultStoredAsFirstRows(t *testing.T) {
	ws, dir := testWorkspace(t), t.TempDir()
	in := huntNotebook(t, dir, "range x from 1 to 30000 step 1")
	out := filepath.Join(dir, "out.ipynb")
	if code, _, stderr := runCLI(t, "", "run", in, "--workspace", ws, "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	nb, _ := notebook.Load(out)
	html, _ := nb.Cells[2].Outputs[0].Data["text/html"].(string)
	if !strings.Contains(html, "showing first 500 of 30,000 rows") || strings.Count(html, "<tr") > 502 {
		t.Errorf("stored HTML: %d rows, caption missing? %.300s", strings.Count(html, "<tr"), html)
	}
	if st, _ := os.Stat(out); st.Size() > 1<<20 {
		t.Errorf("executed notebook is %d bytes", st.Size())
	}
}

func TestRunUsageErrors(t *testing.T) {
	ws, dir := testWorkspace(t), t.TempDir()
	in := huntNotebook(t, dir, "print 1")
	plain := filepath.Join(dir, "plain.ipynb")
	nb := notebook.New()
	nb.Cells = append(nb.Cells, notebook.NewCell(notebook.Code, "print 1"))
	notebook.Save(plain, nb)
	corrupt := filepath.Join(dir, "corrupt.ipynb")
	os.WriteFile(corrupt, []byte(`{"cells": [`), 0o600)
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"no notebook", []string{"run"}, 2, "Usage: huntbook run"},
		{"bad parameter", []string{"run", in, "-p", "who"}, 2, "want name=value"},
		{"no parameters cell", []string{"run", plain, "--workspace", ws, "-p", "x=1"}, 1, `no cell tagged "parameters"`},
		{"corrupt notebook", []string{"run", corrupt, "--workspace", ws}, 1, "corrupt.ipynb"},
		{"not a workspace", []string{"run", in, "--workspace", t.TempDir()}, 1, "is not a huntbook workspace"},
		{"check only", []string{"run", in, "--workspace", ws}, 0, "[3/3] print 1: 1 rows"},
		{"export without --html", []string{"export", in}, 2, "Usage: huntbook export"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tt.args...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.wantCode, tt.wantStderr)
			}
		})
	}
}

func TestExport(t *testing.T) {
	ws, dir := testWorkspace(t), t.TempDir()
	in := huntNotebook(t, dir, "Events | summarize n = count() by User | render piechart", "Events | take 3")
	executed := filepath.Join(dir, "executed.ipynb")
	if code, _, stderr := runCLI(t, "", "run", in, "--workspace", ws, "-o", executed); code != 0 {
		t.Fatalf("run: %s", stderr)
	}
	report := filepath.Join(dir, "report.html")
	if code, _, stderr := runCLI(t, "", "export", executed, "--html", report, "--title", "Quarterly hunt"); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	html, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Quarterly hunt", "data:image/svg+xml;base64,", "<table", "Events | take 3"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	code, _, _ := runCLI(t, "", "export", executed, "--html", report, "--hide-code")
	html, _ = os.ReadFile(report)
	if code != 0 || strings.Contains(string(html), "Events | take 3") {
		t.Error("--hide-code kept the queries")
	}
}
