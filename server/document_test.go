package server

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/table"
)

// scriptRunner runs a cell by its source: "fail" is an error, "block"
// waits for the interrupt, "let" is done without a table, anything else
// is a table of one row holding the source and a total of 1000 rows.
type scriptRunner struct {
	mu       sync.Mutex
	ran      []RunCell
	started  chan string // receives each cell id as its run starts
	n        int
	restarts int
	closed   bool
}

func newScriptRunner() *scriptRunner { return &scriptRunner{started: make(chan string, 16)} }

func (r *scriptRunner) Run(ctx context.Context, cell RunCell) RunOutcome {
	r.mu.Lock()
	r.ran = append(r.ran, cell)
	r.n++
	n := r.n
	r.mu.Unlock()
	r.started <- cell.ID
	switch cell.Source {
	case "fail":
		return RunOutcome{Status: StatusError, ExecutionCount: &n,
			Outputs: []Output{{Type: OutputError, Error: &QueryError{Message: "1:1: no such table"}}}}
	case "block":
		<-ctx.Done()
		return RunOutcome{Status: StatusInterrupted}
	case "let":
		return RunOutcome{Status: StatusDone, ExecutionCount: &n}
	}
	head := &table.Table{Columns: []table.Column{{Name: "Source", Type: table.String}}}
	for range StoredRows + 5 {
		head.Rows = append(head.Rows, []any{cell.Source})
	}
	info := ResultInfo{ID: fmt.Sprintf("r%d", n), Name: fmt.Sprintf("_%d", n), Columns: head.Columns, Rows: 1000}
	return RunOutcome{Status: StatusDone, ExecutionCount: &n, Rows: 1000, Head: head,
		Outputs: []Output{{Type: OutputResult, Result: &info}}}
}

func (r *scriptRunner) Result(id string) (Result, error) {
	if id == "held" {
		return NewTableResult(ResultInfo{ID: id}, &table.Table{}), nil
	}
	return nil, fmt.Errorf("result %q: %w", id, ErrNotFound)
}

func (r *scriptRunner) Restart(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.restarts++
	return nil
}

func (r *scriptRunner) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	return nil
}

func (r *scriptRunner) sources() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, c := range r.ran {
		out = append(out, c.Source)
	}
	return out
}

// docFixture is a Document over a scriptRunner, writing to memory.
type docFixture struct {
	doc    *Document
	runner *scriptRunner

	mu       sync.Mutex
	events   []Event
	changed  chan struct{}
	writes   [][]byte
	writeErr error
}

// newDocFixture opens a notebook of code cells c1, c2, ... with the given
// sources.
func newDocFixture(t *testing.T, saveDelay time.Duration, sources ...string) *docFixture {
	t.Helper()
	nb := notebook.New()
	for i, src := range sources {
		c := notebook.NewCell(notebook.Code, src)
		c.ID = fmt.Sprintf("c%d", i+1)
		nb.Cells = append(nb.Cells, c)
	}
	f := &docFixture{runner: newScriptRunner(), changed: make(chan struct{}, 1)}
	f.doc = NewDocument(nb, f.runner, DocumentOptions{
		ID: "nb1", Name: func() string { return "Hunt" }, SaveDelay: saveDelay,
		Write: f.write, Events: f.event,
	})
	t.Cleanup(func() { f.doc.Discard(context.Background()) })
	return f
}

func (f *docFixture) write(data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.writeErr != nil {
		return f.writeErr
	}
	f.writes = append(f.writes, data)
	return nil
}

func (f *docFixture) event(ev Event) {
	f.mu.Lock()
	f.events = append(f.events, ev)
	f.mu.Unlock()
	select {
	case f.changed <- struct{}{}:
	default:
	}
}

// waitEvent waits for an event for which ok holds and returns it.
func (f *docFixture) waitEvent(t *testing.T, what string, ok func(Event) bool) Event {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		f.mu.Lock()
		for _, ev := range f.events {
			if ok(ev) {
				f.mu.Unlock()
				return ev
			}
		}
		f.mu.Unlock()
		select {
		case <-f.changed:
		case <-deadline:
			t.Fatalf("no %s event; events: %+v", what, f.eventList())
		}
	}
}

func (f *docFixture) eventList() []Event {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.events)
}

// statuses lists "cell:status" of the status events, in order.
func (f *docFixture) statuses() []string {
	var out []string
	for _, ev := range f.eventList() {
		if ev.Type == EventStatus {
			out = append(out, ev.CellID+":"+string(ev.Status))
		}
	}
	return out
}

// lastFile parses the last notebook written.
func (f *docFixture) lastFile(t *testing.T) *notebook.Notebook {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.writes) == 0 {
		t.Fatal("nothing written")
	}
	nb, err := notebook.Parse(f.writes[len(f.writes)-1])
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

func (f *docFixture) writeCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.writes)
}

func finalStatus(id string) func(Event) bool {
	return func(ev Event) bool {
		return ev.Type == EventStatus && ev.CellID == id &&
			(ev.Status == StatusDone || ev.Status == StatusError || ev.Status == StatusInterrupted)
	}
}

func cellIDs(st *NotebookState) []string {
	var ids []string
	for _, c := range st.Cells {
		ids = append(ids, c.ID+"="+c.Source)
	}
	return ids
}

func TestDocumentEdit(t *testing.T) {
	tests := []struct {
		name    string
		edits   []Edit
		want    []string // id=source after the batch
		wantErr bool
	}{
		{"source", []Edit{{Op: EditSource, CellID: "c1", Source: "Evil"}}, []string{"c1=Evil", "c2=b"}, false},
		{"insert then edit it in one batch",
			[]Edit{{Op: EditInsert, CellID: "n", Index: 1, Source: "x"}, {Op: EditSource, CellID: "n", Source: "y"}},
			[]string{"c1=a", "n=y", "c2=b"}, false},
		{"move", []Edit{{Op: EditMove, CellID: "c2", Index: 0}}, []string{"c2=b", "c1=a"}, false},
		{"delete", []Edit{{Op: EditDelete, CellID: "c1"}}, []string{"c2=b"}, false},
		{"a bad edit undoes its batch",
			[]Edit{{Op: EditSource, CellID: "c1", Source: "changed"}, {Op: EditDelete, CellID: "nope"}},
			[]string{"c1=a", "c2=b"}, true},
		{"taken id", []Edit{{Op: EditInsert, CellID: "c2"}}, []string{"c1=a", "c2=b"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newDocFixture(t, time.Hour, "a", "b")
			ctx := context.Background()
			v, err := f.doc.Edit(ctx, tt.edits)
			if tt.wantErr != (err != nil) || err != nil && !errors.Is(err, ErrInvalid) {
				t.Fatalf("Edit: %v, want error %v (ErrInvalid)", err, tt.wantErr)
			}
			st, _ := f.doc.Snapshot(ctx)
			wantV := int64(1)
			if tt.wantErr {
				wantV = 0
			}
			if v != wantV || st.Version != wantV || st.Name != "Hunt" || st.ID != "nb1" {
				t.Errorf("version %d, snapshot %d %q %q; want %d", v, st.Version, st.ID, st.Name, wantV)
			}
			if got := cellIDs(st); !slices.Equal(got, tt.want) {
				t.Errorf("cells %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDocumentRunQueue: cells run one at a time in the order queued; a
// markdown or blank cell is done without the runner; a failure is an
// error output; every execution is saved with its outputs.
func TestDocumentRunQueue(t *testing.T) {
	f := newDocFixture(t, time.Hour, "first", "fail", "  ", "let")
	ctx := context.Background()
	if _, err := f.doc.Edit(ctx, []Edit{{Op: EditInsert, CellID: "md", Index: 0, CellType: notebook.Markdown, Source: "# notes"}}); err != nil {
		t.Fatal(err)
	}
	order := []string{"c4", "md", "c2", "c3", "c1"}
	if err := f.doc.Execute(ctx, order); err != nil {
		t.Fatal(err)
	}
	f.waitEvent(t, "c1 done", finalStatus("c1"))
	if got, want := f.runner.sources(), []string{"let", "fail", "first"}; !slices.Equal(got, want) {
		t.Errorf("runner ran %v, want %v", got, want)
	}
	want := []string{"c4:queued", "md:queued", "c2:queued", "c3:queued", "c1:queued",
		"c4:running", "c4:done", "md:running", "md:done", "c2:running", "c2:error",
		"c3:running", "c3:done", "c1:running", "c1:done"}
	if got := f.statuses(); !slices.Equal(got, want) {
		t.Errorf("status events\n got %v\nwant %v", got, want)
	}
	st, _ := f.doc.Snapshot(ctx)
	byID := map[string]*CellState{}
	for _, c := range st.Cells {
		byID[c.ID] = c
	}
	if c := byID["c2"]; c.Status != StatusError || len(c.Outputs) != 1 || c.Outputs[0].Error == nil || *c.ExecutionCount != 2 {
		t.Errorf("failed cell %+v", c)
	}
	if c := byID["c1"]; c.Status != StatusDone || len(c.Outputs) != 1 || c.Outputs[0].Result.Rows != 1000 {
		t.Errorf("result cell %+v", c)
	}
	if c := byID["c3"]; c.Status != StatusDone || c.ExecutionCount != nil || len(c.Outputs) != 0 {
		t.Errorf("blank cell %+v", c)
	}
	f.waitEvent(t, "saved", func(ev Event) bool { return ev.Type == EventSaved && ev.Version == st.Version })
	file := f.lastFile(t)
	out := file.Cells[file.CellByID("c1")].Outputs
	if len(out) != 1 || out[0].Type != notebook.ExecuteResult || *out[0].ExecutionCount != 3 {
		t.Fatalf("stored result %+v", out)
	}
	if html, _ := out[0].Data["text/html"].(string); strings.Count(html, "<tr") != StoredRows+1 || !strings.Contains(html, "of 1,000 rows") {
		t.Errorf("stored HTML keeps %d rows (want %d and a header), or no total:\n%.300s", strings.Count(html, "<tr"), StoredRows, html)
	}
	if out := file.Cells[file.CellByID("c2")].Outputs; len(out) != 1 || out[0].Type != notebook.Error || out[0].EValue != "1:1: no such table" {
		t.Errorf("stored error %+v", out)
	}
	if out := file.Cells[file.CellByID("c4")].Outputs; len(out) != 0 || *file.Cells[file.CellByID("c4")].ExecutionCount != 1 {
		t.Errorf("stored let-only cell %+v", file.Cells[file.CellByID("c4")])
	}
}

func TestDocumentExecuteUnknownCell(t *testing.T) {
	f := newDocFixture(t, time.Hour, "a")
	if err := f.doc.Execute(context.Background(), []string{"c1", "nope"}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("Execute of an unknown cell: %v, want ErrInvalid", err)
	}
	if got := f.statuses(); len(got) != 0 {
		t.Errorf("a refused batch queued %v", got)
	}
}

// TestDocumentInterrupt cancels the running cell and drops the queued
// ones; the running cell keeps its previous outputs.
func TestDocumentInterrupt(t *testing.T) {
	for _, tc := range []struct {
		name   string
		before bool // c1 ran once before, so has outputs to keep
	}{{"fresh cells", false}, {"cell with outputs", true}} {
		t.Run(tc.name, func(t *testing.T) {
			f := newDocFixture(t, time.Hour, "first", "queued")
			ctx := context.Background()
			if tc.before {
				_ = f.doc.Execute(ctx, []string{"c1"})
				f.waitEvent(t, "first run", finalStatus("c1"))
				<-f.runner.started
			}
			if _, err := f.doc.Edit(ctx, []Edit{{Op: EditSource, CellID: "c1", Source: "block"}}); err != nil {
				t.Fatal(err)
			}
			f.mu.Lock()
			f.events = nil
			f.mu.Unlock()
			_ = f.doc.Execute(ctx, []string{"c1", "c2"})
			if id := <-f.runner.started; id != "c1" {
				t.Fatalf("started %s", id)
			}
			if err := f.doc.Interrupt(ctx); err != nil {
				t.Fatal(err)
			}
			f.waitEvent(t, "c1 interrupted", finalStatus("c1"))
			// The dropped cell's event and the running cell's race.
			got := f.statuses()
			slices.Sort(got[min(3, len(got)):])
			want := []string{"c1:queued", "c2:queued", "c1:running", "c1:interrupted", "c2:interrupted"}
			if !slices.Equal(got, want) {
				t.Errorf("status events %v, want %v", got, want)
			}
			st, _ := f.doc.Snapshot(ctx)
			c1 := st.Cells[0]
			if c1.Status != StatusInterrupted || st.Cells[1].Status != StatusInterrupted {
				t.Errorf("statuses %s %s", c1.Status, st.Cells[1].Status)
			}
			if kept := len(c1.Outputs) == 1 && c1.ExecutionCount != nil; kept != tc.before {
				t.Errorf("outputs after the interrupt %+v (count %v), want kept=%v", c1.Outputs, c1.ExecutionCount, tc.before)
			}
			if got := f.runner.sources(); slices.Contains(got, "queued") {
				t.Errorf("the dropped cell ran: %v", got)
			}
		})
	}
}

// TestDocumentAutosave: a burst of edits is one save, SaveDelay after
// the first; EventSaved follows the write; a failed write is reported.
func TestDocumentAutosave(t *testing.T) {
	f := newDocFixture(t, 100*time.Millisecond, "a")
	ctx := context.Background()
	var v int64
	for i := range 5 {
		var err error
		if v, err = f.doc.Edit(ctx, []Edit{{Op: EditSource, CellID: "c1", Source: fmt.Sprint("v", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.writeCount(); n != 0 {
		t.Fatalf("%d writes before the delay", n)
	}
	f.waitEvent(t, "saved", func(ev Event) bool { return ev.Type == EventSaved && ev.Version == v })
	if n := f.writeCount(); n != 1 {
		t.Errorf("%d writes for one burst, want 1", n)
	}
	if src := f.lastFile(t).Cells[0].Source; src != "v4" {
		t.Errorf("saved source %q", src)
	}
	if st, _ := f.doc.Snapshot(ctx); st.Saved != v {
		t.Errorf("snapshot saved %d, want %d", st.Saved, v)
	}

	f.mu.Lock()
	f.writeErr = errors.New("disk full")
	f.mu.Unlock()
	_, _ = f.doc.Edit(ctx, []Edit{{Op: EditSource, CellID: "c1", Source: "lost"}})
	if _, err := f.doc.Save(ctx); err == nil {
		t.Error("Save with a failing write succeeded")
	}
	f.waitEvent(t, "saveFailed", func(ev Event) bool { return ev.Type == EventSaveFailed && ev.Message == "disk full" })
}

// TestDocumentCloseDiscardRestart: Close saves and releases the runner;
// nothing is written or edited after it; Discard writes nothing;
// Restart reaches the runner and reports the kernel's states.
func TestDocumentCloseDiscardRestart(t *testing.T) {
	ctx := context.Background()
	f := newDocFixture(t, time.Hour, "a")
	_, _ = f.doc.Edit(ctx, []Edit{{Op: EditSource, CellID: "c1", Source: "closing"}})
	if err := f.doc.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if src := f.lastFile(t).Cells[0].Source; src != "closing" || !f.runner.closed {
		t.Errorf("after Close: saved %q, runner closed %v", src, f.runner.closed)
	}
	if _, err := f.doc.Edit(ctx, []Edit{{Op: EditSource, CellID: "c1", Source: "late"}}); err == nil {
		t.Error("Edit after Close succeeded")
	}
	_, _ = f.doc.Save(ctx)
	if f.writeCount() != 1 {
		t.Errorf("%d writes, want the one of Close", f.writeCount())
	}

	d := newDocFixture(t, time.Hour, "a")
	_, _ = d.doc.Edit(ctx, []Edit{{Op: EditSource, CellID: "c1", Source: "gone"}})
	d.doc.Discard(ctx)
	if d.writeCount() != 0 || !d.runner.closed {
		t.Errorf("Discard: %d writes, runner closed %v", d.writeCount(), d.runner.closed)
	}

	r := newDocFixture(t, time.Hour, "a")
	if err := r.doc.Restart(ctx); err != nil || r.runner.restarts != 1 {
		t.Fatalf("Restart: %v, runner restarts %d", err, r.runner.restarts)
	}
	var states []string
	for _, ev := range r.eventList() {
		if ev.Type == EventKernel {
			states = append(states, ev.State)
		}
	}
	if !slices.Equal(states, []string{"restarting", "idle"}) {
		t.Errorf("kernel states %v", states)
	}
	if _, err := r.doc.Result(ctx, "held"); err != nil {
		t.Errorf("Result held: %v", err)
	}
	if _, err := r.doc.Result(ctx, "other"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Result other: %v, want ErrNotFound", err)
	}
}

// TestDocumentHoldSaves: no save writes between HoldSaves and its
// release (a backend renames the file there).
func TestDocumentHoldSaves(t *testing.T) {
	f := newDocFixture(t, time.Hour, "a")
	ctx := context.Background()
	_, _ = f.doc.Edit(ctx, []Edit{{Op: EditSource, CellID: "c1", Source: "b"}})
	release := f.doc.HoldSaves()
	saved := make(chan error)
	go func() {
		_, err := f.doc.Save(ctx)
		saved <- err
	}()
	select {
	case err := <-saved:
		t.Fatalf("Save returned while saves were held: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	if n := f.writeCount(); n != 0 {
		t.Fatalf("%d writes while saves were held", n)
	}
	release()
	if err := <-saved; err != nil || f.writeCount() != 1 {
		t.Errorf("after the release: %v, %d writes", err, f.writeCount())
	}
}

// TestStoredOutputs: a notebook from disk shows its stored outputs: HTML
// tables as HTML, charts (SVG) as an image the sanitiser keeps, errors as
// errors.
func TestStoredOutputs(t *testing.T) {
	outs := storedOutputs([]*notebook.Output{
		{Type: notebook.ExecuteResult, Data: notebook.MIMEBundle{"text/html": "<table></table>", "text/plain": "t"}},
		{Type: notebook.DisplayData, Data: notebook.MIMEBundle{"image/svg+xml": `<svg xmlns="http://www.w3.org/2000/svg"></svg>`, "text/plain": "chart"}},
		{Type: notebook.Error, EName: "KQLError", EValue: "1:5: bad"},
		{Type: notebook.Stream, Name: "stderr", Text: "warning"},
	})
	if len(outs) != 4 || outs[0].HTML != "<table></table>" || outs[2].Error == nil || outs[2].Error.Message != "1:5: bad" || outs[3].Text != "warning" {
		t.Fatalf("outputs %+v", outs)
	}
	if got := notebook.SanitizeHTML(outs[1].HTML); got != outs[1].HTML {
		t.Errorf("the chart image does not survive the sanitiser:\n%s\n%s", outs[1].HTML, got)
	}
}
