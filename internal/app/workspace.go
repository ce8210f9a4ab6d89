package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/huntbook/huntbook/kernel"
	"github.com/huntbook/huntbook/workspace"
)

// WorkspaceEnv names the environment variable that selects a workspace
// when no --workspace flag does (the kernelspec's env sets it).
const WorkspaceEnv = kernel.WorkspaceEnv

// WorkspaceDir picks the workspace a command runs over: the flag, else
// $HUNTBOOK_WORKSPACE, else the demo workspace (demo is true then).
func WorkspaceDir(flag string, getenv func(string) string) (dir string, demo bool, err error) {
	if flag != "" {
		return flag, false, nil
	}
	if d := getenv(WorkspaceEnv); d != "" {
		return d, false, nil
	}
	d, err := workspace.DefaultDemoDir()
	if err != nil {
		return "", false, err
	}
	return d, true, nil
}

// OpenWorkspace opens an existing workspace for a session, with an error
// that says what to do when there is none. The database is opened
// read-only: a session keeps its results in the engine's in-memory
// catalog and never writes stored tables, and DuckDB lets several
// read-only processes share a file (two kernels, or a kernel next to
// `huntbook run`) where a writer would lock the others out.
func OpenWorkspace(ctx context.Context, dir string, demo bool) (*workspace.Workspace, error) {
	ws, err := workspace.Open(ctx, dir, workspace.OpenOptions{ReadOnly: true})
	if errors.Is(err, workspace.ErrNotWorkspace) {
		if demo {
			return nil, fmt.Errorf("no workspace given and the demo workspace %s does not exist: "+
				"run `huntbook demo` to generate it, or choose a workspace with --workspace DIR or $%s", dir, WorkspaceEnv)
		}
		return nil, fmt.Errorf("%s is not a huntbook workspace: create one with `huntbook ingest --workspace %s FILE...` or `huntbook demo --dir %s`", dir, dir, dir)
	}
	return ws, err
}
