// Package session is one live analysis over a workspace: the thing a
// notebook, the Jupyter kernel, the browser and `huntbook run` all drive.
//
// A Session executes KQL cells in order through one engine/exec Env, so
//
//   - `let` statements persist from cell to cell: a scalar let is kept as
//     its value, a tabular let is materialised once in the engine and later
//     cells read the stored rows instead of recomputing them, a function let
//     is kept as syntax;
//   - every cell's result stays reachable by name: `_` is the last result,
//     `_N` the result of execution N (the number Execution.N reports, which
//     is Jupyter's In[N]), and a cell whose query ends in `| as Name`
//     (optionally followed by `| render ...`) is also reachable as Name;
//   - a cell tagged `parameters` (Cell.Parameters) has the `let`s that
//     SetParameters overrides rewritten before it runs, with papermill-like
//     inference of the override's type (see InferLiteral);
//   - cancelling the context of Execute (or calling Interrupt) stops the
//     running DuckDB query promptly; Restart drops every binding and every
//     result the session kept in the engine;
//   - every execution is appended to the workspace's journal (see Journal),
//     with its text, parameters, timing, row count, error and the first rows.
//
// Complete and Diagnose answer an editor's questions (completion of tables,
// columns, functions, operators and bound names; positioned parse and
// semantic errors) from the parser, the analyser and the catalog.
//
// A Session runs one execution at a time (Execute calls are serialised);
// Complete, Diagnose, Names and Interrupt may be called concurrently with a
// running execution. One Session should own a workspace database at a time:
// named results of two sessions over one database share a namespace.
package session

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/exec"
	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace"
)

// Options tune a Session. The zero value gives the defaults.
type Options struct {
	// Now is the clock now() and ago() read, once per execution; nil means
	// the system clock. Set it for reproducible notebooks and tests.
	Now func() time.Time
	// MaxRows is how many rows of a result Execution.Table holds (the
	// whole result stays in the engine, readable with Page). Default 1000.
	MaxRows int
	// Timeout bounds one execution (0: the workspace's query timeout only).
	Timeout time.Duration
	// SnapshotRows is how many rows of each result the journal keeps
	// (default 5; negative: none).
	SnapshotRows int
	// JournalPath is the JSONL file executions are appended to; empty
	// means workspace.JournalDir/executions.jsonl inside the workspace,
	// "-" disables the journal.
	JournalPath string
	// TruncationMaxRecords is the result-set limit: a cell's result is cut
	// to this many rows, with a warning, unless the cell sets its own
	// (`set truncationmaxrecords = N;`, `set notruncation;`). Default
	// DefaultTruncationMaxRecords (Kusto's); negative: no limit.
	TruncationMaxRecords int64
	// KeepResults is how many unnamed results (reachable only as _N) stay
	// in the engine; older ones are released (see Released). Default
	// DefaultKeepResults; negative: no count limit.
	KeepResults int
	// ResultRowBudget bounds the rows of the unnamed results kept in the
	// engine, oldest released first. Default DefaultResultRowBudget;
	// negative: no row budget. The last result (_) is always kept.
	ResultRowBudget int64
	// Notebook names the notebook the session runs cells of, for the
	// journal (nil: none). It is read at each execution, so a renamed
	// notebook's later entries carry the new name.
	Notebook func() string
}

// DefaultMaxRows is Options.MaxRows when unset.
const DefaultMaxRows = 1000

// JournalFile is the journal's file name inside the workspace's journal folder.
const JournalFile = "executions.jsonl"

// Session is one live analysis over a workspace. Create it with New and
// release it with Close.
type Session struct {
	ws   *workspace.Workspace
	x    *exec.Executor
	cat  *liveCatalog
	opts Options
	id   string // names this session's results in the engine and journal

	run sync.Mutex // held for a whole execution, and by Restart and Close

	mu      sync.Mutex // guards the fields below
	env     *exec.Env
	count   int               // executions so far (the last N)
	params  map[string]string // overrides for the parameters cell
	refs    map[string]bool   // engine tables this session created
	history []*Execution      // this session's executions, in order
	// releasedSet holds the executions whose results were released.
	releasedSet map[*Execution]bool
	cancel      context.CancelFunc // of the running execution, or nil
	journal     *journal
	closed      bool
}

// Cell is one notebook cell to execute.
type Cell struct {
	// Source is the cell's text.
	Source string
	// Markdown cells are not executed: Run returns an Execution with no
	// table and does not count it.
	Markdown bool
	// Parameters marks the cell tagged "parameters": its top-level lets
	// are overridden by SetParameters before it runs.
	Parameters bool
	// N, when larger than the last execution number, is the number this
	// execution takes: a Jupyter kernel passes its execution count so that
	// _N matches In[N] even when cells the session never sees (magics)
	// took a count. Otherwise the execution takes the next number.
	N int
}

// Execution is the outcome of one executed cell.
type Execution struct {
	// N is the execution number (1, 2, ...): the result is bound as _N.
	N int
	// Name is the analyst's name for the result (`| as Name`), or "".
	Name string
	// Source is the text that ran: the cell's, with parameter overrides
	// applied for a parameters cell.
	Source string
	// Parameters are the overrides applied to this cell, by name, as KQL
	// literal text; nil for other cells.
	Parameters map[string]string
	// Warnings are notes for the analyst (an override naming a let the
	// parameters cell does not have).
	Warnings []string
	// Started (wall-clock time) and Duration time the execution.
	Started time.Time
	// Now is the time now() and ago() read in this execution
	// (Options.Now, the wall clock unless set).
	Now      time.Time
	Duration time.Duration
	// Table is the result's first MaxRows rows (its Visualization is the
	// query's render operator), nil for a cell that only binds names.
	Table *table.Table
	// Rows is the result's total row count; Truncated says Table holds
	// fewer rows than that.
	Rows      int64
	Truncated bool
	// Limited says the result went past the result-set limit and was cut
	// to Rows rows (a warning says so).
	Limited bool
	// Ref is the engine table holding the whole result, for Page.
	Ref string
	// Bound lists the names the cell bound with let statements.
	Bound []string
	// Err is the execution's error (also returned by Run), nil on success.
	Err error
}

// New starts a session over an open workspace. The session does not own
// the workspace: close the workspace after the session.
func New(ws *workspace.Workspace, opts Options) (*Session, error) {
	if opts.MaxRows <= 0 {
		opts.MaxRows = DefaultMaxRows
	}
	if opts.SnapshotRows == 0 {
		opts.SnapshotRows = 5
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.TruncationMaxRecords == 0 {
		opts.TruncationMaxRecords = DefaultTruncationMaxRecords
	}
	if opts.KeepResults == 0 {
		opts.KeepResults = DefaultKeepResults
	}
	if opts.ResultRowBudget == 0 {
		opts.ResultRowBudget = DefaultResultRowBudget
	}
	var idb [4]byte
	if _, err := rand.Read(idb[:]); err != nil {
		return nil, err
	}
	cat := &liveCatalog{ws: ws}
	s := &Session{
		ws: ws, opts: opts, id: hex.EncodeToString(idb[:]), cat: cat,
		x:   exec.New(ws.DB, exec.WithClock(opts.Now), exec.WithCatalog(cat)),
		env: exec.NewEnv(), params: map[string]string{}, refs: map[string]bool{},
		releasedSet: map[*Execution]bool{},
	}
	if opts.JournalPath != "-" {
		path := opts.JournalPath
		if path == "" {
			path = JournalPath(ws)
		}
		s.journal = &journal{path: path}
	}
	return s, nil
}

// JournalPath is where a session over ws keeps its journal by default.
func JournalPath(ws *workspace.Workspace) string {
	return ws.JournalPath() + "/" + JournalFile
}

// ID identifies the session in the journal.
func (s *Session) ID() string { return s.id }

// Workspace is the workspace the session runs over.
func (s *Session) Workspace() *workspace.Workspace { return s.ws }

// ErrClosed is returned by calls on a closed session.
var ErrClosed = errors.New("session closed")

// Execute runs one KQL cell (see Run).
func (s *Session) Execute(ctx context.Context, source string) (*Execution, error) {
	return s.Run(ctx, Cell{Source: source})
}

// Run executes one cell. A failed execution still gets a number and a
// journal entry; its error is both returned and kept in Execution.Err.
// Errors keep their type: syntax.ErrorList for parse errors, *sema.Error
// for semantic ones (both positioned), engine.ErrCanceled (wrapped) when
// interrupted.
func (s *Session) Run(ctx context.Context, cell Cell) (*Execution, error) {
	if cell.Markdown {
		return &Execution{Source: cell.Source}, nil
	}
	s.run.Lock()
	defer s.run.Unlock()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, ErrClosed
	}
	s.count++
	if cell.N > s.count {
		s.count = cell.N
	}
	e := &Execution{N: s.count, Source: cell.Source, Started: time.Now(), Now: s.opts.Now()}
	s.cancel = cancel
	env := s.env
	s.mu.Unlock()

	if cell.Parameters {
		e.Source, e.Parameters, e.Warnings, e.Err = ApplyParameters(cell.Source, s.Parameters())
	}
	wall := time.Now()
	if e.Err == nil {
		e.Err = s.cat.refresh(ctx)
	}
	if e.Err == nil {
		e.Err = s.execute(ctx, env, e)
	}
	e.Duration = time.Since(wall)

	s.mu.Lock()
	s.cancel = nil
	s.history = append(s.history, e)
	released := s.evictLocked()
	s.mu.Unlock()
	if err := s.drop(context.WithoutCancel(ctx), released); err != nil {
		e.Warnings = append(e.Warnings, "releasing old results: "+err.Error())
	}
	if s.journal != nil {
		// The journal is a record, not part of the result: a full disk
		// must not fail the analyst's query.
		if err := s.journal.append(s.entry(e)); err != nil {
			e.Warnings = append(e.Warnings, "journal: "+err.Error())
		}
	}
	return e, e.Err
}

// execute runs the cell's text and binds its result.
func (s *Session) execute(ctx context.Context, env *exec.Env, e *Execution) error {
	lim, err := cellLimit(e.Source, s.opts.TruncationMaxRecords)
	if err != nil {
		return err
	}
	ref := fmt.Sprintf("hb_%s_%d", s.id, e.N)
	res, err := s.x.Run(ctx, lim.text(e.Source), env, exec.RunOptions{
		Now: e.Now, MaxRows: s.opts.MaxRows, Timeout: s.opts.Timeout, Name: ref,
	})
	s.trackRefs(env)
	if err != nil {
		if errors.Is(err, engine.ErrCanceled) || ctx.Err() != nil && errors.Is(err, context.Canceled) {
			return fmt.Errorf("execution %d interrupted: %w", e.N, err)
		}
		return s.explainReleased(e.Source, lim.unshift(err, e.Source))
	}
	for _, l := range res.Compiled.Analysis.Lets {
		e.Bound = append(e.Bound, l.Name)
	}
	if res.Table == nil {
		return nil
	}
	s.mu.Lock()
	s.refs[ref] = true
	s.mu.Unlock()
	env.Unbind(ref)
	e.Table, e.Rows, e.Truncated, e.Ref = res.Table, res.Rows, res.Truncated, ref
	if err := s.enforce(ctx, lim, e); err != nil {
		return err
	}
	e.Name = resultName(res.Compiled.Script)
	for _, name := range []string{"_", fmt.Sprintf("_%d", e.N), e.Name} {
		if name != "" {
			env.BindTable(name, ref, res.Table.Columns)
		}
	}
	return nil
}

// trackRefs remembers the engine tables the env's lets live in, so
// Restart and Close can drop them (a re-bound let leaves its old table).
func (s *Session) trackRefs(env *exec.Env) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ref := range env.TableRefs() {
		s.refs[ref] = true
	}
}

// Interrupt cancels the running execution, if any. It is what a
// front end without its own context calls; the kernel cancels ctx.
func (s *Session) Interrupt() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		s.cancel()
	}
}

// Restart interrupts the running execution, then forgets every binding,
// drops every result the session stored in the engine and resets the
// execution count. Parameters set with SetParameters are kept.
func (s *Session) Restart(ctx context.Context) error {
	s.Interrupt()
	s.run.Lock()
	defer s.run.Unlock()
	s.mu.Lock()
	s.env, s.count, s.history = exec.NewEnv(), 0, nil
	s.releasedSet = map[*Execution]bool{}
	refs := s.refs
	s.refs = map[string]bool{}
	s.mu.Unlock()
	return s.drop(ctx, refs)
}

func (s *Session) drop(ctx context.Context, refs map[string]bool) error {
	var errs []error
	for ref := range refs {
		if err := s.ws.DB.Drop(ctx, ref); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Close interrupts the running execution and drops the session's results.
// The workspace stays open.
func (s *Session) Close() error {
	s.Interrupt()
	s.run.Lock()
	defer s.run.Unlock()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	refs := s.refs
	s.refs = map[string]bool{}
	s.mu.Unlock()
	return s.drop(context.Background(), refs)
}

// SetParameters sets the overrides applied to the parameters cell: name →
// value as typed on a command line (`-p name=value`); see InferLiteral.
// They replace earlier overrides and take effect the next time a
// parameters cell runs.
func (s *Session) SetParameters(p map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.params = make(map[string]string, len(p))
	for k, v := range p {
		s.params[k] = v
	}
}

// Parameters returns a copy of the overrides.
func (s *Session) Parameters() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.params))
	for k, v := range s.params {
		out[k] = v
	}
	return out
}

// History returns this session's executions since the last restart, in
// order. The returned executions must not be modified.
func (s *Session) History() []*Execution {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Execution(nil), s.history...)
}

// Result returns the execution whose result is bound to name (_, _N or an
// analyst's name), or nil.
func (s *Session) Result(name string) *Execution {
	s.mu.Lock()
	defer s.mu.Unlock()
	ref, ok := s.env.TableRefs()[name]
	if !ok {
		return nil
	}
	for i := len(s.history) - 1; i >= 0; i-- {
		if s.history[i].Ref == ref {
			return s.history[i]
		}
	}
	return nil
}

// Page reads rows [offset, offset+limit) of an execution's whole result
// (Execution.Ref), for a grid that pages through a large result.
func (s *Session) Page(ctx context.Context, e *Execution, offset, limit int64) (*table.Table, error) {
	if e == nil || e.Ref == "" {
		return nil, errors.New("the execution has no stored result")
	}
	if s.released(e) {
		return nil, &ReleasedError{N: e.N}
	}
	return s.ws.DB.Page(ctx, e.Ref, offset, limit)
}
