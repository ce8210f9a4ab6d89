// Package app joins huntbook's parts into the programs it runs: the
// notebook server's backend (backend.go and its neighbours: the notebooks
// of a workspace, each open one driven by a session.Session).
package app

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/huntbook/huntbook/demo"
	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/session"
	"github.com/huntbook/huntbook/workspace"
)

// BackendOptions tune a Backend.
type BackendOptions struct {
	// SaveDelay is how long after an edit the notebook is saved (default
	// 1 s: "within seconds", while a burst of keystrokes is one save).
	SaveDelay time.Duration
	// QueryTimeout bounds one cell's execution (default: none beyond the
	// workspace's own limit).
	QueryTimeout time.Duration
	// Now fixes the clock now() and ago() read (zero: the real clock).
	Now time.Time
	// TruncationMaxRecords, KeepResults and ResultRowBudget bound what a
	// notebook's session keeps of its results (see session.Options; zero:
	// the session's defaults).
	TruncationMaxRecords int64
	KeepResults          int
	ResultRowBudget      int64
}

// Backend is the server.Backend of a workspace: its tables, the .ipynb
// files of its notebooks folder, and a live session.Session per open
// notebook executing its cells.
type Backend struct {
	ws   *workspace.Workspace
	opts BackendOptions
	demo map[string]bool // file names of the demo notebooks

	mu       sync.Mutex
	names    map[string]string // id → file name without .ipynb
	nextID   int
	sessions map[string]*Session
	bySess   map[string]string // session.Session ID → notebook id, for the history
}

// NewBackend serves the workspace (which the caller closes after the
// backend). The notebooks folder's .ipynb files are its notebooks.
func NewBackend(ws *workspace.Workspace, opts BackendOptions) (*Backend, error) {
	if opts.SaveDelay <= 0 {
		opts.SaveDelay = time.Second
	}
	b := &Backend{ws: ws, opts: opts, demo: map[string]bool{}, names: map[string]string{},
		sessions: map[string]*Session{}, bySess: map[string]string{}}
	if names, err := fs.Glob(demo.Notebooks(), "*.ipynb"); err == nil {
		for _, n := range names {
			b.demo[strings.TrimSuffix(n, ".ipynb")] = true
		}
	}
	if err := os.MkdirAll(ws.NotebooksPath(), 0o755); err != nil {
		return nil, err
	}
	ents, err := os.ReadDir(ws.NotebooksPath())
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		if name, ok := strings.CutSuffix(e.Name(), ".ipynb"); ok && !e.IsDir() && !strings.HasPrefix(name, ".") {
			b.addLocked(name)
		}
	}
	return b, nil
}

// addLocked gives a notebook file an id (stable for the backend's life).
func (b *Backend) addLocked(name string) string {
	b.nextID++
	id := fmt.Sprintf("nb%d", b.nextID)
	b.names[id] = name
	return id
}

func (b *Backend) path(id string) string {
	return filepath.Join(b.ws.NotebooksPath(), b.names[id]+".ipynb")
}

func (b *Backend) nameOf(id string) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.names[id]
}

func (b *Backend) pathOf(id string) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.path(id)
}

// Workspace lists the tables with data, then the Sentinel tables the
// catalog knows that hold none yet.
func (b *Backend) Workspace(ctx context.Context) (*server.WorkspaceInfo, error) {
	tabs, err := b.ws.Tables(ctx)
	if err != nil {
		return nil, err
	}
	info := &server.WorkspaceInfo{Name: filepath.Base(b.ws.Dir), Tables: []server.TableInfo{}}
	for _, t := range tabs {
		if t.Stored {
			info.Tables = append(info.Tables, server.TableInfo{Name: t.Name, Rows: t.Rows, Description: t.Description, Columns: t.Columns})
		}
	}
	return info, nil
}

// Notebooks lists the demo notebooks first, then the others by name.
func (b *Backend) Notebooks(ctx context.Context) ([]server.NotebookInfo, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := []server.NotebookInfo{}
	for id := range b.names {
		out = append(out, b.infoLocked(id))
	}
	slices.SortFunc(out, func(x, y server.NotebookInfo) int {
		if x.Demo != y.Demo {
			if x.Demo {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name))
	})
	return out, nil
}

func (b *Backend) infoLocked(id string) server.NotebookInfo {
	info := server.NotebookInfo{ID: id, Name: b.names[id], Demo: b.demo[b.names[id]]}
	if st, err := os.Stat(b.path(id)); err == nil {
		info.Modified = st.ModTime().UTC()
	}
	return info
}

// validName accepts a name usable as a file name on every system.
func validName(name string) error {
	if strings.TrimSpace(name) != name || name == "" || len(name) > 200 ||
		strings.ContainsAny(name, "/\\:*?\"<>|\x00") || strings.HasPrefix(name, ".") {
		return fmt.Errorf("%w: %q is not a usable notebook name (no / \\ : * ? \" < > |, no leading dot or space)", server.ErrInvalid, name)
	}
	return nil
}

func (b *Backend) takenLocked(name, except string) bool {
	for id, n := range b.names {
		if id != except && strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// CreateNotebook saves a notebook with one empty KQL cell.
func (b *Backend) CreateNotebook(ctx context.Context, name string) (server.NotebookInfo, error) {
	if err := validName(name); err != nil {
		return server.NotebookInfo{}, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.takenLocked(name, "") {
		return server.NotebookInfo{}, fmt.Errorf("%w: a notebook named %q exists", server.ErrInvalid, name)
	}
	id := b.addLocked(name)
	nb := notebook.New()
	nb.Cells = append(nb.Cells, notebook.NewCell(notebook.Code, ""))
	if err := notebook.Save(b.path(id), nb); err != nil {
		delete(b.names, id)
		return server.NotebookInfo{}, err
	}
	return b.infoLocked(id), nil
}

// RenameNotebook renames the file; the id and an open session stay.
func (b *Backend) RenameNotebook(ctx context.Context, id, name string) (server.NotebookInfo, error) {
	if err := validName(name); err != nil {
		return server.NotebookInfo{}, err
	}
	// No save of the open session may run during the rename: it would
	// write the old name back. (Lock order: a session's saves, then b.mu.)
	b.mu.Lock()
	s := b.sessions[id]
	b.mu.Unlock()
	if s != nil {
		release := s.HoldSaves()
		defer release()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	old, ok := b.names[id]
	if !ok {
		return server.NotebookInfo{}, fmt.Errorf("notebook %q: %w", id, server.ErrNotFound)
	}
	if b.takenLocked(name, id) {
		return server.NotebookInfo{}, fmt.Errorf("%w: a notebook named %q exists", server.ErrInvalid, name)
	}
	dir := b.ws.NotebooksPath()
	if err := os.Rename(filepath.Join(dir, old+".ipynb"), filepath.Join(dir, name+".ipynb")); err != nil {
		return server.NotebookInfo{}, err
	}
	b.names[id] = name
	return b.infoLocked(id), nil
}

// DeleteNotebook ends the notebook's session and removes its file.
func (b *Backend) DeleteNotebook(ctx context.Context, id string) error {
	b.mu.Lock()
	s := b.sessions[id]
	_, ok := b.names[id]
	b.mu.Unlock()
	if !ok {
		return fmt.Errorf("notebook %q: %w", id, server.ErrNotFound)
	}
	if s != nil {
		s.Discard(ctx)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := os.Remove(b.path(id)); err != nil && !os.IsNotExist(err) {
		return err
	}
	delete(b.names, id)
	delete(b.sessions, id)
	return nil
}

// Open loads the notebook (a corrupt file is an error and stays as it is)
// and starts its session.
func (b *Backend) Open(ctx context.Context, id string, events func(server.Event)) (server.Session, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.names[id]; !ok {
		return nil, fmt.Errorf("notebook %q: %w", id, server.ErrNotFound)
	}
	if s := b.sessions[id]; s != nil {
		return s, nil
	}
	nb, err := notebook.Load(b.path(id))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", server.ErrInvalid, err)
	}
	sopts := session.Options{MaxRows: server.StoredRows, Timeout: b.opts.QueryTimeout,
		TruncationMaxRecords: b.opts.TruncationMaxRecords,
		KeepResults:          b.opts.KeepResults, ResultRowBudget: b.opts.ResultRowBudget,
		Notebook: func() string { return b.nameOf(id) }}
	if !b.opts.Now.IsZero() {
		now := b.opts.Now
		sopts.Now = func() time.Time { return now }
	}
	sess, err := session.New(b.ws, sopts)
	if err != nil {
		return nil, err
	}
	s := newSession(b, id, sess, nb, events)
	b.sessions[id] = s
	b.bySess[sess.ID()] = id
	return s, nil
}

// historyWindow is how many of the journal's last entries the history
// panel searches.
const historyWindow = 5000

// History returns executions from the workspace's journal, newest first.
// An entry names the notebook it ran in (earlier runs' entries too, by
// the notebook's name at the time) and links it while it exists.
func (b *Backend) History(ctx context.Context, q server.HistoryQuery) ([]server.HistoryEntry, error) {
	entries, err := session.ReadJournal(session.JournalPath(b.ws), historyWindow)
	if err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	search := strings.ToLower(q.Search)
	out := []server.HistoryEntry{}
	b.mu.Lock()
	defer b.mu.Unlock()
	ids := make(map[string]string, len(b.names)) // name → id
	for id, name := range b.names {
		ids[name] = id
	}
	for i := len(entries) - 1; i >= 0 && len(out) < limit; i-- {
		e := entries[i]
		nbID, nbName := b.bySess[e.Session], e.Notebook
		if nbID == "" {
			nbID = ids[nbName]
		}
		if nbName == "" {
			nbName = b.names[nbID]
		}
		if q.NotebookID != "" && nbID != q.NotebookID ||
			search != "" && !strings.Contains(strings.ToLower(e.Query), search) ||
			!q.Before.IsZero() && !e.Start.Before(q.Before) {
			continue
		}
		out = append(out, server.HistoryEntry{
			ID: fmt.Sprintf("%s-%d", e.Session, e.N), Time: e.Start, NotebookID: nbID, NotebookName: nbName,
			Query: e.Query, Elapsed: server.Duration(time.Duration(e.DurationMS * float64(time.Millisecond))),
			Rows: e.Rows, Error: e.Error,
		})
	}
	return out, nil
}

// Close ends every session, saving what is unsaved.
func (b *Backend) Close(ctx context.Context) error {
	b.mu.Lock()
	sessions := make([]*Session, 0, len(b.sessions))
	for _, s := range b.sessions {
		sessions = append(sessions, s)
	}
	b.mu.Unlock()
	var first error
	for _, s := range sessions {
		if err := s.Close(ctx); err != nil && first == nil {
			first = err
		}
	}
	return first
}
