package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/workspace"
	"github.com/huntbook/huntbook/workspace/schema"
)

func TestDemoCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	args := []string{"demo", "--dir", dir, "--events", "40000", "--days", "7", "--end", "2026-11-20T00:00:00Z"}
	code, stdout, stderr := runCLI(t, "", args...)
	if code != 0 || !strings.Contains(stdout, "demo workspace") {
		t.Fatalf("demo: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	ctx := context.Background()
	ws, err := workspace.Open(ctx, dir, workspace.OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	se, ok, err := ws.Table(ctx, "SecurityEvent")
	ws.Close()
	if err != nil || !ok || !se.Stored || se.Rows == 0 {
		t.Fatalf("SecurityEvent = %+v, %v, %v", se, ok, err)
	}
	// The generator writes only the columns it fills; every catalog column
	// is there afterwards.
	known, _ := schema.Table("SecurityEvent")
	have := map[string]bool{}
	for _, c := range se.Columns {
		have[c.Name] = true
	}
	for _, c := range known.Columns {
		if !have[c.Name] {
			t.Errorf("SecurityEvent lacks catalog column %s", c.Name)
		}
	}
	// An existing workspace is not overwritten without --force.
	if code, _, stderr := runCLI(t, "", args...); code != 1 || !strings.Contains(stderr, "--force") {
		t.Errorf("second demo: code %d, stderr %q", code, stderr)
	}
	// The demo notebooks come with the workspace; regenerating the data
	// keeps an analyst's edits and restores a deleted notebook.
	nbDir := filepath.Join(dir, workspace.NotebooksDir)
	started := filepath.Join(nbDir, "Getting started.ipynb")
	investigation := filepath.Join(nbDir, "Investigation - encoded PowerShell.ipynb")
	for _, p := range []string{started, investigation} {
		if _, err := notebook.Load(p); err != nil {
			t.Fatalf("demo notebook: %v", err)
		}
	}
	edited := notebook.New()
	edited.Cells = append(edited.Cells, notebook.NewCell(notebook.Code, "print 'mine'"))
	if err := notebook.Save(started, edited); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(investigation); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "", append(args, "--force")...); code != 0 {
		t.Errorf("demo --force: %s", stderr)
	}
	if nb, err := notebook.Load(started); err != nil || len(nb.Cells) != 1 || nb.Cells[0].Source != "print 'mine'" {
		t.Errorf("demo --force replaced an edited notebook: %v", err)
	}
	if _, err := notebook.Load(investigation); err != nil {
		t.Errorf("demo --force did not restore a deleted demo notebook: %v", err)
	}
}
