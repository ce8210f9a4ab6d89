package servertest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/table"
)

// Session is the fake session of one notebook: the shared document
// (server.Document) whose cells the fake executor runs, with the fake's
// completion and diagnostics.
type Session struct {
	*server.Document
	b *Backend
}

func newSession(b *Backend, id string, nb *notebook.Notebook, events func(server.Event)) *Session {
	doc := server.NewDocument(nb, &runner{b: b, notebookID: id, results: map[string]*server.TableResult{}},
		server.DocumentOptions{
			ID:        id,
			Name:      func() string { return b.nameOf(id) },
			Write:     func(data []byte) error { return notebook.WriteFileAtomic(b.pathOf(id), data) },
			SaveDelay: b.SaveDelay,
			Events:    events,
		})
	return &Session{Document: doc, b: b}
}

// runner runs a cell with the fake executor over the fake tables, keeps
// its result in memory and journals it.
type runner struct {
	b          *Backend
	notebookID string

	mu        sync.Mutex
	results   map[string]*server.TableResult
	execCount int
	nresults  int
}

func (r *runner) Run(ctx context.Context, cell server.RunCell) server.RunOutcome {
	tabs, _ := r.b.tabs.get()
	start := time.Now()
	t, err := runQuery(ctx, tabs, cell.Source)
	elapsed := server.Duration(time.Since(start))
	hist := server.HistoryEntry{Time: start.UTC(), NotebookID: r.notebookID, CellID: cell.ID, Query: cell.Source, Elapsed: elapsed}
	var out server.RunOutcome
	switch {
	case errors.Is(err, context.Canceled):
		out.Status = server.StatusInterrupted
		hist.Error = "interrupted"
	case err != nil:
		out.Status = server.StatusError
		out.Outputs = []server.Output{{Type: server.OutputError, Error: positioned(cell.Source, err)}}
		hist.Error = err.Error()
	default:
		out.Status, out.Rows, out.Head = server.StatusDone, int64(len(t.Rows)), t
		out.Outputs = []server.Output{{Type: server.OutputResult, Result: r.hold(t)}}
		hist.Rows = out.Rows
	}
	if out.Status != server.StatusInterrupted {
		r.mu.Lock()
		r.execCount++
		n := r.execCount
		r.mu.Unlock()
		out.ExecutionCount = &n
	}
	r.b.journal(hist)
	return out
}

// hold keeps a result for paging and returns its description.
func (r *runner) hold(t *table.Table) *server.ResultInfo {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.nresults++
	res := server.NewTableResult(server.ResultInfo{ID: fmt.Sprintf("r%d", r.nresults), Name: fmt.Sprintf("_%d", r.nresults)}, t)
	r.results[res.Info().ID] = res
	info := res.Info()
	return &info
}

func (r *runner) Result(id string) (server.Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	res, ok := r.results[id]
	if !ok {
		return nil, fmt.Errorf("result %q: %w", id, server.ErrNotFound)
	}
	return res, nil
}

// Restart forgets the results and the execution count.
func (r *runner) Restart(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.results, r.execCount = map[string]*server.TableResult{}, 0
	return nil
}

func (r *runner) Close() error { return nil }

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
