package session

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// Entry is one line of the execution journal, a JSON Lines file in the
// workspace (journal/executions.jsonl): every execution of every session,
// appended as it ends. It is a record for the analyst (the browser's
// query history, an audit of what was run), not something the session
// reads back to restore state.
type Entry struct {
	Session string `json:"session"`
	N       int    `json:"n"`
	Name    string `json:"name,omitempty"`
	// Notebook is the name of the notebook whose cell ran (see
	// Options.Notebook), so history links entries of earlier runs.
	Notebook   string            `json:"notebook,omitempty"`
	Query      string            `json:"query"`
	Parameters map[string]string `json:"parameters,omitempty"`
	Start      time.Time         `json:"start"`
	// Now is the clock now() and ago() read (differs from Start when the
	// session's clock is fixed, e.g. huntbook run --now).
	Now        time.Time `json:"now"`
	DurationMS float64   `json:"duration_ms"`
	Rows       int64     `json:"rows"`
	Error      string    `json:"error,omitempty"`
	// Line and Column locate a parse or semantic error (1-based).
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
	// Snapshot holds the result's first rows (Options.SnapshotRows) in
	// the JSON form of `huntbook query --format json`:
	// {"columns":[{"name":..,"type":..}],"rows":[[..]],"visualization":..}.
	Snapshot json.RawMessage `json:"snapshot,omitempty"`
}

type journal struct {
	mu   sync.Mutex
	path string
}

// append writes one entry as one line with one write call, so concurrent
// writers (two sessions) never interleave inside a line.
func (j *journal) append(e Entry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	line = append(line, '\n')
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(j.path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(j.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(line); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// entry describes an execution for the journal.
func (s *Session) entry(e *Execution) Entry {
	out := Entry{
		Session: s.id, N: e.N, Name: e.Name, Query: e.Source, Parameters: e.Parameters,
		Start: e.Started.UTC(), Now: e.Now.UTC(), DurationMS: float64(e.Duration.Microseconds()) / 1000, Rows: e.Rows,
	}
	if s.opts.Notebook != nil {
		out.Notebook = s.opts.Notebook()
	}
	if e.Err != nil {
		out.Error = e.Err.Error()
		out.Line, out.Column = ErrorPosition(e.Err)
	}
	if e.Table != nil && s.opts.SnapshotRows > 0 {
		snap := &table.Table{Columns: e.Table.Columns, Rows: e.Table.Rows, Visualization: e.Table.Visualization}
		if len(snap.Rows) > s.opts.SnapshotRows {
			snap.Rows = snap.Rows[:s.opts.SnapshotRows]
		}
		if b, err := json.Marshal(snap); err == nil {
			out.Snapshot = b
		}
	}
	return out
}

// ErrorPosition returns the 1-based line and column of a parse or
// semantic error (the first, for a list), or 0, 0.
func ErrorPosition(err error) (line, col int) {
	var list syntax.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		return list[0].Pos.Line, list[0].Pos.Col
	}
	var se *sema.Error
	if errors.As(err, &se) {
		return se.Pos.Line, se.Pos.Col
	}
	var one *syntax.Error
	if errors.As(err, &one) {
		return one.Pos.Line, one.Pos.Col
	}
	return 0, 0
}

// ReadJournal reads the last n entries of a journal file (all when n <=
// 0), oldest first. A missing journal is empty; a line that is not a
// valid entry (a write cut short by a crash) is skipped.
func ReadJournal(path string, n int) ([]Entry, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Entry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 64<<20)
	for sc.Scan() {
		var e Entry
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		out = append(out, e)
		if n > 0 && len(out) > 2*n {
			out = append(out[:0], out[len(out)-n:]...)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the journal %s: %w", path, err)
	}
	if n > 0 && len(out) > n {
		out = out[len(out)-n:]
	}
	return out, nil
}

// Journal returns the last n entries of the session's journal (every
// session of the workspace), oldest first; nil when the journal is off.
func (s *Session) Journal(n int) ([]Entry, error) {
	if s.journal == nil {
		return nil, nil
	}
	return ReadJournal(s.journal.path, n)
}
