package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/exec"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace"
)

// runQuery implements `huntbook query [--workspace DIR | --demo] [--now
// TIME] [--format table|json|csv] (QUERY | -)`.
func runQuery(ctx context.Context, args []string, stdio IO) error {
	fs := newFlagSet("query", stdio)
	wsDir := fs.String("workspace", "", "run against the workspace in `DIR`")
	demo := fs.Bool("demo", false, "run against the demo workspace")
	nowText := fs.String("now", "", "the `TIME` now() and ago() read (default: the current time)")
	format := fs.String("format", "table", "output format: table, json or csv")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: huntbook query [--workspace DIR | --demo] [--now TIME] [--format table|json|csv] (QUERY | -)")
		fmt.Fprintln(fs.Output(), "\nRuns a KQL query (- reads it from standard input) and prints its result.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *demo && *wsDir != "" {
		fs.Usage()
		return &exitError{code: 2}
	}
	switch *format {
	case "table", "json", "csv":
	default:
		return &exitError{code: 2, msg: fmt.Sprintf("huntbook query: unknown format %q (table, json or csv)", *format)}
	}
	var now time.Time
	if *nowText != "" {
		t, err := syntax.ParseDateTime(*nowText)
		if err != nil {
			return &exitError{code: 2, msg: fmt.Sprintf("huntbook query: --now: %v", err)}
		}
		now = t
	}
	src := fs.Arg(0)
	if src == "-" {
		text, err := readQuery("-", stdio.Stdin)
		if err != nil {
			return err
		}
		src = text
	}
	db, catalog, err := openQueryDB(ctx, *wsDir, *demo)
	if err != nil {
		return err
	}
	defer db.Close()
	var opts []exec.Option
	if catalog != nil {
		opts = append(opts, exec.WithCatalog(catalog))
	}
	res, err := exec.New(db, opts...).Run(ctx, src, nil, exec.RunOptions{Now: now})
	if err != nil {
		return queryError(err)
	}
	if res.Table == nil {
		res.Table = &table.Table{Columns: []table.Column{}, Rows: [][]any{}}
	}
	return writeResult(stdio.Stdout, res.Table, *format)
}

// openQueryDB opens the database a query runs against: the workspace in
// dir (or the demo workspace) read-only with its catalog, or an in-memory
// database for inline data.
func openQueryDB(ctx context.Context, dir string, demo bool) (*engine.DB, sema.Catalog, error) {
	if demo {
		d, err := workspace.DefaultDemoDir()
		if err != nil {
			return nil, nil, err
		}
		if !workspace.Exists(d) {
			return nil, nil, &exitError{code: 1, msg: fmt.Sprintf("huntbook query: --demo: no demo workspace at %s yet; run `huntbook demo` first", d)}
		}
		dir = d
	}
	if dir == "" {
		db, err := engine.Open(ctx, engine.Options{QueryTimeout: 10 * time.Minute})
		if err != nil {
			return nil, nil, fmt.Errorf("query: %w", err)
		}
		return db, nil, nil
	}
	if !workspace.Exists(dir) {
		return nil, nil, &exitError{code: 1, msg: fmt.Sprintf("huntbook query: %s is not a workspace (create one with `huntbook ingest --workspace %s ...` or `huntbook demo --dir %s`)", dir, dir, dir)}
	}
	ws, err := workspace.Open(ctx, dir, workspace.OpenOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, fmt.Errorf("query: %w", err)
	}
	cat, err := ws.Catalog(ctx)
	if err != nil {
		ws.Close()
		return nil, nil, fmt.Errorf("query: %w", err)
	}
	return ws.DB, cat, nil
}

// queryError prints positioned errors one per line and exits 1.
func queryError(err error) error {
	var list syntax.ErrorList
	if errors.As(err, &list) {
		lines := make([]string, len(list))
		for i, e := range list {
			lines[i] = e.Error()
		}
		return &exitError{code: 1, msg: strings.Join(lines, "\n")}
	}
	return &exitError{code: 1, msg: err.Error()}
}

// writeResult prints a table in the requested format.
func writeResult(w io.Writer, t *table.Table, format string) error {
	switch format {
	case "json":
		b, err := json.Marshal(t)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	case "csv":
		cw := csv.NewWriter(w)
		head := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			head[i] = c.Name
		}
		if err := cw.Write(head); err != nil {
			return err
		}
		for _, row := range t.Rows {
			if err := cw.Write(formatRow(row)); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := make([]string, len(t.Columns))
	rule := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c.Name
		rule[i] = strings.Repeat("-", max(len(c.Name), 3))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	fmt.Fprintln(tw, strings.Join(rule, "\t"))
	for _, row := range t.Rows {
		cells := formatRow(row)
		for i, c := range cells {
			cells[i] = strings.NewReplacer("\t", " ", "\n", " ").Replace(c)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

func formatRow(row []any) []string {
	out := make([]string, len(row))
	for i, v := range row {
		out[i] = table.FormatValue(v)
	}
	return out
}
