package demo

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/notebook"
)

// TestNotebooksParse checks that every embedded demo notebook is a valid
// nbformat document with KQL cells and no stored outputs (outputs come from
// running it on the analyst's data). The cells run against generated data in
// internal/app's tests.
func TestNotebooksParse(t *testing.T) {
	files, err := fs.Glob(Notebooks(), "*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("demo notebooks: %v, want at least Getting started and one investigation", files)
	}
	for _, name := range files {
		data, err := fs.ReadFile(Notebooks(), name)
		if err != nil {
			t.Fatal(err)
		}
		nb, err := notebook.Parse(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if nb.Title() != strings.TrimSuffix(name, ".ipynb") {
			t.Errorf("%s: title %q, want the file name", name, nb.Title())
		}
		code := 0
		for _, c := range nb.Cells {
			if c.Type == notebook.Code {
				code++
			}
			if len(c.Outputs) > 0 || c.ExecutionCount != nil {
				t.Errorf("%s: cell %s has stored outputs", name, c.ID)
			}
		}
		if code < 5 {
			t.Errorf("%s: %d code cells, want a real notebook", name, code)
		}
	}
}
