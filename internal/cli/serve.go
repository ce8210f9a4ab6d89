package cli

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/web"
)

// ServeConfig is what `huntbook serve` asks of the backend factory: which
// workspace to open.
type ServeConfig struct {
	// Workspace is the workspace directory; empty with Demo.
	Workspace string
	// Demo asks for the demo workspace (generated when missing).
	Demo bool
	// Log receives progress messages (the demo's generation); may be nil.
	Log io.Writer
}

// BackendFactory opens the backend `huntbook serve` serves; close releases
// it after the server has stopped (and closed its sessions).
type BackendFactory func(ctx context.Context, cfg ServeConfig) (b server.Backend, close func() error, err error)

// serveCommand returns the serve command over a backend factory.
func serveCommand(factory BackendFactory) command {
	return command{
		summary: "serve the notebook UI in the browser",
		run: func(ctx context.Context, args []string, io IO) error {
			return runServe(ctx, args, io, factory, openBrowser)
		},
	}
}

func runServe(ctx context.Context, args []string, io IO, factory BackendFactory, open func(url string) error) error {
	fs := newFlagSet("serve", io)
	workspace := fs.String("workspace", "", "workspace `DIR` to open")
	demo := fs.Bool("demo", false, "open the demo workspace (generated when missing)")
	addr := fs.String("addr", "127.0.0.1", "`HOST` to listen on; beyond loopback the token is the only protection")
	port := fs.Int("port", 0, "`PORT` to listen on (default: the first free port from 8888)")
	noBrowser := fs.Bool("no-browser", false, "do not open a browser")
	token := fs.String("token", "", "the URL's secret `TOKEN` (default: random)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &exitError{code: 2, msg: "serve: unexpected arguments: use --workspace DIR or --demo"}
	}
	if (*workspace == "") == !*demo {
		return &exitError{code: 2, msg: "serve: give exactly one of --workspace DIR and --demo"}
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	backend, closeBackend, err := factory(ctx, ServeConfig{Workspace: *workspace, Demo: *demo, Log: io.Stderr})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv, err := server.New(backend, server.Options{Addr: *addr, Port: *port, Token: *token, Assets: web.Assets()})
	if err == nil {
		err = srv.Listen()
	}
	if err != nil {
		_ = closeBackend()
		return err
	}
	fmt.Fprintf(io.Stdout, "huntbook is serving the notebook at\n\n    %s\n\nPress Ctrl+C to stop.\n", srv.URL())
	if !*noBrowser && open != nil {
		if err := open(srv.URL()); err != nil {
			fmt.Fprintf(io.Stderr, "huntbook: could not open a browser (%v); open the URL above\n", err)
		}
	}
	err = srv.Serve(ctx)
	if cerr := closeBackend(); err == nil && cerr != nil {
		err = fmt.Errorf("serve: closing the workspace: %w", cerr)
	}
	return err
}

// openBrowser opens url in the desktop's browser, if there is one.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
