package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/render"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/session"
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
	err := s.sess.Restart(context.WithoutCancel(ctx))
	s.mu.Lock()
	s.results = map[string]*engineResult{}
	s.mu.Unlock()
	s.events(server.Event{Type: server.EventKernel, State: "idle"})
	return err
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

// run executes one cell with the analysis session and reports it.
func (s *Session) run(ctx context.Context, id string) {
	s.mu.Lock()
	i := s.nb.CellByID(id)
	if i < 0 {
		s.mu.Unlock()
		return
	}
	cell := s.nb.Cells[i]
	src, typ, params := cell.Source, cell.Type, cell.HasTag(notebook.ParametersTag)
	s.runs[id].status = server.StatusRunning
	s.mu.Unlock()
	start := time.Now()
	s.events(server.Event{Type: server.EventStatus, CellID: id, Status: server.StatusRunning, Started: start})
	if typ != notebook.Code || strings.TrimSpace(src) == "" {
		s.finish(id, server.Event{Status: server.StatusDone, Outputs: []server.Output{}}, nil)
		return
	}
	exe, err := s.sess.Run(ctx, session.Cell{Source: src, Parameters: params})
	ev := server.Event{Elapsed: server.Duration(time.Since(start)), Outputs: []server.Output{}}
	if exe != nil {
		ev.ExecutionCount = &exe.N
	}
	switch {
	case errors.Is(err, engine.ErrCanceled) || errors.Is(err, context.Canceled):
		ev.Status = server.StatusInterrupted
	case err != nil:
		ev.Status = server.StatusError
		ev.Outputs = []server.Output{{Type: server.OutputError, Error: queryError(src, err)}}
	case exe.Table == nil: // only let statements: they are bound, nothing to show
		ev.Status = server.StatusDone
	default:
		ev.Status, ev.Rows = server.StatusDone, exe.Rows
		info := s.hold(exe)
		ev.Outputs = []server.Output{{Type: server.OutputResult, Result: &info}}
	}
	if exe != nil {
		for _, w := range exe.Warnings {
			ev.Outputs = append(ev.Outputs, server.Output{Type: server.OutputText, Text: w})
		}
	}
	var head *table.Table
	if exe != nil {
		head = exe.Table
	}
	s.finish(id, ev, head)
}

// hold keeps a result (stored in the engine by the session) for paging.
func (s *Session) hold(exe *session.Execution) server.ResultInfo {
	name := exe.Name
	if name == "" {
		name = fmt.Sprintf("_%d", exe.N)
	}
	info := server.ResultInfo{ID: exe.Ref, Name: name, Columns: exe.Table.Columns, Rows: exe.Rows, Visualization: exe.Table.Visualization}
	r := &engineResult{sess: s.sess, exe: exe, info: info}
	s.mu.Lock()
	s.results[info.ID] = r
	s.mu.Unlock()
	return info
}

// finish records the cell's outcome in the document, reports it and saves
// (every execution is saved).
func (s *Session) finish(id string, ev server.Event, head *table.Table) {
	ev.Type, ev.CellID = server.EventStatus, id
	s.mu.Lock()
	if i := s.nb.CellByID(id); i >= 0 && s.nb.Cells[i].Type == notebook.Code && ev.Status != server.StatusInterrupted {
		c := s.nb.Cells[i]
		c.ExecutionCount = ev.ExecutionCount
		n := 0
		if ev.ExecutionCount != nil {
			n = *ev.ExecutionCount
		}
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
