package app

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace"
)

// newTestBackend makes a workspace with a table Events of n rows
// (Computer WS0..WS4 in turn, EventID 4624..4626 in turn, Seq 0..n-1).
func newTestBackend(t *testing.T, n int) *Backend {
	t.Helper()
	return newTestBackendWith(t, n, BackendOptions{SaveDelay: 50 * time.Millisecond})
}

func newTestBackendWith(t *testing.T, n int, opts BackendOptions) *Backend {
	t.Helper()
	ctx := context.Background()
	ws, err := workspace.Open(ctx, filepath.Join(t.TempDir(), "ws"), workspace.OpenOptions{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	cols := []table.Column{{Name: "Seq", Type: table.Long}, {Name: "Computer", Type: table.String}, {Name: "EventID", Type: table.Long}}
	rows := iter.Seq2[[]any, error](func(yield func([]any, error) bool) {
		for i := range n {
			if !yield([]any{int64(i), fmt.Sprintf("WS%d", i%5), int64(4624 + i%3)}, nil) {
				return
			}
		}
	})
	if _, err := ws.DB.Load(ctx, "Events", cols, engine.Replace, rows); err != nil {
		t.Fatal(err)
	}
	b, err := NewBackend(ws, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = b.Close(ctx)
		ws.Close()
	})
	return b
}

// events records a session's events.
type events struct {
	mu   sync.Mutex
	list []server.Event
	ch   chan struct{}
}

func newEvents() *events { return &events{ch: make(chan struct{}, 1)} }

func (e *events) add(ev server.Event) {
	e.mu.Lock()
	e.list = append(e.list, ev)
	e.mu.Unlock()
	select {
	case e.ch <- struct{}{}:
	default:
	}
}

// wait returns the first event (from the start) for which ok holds.
func (e *events) wait(t *testing.T, what string, ok func(server.Event) bool) server.Event {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		e.mu.Lock()
		for _, ev := range e.list {
			if ok(ev) {
				e.mu.Unlock()
				return ev
			}
		}
		e.mu.Unlock()
		select {
		case <-e.ch:
		case <-deadline:
			t.Fatalf("no %s event", what)
		}
	}
}

func (e *events) reset() {
	e.mu.Lock()
	e.list = nil
	e.mu.Unlock()
}

// runCell sets the source of a new cell, runs it and returns its final
// status event.
func runCell(t *testing.T, s server.Session, ev *events, id, src string) server.Event {
	t.Helper()
	ctx := context.Background()
	snap, _ := s.Snapshot(ctx)
	if _, err := s.Edit(ctx, []server.Edit{{Op: server.EditInsert, CellID: id, Index: len(snap.Cells), Source: src}}); err != nil {
		t.Fatal(err)
	}
	ev.reset()
	if err := s.Execute(ctx, []string{id}); err != nil {
		t.Fatal(err)
	}
	return ev.wait(t, "final status of "+id, func(e server.Event) bool {
		return e.Type == server.EventStatus && e.CellID == id &&
			(e.Status == server.StatusDone || e.Status == server.StatusError || e.Status == server.StatusInterrupted)
	})
}

func TestNotebookFiles(t *testing.T) {
	b := newTestBackend(t, 10)
	ctx := context.Background()
	info, err := b.CreateNotebook(ctx, "Hunt one")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "a/b", `a\b`, ".hidden", " padded", "Hunt ONE", "x:y"} {
		if _, err := b.CreateNotebook(ctx, bad); !errors.Is(err, server.ErrInvalid) {
			t.Errorf("CreateNotebook(%q) = %v, want ErrInvalid", bad, err)
		}
	}
	renamed, err := b.RenameNotebook(ctx, info.ID, "Hunt two")
	if err != nil || renamed.ID != info.ID || renamed.Name != "Hunt two" {
		t.Fatalf("rename: %+v, %v", renamed, err)
	}
	if _, err := os.Stat(filepath.Join(b.ws.NotebooksPath(), "Hunt two.ipynb")); err != nil {
		t.Errorf("renamed file: %v", err)
	}
	if err := b.DeleteNotebook(ctx, info.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.DeleteNotebook(ctx, info.ID); !errors.Is(err, server.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
	list, _ := b.Notebooks(ctx)
	if len(list) != 0 {
		t.Errorf("notebooks after delete: %+v", list)
	}
}

func TestCorruptNotebookIsLeftAlone(t *testing.T) {
	b := newTestBackend(t, 1)
	ctx := context.Background()
	path := filepath.Join(b.ws.NotebooksPath(), "Broken.ipynb")
	if err := os.WriteFile(path, []byte(`{"cells": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	b2, err := NewBackend(b.ws, BackendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	list, _ := b2.Notebooks(ctx)
	if len(list) != 1 {
		t.Fatalf("notebooks: %+v", list)
	}
	if _, err := b2.Open(ctx, list[0].ID, func(server.Event) {}); !errors.Is(err, server.ErrInvalid) {
		t.Errorf("Open(corrupt) = %v, want ErrInvalid", err)
	}
	if data, _ := os.ReadFile(path); string(data) != `{"cells": [` {
		t.Errorf("the corrupt file was changed: %q", data)
	}
}

func TestExecuteLetsResultsAndSave(t *testing.T) {
	b := newTestBackend(t, 1000)
	ctx := context.Background()
	info, _ := b.CreateNotebook(ctx, "Hunt")
	ev := newEvents()
	s, err := b.Open(ctx, info.ID, ev.add)
	if err != nil {
		t.Fatal(err)
	}
	// A let-only cell binds; the next cells use it.
	if e := runCell(t, s, ev, "c1", "let busy = Events | where EventID == 4624;\nlet howMany = 3;"); e.Status != server.StatusDone || len(e.Outputs) != 0 {
		t.Fatalf("let cell: %+v", e)
	}
	e := runCell(t, s, ev, "c2", "busy | summarize n = count() by Computer | sort by Computer asc | take howMany")
	if e.Status != server.StatusDone || e.Rows != 3 {
		t.Fatalf("query cell: %+v", e)
	}
	res, err := s.Result(ctx, e.Outputs[0].Result.ID)
	if err != nil {
		t.Fatal(err)
	}
	page, err := res.Page(ctx, server.PageQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]any{{"WS0", int64(67)}, {"WS1", int64(67)}, {"WS2", int64(66)}}
	if diff := cmp.Diff(want, page.Rows); diff != "" {
		t.Errorf("page (-want +got):\n%s", diff)
	}
	// The result is a name later cells can use.
	name := e.Outputs[0].Result.Name
	if e := runCell(t, s, ev, "c3", name+" | count"); e.Status != server.StatusDone || e.Rows != 1 {
		t.Errorf("%s | count: %+v", name, e)
	}
	// An error is positioned.
	e = runCell(t, s, ev, "c4", "Events\n| where Nope == 1")
	if qe := e.Outputs[0].Error; e.Status != server.StatusError || qe.Line != 2 || qe.Col != 9 || qe.EndLine != 2 || qe.EndCol != 13 {
		t.Errorf("error cell: %+v %+v", e, e.Outputs[0].Error)
	}
	// Every execution is saved with its output.
	snap, _ := s.Snapshot(ctx)
	ev.wait(t, "saved", func(e server.Event) bool { return e.Type == server.EventSaved && e.Version >= snap.Version })
	nb, err := notebook.Load(filepath.Join(b.ws.NotebooksPath(), "Hunt.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if i := nb.CellByID("c2"); i < 0 || len(nb.Cells[i].Outputs) != 1 || nb.Cells[i].ExecutionCount == nil {
		t.Errorf("saved c2: %+v", nb.Cells)
	}
	if i := nb.CellByID("c4"); i < 0 || len(nb.Cells[i].Outputs) != 1 || nb.Cells[i].Outputs[0].Type != notebook.Error {
		t.Errorf("saved c4: %+v", nb.Cells)
	}
	// Restart forgets the lets.
	if err := s.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	if e := runCell(t, s, ev, "c5", "busy | count"); e.Status != server.StatusError {
		t.Errorf("after restart busy is still bound: %+v", e)
	}
	if _, err := s.Result(ctx, info.ID); !errors.Is(err, server.ErrNotFound) {
		t.Errorf("result after restart: %v", err)
	}
	hist, _ := b.History(ctx, server.HistoryQuery{Search: "summarize", Limit: 10})
	if len(hist) != 1 || hist[0].Rows != 3 || hist[0].NotebookName != "Hunt" {
		t.Errorf("history: %+v", hist)
	}
}

func TestResultPaging(t *testing.T) {
	b := newTestBackend(t, 100_000)
	ctx := context.Background()
	info, _ := b.CreateNotebook(ctx, "Big")
	ev := newEvents()
	s, _ := b.Open(ctx, info.ID, ev.add)
	e := runCell(t, s, ev, "c1", "Events | sort by Seq asc")
	if e.Rows != 100_000 {
		t.Fatalf("rows %d", e.Rows)
	}
	res, _ := s.Result(ctx, e.Outputs[0].Result.ID)
	page, err := res.Page(ctx, server.PageQuery{Offset: 70_000, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]any{{int64(70000), "WS0", int64(4625)}, {int64(70001), "WS1", int64(4626)}}, page.Rows); diff != "" || page.Total != 100_000 {
		t.Errorf("deep page (total %d):\n%s", page.Total, diff)
	}
	page, err = res.Page(ctx, server.PageQuery{Limit: 1, Sort: []server.SortKey{{Column: "Seq", Desc: true}},
		Filters: []server.ColumnFilter{{Column: "Computer", Op: server.FilterEq, Value: "WS3"}}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]any{{int64(99998), "WS3", int64(4626)}}, page.Rows); diff != "" || page.Total != 20_000 {
		t.Errorf("sorted filtered page (total %d):\n%s", page.Total, diff)
	}
}

func TestDiagnoseAndComplete(t *testing.T) {
	b := newTestBackend(t, 10)
	ctx := context.Background()
	info, _ := b.CreateNotebook(ctx, "Hunt")
	s, _ := b.Open(ctx, info.ID, func(server.Event) {})
	src := "Events\n| where Nope == 1"
	diags, err := s.Diagnose(ctx, "", src)
	if err != nil || len(diags) != 1 || src[diags[0].From:diags[0].To] != "Nope" {
		t.Errorf("Diagnose = %+v, %v; want Nope underlined", diags, err)
	}
	if diags, _ := s.Diagnose(ctx, "", "Events | take 1"); len(diags) != 0 {
		t.Errorf("a good query has diagnostics: %+v", diags)
	}
	c, err := s.Complete(ctx, server.CompletionRequest{Source: "Events | where Comp", Pos: 19})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range c.Items {
		found = found || it.Label == "Computer" && it.Kind == "column"
	}
	if !found || c.From != 15 || c.To != 19 {
		t.Errorf("Complete: from %d to %d, Computer found %v", c.From, c.To, found)
	}
}

func TestInterrupt(t *testing.T) {
	b := newTestBackend(t, 10)
	ctx := context.Background()
	info, _ := b.CreateNotebook(ctx, "Hunt")
	ev := newEvents()
	s, _ := b.Open(ctx, info.ID, ev.add)
	// A query long enough to interrupt: a cross product of ranges.
	snap, _ := s.Snapshot(ctx)
	slow := "range i from 1 to 3000000000 step 1 | summarize sum(i)"
	if _, err := s.Edit(ctx, []server.Edit{{Op: server.EditInsert, CellID: "slow", Index: len(snap.Cells), Source: slow},
		{Op: server.EditInsert, CellID: "next", Index: len(snap.Cells) + 1, Source: "Events | count"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Execute(ctx, []string{"slow", "next"}); err != nil {
		t.Fatal(err)
	}
	ev.wait(t, "running", func(e server.Event) bool { return e.CellID == "slow" && e.Status == server.StatusRunning })
	time.Sleep(200 * time.Millisecond)
	if err := s.Interrupt(ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"slow", "next"} {
		ev.wait(t, id+" interrupted", func(e server.Event) bool { return e.CellID == id && e.Status == server.StatusInterrupted })
	}
}

// TestRenameDuringEdits renames an open notebook while edits keep its
// autosave busy: the old name never comes back.
func TestRenameDuringEdits(t *testing.T) {
	b := newTestBackend(t, 1)
	ctx := context.Background()
	info, _ := b.CreateNotebook(ctx, "Before")
	s, _ := b.Open(ctx, info.ID, func(server.Event) {})
	snap, _ := s.Snapshot(ctx)
	cell := snap.Cells[0].ID
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 200 {
			_, _ = s.Edit(ctx, []server.Edit{{Op: server.EditSource, CellID: cell, Source: fmt.Sprint(i)}})
			_, _ = s.Save(ctx)
		}
	}()
	time.Sleep(5 * time.Millisecond)
	if _, err := b.RenameNotebook(ctx, info.ID, "After"); err != nil {
		t.Fatal(err)
	}
	<-done
	if _, err := s.Save(ctx); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(b.ws.NotebooksPath(), "*.ipynb"))
	if len(files) != 1 || filepath.Base(files[0]) != "After.ipynb" {
		t.Errorf("files after rename during saves: %v", files)
	}
}

// TestHistoryAcrossRestarts: the journal names each entry's notebook, so a
// later server (new session and notebook ids) still links the entries.
func TestHistoryAcrossRestarts(t *testing.T) {
	b := newTestBackend(t, 10)
	ctx := context.Background()
	info, _ := b.CreateNotebook(ctx, "Hunt")
	ev := newEvents()
	s, _ := b.Open(ctx, info.ID, ev.add)
	runCell(t, s, ev, "c1", "Events | count")
	if _, err := b.RenameNotebook(ctx, info.ID, "Hunt2"); err != nil {
		t.Fatal(err)
	}
	runCell(t, s, ev, "c2", "Events | take 1")

	later, err := NewBackend(b.ws, BackendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	list, _ := later.Notebooks(ctx)
	if len(list) != 1 {
		t.Fatalf("notebooks %+v", list)
	}
	hist, err := later.History(ctx, server.HistoryQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 {
		t.Fatalf("history %+v", hist)
	}
	if h := hist[0]; h.NotebookName != "Hunt2" || h.NotebookID != list[0].ID {
		t.Errorf("newest entry %+v, want notebook Hunt2 (%s)", h, list[0].ID)
	}
	if h := hist[1]; h.NotebookName != "Hunt" || h.NotebookID != "" {
		t.Errorf("older entry %+v, want the old name Hunt and no link", h)
	}
	only, _ := later.History(ctx, server.HistoryQuery{NotebookID: list[0].ID})
	if len(only) != 1 {
		t.Errorf("history of %s: %+v", list[0].ID, only)
	}
}
