package app

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/huntbook/huntbook/kernel"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/render"
	"github.com/huntbook/huntbook/session"
	"github.com/huntbook/huntbook/workspace"
)

// Kernel is the notebook session behind huntbook's Jupyter kernel: it
// implements kernel.Session over a session.Session, and adds the line
// magic `%workspace [DIR]` that shows or switches the workspace.
type Kernel struct {
	opts   session.Options
	render render.Options

	mu   sync.Mutex // guards ws and sess (replaced by %workspace)
	ws   *workspace.Workspace
	sess *session.Session
}

var _ kernel.Session = (*Kernel)(nil)

// NewKernel opens the workspace in dir and starts a session over it. demo
// says dir is the default demo workspace (for the error when it is missing).
func NewKernel(ctx context.Context, dir string, demo bool, opts session.Options) (*Kernel, error) {
	k := &Kernel{opts: opts}
	if err := k.open(ctx, dir, demo); err != nil {
		return nil, err
	}
	return k, nil
}

// open replaces the workspace and session; on failure the old ones stay.
func (k *Kernel) open(ctx context.Context, dir string, demo bool) error {
	ws, err := OpenWorkspace(ctx, dir, demo)
	if err != nil {
		return err
	}
	sess, err := session.New(ws, k.opts)
	if err != nil {
		ws.Close()
		return err
	}
	k.mu.Lock()
	oldWS, oldSess := k.ws, k.sess
	k.ws, k.sess = ws, sess
	k.mu.Unlock()
	if oldSess != nil {
		oldSess.Close()
		oldWS.Close()
	}
	return nil
}

// Session returns the current session.
func (k *Kernel) Session() *session.Session {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.sess
}

// Close ends the session and closes the workspace.
func (k *Kernel) Close() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.sess == nil {
		return nil
	}
	err := errors.Join(k.sess.Close(), k.ws.Close())
	k.sess, k.ws = nil, nil
	return err
}

// Execute runs a cell: a line magic, or KQL through the session. The
// result is the cell's value (execute_result); parameter warnings go to
// stderr.
func (k *Kernel) Execute(ctx context.Context, req kernel.ExecuteRequest, emit func(kernel.Output)) (*kernel.Display, error) {
	code := strings.TrimSpace(req.Code)
	if strings.HasPrefix(code, "%") {
		return k.magic(ctx, code, emit)
	}
	if code == "" {
		return nil, nil
	}
	cell := session.Cell{Source: req.Code}
	if req.StoreHistory && !req.Silent {
		cell.N = req.Count
	}
	e, err := k.Session().Run(ctx, cell)
	if e != nil {
		for _, w := range e.Warnings {
			emit(&kernel.Stream{Name: "stderr", Text: "warning: " + w + "\n"})
		}
	}
	if err != nil {
		return nil, ExecError(err)
	}
	b, chartErr, err := Bundle(e, k.render)
	if err != nil {
		return nil, err
	}
	if chartErr != nil {
		emit(&kernel.Stream{Name: "stderr", Text: "chart: " + chartErr.Error() + "\n"})
	}
	if b == nil {
		return nil, nil
	}
	return &kernel.Display{Data: b}, nil
}

// magic runs a line magic: `%workspace` shows the workspace and its
// tables, `%workspace DIR` switches to another workspace (a new session:
// bindings and results of the old one are dropped).
func (k *Kernel) magic(ctx context.Context, code string, emit func(kernel.Output)) (*kernel.Display, error) {
	fields := strings.Fields(code)
	switch fields[0] {
	case "%workspace":
	default:
		return nil, &kernel.ExecError{Name: "UsageError", Value: fmt.Sprintf("unknown magic %s (huntbook knows %%workspace [DIR])", fields[0])}
	}
	if len(fields) > 2 || strings.Contains(code, "\n") {
		return nil, &kernel.ExecError{Name: "UsageError", Value: "usage: %workspace [DIR]"}
	}
	if len(fields) == 2 {
		if err := k.open(ctx, fields[1], false); err != nil {
			return nil, &kernel.ExecError{Name: "WorkspaceError", Value: err.Error(), Err: err}
		}
	}
	ws := k.Session().Workspace()
	infos, err := ws.DB.Tables(ctx)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "workspace %s\n", ws.Dir)
	for _, t := range infos {
		if !t.Result {
			fmt.Fprintf(&b, "  %s (%d rows)\n", t.Name, t.Rows)
		}
	}
	emit(&kernel.Stream{Name: "stdout", Text: b.String()})
	return nil, nil
}

// Complete lists completions at the cursor.
func (k *Kernel) Complete(ctx context.Context, code string, cursor int) (kernel.Completion, error) {
	if strings.HasPrefix(strings.TrimSpace(code), "%") {
		return kernel.Completion{Start: cursor, End: cursor}, nil
	}
	c, err := k.Session().Complete(ctx, code, cursor)
	if err != nil {
		return kernel.Completion{}, err
	}
	out := kernel.Completion{Start: c.Start, End: c.End, Matches: make([]string, len(c.Items))}
	types := make([]any, len(c.Items))
	for i, it := range c.Items {
		out.Matches[i] = it.Label
		types[i] = map[string]any{"text": it.Label, "type": it.Kind, "start": c.Start, "end": c.End, "signature": it.Detail}
	}
	out.Metadata = map[string]any{"_jupyter_types_experimental": types}
	return out, nil
}

// Inspect describes the name under the cursor.
func (k *Kernel) Inspect(ctx context.Context, code string, cursor, _ int) (kernel.Inspection, error) {
	text, found, err := k.Session().Inspect(ctx, code, cursor)
	if err != nil || !found {
		return kernel.Inspection{}, err
	}
	return kernel.Inspection{Found: true, Data: map[string]any{"text/plain": text}}, nil
}

// IsComplete tells a console whether to run the text or wait for more.
func (k *Kernel) IsComplete(code string) (kernel.Completeness, string) {
	if strings.HasPrefix(strings.TrimSpace(code), "%") {
		return kernel.Complete, ""
	}
	switch syntax.CheckComplete(code) {
	case syntax.Complete:
		return kernel.Complete, ""
	case syntax.Incomplete:
		return kernel.Incomplete, "    "
	}
	return kernel.Invalid, ""
}

// History answers history_request from this session's executions
// (range) and the workspace journal (tail, search). Sessions are numbered
// in the order the journal first mentions them.
func (k *Kernel) History(_ context.Context, q kernel.HistoryQuery) ([]kernel.HistoryEntry, error) {
	sess := k.Session()
	if q.Access == "range" {
		var out []kernel.HistoryEntry
		for _, e := range sess.History() {
			if q.Start > 0 && e.N < q.Start || q.Stop > 0 && e.N >= q.Stop {
				continue
			}
			out = append(out, kernel.HistoryEntry{Line: e.N, Input: e.Source})
		}
		return out, nil
	}
	entries, err := sess.Journal(0)
	if err != nil {
		return nil, err
	}
	return journalHistory(entries, q), nil
}

func journalHistory(entries []session.Entry, q kernel.HistoryQuery) []kernel.HistoryEntry {
	numbers := map[string]int{}
	var out []kernel.HistoryEntry
	seen := map[string]bool{}
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		if q.Access == "search" {
			if ok, _ := path.Match(q.Pattern, e.Query); q.Pattern != "" && !ok {
				continue
			}
			if q.Unique && seen[e.Query] {
				continue
			}
			seen[e.Query] = true
		}
		out = append(out, kernel.HistoryEntry{Line: e.N, Input: e.Query, Session: sessionNumber(entries, numbers, e.Session)})
		if q.N > 0 && len(out) == q.N {
			break
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// sessionNumber numbers session ids by their first journal entry (1-based).
func sessionNumber(entries []session.Entry, numbers map[string]int, id string) int {
	if len(numbers) == 0 {
		for _, e := range entries {
			if _, ok := numbers[e.Session]; !ok {
				numbers[e.Session] = len(numbers) + 1
			}
		}
	}
	return numbers[id]
}
