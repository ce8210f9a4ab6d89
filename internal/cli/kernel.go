package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/huntbook/huntbook/internal/app"
	"github.com/huntbook/huntbook/kernel"
	"github.com/huntbook/huntbook/session"
)

// runKernel is `huntbook kernel`: `install` writes the kernelspec; otherwise
// it is the kernel Jupyter starts with a connection file.
func runKernel(ctx context.Context, args []string, io IO) error {
	if len(args) > 0 && args[0] == "install" {
		return runKernelInstall(args[1:], io)
	}
	fs := newFlagSet("kernel", io)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: huntbook kernel --connection-file FILE [--workspace DIR]")
		fmt.Fprintln(fs.Output(), "       huntbook kernel install [--user | --prefix DIR] [--workspace DIR]")
		fmt.Fprintln(fs.Output(), "\nThe first form is what Jupyter runs (see the installed kernelspec).")
		fs.PrintDefaults()
	}
	connFile := fs.String("connection-file", "", "the connection file Jupyter wrote (`{connection_file}` in kernel.json)")
	workspace := fs.String("workspace", "", "workspace directory the kernel opens (default $"+kernel.WorkspaceEnv+")")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *connFile == "" || fs.NArg() > 0 {
		fs.Usage()
		return &exitError{code: 2}
	}
	// Report a bad connection file before anything else: it is the one
	// argument Jupyter, not the user, provides.
	if _, err := kernel.ReadConnectionFile(*connFile); err != nil {
		return err
	}
	sess, err := newKernelSession(ctx, *workspace)
	if err != nil {
		return err
	}
	if c, ok := sess.(interface{ Close() error }); ok {
		defer c.Close()
	}
	logger := slog.New(slog.NewTextHandler(io.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	// Jupyter ends a kernel with shutdown_request (or SIGTERM), and SIGINT
	// means "interrupt the cell" (kernel.Serve handles both); the CLI's
	// context, cancelled on SIGINT, must not stop the kernel.
	return kernel.Serve(context.WithoutCancel(ctx), *connFile, kernel.Config{
		Session: sess,
		Logger:  logger,
		Version: Version,
	})
}

// newKernelSession builds the session the kernel serves: over the
// workspace of --workspace, else $HUNTBOOK_WORKSPACE (the kernelspec's
// env), else the demo workspace. A missing workspace is an error that says
// how to make one: a kernel that Jupyter starts must be ready in seconds,
// too soon to generate the demo.
func newKernelSession(ctx context.Context, dir string) (kernel.Session, error) {
	dir, demo, err := app.WorkspaceDir(dir, os.Getenv)
	if err != nil {
		return nil, err
	}
	k, err := app.NewKernel(ctx, dir, demo, session.Options{})
	if err != nil {
		return nil, fmt.Errorf("huntbook kernel: %w", err)
	}
	return k, nil
}

func runKernelInstall(args []string, io IO) error {
	fs := newFlagSet("kernel install", io)
	user := fs.Bool("user", false, "install for the current user ($JUPYTER_DATA_DIR, else ~/.local/share/jupyter)")
	prefix := fs.String("prefix", "", "install under `DIR`/share/jupyter (a virtualenv or conda env)")
	workspace := fs.String("workspace", "", "workspace `DIR` the kernel opens (stored in the kernelspec's env)")
	name := fs.String("name", kernel.SpecName, "kernelspec name")
	display := fs.String("display-name", "", "name shown in Jupyter's launcher (default \"KQL (huntbook)\")")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(io.Stderr, "kernel install: unexpected argument %q\n", fs.Arg(0))
		return &exitError{code: 2}
	}
	if *user && *prefix != "" {
		fmt.Fprintln(io.Stderr, "kernel install: --user and --prefix are mutually exclusive")
		return &exitError{code: 2}
	}
	exe, err := executablePath()
	if err != nil {
		return err
	}
	ws := ""
	if *workspace != "" {
		if ws, err = filepath.Abs(*workspace); err != nil {
			return err
		}
	}
	kernels, err := kernel.KernelsDir(kernel.Scope{User: *user, Prefix: *prefix}, os.Getenv)
	if err != nil {
		return fmt.Errorf("kernel install: %w", err)
	}
	spec := kernel.NewSpec(exe, ws)
	if *display != "" {
		spec.DisplayName = *display
	}
	dir := filepath.Join(kernels, *name)
	if err := kernel.InstallSpec(dir, spec); err != nil {
		if errors.Is(err, os.ErrPermission) && !*user && *prefix == "" {
			return fmt.Errorf("kernel install: %w (use --user to install for yourself)", err)
		}
		return fmt.Errorf("kernel install: %w", err)
	}
	fmt.Fprintf(io.Stdout, "Installed kernelspec %s in %s\n", *name, dir)
	return nil
}

// executablePath is the absolute, symlink-resolved path of this binary:
// Jupyter runs kernel.json's argv directly, without huntbook's PATH.
func executablePath() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("locating the huntbook binary: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	return filepath.Abs(exe)
}
