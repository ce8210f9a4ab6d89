package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/exec"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/render"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/table"
)

// storedRows is how many rows of a result the notebook file keeps (with
// the total): enough to read the result in Jupyter, small enough to keep
// the file small.
const storedRows = 200

// Execute queues cells; the worker runs them in order.
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
		if r := s.runs[id]; r != nil {
			r.status = server.StatusInterrupted
		}
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

// Restart interrupts, then forgets every let binding and result.
func (s *Session) Restart(ctx context.Context) error {
	s.events(server.Event{Type: server.EventKernel, State: "restarting"})
	_ = s.Interrupt(ctx)
	s.mu.Lock()
	results := s.results
	s.results = map[string]*engineResult{}
	s.env = exec.NewEnv()
	s.execCount = 0
	s.mu.Unlock()
	s.dropResults(ctx, results)
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

// run executes one cell on the engine and reports it.
func (s *Session) run(ctx context.Context, id string) {
	s.mu.Lock()
	i := s.nb.CellByID(id)
	if i < 0 {
		s.mu.Unlock()
		return
	}
	cell := s.nb.Cells[i]
	src, typ, env := cell.Source, cell.Type, s.env
	s.runs[id].status = server.StatusRunning
	s.nresults++
	ref := fmt.Sprintf("result_%d_%d", s.seq, s.nresults)
	s.mu.Unlock()
	start := time.Now()
	s.events(server.Event{Type: server.EventStatus, CellID: id, Status: server.StatusRunning, Started: start})
	if typ != notebook.Code || strings.TrimSpace(src) == "" {
		s.finish(id, server.Event{Status: server.StatusDone, Outputs: []server.Output{}}, nil)
		return
	}
	res, err := s.b.x.Run(ctx, src, env, exec.RunOptions{Name: ref, MaxRows: storedRows, Now: s.b.opts.Now, Timeout: s.b.opts.QueryTimeout})
	elapsed := time.Since(start)
	ev := server.Event{Elapsed: server.Duration(elapsed), Outputs: []server.Output{}}
	hist := server.HistoryEntry{Time: start.UTC(), NotebookID: s.id, NotebookName: s.b.nameOf(s.id), CellID: id, Query: src, Elapsed: server.Duration(elapsed)}
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(err, engine.ErrCanceled):
		ev.Status = server.StatusInterrupted
		hist.Error = "interrupted"
	case err != nil:
		ev.Status = server.StatusError
		ev.Outputs = []server.Output{{Type: server.OutputError, Error: queryError(src, err)}}
		hist.Error = err.Error()
	case res.Table == nil: // only let statements: they are bound, nothing to show
		ev.Status = server.StatusDone
	default:
		ev.Status, ev.Rows = server.StatusDone, res.Rows
		info := s.hold(ref, res)
		ev.Outputs = []server.Output{{Type: server.OutputResult, Result: &info}}
		hist.Rows = res.Rows
	}
	s.b.journal.record(hist)
	var head *table.Table
	if res != nil {
		head = res.Table
	}
	s.finish(id, ev, head)
}

// hold keeps a result (stored in the engine under ref) for paging.
func (s *Session) hold(ref string, res *exec.Result) server.ResultInfo {
	info := server.ResultInfo{ID: ref, Name: ref, Columns: res.Table.Columns, Rows: res.Rows, Visualization: res.Table.Visualization}
	r := &engineResult{db: s.b.ws.DB, ref: ref, info: info}
	s.mu.Lock()
	s.results[ref] = r
	s.mu.Unlock()
	return info
}

// dropResults forgets results in the engine.
func (s *Session) dropResults(ctx context.Context, results map[string]*engineResult) {
	for ref := range results {
		_ = s.b.ws.DB.Drop(context.WithoutCancel(ctx), ref)
	}
}

// finish records the cell's outcome in the document, reports it and saves
// (every execution is saved).
func (s *Session) finish(id string, ev server.Event, head *table.Table) {
	ev.Type, ev.CellID = server.EventStatus, id
	s.mu.Lock()
	if i := s.nb.CellByID(id); i >= 0 && s.nb.Cells[i].Type == notebook.Code && ev.Status != server.StatusInterrupted {
		s.execCount++
		n := s.execCount
		ev.ExecutionCount = &n
		c := s.nb.Cells[i]
		c.ExecutionCount = &n
		c.Outputs = notebookOutputs(ev, head, n)
	}
	if run := s.runs[id]; run != nil {
		run.status = ev.Status
		if ev.Status != server.StatusInterrupted {
			run.outputs = ev.Outputs
		}
	}
	s.version++
	s.mu.Unlock()
	s.events(ev)
	_, _ = s.Save(context.Background())
}

// notebookOutputs is what the .ipynb file keeps of an execution: the error,
// or the result's first rows rendered (HTML table or chart, with the total).
func notebookOutputs(ev server.Event, head *table.Table, n int) []*notebook.Output {
	if ev.Status == server.StatusError {
		msg := ev.Outputs[0].Error.Message
		return []*notebook.Output{{Type: notebook.Error, EName: "KQLError", EValue: msg, Traceback: []string{msg}}}
	}
	if head == nil {
		return nil
	}
	bundle, err := render.Render(head, render.Options{TotalRows: ev.Rows})
	if err != nil {
		return []*notebook.Output{{Type: notebook.Stream, Name: "stderr", Text: err.Error()}}
	}
	return []*notebook.Output{{Type: notebook.ExecuteResult, ExecutionCount: &n, Data: bundle, Metadata: notebook.Metadata{}}}
}

// queryError positions a query's error in the cell's source: the first
// error of a parse, or the error of the check, with its span.
func queryError(src string, err error) *server.QueryError {
	qe := &server.QueryError{Message: err.Error()}
	var list syntax.ErrorList
	var one *syntax.Error
	var se *sema.Error
	switch {
	case errors.As(err, &list) && len(list) > 0:
		setSpan(qe, src, list[0].Span)
	case errors.As(err, &one):
		setSpan(qe, src, one.Span)
	case errors.As(err, &se):
		setSpan(qe, src, se.Span)
	}
	return qe
}

// setSpan sets the 1-based line and byte column of a span's ends.
func setSpan(qe *server.QueryError, src string, sp syntax.Span) {
	qe.Line, qe.Col = lineCol(src, sp.Start)
	if sp.End > sp.Start {
		qe.EndLine, qe.EndCol = lineCol(src, sp.End)
	}
}

func lineCol(src string, off int) (int, int) {
	off = min(max(off, 0), len(src))
	line := 1 + strings.Count(src[:off], "\n")
	col := off - strings.LastIndexByte(src[:off], '\n')
	return line, col
}
