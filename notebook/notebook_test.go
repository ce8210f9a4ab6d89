package notebook

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// debianPython is the interpreter that sees Debian's Jupyter packages.
const debianPython = "/usr/bin/python3"

// requireNBFormat skips the test when Debian's python3-nbformat is missing
// (make test installs it through scripts/test-deps.sh).
func requireNBFormat(t *testing.T) {
	t.Helper()
	if err := exec.Command(debianPython, "-c", "import nbformat").Run(); err != nil {
		t.Skipf("skipping: %s cannot import nbformat (install python3-nbformat; make test does): %v", debianPython, err)
	}
}

// runPython runs a script with Debian's python and returns its stdout.
func runPython(t *testing.T, script string, args ...string) string {
	t.Helper()
	cmd := exec.Command(debianPython, append([]string{"-c", script}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, stderr.String())
	}
	return string(out)
}

func TestRoundTripJupyterWritten(t *testing.T) {
	data, err := os.ReadFile("testdata/jupyter-written.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	nb, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(data), string(got)); diff != "" {
		t.Errorf("load→save changed the notebook (-jupyter +huntbook):\n%s", diff)
	}
}

// TestRoundTripFreshJupyter asks the installed nbformat to write notebooks
// with awkward content and checks that huntbook writes the same bytes.
func TestRoundTripFreshJupyter(t *testing.T) {
	requireNBFormat(t)
	dir := t.TempDir()
	script := `
import sys, nbformat
from nbformat.v4 import new_notebook, new_code_cell, new_markdown_cell, new_output
texts = ["", "a", "a\n", "a\nb", "a\r\nb\rc", "x\u2028y\u2029z\x85w\x0bv\x0cu\x1cq", "<&>\"'\\", "tab\tctl\x01\x1f\x7f", "emoji \U0001F600 done\n"]
for i, t in enumerate(texts):
    nb = new_notebook(metadata={"k": t, "n": [1, 2.5, 1e-7, 123456789012345678, True, None]})
    c = new_code_cell(t, execution_count=i)
    c.outputs = [new_output("stream", name="stdout", text=t),
                 new_output("execute_result", data={"text/plain": t, "application/json": {"v": t}}, execution_count=i)]
    nb.cells = [new_markdown_cell(t), c]
    for j, cell in enumerate(nb.cells):
        cell.id = "c%d" % j
    nbformat.write(nb, "%s/nb%d.ipynb" % (sys.argv[1], i))
`
	runPython(t, script, dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*.ipynb"))
	if len(files) == 0 {
		t.Fatal("python wrote no notebooks")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		nb, err := Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got, err := Marshal(nb)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(data), string(got)); diff != "" {
			t.Errorf("%s: load→save differs (-jupyter +huntbook):\n%s", filepath.Base(f), diff)
		}
	}
}

// sampleNotebook is a notebook as huntbook itself builds one.
func sampleNotebook() *Notebook {
	nb := New()
	md := NewCell(Markdown, "# Beaconing hunt\n\nFind *regular* connections.")
	params := NewCell(Code, "let lookback = 7d;\nlet host = \"WS5\";")
	params.SetTag(ParametersTag, true)
	one := 1
	q := NewCell(Code, "DeviceNetworkEvents | take 3")
	q.ExecutionCount = &one
	q.Outputs = []*Output{
		{Type: ExecuteResult, ExecutionCount: &one, Data: MIMEBundle{
			"text/plain":                       "a\n1\n",
			"text/html":                        "<table class=\"hb-table\"><tr><td>1</td></tr></table>",
			"application/vnd.vegalite.v5+json": map[string]any{"mark": "line", "width": 600.5},
		}, Metadata: Metadata{}},
		{Type: DisplayData, Data: MIMEBundle{"image/svg+xml": "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"}},
		{Type: Stream, Name: "stderr", Text: "note\n"},
		{Type: Error, EName: "KQLError", EValue: "1:5: expected", Traceback: []string{"1:5: expected"}},
	}
	nb.Cells = []*Cell{md, params, q, NewCell(Raw, "raw")}
	return nb
}

func TestValidAgainstNBFormatSchema(t *testing.T) {
	requireNBFormat(t)
	path := filepath.Join(t.TempDir(), "hunt.ipynb")
	if err := Save(path, sampleNotebook()); err != nil {
		t.Fatal(err)
	}
	// Jupyter must accept the file and, writing it again, produce the same bytes.
	script := `
import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
nbformat.validate(nb)
sys.stdout.write(nbformat.writes(nb) + "\n")
`
	out := runPython(t, script, path)
	want, _ := os.ReadFile(path)
	if diff := cmp.Diff(string(want), out); diff != "" {
		t.Errorf("Jupyter rewrites huntbook's notebook differently (-huntbook +jupyter):\n%s", diff)
	}
}

func TestParseUpgradesOlderMinor(t *testing.T) {
	src := `{"nbformat": 4, "nbformat_minor": 2, "metadata": {},
	 "cells": [
	  {"cell_type": "markdown", "metadata": {}, "source": "# Title\nline"},
	  {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": ["let a = 1;\n", "let b = 2;"], "outputs": [], "execution_count": null},
	  {"cell_type": "code", "metadata": {}, "source": "", "outputs": [{"output_type": "stream", "name": "stdout", "text": "x"}], "execution_count": 3}
	 ]}`
	nb, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if nb.FormatMinor != 5 {
		t.Errorf("minor = %d, want 5", nb.FormatMinor)
	}
	seen := map[string]bool{}
	for i, c := range nb.Cells {
		if !cellIDPattern.MatchString(c.ID) || len(c.ID) != 8 || seen[c.ID] {
			t.Errorf("cell %d id %q is not a fresh Jupyter-style id", i, c.ID)
		}
		seen[c.ID] = true
	}
	if got := nb.Cells[1].Source; got != "let a = 1;\nlet b = 2;" {
		t.Errorf("joined source = %q", got)
	}
	if nb.ParametersCell() != 1 {
		t.Errorf("ParametersCell = %d, want 1", nb.ParametersCell())
	}
	if nb.Title() != "Title" {
		t.Errorf("Title = %q", nb.Title())
	}
	if c := nb.Cells[2]; c.ExecutionCount == nil || *c.ExecutionCount != 3 || c.Outputs[0].Text != "x" {
		t.Errorf("code cell decoded wrong: %+v", c)
	}
}

func TestParseRepairsDuplicateIDs(t *testing.T) {
	src := `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
	  {"id": "same", "cell_type": "raw", "metadata": {}, "source": ""},
	  {"id": "same", "cell_type": "raw", "metadata": {}, "source": ""},
	  {"id": "bad id!", "cell_type": "raw", "metadata": {}, "source": ""}]}`
	nb, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if nb.Cells[0].ID != "same" || nb.Cells[1].ID == "same" || nb.Cells[2].ID == "bad id!" {
		t.Errorf("ids = %q %q %q", nb.Cells[0].ID, nb.Cells[1].ID, nb.Cells[2].ID)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", ``, "1:1: invalid JSON: unexpected end of JSON input"},
		{"syntax", "{\n \"nbformat\": 4,\n \"cells\": [,]\n}", "3:12: invalid JSON: invalid character ',' looking for beginning of value"},
		{"truncated", "{\"nbformat\": 4, \"cells\": [", "1:27: invalid JSON: unexpected end of JSON input"},
		{"trailing", `{"nbformat": 4} x`, "1:17: invalid JSON: data after the top-level value"},
		{"array", `[1, 2]`, "not a Jupyter notebook: the document is not a JSON object"},
		{"not notebook", `{"name": "package.json"}`, "not a Jupyter notebook: no nbformat field"},
		{"v3", `{"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "metadata": {}}`, "notebook format 3 is not supported: open and save it with Jupyter to upgrade it to format 4"},
		{"v5", `{"nbformat": 5, "nbformat_minor": 0, "cells": [], "metadata": {}}`, "nbformat: notebook format 5 is not supported (huntbook reads format 4)"},
		{"cells missing", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}`, "cells: missing or not a list"},
		{"cell type", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "sql", "source": ""}]}`, `cells[0].cell_type: unknown cell type "sql"`},
		{"source type", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": 7}]}`, "cells[0].source: missing or not a string or list of strings"},
		{"source item", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": ["a", 1]}]}`, "cells[0].source[1]: not a string"},
		{"output type", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "pyout"}]}]}`, `cells[0].outputs[0].output_type: unknown output type "pyout"`},
		{"metadata", `{"nbformat": 4, "nbformat_minor": 5, "metadata": [], "cells": []}`, "metadata: not a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse error = %v, want *ParseError", err)
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnknownFieldsSurvive(t *testing.T) {
	src := `{"nbformat": 4, "nbformat_minor": 5, "future_top": {"z": 1, "a": [1.50, 2e3]},
	 "metadata": {"other_tool": {"x": 10000000000000000000000}},
	 "cells": [{"id": "a1", "cell_type": "code", "source": ["x\n", "y"], "metadata": {"vscode": {"languageId": "kql"}}, "execution_count": null,
	   "future_cell": true,
	   "outputs": [{"output_type": "display_data", "data": {"application/x-custom+json": {"k": [1.0]}}, "metadata": {}, "future_out": "v"}]}]}`
	nb, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	var got, want any
	decode := func(b []byte, v *any) {
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		if err := d.Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	decode([]byte(src), &want)
	decode(out, &got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip lost data (-want +got):\n%s", diff)
	}
	for _, lit := range []string{"1.50", "2e3", "10000000000000000000000", "1.0"} {
		if !strings.Contains(string(out), lit) {
			t.Errorf("number %s not written back as written", lit)
		}
	}
}

func TestMarshalDropsTransient(t *testing.T) {
	nb := New()
	nb.Metadata["signature"] = "sha256:x"
	nb.Metadata["orig_nbformat"] = 3
	c := NewCell(Code, "x")
	c.Metadata["trusted"] = true
	nb.Cells = []*Cell{c}
	out, err := Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"signature", "orig_nbformat", "trusted"} {
		if strings.Contains(string(out), k) {
			t.Errorf("transient key %q written", k)
		}
	}
}

func TestTags(t *testing.T) {
	c := NewCell(Code, "")
	c.SetTag("parameters", true)
	c.SetTag("hide", true)
	c.SetTag("parameters", true)
	if diff := cmp.Diff([]string{"parameters", "hide"}, c.Tags()); diff != "" {
		t.Error(diff)
	}
	c.SetTag("parameters", false)
	c.SetTag("hide", false)
	if _, ok := c.Metadata["tags"]; ok {
		t.Error("empty tags list kept")
	}
}

func TestSplitLinesMatchesPython(t *testing.T) {
	tests := []struct {
		in   string
		want []any
	}{
		{"", []any{}},
		{"a", []any{"a"}},
		{"a\n", []any{"a\n"}},
		{"a\r\nb\rc\n\nd", []any{"a\r\n", "b\r", "c\n", "\n", "d"}},
		{"x\u2028y\u0085z\x1ew", []any{"x\u2028", "y\u0085", "z\x1e", "w"}},
		{"é\xe2\x80", []any{"é\xe2\x80"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, splitLines(tt.in)); diff != "" {
			t.Errorf("splitLines(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestPyFloat(t *testing.T) {
	tests := map[float64]string{
		1: "1.0", 0: "0.0", 2.5: "2.5", 1e-5: "1e-05", 0.0001: "0.0001", 1e16: "1e+16",
		1e15: "1000000000000000.0", 123456789012.5: "123456789012.5", -3.25e-7: "-3.25e-07", 1.7976931348623157e308: "1.7976931348623157e+308",
	}
	for f, want := range tests {
		if got := pyFloat(f); got != want {
			t.Errorf("pyFloat(%v) = %q, want %q", f, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	seed, _ := os.ReadFile("testdata/jupyter-written.ipynb")
	f.Add(seed)
	f.Add([]byte(`{"nbformat":4,"nbformat_minor":2,"metadata":{},"cells":[{"cell_type":"code","source":["a\r","b"],"outputs":[]}]}`))
	f.Add([]byte(`{"nbformat":3,"worksheets":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := Parse(data)
		if err != nil {
			return
		}
		out, err := Marshal(nb)
		if err != nil {
			return // e.g. a cell type the model keeps but cannot write
		}
		nb2, err := Parse(out)
		if err != nil {
			t.Fatalf("re-parse of marshalled notebook failed: %v\n%s", err, out)
		}
		out2, err := Marshal(nb2)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("marshal is not stable:\n%s\n---\n%s", out, out2)
		}
	})
}
