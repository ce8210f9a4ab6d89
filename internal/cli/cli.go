// Package cli implements huntbook's subcommands and wires the packages
// together explicitly: each command builds what it needs and hands it on.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// IO is the set of streams a command reads and writes, so tests can run
// commands without touching the process's own.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// command is one subcommand: its one-line summary and its entry point. A
// command returns an error for the caller to print; errUsage and exitError
// carry their own exit codes.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, io IO) error
}

// commands is the explicit table of subcommands (no init-time registration).
func commands() map[string]command {
	return map[string]command{
		"kernel":  {"run the Jupyter kernel, or install its kernelspec (kernel install)", runKernel},
		"version": {"print the huntbook version", runVersion},
		"parse":   {"parse a KQL query and print its canonical form or syntax tree", runParse},
		"ingest":  {"load log files into a workspace's tables", runIngest},
		"demo":    {"generate the demo organisation and its attack stories into a workspace", runDemo},
		"serve":   serveCommand(openAppBackend),
		"query":   {"run a KQL query and print its result as a table, JSON or CSV", runQuery},
		"run":     {"run a notebook top to bottom with parameters; write the executed notebook and an HTML report", runRun},
		"export":  {"write a notebook as one self-contained HTML report", runExport},
	}
}

// Version is the huntbook version string.
const Version = "0.1.0-dev"

// Run executes huntbook with the given arguments (without the program name)
// and returns the process exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return run(ctx, args, IO{Stdin: os.Stdin, Stdout: stdout, Stderr: stderr})
}

func run(ctx context.Context, args []string, io IO) int {
	cmds := commands()
	if len(args) == 0 {
		args = defaultArgs(cmds)
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		usage(io.Stdout, cmds)
		return 0
	}
	cmd, ok := cmds[name]
	if !ok {
		fmt.Fprintf(io.Stderr, "huntbook: unknown command %q\n\n", name)
		usage(io.Stderr, cmds)
		return 2
	}
	err := cmd.run(ctx, args[1:], io)
	return exitCode(err, io.Stderr)
}

// defaultArgs is what bare `huntbook` means: serve the demo workspace, once
// the serve command exists.
func defaultArgs(cmds map[string]command) []string {
	if _, ok := cmds["serve"]; ok {
		return []string{"serve", "--demo"}
	}
	return []string{"help"}
}

// exitError carries a specific exit code and a message already printed (or
// none to print).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(stderr, ee.msg)
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "huntbook: %v\n", err)
	return 1
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "huntbook — a threat-hunting notebook for KQL")
	fmt.Fprintln(w, "\nUsage: huntbook <command> [flags] [arguments]")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'huntbook <command> -h' for a command's flags.")
}

// newFlagSet returns a flag set that reports errors instead of exiting and
// prints its usage to the command's stderr.
func newFlagSet(name string, io IO) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Stderr)
	return fs
}

// parseFlags parses a command's flags: -h prints the usage and exits 0, a
// bad flag (already reported by the flag package) exits 2.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return &exitError{code: 2}
}

func runVersion(_ context.Context, args []string, io IO) error {
	fs := newFlagSet("version", io)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(io.Stdout, "huntbook", Version)
	return nil
}
