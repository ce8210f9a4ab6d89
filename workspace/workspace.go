// Package workspace is a huntbook workspace directory: the DuckDB database
// file with the analyst's tables, the notebooks, the execution journal and a
// huntbook.yaml config. It also knows the catalog of Sentinel / Defender
// tables (package workspace/schema), so a query may name a known table that
// holds no data yet and get an empty result instead of an error, as a fresh
// Sentinel workspace behaves.
package workspace

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace/asim"
	"github.com/huntbook/huntbook/workspace/schema"
)

// The files and folders of a workspace directory.
const (
	DatabaseFile = "huntbook.duckdb"
	ConfigFile   = "huntbook.yaml"
	NotebooksDir = "notebooks"
	JournalDir   = "journal"
)

// Workspace is an open workspace directory.
type Workspace struct {
	Dir    string
	Config Config
	DB     *engine.DB
}

// OpenOptions tune Open.
type OpenOptions struct {
	// Create makes the directory and its config when they do not exist;
	// without it a missing workspace is an error.
	Create bool
	// ReadOnly opens the database for reading only (named results still work).
	ReadOnly bool
	// RowGroupSize is engine.Options.RowGroupSize for this opening.
	RowGroupSize int
}

// ErrNotWorkspace is returned by Open for a directory that holds no
// workspace when Create is false.
var ErrNotWorkspace = errors.New("not a huntbook workspace")

// Open opens (or, with Create, initialises) the workspace in dir.
func Open(ctx context.Context, dir string, opts OpenOptions) (*Workspace, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cfg, err := loadOrCreateConfig(abs, opts.Create)
	if err != nil {
		return nil, err
	}
	for _, sub := range []string{NotebooksDir, JournalDir} {
		if err := os.MkdirAll(filepath.Join(abs, sub), 0o755); err != nil && !opts.ReadOnly {
			return nil, fmt.Errorf("workspace %s: %w", abs, err)
		}
	}
	db, err := engine.Open(ctx, engine.Options{
		Path:         filepath.Join(abs, DatabaseFile),
		ReadOnly:     opts.ReadOnly,
		MemoryLimit:  cfg.MemoryLimitBytes(),
		Threads:      cfg.Threads,
		QueryTimeout: cfg.QueryTimeout.Duration(),
		RowGroupSize: opts.RowGroupSize,
	})
	if err != nil {
		return nil, fmt.Errorf("workspace %s: %w", abs, err)
	}
	return &Workspace{Dir: abs, Config: cfg, DB: db}, nil
}

// Close closes the database.
func (w *Workspace) Close() error { return w.DB.Close() }

// NotebooksPath is the folder holding the workspace's notebooks.
func (w *Workspace) NotebooksPath() string { return filepath.Join(w.Dir, NotebooksDir) }

// JournalPath is the folder holding the execution journal.
func (w *Workspace) JournalPath() string { return filepath.Join(w.Dir, JournalDir) }

// TableInfo describes a table a query can name.
type TableInfo struct {
	Name        string
	Columns     []table.Column
	Rows        int64
	Stored      bool   // the database holds the table (else: known but empty)
	Description string // from the Sentinel catalog, when the table is known
}

// Tables lists the stored tables and the catalog tables that hold no data
// yet, sorted by name. Named results of a session are not included.
func (w *Workspace) Tables(ctx context.Context) ([]TableInfo, error) {
	stored, err := w.DB.Tables(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []TableInfo
	for _, s := range stored {
		if s.Result {
			continue
		}
		info := TableInfo{Name: s.Name, Columns: s.Columns, Rows: s.Rows, Stored: true}
		if known, ok := schema.Table(s.Name); ok {
			info.Description = known.Description
		}
		out = append(out, info)
		seen[s.Name] = true
	}
	for _, known := range schema.Tables() {
		if !seen[known.Name] {
			out = append(out, TableInfo{Name: known.Name, Columns: known.Columns, Description: known.Description})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Table describes one table a query can name: stored, or known to the
// catalog (then empty). ok is false for a name neither knows.
func (w *Workspace) Table(ctx context.Context, name string) (TableInfo, bool, error) {
	s, err := w.DB.Table(ctx, name)
	switch {
	case err == nil && !s.Result:
		info := TableInfo{Name: s.Name, Columns: s.Columns, Rows: s.Rows, Stored: true}
		if known, ok := schema.Table(name); ok {
			info.Description = known.Description
		}
		return info, true, nil
	case err != nil && !errors.Is(err, engine.ErrNoTable):
		return TableInfo{}, false, err
	}
	if known, ok := schema.Table(name); ok {
		return TableInfo{Name: known.Name, Columns: known.Columns, Description: known.Description}, true, nil
	}
	return TableInfo{}, false, nil
}

// DefaultDemoDir is where bare `huntbook` keeps the demo workspace:
// $HUNTBOOK_DEMO_DIR, else $XDG_DATA_HOME/huntbook/demo, else
// ~/.local/share/huntbook/demo.
func DefaultDemoDir() (string, error) {
	if d := os.Getenv("HUNTBOOK_DEMO_DIR"); d != "" {
		return d, nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "huntbook", "demo"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no place for the demo workspace: %w", err)
	}
	return filepath.Join(home, ".local", "share", "huntbook", "demo"), nil
}

// Exists reports whether dir holds a workspace.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, ConfigFile))
	return err == nil
}

// Catalog is a snapshot of the tables a query can name, for the KQL
// compiler: the stored tables and the known-but-empty catalog tables
// (which read as empty). Take a new snapshot after loading data.
type Catalog struct {
	tables map[string]TableInfo
	names  []string
}

// Catalog snapshots the workspace's tables.
func (w *Workspace) Catalog(ctx context.Context) (*Catalog, error) {
	infos, err := w.Tables(ctx)
	if err != nil {
		return nil, err
	}
	c := &Catalog{tables: make(map[string]TableInfo, len(infos))}
	for _, t := range infos {
		c.tables[t.Name] = t
		c.names = append(c.names, t.Name)
	}
	return c, nil
}

// Table returns the columns of the named table.
func (c *Catalog) Table(name string) ([]table.Column, bool) {
	t, ok := c.tables[name]
	return t.Columns, ok
}

// TableNames lists every table, sorted.
func (c *Catalog) TableNames() []string { return c.names }

// Stored reports whether the database holds the table.
func (c *Catalog) Stored(name string) bool { return c.tables[name].Stored }

// Function returns the definition of a stored function: the ASIM
// normalisation parsers of package workspace/asim (imProcessCreate,
// _Im_Dns, ...), which read the workspace's tables (sema.FunctionCatalog).
func (c *Catalog) Function(name string) (string, bool) { return asim.Function(name) }

// FunctionNames lists the stored functions.
func (c *Catalog) FunctionNames() []string { return asim.Names() }
