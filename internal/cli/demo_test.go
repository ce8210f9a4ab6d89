package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/demo"
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

// TestDemoCanceledLeavesWorkspace cancels a regeneration while tables are
// loading (several at once): it fails with the cancellation, every open
// load is rolled back (the workspace closes), and the existing workspace
// keeps its data.
func TestDemoCanceledLeavesWorkspace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	end := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	small := demo.Config{Seed: 1, Events: 20_000, Days: 7, End: end}
	before, err := generateDemo(context.Background(), dir, small)
	if err != nil {
		t.Fatal(err)
	}
	// Cancel a second and a half after the write-ahead log first holds
	// data of the new run (the small tables beside SecurityEvent commit
	// early): SecurityEvent, the first table, is then most likely
	// streaming. Wherever the cancel lands, the checks below must hold.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	big := demo.Config{Seed: 2, Events: 1_000_000, Days: 7, End: end}
	started := time.Now()
	go func() {
		wal := filepath.Join(dir+".partial", workspace.DatabaseFile+".wal")
		for ctx.Err() == nil {
			if fi, err := os.Stat(wal); err == nil && fi.Size() > 8<<20 {
				time.AfterFunc(1500*time.Millisecond, cancel)
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	_, err = generateDemo(ctx, dir, big)
	if !errors.Is(ctx.Err(), context.Canceled) || err == nil {
		t.Fatalf("canceled demo: %v (context %v)", err, ctx.Err())
	}
	t.Logf("canceled after %v: %v", time.Since(started), err)
	if _, err := os.Stat(dir + ".partial"); !os.IsNotExist(err) {
		t.Errorf("partial workspace left behind: %v", err)
	}
	ws, err := workspace.Open(context.Background(), dir, workspace.OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	var rows int64
	for _, name := range []string{"SecurityEvent", "SigninLogs", "Syslog"} {
		info, ok, err := ws.Table(context.Background(), name)
		if err != nil || !ok {
			t.Fatalf("%s: %v %v", name, ok, err)
		}
		rows += info.Rows
	}
	if rows == 0 || rows > before.Rows {
		t.Errorf("after the canceled run: %d rows in three tables, %d in all before", rows, before.Rows)
	}
}
