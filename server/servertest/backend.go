// Package servertest is a fake server.Backend for tests of the server and
// the browser UI: notebooks saved as .ipynb files in a directory (atomically,
// with the notebook package), an executor for a sliver of KQL over a fixed
// workspace (one table of a million rows, one of XSS payloads), a journal,
// completion and diagnostics good enough to exercise the UI.
//
// It honours every promise of the server.Backend and server.Session
// contracts: an open notebook is the same server.Document as the real
// backend's (ordering, save acknowledgements after durability, interrupt),
// with the fake executor as its server.Runner.
package servertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/table"
)

// Backend is the fake. Its zero value is not usable: call New.
type Backend struct {
	dir string
	// SaveDelay is how long after an edit the notebook is saved (default
	// 300 ms, the real session's "within seconds" in miniature).
	SaveDelay time.Duration

	tabs tables

	mu       sync.Mutex
	names    map[string]string // id → file name without .ipynb
	sessions map[string]*Session
	history  []server.HistoryEntry
	seq      int
}

// New returns a fake backend keeping its notebooks in dir (created if
// missing). Existing .ipynb files are its notebooks.
func New(dir string) (*Backend, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	b := &Backend{dir: dir, SaveDelay: 300 * time.Millisecond, names: map[string]string{}, sessions: map[string]*Session{}}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		if name, ok := strings.CutSuffix(e.Name(), ".ipynb"); ok && !e.IsDir() {
			b.names[name] = name
		}
	}
	return b, nil
}

// Tables returns the fake workspace's tables (built on first use).
func (b *Backend) Tables() map[string]*table.Table {
	m, _ := b.tabs.get()
	return m
}

func (b *Backend) path(id string) string {
	return filepath.Join(b.dir, b.names[id]+".ipynb")
}

func (b *Backend) pathOf(id string) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.path(id)
}

// Workspace describes the fake tables.
func (b *Backend) Workspace(ctx context.Context) (*server.WorkspaceInfo, error) {
	m, list := b.tabs.get()
	info := &server.WorkspaceInfo{Name: "fake workspace"}
	for _, name := range list {
		t := m[name]
		info.Tables = append(info.Tables, server.TableInfo{Name: name, Rows: int64(len(t.Rows)), Columns: t.Columns})
	}
	return info, nil
}

// Notebooks lists the notebooks by name.
func (b *Backend) Notebooks(ctx context.Context) ([]server.NotebookInfo, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []server.NotebookInfo
	for id := range b.names {
		out = append(out, b.infoLocked(id))
	}
	slices.SortFunc(out, func(a, c server.NotebookInfo) int { return strings.Compare(a.Name, c.Name) })
	return out, nil
}

func (b *Backend) infoLocked(id string) server.NotebookInfo {
	info := server.NotebookInfo{ID: id, Name: b.names[id]}
	if st, err := os.Stat(b.path(id)); err == nil {
		info.Modified = st.ModTime().UTC()
	}
	return info
}

func validName(name string) error {
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") || len(name) > 200 {
		return fmt.Errorf("%w: %q is not a usable notebook name", server.ErrInvalid, name)
	}
	return nil
}

// CreateNotebook saves an empty notebook with one code cell.
func (b *Backend) CreateNotebook(ctx context.Context, name string) (server.NotebookInfo, error) {
	if err := validName(name); err != nil {
		return server.NotebookInfo{}, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, n := range b.names {
		if strings.EqualFold(n, name) {
			return server.NotebookInfo{}, fmt.Errorf("%w: a notebook named %q exists", server.ErrInvalid, name)
		}
	}
	id := name
	for _, taken := b.names[id]; taken; _, taken = b.names[id] {
		id += "_"
	}
	b.names[id] = name
	nb := notebook.New()
	nb.Cells = append(nb.Cells, notebook.NewCell(notebook.Code, ""))
	if err := notebook.Save(b.path(id), nb); err != nil {
		delete(b.names, id)
		return server.NotebookInfo{}, err
	}
	return b.infoLocked(id), nil
}

// RenameNotebook renames the file; the id stays, and no save of an open
// session runs meanwhile (it would write the old name back).
func (b *Backend) RenameNotebook(ctx context.Context, id, name string) (server.NotebookInfo, error) {
	if err := validName(name); err != nil {
		return server.NotebookInfo{}, err
	}
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
	if err := os.Rename(filepath.Join(b.dir, old+".ipynb"), filepath.Join(b.dir, name+".ipynb")); err != nil {
		return server.NotebookInfo{}, err
	}
	b.names[id] = name
	return b.infoLocked(id), nil
}

// DeleteNotebook ends the notebook's session, unsaved, and removes the file.
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
	if err := os.Remove(b.path(id)); err != nil {
		return err
	}
	delete(b.names, id)
	delete(b.sessions, id)
	return nil
}

// Open loads the notebook and starts its session.
func (b *Backend) Open(ctx context.Context, id string, events func(server.Event)) (server.Session, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.names[id]; !ok {
		return nil, fmt.Errorf("notebook %q: %w", id, server.ErrNotFound)
	}
	nb, err := notebook.Load(b.path(id))
	if err != nil {
		return nil, err
	}
	s := newSession(b, id, nb, events)
	b.sessions[id] = s
	return s, nil
}

// History returns the journal, newest first.
func (b *Backend) History(ctx context.Context, q server.HistoryQuery) ([]server.HistoryEntry, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []server.HistoryEntry
	for i := len(b.history) - 1; i >= 0 && len(out) < q.Limit; i-- {
		h := b.history[i]
		if q.NotebookID != "" && h.NotebookID != q.NotebookID {
			continue
		}
		if q.Search != "" && !strings.Contains(strings.ToLower(h.Query), strings.ToLower(q.Search)) {
			continue
		}
		if !q.Before.IsZero() && !h.Time.Before(q.Before) {
			continue
		}
		out = append(out, h)
	}
	return out, nil
}

func (b *Backend) journal(h server.HistoryEntry) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.seq++
	h.ID = fmt.Sprint(b.seq)
	h.NotebookName = b.names[h.NotebookID]
	b.history = append(b.history, h)
}

func (b *Backend) nameOf(id string) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.names[id]
}
