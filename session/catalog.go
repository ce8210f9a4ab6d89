package session

import (
	"context"
	"sync"

	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace"
)

// liveCatalog is the tables queries may name: the workspace's stored
// tables and the Sentinel tables it knows but holds no data for (they read
// as empty, as in a fresh Sentinel workspace). The workspace hands out
// snapshots; the session takes a new one before each execution, so a table
// ingested while the session is open is seen by the next cell.
type liveCatalog struct {
	ws  *workspace.Workspace
	mu  sync.Mutex
	cur *workspace.Catalog
}

func (c *liveCatalog) refresh(ctx context.Context) error {
	snap, err := c.ws.Catalog(ctx)
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.cur = snap
	c.mu.Unlock()
	return nil
}

func (c *liveCatalog) snapshot() *workspace.Catalog {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cur
}

// Table implements sema.Catalog.
func (c *liveCatalog) Table(name string) ([]table.Column, bool) {
	if s := c.snapshot(); s != nil {
		return s.Table(name)
	}
	return nil, false
}

// TableNames implements sema.Catalog.
func (c *liveCatalog) TableNames() []string {
	if s := c.snapshot(); s != nil {
		return s.TableNames()
	}
	return nil
}

// Stored implements exec.StoredCatalog.
func (c *liveCatalog) Stored(name string) bool {
	if s := c.snapshot(); s != nil {
		return s.Stored(name)
	}
	return false
}

// Function implements sema.FunctionCatalog: the workspace's stored
// functions (the ASIM parsers).
func (c *liveCatalog) Function(name string) (string, bool) {
	if s := c.snapshot(); s != nil {
		return s.Function(name)
	}
	return "", false
}

// FunctionNames implements sema.FunctionCatalog.
func (c *liveCatalog) FunctionNames() []string {
	if s := c.snapshot(); s != nil {
		return s.FunctionNames()
	}
	return nil
}
