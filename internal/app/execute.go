package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/session"
)

// kqlRunner runs a notebook's cells in its session.Session and holds their
// results (stored in the engine) for paging.
type kqlRunner struct {
	sess *session.Session

	mu      sync.Mutex
	results map[string]*engineResult
}

// Run executes one cell.
func (r *kqlRunner) Run(ctx context.Context, cell server.RunCell) server.RunOutcome {
	exe, err := r.sess.Run(ctx, session.Cell{Source: cell.Source, Parameters: cell.Parameters})
	out := server.RunOutcome{Outputs: []server.Output{}}
	if exe != nil {
		out.ExecutionCount, out.Head = &exe.N, exe.Table
	}
	switch {
	case errors.Is(err, engine.ErrCanceled) || errors.Is(err, context.Canceled):
		out.Status = server.StatusInterrupted
	case err != nil:
		out.Status = server.StatusError
		out.Outputs = []server.Output{{Type: server.OutputError, Error: queryError(cell.Source, err)}}
	case exe.Table == nil: // only let statements: they are bound, nothing to show
		out.Status = server.StatusDone
	default:
		out.Status, out.Rows = server.StatusDone, exe.Rows
		info := r.hold(exe)
		out.Outputs = []server.Output{{Type: server.OutputResult, Result: &info}}
	}
	if exe != nil {
		for _, w := range exe.Warnings {
			out.Outputs = append(out.Outputs, server.Output{Type: server.OutputText, Text: w})
		}
	}
	return out
}

// hold keeps a result (stored in the engine by the session) for paging,
// and drops the in-memory views of the results the session released.
func (r *kqlRunner) hold(exe *session.Execution) server.ResultInfo {
	name := exe.Name
	if name == "" {
		name = fmt.Sprintf("_%d", exe.N)
	}
	info := server.ResultInfo{ID: exe.Ref, Name: name, Columns: exe.Table.Columns, Rows: exe.Rows, Visualization: exe.Table.Visualization}
	res := &engineResult{sess: r.sess, exe: exe, info: info}
	r.mu.Lock()
	r.results[info.ID] = res
	held := make([]*engineResult, 0, len(r.results))
	for _, h := range r.results {
		held = append(held, h)
	}
	r.mu.Unlock()
	for _, h := range held {
		h.forgetIfReleased()
	}
	return info
}

// Result returns a result the runner holds.
func (r *kqlRunner) Result(id string) (server.Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	res, ok := r.results[id]
	if !ok {
		return nil, fmt.Errorf("result %q: %w", id, server.ErrNotFound)
	}
	return res, nil
}

// Restart forgets every let binding and result.
func (r *kqlRunner) Restart(ctx context.Context) error {
	err := r.sess.Restart(ctx)
	r.forget()
	return err
}

// Close ends the analysis, dropping its results from the engine.
func (r *kqlRunner) Close() error {
	r.forget()
	return r.sess.Close()
}

func (r *kqlRunner) forget() {
	r.mu.Lock()
	r.results = map[string]*engineResult{}
	r.mu.Unlock()
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
