package servertest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/render"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/table"
)

// storedRows is how many rows of a result the notebook file keeps.
const storedRows = 200

// Execute queues cells.
func (s *Session) Execute(ctx context.Context, cellIDs []string) error {
	s.mu.Lock()
	for _, id := range cellIDs {
		if s.nb.CellByID(id) < 0 {
			s.mu.Unlock()
			return fmt.Errorf("%w: no cell %q", server.ErrInvalid, id)
		}
	}
	for _, id := range cellIDs {
		s.queue = append(s.queue, id)
		s.runs[id].status = server.StatusQueued
	}
	s.mu.Unlock()
	for _, id := range cellIDs {
		s.events(server.Event{Type: server.EventStatus, CellID: id, Status: server.StatusQueued})
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
	return nil
}

// Interrupt cancels the running cell and drops the queue.
func (s *Session) Interrupt(ctx context.Context) error {
	s.mu.Lock()
	dropped := s.queue
	s.queue = nil
	for _, id := range dropped {
		s.runs[id].status = server.StatusInterrupted
	}
	if s.cancelRun != nil {
		s.cancelRun()
	}
	s.mu.Unlock()
	for _, id := range dropped {
		s.events(server.Event{Type: server.EventStatus, CellID: id, Status: server.StatusInterrupted})
	}
	return nil
}

// Restart interrupts and forgets results.
func (s *Session) Restart(ctx context.Context) error {
	s.events(server.Event{Type: server.EventKernel, State: "restarting"})
	_ = s.Interrupt(ctx)
	s.mu.Lock()
	s.results = map[string]*server.TableResult{}
	s.execCount = 0
	s.mu.Unlock()
	s.events(server.Event{Type: server.EventKernel, State: "idle"})
	return nil
}

func (s *Session) worker() {
	for range s.wake {
		for {
			s.mu.Lock()
			if len(s.queue) == 0 || s.closed {
				s.mu.Unlock()
				break
			}
			id := s.queue[0]
			s.queue = s.queue[1:]
			ctx, cancel := context.WithCancel(context.Background())
			s.cancelRun = cancel
			s.mu.Unlock()
			s.events(server.Event{Type: server.EventKernel, State: "busy"})
			s.run(ctx, id)
			cancel()
			s.mu.Lock()
			s.cancelRun = nil
			idle := len(s.queue) == 0
			s.mu.Unlock()
			if idle {
				s.events(server.Event{Type: server.EventKernel, State: "idle"})
			}
		}
	}
}

// run executes one cell and reports it.
func (s *Session) run(ctx context.Context, id string) {
	s.mu.Lock()
	i := s.nb.CellByID(id)
	if i < 0 {
		s.mu.Unlock()
		return
	}
	cell := s.nb.Cells[i]
	src, typ := cell.Source, cell.Type
	s.runs[id].status = server.StatusRunning
	s.mu.Unlock()
	start := time.Now()
	s.events(server.Event{Type: server.EventStatus, CellID: id, Status: server.StatusRunning, Started: start})
	if typ != notebook.Code {
		s.finish(id, server.Event{Status: server.StatusDone}, nil)
		return
	}
	tabs, _ := s.b.tabs.get()
	t, err := runQuery(ctx, tabs, src)
	elapsed := time.Since(start)
	ev := server.Event{Elapsed: server.Duration(elapsed)}
	hist := server.HistoryEntry{Time: start.UTC(), NotebookID: s.id, CellID: id, Query: src, Elapsed: server.Duration(elapsed)}
	switch {
	case errors.Is(err, context.Canceled):
		ev.Status = server.StatusInterrupted
		hist.Error = "interrupted"
	case err != nil:
		ev.Status = server.StatusError
		ev.Outputs = []server.Output{{Type: server.OutputError, Error: positioned(src, err)}}
		hist.Error = err.Error()
	default:
		ev.Status, ev.Rows = server.StatusDone, int64(len(t.Rows))
		ev.Outputs = []server.Output{{Type: server.OutputResult, Result: s.hold(t)}}
		hist.Rows = ev.Rows
	}
	s.b.journal(hist)
	s.finish(id, ev, t)
}

// hold keeps a result for paging and returns its description.
func (s *Session) hold(t *table.Table) *server.ResultInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nresults++
	name := fmt.Sprintf("_%d", s.nresults)
	r := server.NewTableResult(server.ResultInfo{ID: fmt.Sprintf("r%d", s.nresults), Name: name}, t)
	s.results[r.Info().ID] = r
	info := r.Info()
	return &info
}

// finish records the cell's outcome in the document, reports it and
// saves (every execution is saved).
func (s *Session) finish(id string, ev server.Event, t *table.Table) {
	ev.Type, ev.CellID = server.EventStatus, id
	s.mu.Lock()
	if i := s.nb.CellByID(id); i >= 0 && s.nb.Cells[i].Type == notebook.Code && ev.Status != server.StatusInterrupted {
		s.execCount++
		n := s.execCount
		ev.ExecutionCount = &n
		c := s.nb.Cells[i]
		c.ExecutionCount = &n
		c.Outputs = notebookOutputs(ev, t, n)
	}
	run := s.runs[id]
	run.status = ev.Status
	if ev.Outputs != nil || ev.Status == server.StatusDone {
		run.outputs = ev.Outputs
	}
	s.version++
	s.mu.Unlock()
	s.events(ev)
	_, _ = s.Save(context.Background())
}

func notebookOutputs(ev server.Event, t *table.Table, n int) []*notebook.Output {
	if ev.Status == server.StatusError {
		msg := ev.Outputs[0].Error.Message
		return []*notebook.Output{{Type: notebook.Error, EName: "KQLError", EValue: msg, Traceback: []string{msg}}}
	}
	if t == nil {
		return nil
	}
	head := &table.Table{Columns: t.Columns, Rows: t.Rows[:min(storedRows, len(t.Rows))], Visualization: t.Visualization}
	bundle, _ := render.Render(head, render.Options{TotalRows: int64(len(t.Rows))})
	return []*notebook.Output{{Type: notebook.ExecuteResult, ExecutionCount: &n, Data: bundle, Metadata: notebook.Metadata{}}}
}

// positioned turns a query error into a QueryError with line:col.
func positioned(src string, err error) *server.QueryError {
	var qe *queryError
	if !errors.As(err, &qe) {
		return &server.QueryError{Message: err.Error()}
	}
	l1, c1 := lineCol(src, qe.from)
	l2, c2 := lineCol(src, qe.to)
	return &server.QueryError{Message: fmt.Sprintf("%d:%d: %s", l1, c1, qe.msg), Line: l1, Col: c1, EndLine: l2, EndCol: c2}
}

func lineCol(src string, off int) (int, int) {
	off = min(off, len(src))
	line := 1 + strings.Count(src[:off], "\n")
	col := off - strings.LastIndexByte(src[:off], '\n')
	return line, col
}

var operators = []string{"where", "take", "limit", "project", "sort", "order", "summarize", "render", "extend", "join", "count"}
var functions = []string{"count()", "ago()", "bin()", "now()", "tostring()", "parse_json()"}

// Complete proposes tables at the start, operators after a pipe, and
// columns and functions elsewhere.
func (s *Session) Complete(ctx context.Context, req server.CompletionRequest) (*server.Completions, error) {
	src := req.Source[:min(max(req.Pos, 0), len(req.Source))]
	from := len(src)
	for from > 0 && isWordByte(src[from-1]) {
		from--
	}
	out := &server.Completions{From: from, To: req.Pos}
	before := strings.TrimRight(src[:from], " \t\r\n")
	tabs, list := s.b.tabs.get()
	switch {
	case before == "":
		for _, name := range list {
			out.Items = append(out.Items, server.Completion{Label: name, Kind: "table", Detail: fmt.Sprintf("%d rows", len(tabs[name].Rows))})
		}
	case strings.HasSuffix(before, "|"):
		for _, op := range operators {
			out.Items = append(out.Items, server.Completion{Label: op, Kind: "operator"})
		}
	default:
		first := strings.Fields(splitPipeline(req.Source)[0].text)
		if len(first) > 0 && tabs[first[0]] != nil {
			for _, c := range tabs[first[0]].Columns {
				out.Items = append(out.Items, server.Completion{Label: c.Name, Kind: "column", Detail: c.Type.String(), Insert: quoteName(c.Name)})
			}
		}
		for _, f := range functions {
			out.Items = append(out.Items, server.Completion{Label: strings.TrimSuffix(f, "()"), Kind: "function", Detail: f, Insert: f})
		}
	}
	return out, nil
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func quoteName(name string) string {
	for i := 0; i < len(name); i++ {
		if !isWordByte(name[i]) {
			return "['" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(name) + "']"
		}
	}
	return ""
}

// Diagnose checks the table name and the operators.
func (s *Session) Diagnose(ctx context.Context, cellID, source string) ([]server.Diagnostic, error) {
	tabs, _ := s.b.tabs.get()
	var out []server.Diagnostic
	segs := splitPipeline(source)
	for i, seg := range segs {
		seg = seg.trimmed()
		word := ""
		if f := strings.Fields(seg.text); len(f) > 0 {
			word = f[0]
		}
		switch {
		case word == "":
			if i > 0 || len(segs) > 1 {
				out = append(out, server.Diagnostic{From: seg.off, To: seg.off + 1, Severity: "error", Message: "expected an operator"})
			}
		case i == 0 && tabs[word] == nil:
			out = append(out, server.Diagnostic{From: seg.off, To: seg.off + len(word), Severity: "error", Message: fmt.Sprintf("unknown table %q", word)})
		case i > 0 && !slices.Contains(operators, word) && word != "sleep":
			out = append(out, server.Diagnostic{From: seg.off, To: seg.off + len(word), Severity: "error", Message: fmt.Sprintf("unknown operator %q", word)})
		}
	}
	return out, nil
}
