package cli

import (
	"context"

	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/ingest"
	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace"
	"github.com/huntbook/huntbook/workspace/schema"
)

const ingestUsage = `usage: huntbook ingest --workspace DIR [--table T] [--replace] [--strict] FILE...

Loads log files into workspace tables: CSV (Sentinel exports too), JSON,
JSON lines, Windows event JSON and .evtx, syslog, CEF, Parquet, and .gz/.zip
holding any of these. Malformed records are reported with file and line and
skipped (--strict stops at the first); a failed ingest changes nothing.
`

func runIngest(ctx context.Context, args []string, io IO) error {
	fs := newFlagSet("ingest", io)
	fs.Usage = func() { fmt.Fprint(io.Stderr, ingestUsage); fs.PrintDefaults() }
	dir := fs.String("workspace", "", "workspace directory (created when missing)")
	tableName := fs.String("table", "", "load every row into this table")
	replace := fs.Bool("replace", false, "replace the tables' contents instead of appending")
	strict := fs.Bool("strict", false, "stop at the first malformed record")
	quiet := fs.Bool("quiet", false, "no progress bar")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" || fs.NArg() == 0 {
		fs.Usage()
		return &exitError{code: 2}
	}
	ws, err := workspace.Open(ctx, *dir, workspace.OpenOptions{Create: true})
	if err != nil {
		return err
	}
	defer ws.Close()

	opts := ingest.Options{Table: *tableName, Strict: *strict}
	if *replace {
		opts.Mode = ingest.Replace
	}
	var bar *progressBar
	if !*quiet {
		bar = newProgressBar(io.Stderr)
		opts.Progress = bar.update
	}
	logs, parquet := splitParquet(fs.Args())
	counts := map[string]int64{}
	if len(logs) > 0 {
		report, err := ingest.Ingest(ctx, &loaderSink{db: ws.DB}, logs, opts)
		bar.done()
		printProblems(io.Stderr, report)
		if err != nil {
			return fmt.Errorf("ingest failed, nothing was loaded: %w", err)
		}
		for t, n := range report.Rows {
			counts[t] += n
		}
	}
	for _, path := range parquet {
		name, n, err := loadParquet(ctx, ws.DB, path, *tableName, *replace)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		counts[name] += n
	}
	printCounts(io.Stdout, counts)
	return nil
}

// splitParquet separates the Parquet inputs, which DuckDB reads itself.
func splitParquet(paths []string) (logs, parquet []string) {
	for _, p := range paths {
		if f, err := ingest.Detect(p); err == nil && f == ingest.FormatParquet {
			parquet = append(parquet, p)
		} else {
			logs = append(logs, p)
		}
	}
	return logs, parquet
}

// loadParquet streams a Parquet file through DuckDB's reader into a table
// named after the file (or --table), in one transaction.
func loadParquet(ctx context.Context, db *engine.DB, path, name string, replace bool) (string, int64, error) {
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", 0, err
	}
	mode := engine.Append
	if replace {
		mode = engine.Replace
	}
	l, err := db.BeginLoad(ctx)
	if err != nil {
		return "", 0, err
	}
	defer l.Rollback()
	var tl *engine.TableLoader
	// A literal path, not a bound one: DuckDB must see the file when it
	// prepares the statement to know the result's columns.
	q := engine.Query{SQL: "SELECT * FROM read_parquet(" + sqlrepr.QuoteString(abs) + ")"}
	err = db.Stream(ctx, q, 4096, func(b *table.Table) error {
		if tl == nil {
			if tl, err = l.Table(name, b.Columns, mode, knownColumns(name)...); err != nil {
				return err
			}
		}
		for _, row := range b.Rows {
			if err := tl.Append(row); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", 0, err
	}
	if tl == nil {
		return name, 0, nil
	}
	counts, err := l.Commit()
	return name, counts[name], err
}

// loaderSink is ingest's Sink over the engine's transactional Loader: every
// table of one ingest commits together or not at all.
type loaderSink struct {
	db *engine.DB
	l  *engine.Loader
}

func (s *loaderSink) Begin(ctx context.Context, spec ingest.TableSpec) (ingest.TableWriter, error) {
	if s.l == nil {
		l, err := s.db.BeginLoad(ctx)
		if err != nil {
			return nil, err
		}
		s.l = l
	}
	mode := engine.Append
	if spec.Mode == ingest.Replace {
		mode = engine.Replace
	}
	return s.l.Table(spec.Name, spec.Columns, mode, knownColumns(spec.Name)...)
}

func (s *loaderSink) Commit(context.Context) error {
	if s.l == nil {
		return nil
	}
	_, err := s.l.Commit()
	return err
}

func (s *loaderSink) Abort(context.Context) error {
	if s.l == nil {
		return nil
	}
	return s.l.Rollback()
}

func printProblems(w io.Writer, r ingest.Report) {
	for _, p := range r.Problems {
		fmt.Fprintln(w, p.String())
	}
	if r.Rejected > int64(len(r.Problems)) {
		fmt.Fprintf(w, "… and %d more malformed records\n", r.Rejected-int64(len(r.Problems)))
	}
	if r.Rejected > 0 {
		fmt.Fprintf(w, "%d malformed records skipped\n", r.Rejected)
	}
}

func printCounts(w io.Writer, counts map[string]int64) {
	names := make([]string, 0, len(counts))
	for n := range counts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "%s\t%d rows\n", n, counts[n])
	}
}

// progressBar draws one line on a terminal: file, percentage, MB/s.
type progressBar struct {
	w       io.Writer
	start   time.Time
	last    time.Time
	drawn   bool
	enabled bool
}

func newProgressBar(w io.Writer) *progressBar {
	return &progressBar{w: w, start: time.Now(), enabled: isTerminal(w)}
}

func (p *progressBar) update(pr ingest.Progress) {
	if p == nil || !p.enabled || pr.Total <= 0 || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	frac := float64(pr.Done) / float64(pr.Total)
	const width = 30
	filled := int(frac * width)
	if filled > width {
		filled = width
	}
	mbps := float64(pr.Done) / 1e6 / time.Since(p.start).Seconds()
	fmt.Fprintf(p.w, "\r%-30.30s [%s%s] %3.0f%% %6.1f MB/s", filepath.Base(pr.File),
		strings.Repeat("#", filled), strings.Repeat(" ", width-filled), frac*100, mbps)
	p.drawn = true
}

func (p *progressBar) done() {
	if p != nil && p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// knownColumns are the Sentinel catalog's columns of a table (none for a
// table the catalog does not know): a loaded table gets them all, so the
// queries written for Sentinel find every column they name.
func knownColumns(name string) []table.Column {
	known, ok := schema.Table(name)
	if !ok {
		return nil
	}
	return known.Columns
}
