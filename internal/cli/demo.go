package cli

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
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
	events := fs.Int64("events", 0, "approximate number of events (default 1.5M)")
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
// columns it fills, loaders on two connections store the tables in
// parallel, and the tables get the catalog's other columns empty (cheap in
// DuckDB, while appending empty values is not).
func generateInto(ctx context.Context, dir string, cfg demo.Config) (demoStats, error) {
	ws, err := workspace.Open(ctx, dir, workspace.OpenOptions{Create: true})
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
	// Each load worker's connection compresses its own row groups; with
	// DuckDB's worker threads on top, the connection that waits for them
	// spins on the task queue, and that took a quarter of the CPU on two
	// cores. The setting ends with the database, closed below.
	if err := ws.DB.Exec(ctx, "SET threads = 1"); err != nil {
		return demoStats{}, err
	}
	sink := newParallelSink(ctx, ws.DB, demoWorkers)
	_, genErr := demo.Generate(ctx, cfg, sink)
	counts, err := sink.Close()
	if genErr != nil {
		return demoStats{}, fmt.Errorf("demo: %w", genErr)
	}
	if err != nil {
		return demoStats{}, fmt.Errorf("demo: %w", err)
	}
	var st demoStats
	for _, n := range counts {
		st.Rows += n
		st.Tables++
	}
	return st, nil
}

// parallelSink spreads the generator's tables over workers, each loading
// its tables on its own connection, one transaction per table. The
// generator hands over one table at a time; a table goes to the worker
// with the fewest rows so far.
type parallelSink struct {
	workers []*demoWorker
	cur     *demoWorker
	batch   [][]any
	vals    []any // backing array of batch's rows
}

// demoMsg is one step of a table for a worker: its start (cols set), a
// batch of rows, or its end.
type demoMsg struct {
	name string
	cols []table.Column
	rows [][]any
	end  bool
}

type demoWorker struct {
	ctx    context.Context
	db     *engine.DB
	msgs   chan demoMsg
	done   chan struct{}
	queued int64
	mu     sync.Mutex
	err    error
	counts map[string]int64
}

const demoBatch = 4096

// demoGCPercent is the GOGC of a demo generation (see generateInto).
const demoGCPercent = 400

// demoWorkers is how many connections load tables at a time: with one
// DuckDB thread each, two keep two cores busy beside the generator.
const demoWorkers = 2

func newParallelSink(ctx context.Context, db *engine.DB, n int) *parallelSink {
	s := &parallelSink{}
	for range n {
		w := &demoWorker{ctx: ctx, db: db, msgs: make(chan demoMsg, 4), done: make(chan struct{}),
			counts: map[string]int64{}}
		go w.run()
		s.workers = append(s.workers, w)
	}
	return s
}

func (s *parallelSink) BeginTable(name string, cols []table.Column) error {
	s.cur = s.workers[0]
	for _, w := range s.workers[1:] {
		if w.queued < s.cur.queued {
			s.cur = w
		}
	}
	return s.send(demoMsg{name: name, cols: cols})
}

// AppendRow copies the row into the batch's backing array: one allocation
// per batch instead of one per row.
func (s *parallelSink) AppendRow(row []any) error {
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

func (s *parallelSink) EndTable() error {
	if err := s.flush(); err != nil {
		return err
	}
	return s.send(demoMsg{end: true})
}

func (s *parallelSink) flush() error {
	if len(s.batch) == 0 {
		return nil
	}
	rows := s.batch
	s.batch = make([][]any, 0, demoBatch)
	s.vals = nil
	s.cur.queued += int64(len(rows))
	return s.send(demoMsg{rows: rows})
}

func (s *parallelSink) send(m demoMsg) error {
	if err := s.cur.failure(); err != nil {
		return err
	}
	s.cur.msgs <- m
	return nil
}

// Close waits for the workers and returns the rows per table, or the first
// error (the table a failed worker was loading is rolled back).
func (s *parallelSink) Close() (map[string]int64, error) {
	counts := map[string]int64{}
	var first error
	for _, w := range s.workers {
		close(w.msgs)
		<-w.done
		if err := w.failure(); err != nil && first == nil {
			first = err
		}
		maps.Copy(counts, w.counts)
	}
	return counts, first
}

func (w *demoWorker) failure() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// run loads the worker's tables; after an error it only drains.
func (w *demoWorker) run() {
	defer close(w.done)
	var l *engine.Loader
	var t *engine.TableLoader
	defer func() {
		if l != nil {
			l.Rollback()
		}
	}()
	for m := range w.msgs {
		if w.failure() != nil {
			continue
		}
		var err error
		switch {
		case m.cols != nil:
			if l, err = w.db.BeginLoad(w.ctx); err == nil {
				t, err = l.Table(m.name, m.cols, engine.Replace, knownColumns(m.name)...)
			}
		case m.end:
			var counts map[string]int64
			if counts, err = l.Commit(); err == nil {
				maps.Copy(w.counts, counts)
			}
			l = nil
		default:
			err = t.AppendOwned(m.rows)
		}
		if err != nil {
			w.mu.Lock()
			w.err = err
			w.mu.Unlock()
		}
	}
}
