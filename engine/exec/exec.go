// Package exec runs KQL on the engine: it parses a query, checks it
// (kql/sema), plans it (kql/plan), writes its SQL (kql/sqlgen) and runs
// it in DuckDB, with the query's clock, a timeout, the database's memory
// limit and cancellation through the context.
//
// A notebook session runs cell after cell through one Executor and one
// Env: each query sees the let statements, functions, named results and
// query parameters of the queries before it. Tabular lets and named
// results live as tables in the engine, so a later cell reads them
// without recomputing them.
package exec

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// Executor runs KQL queries against one engine database.
type Executor struct {
	db      *engine.DB
	catalog sema.Catalog
	clock   func() time.Time
}

// Option configures an Executor.
type Option func(*Executor)

// WithClock sets the clock now() and ago() read (once per query); the
// default is the system clock.
func WithClock(now func() time.Time) Option { return func(x *Executor) { x.clock = now } }

// WithCatalog sets the tables queries may name. The default is the
// engine's own tables (DB.Tables). A catalog that also names tables the
// database does not hold (the workspace's known-but-empty Sentinel
// tables) implements StoredCatalog; those tables read as empty.
func WithCatalog(c sema.Catalog) Option { return func(x *Executor) { x.catalog = c } }

// StoredCatalog is a catalog that tells which of its tables the database
// holds.
type StoredCatalog interface {
	sema.Catalog
	Stored(table string) bool
}

// unstored is sqlgen.Options.Unstored for the executor's catalog.
func (x *Executor) unstored() func(string) bool {
	sc, ok := x.catalog.(StoredCatalog)
	if !ok {
		return nil
	}
	return func(t string) bool { return !sc.Stored(t) }
}

// New returns an executor over db.
func New(db *engine.DB, opts ...Option) *Executor {
	x := &Executor{db: db, clock: time.Now}
	for _, o := range opts {
		o(x)
	}
	return x
}

// RunOptions configure one query.
type RunOptions struct {
	// Now overrides the clock for this query.
	Now time.Time
	// MaxRows caps the rows returned (0: no cap). A named result keeps
	// every row in the engine; MaxRows caps the first page returned.
	MaxRows int
	// Timeout bounds the query (0: the database's QueryTimeout only).
	Timeout time.Duration
	// Name keeps the result as a named table in the engine (a notebook
	// cell's result) and binds it in the Env, so later queries can read
	// it by that name.
	Name string
}

// Result is a query's outcome.
type Result struct {
	// Table is the result (its first MaxRows rows), nil for a script that
	// only binds names. Its Visualization is the render operator's.
	Table *table.Table
	// Truncated reports that the result has more rows than Table holds.
	Truncated bool
	// Rows is the total row count of a named result.
	Rows int64
	// Compiled is what the query compiled to.
	Compiled *Compiled
}

// Compiled is a query's compiled artefacts, for tests and explain views.
type Compiled struct {
	Script   *syntax.Script
	Analysis *sema.Result
	Plan     *plan.Query
	// PlanText is the plan tree as plan.Format prints it.
	PlanText string
	// SQL is the query's DuckDB SQL; Schema its result columns.
	SQL    string
	Schema []table.Column
}

// Compile parses, checks, plans and translates a query without running
// it. Operators whose output depends on the data (bag_unpack, pivot) are
// errors here, since knowing their columns takes a run.
func (x *Executor) Compile(ctx context.Context, src string, env *Env, opts RunOptions) (*Compiled, error) {
	return x.compile(ctx, src, env, opts, nil)
}

func (x *Executor) compile(ctx context.Context, src string, env *Env, opts RunOptions, probe sema.Prober) (*Compiled, error) {
	script, err := syntax.Parse(src)
	if err != nil {
		return nil, err
	}
	catalog := x.catalog
	if catalog == nil {
		if catalog, err = x.engineCatalog(ctx); err != nil {
			return nil, err
		}
	}
	now := opts.Now
	if now.IsZero() {
		now = x.clock()
	}
	an, err := sema.Analyze(ctx, script, src, sema.Options{
		Catalog: catalog, Env: env.semaEnv(), Params: env.paramValues(), Now: now.UTC(), Probe: probe,
	})
	if err != nil {
		return nil, err
	}
	c := &Compiled{Script: script, Analysis: an}
	if an.Query == nil {
		return c, nil
	}
	if err := x.translate(c, an.Query); err != nil {
		return nil, positionSQLError(err, script, src)
	}
	return c, nil
}

// translate plans and writes the SQL of a checked query.
func (x *Executor) translate(c *Compiled, q sema.Tabular) error {
	c.Plan = plan.Optimize(plan.Build(q))
	c.PlanText = plan.Format(c.Plan)
	text, _, err := x.generate(c.Plan, false)
	if err != nil {
		return err
	}
	c.SQL, c.Schema = text, q.Schema()
	return nil
}

// Run compiles and runs a query, then records its let statements (and its
// named result) in env for the next query. env may be nil for a one-off
// query.
func (x *Executor) Run(ctx context.Context, src string, env *Env, opts RunOptions) (*Result, error) {
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	if env == nil {
		env = NewEnv()
	}
	c, err := x.compile(ctx, src, env, opts, &prober{x: x})
	if err != nil {
		return nil, err
	}
	res := &Result{Compiled: c}
	if c.SQL != "" {
		if err := x.runQuery(ctx, c, opts, res); err != nil {
			return nil, err
		}
		res.Table.Visualization = c.Analysis.Visualization
	}
	if err := x.bindLets(ctx, c, env); err != nil {
		return nil, err
	}
	if opts.Name != "" && res.Table != nil {
		env.bindResult(opts.Name, opts.Name, res.Table.Columns)
	}
	return res, nil
}

// runQuery runs the compiled SQL: directly, or kept as a named result
// whose first page is returned.
func (x *Executor) runQuery(ctx context.Context, c *Compiled, opts RunOptions, res *Result) error {
	if !hasGoPlugins(c.Plan) {
		return x.runSQL(ctx, c.SQL, c, opts, res)
	}
	// The Go plugins run first, into tables of names unique to this run.
	return x.withPlugins(ctx, c.Plan, func(text string) error { return x.runSQL(ctx, text, c, opts, res) })
}

func (x *Executor) runSQL(ctx context.Context, text string, c *Compiled, opts RunOptions, res *Result) error {
	q := engine.Query{SQL: text, Schema: c.Schema}
	if opts.Name == "" {
		r, err := x.db.Query(ctx, q, opts.MaxRows)
		if err != nil {
			return wrapEngine(err)
		}
		res.Table, res.Truncated, res.Rows = r.Table, r.Truncated, int64(len(r.Table.Rows))
		return nil
	}
	info, err := x.db.Materialize(ctx, opts.Name, q)
	if err != nil {
		return wrapEngine(err)
	}
	limit := info.Rows
	if opts.MaxRows > 0 && int64(opts.MaxRows) < limit {
		limit = int64(opts.MaxRows)
	}
	page, err := x.db.Page(ctx, opts.Name, 0, limit)
	if err != nil {
		return wrapEngine(err)
	}
	res.Table, res.Rows, res.Truncated = page, info.Rows, limit < info.Rows
	return nil
}

// wrapEngine adds context to an engine error, keeping errors.Is working.
func wrapEngine(err error) error {
	if errors.Is(err, engine.ErrCanceled) || errors.Is(err, engine.ErrTimeout) || errors.Is(err, engine.ErrMemoryLimit) {
		return err
	}
	return fmt.Errorf("query failed: %w", err)
}

// engineCatalog is the catalog of the engine's own tables.
func (x *Executor) engineCatalog(ctx context.Context) (sema.Catalog, error) {
	infos, err := x.db.Tables(ctx)
	if err != nil {
		return nil, err
	}
	m := mapCatalog{}
	for _, info := range infos {
		if !info.Result {
			m[info.Name] = info.Columns
		}
	}
	return m, nil
}

// mapCatalog is a catalog held in a map.
type mapCatalog map[string][]table.Column

func (m mapCatalog) Table(name string) ([]table.Column, bool) {
	cols, ok := m[name]
	return cols, ok
}

func (m mapCatalog) TableNames() []string {
	out := make([]string, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	return out
}
