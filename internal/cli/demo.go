package cli

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/huntbook/huntbook/demo"
	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace"
)

const demoUsage = `usage: huntbook demo [--dir DIR] [--seed N] [--events N] [--end TIME] [--days N] [--force]

Generates the demo organisation — users, hosts, 7–14 days of background
activity across the Sentinel tables and embedded attack stories — into a
workspace (default: the demo workspace bare 'huntbook' serves).
`

func runDemo(ctx context.Context, args []string, io IO) error {
	fs := newFlagSet("demo", io)
	fs.Usage = func() { fmt.Fprint(io.Stderr, demoUsage); fs.PrintDefaults() }
	dir := fs.String("dir", "", "workspace directory (default: the demo workspace)")
	seed := fs.Int64("seed", 1, "seed of the organisation and its activity")
	events := fs.Int64("events", 0, "approximate number of events (default 1M)")
	end := fs.String("end", "", "end of the data (RFC 3339; default: now)")
	days := fs.Int("days", 0, "days of activity (7–31; default 14)")
	force := fs.Bool("force", false, "replace an existing workspace's demo data")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg := demo.Config{Seed: *seed, Events: *events, Days: *days, End: time.Now().UTC()}
	if *end != "" {
		t, err := time.Parse(time.RFC3339, *end)
		if err != nil {
			return fmt.Errorf("--end: %w", err)
		}
		cfg.End = t.UTC()
	}
	if *dir == "" {
		d, err := workspace.DefaultDemoDir()
		if err != nil {
			return err
		}
		*dir = d
	}
	if workspace.Exists(*dir) && !*force {
		return fmt.Errorf("%s already holds a workspace; use --force to regenerate its demo data", *dir)
	}
	started := time.Now()
	stats, err := generateDemo(ctx, *dir, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(io.Stdout, "demo workspace %s: %d events in %d tables, %s\n",
		*dir, stats.Rows, stats.Tables, time.Since(started).Round(100*time.Millisecond))
	return nil
}

// demoStats sums up a generation.
type demoStats struct {
	Rows   int64
	Tables int
}

// generateDemo writes the demo organisation into a fresh workspace next to
// dir and moves it into place only when complete, so an interrupted or
// failed generation leaves dir as it was. Over an existing workspace only
// the database is replaced; its notebooks and config stay.
func generateDemo(ctx context.Context, dir string, cfg demo.Config) (demoStats, error) {
	partial := dir + ".partial"
	if err := os.RemoveAll(partial); err != nil {
		return demoStats{}, err
	}
	defer os.RemoveAll(partial)
	st, err := generateInto(ctx, partial, cfg)
	if err != nil {
		return demoStats{}, err
	}
	if !workspace.Exists(dir) {
		if err := installDemoNotebooks(filepath.Join(partial, workspace.NotebooksDir)); err != nil {
			return demoStats{}, err
		}
		return st, os.Rename(partial, dir)
	}
	db := workspace.DatabaseFile
	if err := os.Rename(filepath.Join(partial, db), filepath.Join(dir, db)); err != nil {
		return demoStats{}, err
	}
	return st, installDemoNotebooks(filepath.Join(dir, workspace.NotebooksDir))
}

// installDemoNotebooks writes the demo notebooks into a notebooks folder,
// keeping any that is already there: the analyst may have run and edited
// it, and regenerating the data must not lose that work.
func installDemoNotebooks(nbDir string) error {
	nbs := demo.Notebooks()
	names, err := fs.Glob(nbs, "*.ipynb")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(nbDir, 0o755); err != nil {
		return err
	}
	for _, name := range names {
		path := filepath.Join(nbDir, name)
		if _, err := os.Stat(path); err == nil {
			continue
		}
		data, err := fs.ReadFile(nbs, name)
		if err != nil {
			return err
		}
		if err := notebook.WriteFileAtomic(path, data); err != nil {
			return fmt.Errorf("demo notebook %s: %w", name, err)
		}
	}
	return nil
}

// generateInto fills the workspace at dir: the generator emits only the
// columns it fills, and demoWorkers tables load at a time, each in its own
// transaction on its own connection; the tables get the catalog's other
// columns as placeholders (engine.Loader.Table's extra columns).
func generateInto(ctx context.Context, dir string, cfg demo.Config) (demoStats, error) {
	ws, err := workspace.Open(ctx, dir, workspace.OpenOptions{Create: true, RowGroupSize: demoRowGroupSize})
	if err != nil {
		return demoStats{}, err
	}
	defer ws.Close()
	cfg.Compact = true
	// The generator allocates fast and keeps little alive (a few batches
	// per table in flight), so the default GOGC=100 collects far more often
	// than it needs to: at 400 the garbage collector's share of the CPU
	// falls by about 15% of the run for a few hundred MB more heap
	// (BenchmarkDemoLoad, 576k events: 21.6 → 18.2 CPU s).
	defer debug.SetGCPercent(debug.SetGCPercent(demoGCPercent))
	// GOGC=400 lets the heap grow to five times what is live; the staged
	// loaders' Parquet row groups make that 4.3 GB at 6M events. A soft
	// limit above the default run's peak (1.7 GB) costs that run nothing
	// and makes bigger runs collect earlier instead.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(demoMemoryLimit))
	// The loaders stage their rows as Parquet files in the workspace's
	// directory (engine.DB.BeginStagedLoad) and insert them with
	// read_parquet. Two loaders insert at a time, each on its own thread:
	// a second DuckDB thread per insert only added CPU (its worker waiting
	// for tasks) once the tables compress as they load (docs/demo.md). The
	// setting ends with the database, closed below.
	if err := ws.DB.Exec(ctx, fmt.Sprintf("SET threads = %d", demoThreads)); err != nil {
		return demoStats{}, err
	}
	var mu sync.Mutex
	var sinks []*tableSink
	st, genErr := demo.GenerateConcurrent(ctx, cfg, demoWorkers, func(string) demo.Sink {
		s := &tableSink{ctx: ctx, db: ws.DB, stageDir: dir}
		mu.Lock()
		sinks = append(sinks, s)
		mu.Unlock()
		return s
	})
	for _, s := range sinks { // tables a failure left open
		s.rollback()
	}
	if genErr != nil {
		return demoStats{}, fmt.Errorf("demo: %w", genErr)
	}
	return demoStats{Rows: st.Rows, Tables: len(st.Tables)}, nil
}

// demoWorkers is how many tables load at a time: while one table's
// generator writes its next staging file, the other's is being inserted.
const demoWorkers = 2

// demoThreads is DuckDB's thread count during a demo generation.
const demoThreads = 1

// demoRowGroupSize is the row group size the demo tables are written with
// (engine.Options.RowGroupSize). At DuckDB's 122,880 most demo tables are
// under one row group, so their commits went into the write-ahead log and
// the checkpoint at close compressed them all on one thread: a 3 s tail
// after 8 s of generation at the default size. With row groups a quarter
// that size nearly every table is compressed as it is inserted, two at a
// time, for a 4 % larger database (docs/demo.md).
const demoRowGroupSize = 30720

// demoBatch is how many rows a tableSink hands the loader at a time.
const demoBatch = 4096

// demoGCPercent is the GOGC of a demo generation (see generateInto).
const demoGCPercent = 400

// demoMemoryLimit is the Go heap's soft limit during a demo generation.
const demoMemoryLimit = 2 << 30

// tableSink loads one table of the demo in its own transaction: Replace,
// with the catalog's other columns as placeholders.
type tableSink struct {
	ctx      context.Context
	db       *engine.DB
	stageDir string // where the loader stages its Parquet files
	l        *engine.Loader
	t        *engine.TableLoader
	batch    [][]any
	vals     []any // backing array of batch's rows
}

func (s *tableSink) BeginTable(name string, cols []table.Column) error {
	l, err := s.db.BeginStagedLoad(s.ctx, s.stageDir)
	if err != nil {
		return err
	}
	s.l = l
	s.t, err = l.Table(name, cols, engine.Replace, knownColumns(name)...)
	return err
}

// AppendRow copies the row into the batch's backing array: one allocation
// per batch instead of one per row.
func (s *tableSink) AppendRow(row []any) error {
	if len(s.vals)+len(row) > cap(s.vals) {
		s.vals = make([]any, 0, demoBatch*len(row))
	}
	start := len(s.vals)
	s.vals = append(s.vals, row...)
	s.batch = append(s.batch, s.vals[start:len(s.vals):len(s.vals)])
	if len(s.batch) < demoBatch {
		return nil
	}
	return s.flush()
}

func (s *tableSink) flush() error {
	if len(s.batch) == 0 {
		return nil
	}
	rows := s.batch
	s.batch, s.vals = make([][]any, 0, demoBatch), nil
	return s.t.AppendOwned(rows)
}

func (s *tableSink) EndTable() error {
	if err := s.flush(); err != nil {
		return err
	}
	_, err := s.l.Commit()
	return err
}

// rollback discards the table unless it was committed.
func (s *tableSink) rollback() {
	if s.l != nil {
		s.l.Rollback()
	}
}
