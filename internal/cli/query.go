package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/exec"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
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
	db, err := openQueryDB(ctx, *wsDir, *demo)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := exec.New(db).Run(ctx, src, nil, exec.RunOptions{Now: now})
	if err != nil {
		return queryError(err)
	}
	if res.Table == nil {
		res.Table = &table.Table{Columns: []table.Column{}, Rows: [][]any{}}
	}
	return writeResult(stdio.Stdout, res.Table, *format)
}

// openQueryDB opens the database a query runs against: the workspace's
// file read-only, or an in-memory database for inline data.
//
// TODO(lead): replace with the workspace package (its catalog includes
// the known-but-empty Sentinel tables, and --demo generates the demo).
func openQueryDB(ctx context.Context, dir string, demo bool) (*engine.DB, error) {
	if demo {
		return nil, &exitError{code: 1, msg: "huntbook query: --demo: the demo workspace is not available yet; use --workspace DIR"}
	}
	opts := engine.Options{QueryTimeout: 10 * time.Minute}
	if dir != "" {
		opts.Path, opts.ReadOnly = filepath.Join(dir, "huntbook.duckdb"), true
	}
	db, err := engine.Open(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	return db, nil
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
