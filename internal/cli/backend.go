package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/huntbook/huntbook/demo"
	"github.com/huntbook/huntbook/internal/app"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/workspace"
)

// openAppBackend is the factory of `huntbook serve`: the workspace (with
// --demo the demo workspace, generated first when missing) served by
// app.Backend.
func openAppBackend(ctx context.Context, cfg ServeConfig) (server.Backend, func() error, error) {
	dir := cfg.Workspace
	if cfg.Demo {
		d, err := ensureDemoWorkspace(ctx, cfg)
		if err != nil {
			return nil, nil, err
		}
		dir = d
	}
	ws, err := workspace.Open(ctx, dir, workspace.OpenOptions{})
	if err != nil {
		return nil, nil, err
	}
	b, err := app.NewBackend(ws, app.BackendOptions{})
	if err != nil {
		ws.Close()
		return nil, nil, err
	}
	closeAll := func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		return errors.Join(b.Close(ctx), ws.Close())
	}
	return b, closeAll, nil
}

// ensureDemoWorkspace returns the demo workspace's directory, generating
// the demo organisation there first when it holds no workspace.
func ensureDemoWorkspace(ctx context.Context, cfg ServeConfig) (string, error) {
	dir, err := workspace.DefaultDemoDir()
	if err != nil {
		return "", err
	}
	if workspace.Exists(dir) {
		// A demo generated before the demo notebooks existed gets them, once:
		// an empty notebooks folder is the sign (an analyst's deletions
		// otherwise stand).
		nbDir := filepath.Join(dir, workspace.NotebooksDir)
		if have, _ := filepath.Glob(filepath.Join(nbDir, "*.ipynb")); len(have) == 0 {
			if err := installDemoNotebooks(nbDir); err != nil {
				return "", err
			}
		}
		return dir, nil
	}
	if cfg.Log != nil {
		fmt.Fprintf(cfg.Log, "huntbook: generating the demo workspace in %s (once; about a minute)...\n", dir)
	}
	started := time.Now()
	st, err := generateDemo(ctx, dir, demo.Config{Seed: 1, End: time.Now().UTC()})
	if err != nil {
		return "", err
	}
	if cfg.Log != nil {
		fmt.Fprintf(cfg.Log, "huntbook: %d events in %d tables, %s\n", st.Rows, st.Tables, time.Since(started).Round(100*time.Millisecond))
	}
	return dir, nil
}
