package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/huntbook/huntbook/internal/app"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/session"
)

const runUsage = `Usage: huntbook run NB.ipynb [-p name=value]... [-o OUT.ipynb] [--html REPORT.html]
                    [--workspace DIR] [--now TIME] [--hide-code]

Runs a notebook top to bottom without a browser, as papermill does: -p
overrides a let of the cell tagged "parameters" (types inferred: numbers,
bools, timespans, datetimes, else strings). It stops at the first failing
cell with a message naming it (exit 1). -o writes the executed notebook,
--html a self-contained report; with neither, the run only checks that the
notebook runs. The input notebook is never modified.
`

// paramFlags collects repeated -p name=value flags.
type paramFlags map[string]string

func (p paramFlags) String() string { return "" }

func (p paramFlags) Set(v string) error {
	name, value, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("want name=value, got %q", v)
	}
	p[strings.TrimSpace(name)] = value
	return nil
}

// runRun implements `huntbook run`.
func runRun(ctx context.Context, args []string, stdio IO) error {
	fs := newFlagSet("run", stdio)
	fs.Usage = func() { fmt.Fprint(fs.Output(), runUsage); fs.PrintDefaults() }
	params := paramFlags{}
	fs.Var(params, "p", "override a parameter: `name=value` (repeatable)")
	out := fs.String("o", "", "write the executed notebook to `OUT.ipynb`")
	report := fs.String("html", "", "write a self-contained HTML report to `FILE`")
	wsDir := fs.String("workspace", "", "workspace `DIR` (default $"+app.WorkspaceEnv+", else the demo workspace)")
	nowText := fs.String("now", "", "the `TIME` now() and ago() read (default: the current time)")
	hideCode := fs.Bool("hide-code", false, "leave the queries out of the HTML report")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return &exitError{code: 2}
	}
	opts := session.Options{}
	if *nowText != "" {
		t, err := syntax.ParseDateTime(*nowText)
		if err != nil {
			return &exitError{code: 2, msg: fmt.Sprintf("huntbook run: --now: %v", err)}
		}
		opts.Now = func() time.Time { return t }
	}
	nb, err := notebook.Load(pos[0])
	if err != nil {
		return err
	}
	dir, demo, err := app.WorkspaceDir(*wsDir, os.Getenv)
	if err != nil {
		return err
	}
	ws, err := app.OpenWorkspace(ctx, dir, demo)
	if err != nil {
		return err
	}
	defer ws.Close()
	sess, err := session.New(ws, opts)
	if err != nil {
		return err
	}
	defer sess.Close()
	started := time.Now()
	runErr := app.RunNotebook(ctx, sess, nb, app.RunOptions{Parameters: params, Progress: progress(stdio, nb)})
	if errors.Is(runErr, app.ErrNoParametersCell) {
		return fmt.Errorf("huntbook run: %s: %w", pos[0], runErr)
	}
	footer := runFooter(started, params, runErr)
	if err := writeRunOutputs(nb, *out, *report, footer, *hideCode); err != nil {
		return err
	}
	if runErr != nil {
		return &exitError{code: 1, msg: "huntbook run: " + runErr.Error()}
	}
	fmt.Fprintf(stdio.Stderr, "ran %s in %s\n", pos[0], time.Since(started).Round(time.Millisecond))
	return nil
}

// progress prints one line per executed cell on stderr.
func progress(stdio IO, nb *notebook.Notebook) func(int, *session.Execution) {
	return func(i int, e *session.Execution) {
		status := fmt.Sprintf("%d rows", e.Rows)
		switch {
		case e.Err != nil:
			status = "failed"
		case e.Table == nil:
			status = "bound " + strings.Join(e.Bound, ", ")
		}
		if len(e.Parameters) > 0 {
			status += " (parameters applied)"
		}
		fmt.Fprintf(stdio.Stderr, "[%d/%d] %s: %s in %s\n", i+1, len(nb.Cells), firstLineOf(nb.Cells[i].Source), status, e.Duration.Round(time.Millisecond))
	}
}

func firstLineOf(src string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(src), "\n")
	if r := []rune(l); len(r) > 50 {
		l = string(r[:47]) + "..."
	}
	return l
}

// runFooter says in the report how it was made.
func runFooter(started time.Time, params map[string]string, runErr error) string {
	s := fmt.Sprintf("Run by huntbook %s on %s", Version, started.UTC().Format("2006-01-02 15:04:05 UTC"))
	if len(params) > 0 {
		names := make([]string, 0, len(params))
		for k := range params {
			names = append(names, k)
		}
		sort.Strings(names)
		for i, k := range names {
			names[i] = k + "=" + params[k]
		}
		s += " with " + strings.Join(names, ", ")
	}
	if runErr != nil {
		s += "; stopped at " + runErr.Error()
	}
	return s
}

// writeRunOutputs saves the executed notebook and the report, each
// atomically.
func writeRunOutputs(nb *notebook.Notebook, out, report, footer string, hideCode bool) error {
	if out != "" {
		if err := notebook.Save(out, nb); err != nil {
			return fmt.Errorf("writing %s: %w", out, err)
		}
	}
	if report != "" {
		return exportHTML(nb, report, notebook.ExportOptions{Footer: footer, HideCode: hideCode})
	}
	return nil
}

func exportHTML(nb *notebook.Notebook, path string, opts notebook.ExportOptions) error {
	var buf bytes.Buffer
	if err := notebook.ExportHTML(nb, &buf, opts); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := notebook.WriteFileAtomic(path, buf.Bytes()); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

const exportUsage = `Usage: huntbook export NB.ipynb --html OUT.html [--title TEXT] [--hide-code]

Writes one self-contained HTML report of a notebook as it was saved: its
markdown, queries and stored outputs (tables, SVG charts). The report needs
no network to be read. Run the notebook first (huntbook run) to refresh it.
`

// runExport implements `huntbook export`.
func runExport(_ context.Context, args []string, stdio IO) error {
	fs := newFlagSet("export", stdio)
	fs.Usage = func() { fmt.Fprint(fs.Output(), exportUsage); fs.PrintDefaults() }
	report := fs.String("html", "", "write the report to `OUT.html` (required)")
	title := fs.String("title", "", "report title (default: the notebook's)")
	hideCode := fs.Bool("hide-code", false, "leave the queries out")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *report == "" {
		fs.Usage()
		return &exitError{code: 2}
	}
	nb, err := notebook.Load(pos[0])
	if err != nil {
		return err
	}
	return exportHTML(nb, *report, notebook.ExportOptions{Title: *title, HideCode: *hideCode})
}

// parseInterspersed parses flags that may come before or after the
// positional arguments (huntbook run NB.ipynb -p x=1), as people type them.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil // after --, everything is positional
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
