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

// OpenWorkspace opens an existing workspace, with an error that says what
// to do when there is none.
func OpenWorkspace(ctx context.Context, dir string, demo bool) (*workspace.Workspace, error) {
	ws, err := workspace.Open(ctx, dir, workspace.OpenOptions{})
	if errors.Is(err, workspace.ErrNotWorkspace) {
		if demo {
			return nil, fmt.Errorf("no workspace given and the demo workspace %s does not exist: "+
				"run `huntbook demo` to generate it, or choose a workspace with --workspace DIR or $%s", dir, WorkspaceEnv)
		}
		return nil, fmt.Errorf("%s is not a huntbook workspace: create one with `huntbook ingest --workspace %s FILE...` or `huntbook demo --dir %s`", dir, dir, dir)
	}
	return ws, err
}
