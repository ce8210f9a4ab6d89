package exec

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/sqlgen"
	"github.com/huntbook/huntbook/table"
)

// pluginSet names the output tables of a query's Go plugins (evaluate
// ioc_extract, process_tree, ...). The query's SQL reads those tables;
// run fills them first, in dependency order, and drop removes them.
type pluginSet struct {
	order    []*plan.GoPlugin
	names    map[*plan.GoPlugin]string
	unstored func(table string) bool // see sqlgen.Options.Unstored
}

// newPluginSet names the Go plugins of q. Unique names (a random suffix)
// keep two runs on one database apart; the others are stable, for the
// SQL that Compile shows.
func newPluginSet(q *plan.Query, unique bool, unstored func(string) bool) *pluginSet {
	s := &pluginSet{order: plan.GoPlugins(q), names: map[*plan.GoPlugin]string{}, unstored: unstored}
	for i, p := range s.order {
		name := fmt.Sprintf("plugin_%d_%s", i+1, p.Name)
		if unique {
			var b [8]byte
			_, _ = rand.Read(b[:])
			name += "_" + hex.EncodeToString(b[:])
		}
		s.names[p] = name
	}
	return s
}

// hasGoPlugins reports whether a plan runs Go plugins.
func hasGoPlugins(q *plan.Query) bool { return len(plan.GoPlugins(q)) > 0 }

// sqlOptions are the generator options of a query with these plugins.
func (s *pluginSet) sqlOptions() sqlgen.Options {
	return sqlgen.Options{ResultTable: engine.ResultTable, Unstored: s.unstored, PluginTable: func(p *plan.GoPlugin) string {
		return engine.ResultTable(s.names[p])
	}}
}

// run computes every plugin's output table. On failure the tables made so
// far stay until drop.
func (s *pluginSet) run(ctx context.Context, x *Executor, q *plan.Query) error {
	for _, p := range s.order {
		in := &plan.Query{Root: p.In, Subqueries: q.Subqueries}
		text, err := sqlgen.Generate(in, s.sqlOptions())
		if err != nil {
			return err
		}
		fn, err := pluginFunc(p)
		if err != nil {
			return err
		}
		if _, err := x.db.RunPlugin(ctx, s.names[p], engine.Query{SQL: text, Schema: p.In.Schema()}, fn); err != nil {
			return fmt.Errorf("evaluate %s: %w", p.Name, wrapEngine(err))
		}
	}
	return nil
}

// drop removes the plugin tables; it runs even when the query's context
// has ended.
func (s *pluginSet) drop(ctx context.Context, x *Executor) {
	ctx = context.WithoutCancel(ctx)
	for _, p := range s.order {
		_ = x.db.Drop(ctx, s.names[p])
	}
}

// generate writes the SQL of a planned query whose Go plugins the caller
// runs with the returned set.
func (x *Executor) generate(q *plan.Query, unique bool) (string, *pluginSet, error) {
	s := newPluginSet(q, unique, x.unstored())
	text, err := sqlgen.Generate(q, s.sqlOptions())
	return text, s, err
}

// withPlugins writes the SQL of a checked tabular expression, runs its Go
// plugins, and calls fn with the SQL; the plugin tables are dropped after.
func (x *Executor) withPlugins(ctx context.Context, q *plan.Query, fn func(sqlText string) error) error {
	text, s, err := x.generate(q, true)
	if err != nil {
		return err
	}
	defer s.drop(ctx, x)
	if err := s.run(ctx, x, q); err != nil {
		return err
	}
	return fn(text)
}

// pluginFunc is the Go code of a plugin.
func pluginFunc(p *plan.GoPlugin) (engine.PluginFunc, error) {
	switch cfg := p.Config.(type) {
	case *sema.IocExtractConfig:
		return iocExtract(cfg, p.Cols), nil
	case *sema.DecodeUnpackConfig:
		return decodeUnpack(cfg, p.Cols), nil
	case *sema.ProcessTreeConfig:
		return processTree(cfg, p.Cols), nil
	case *sema.NarrowConfig:
		return narrow(p.Cols), nil
	case *sema.BeaconDetectConfig:
		return beaconDetect(cfg, p.Cols), nil
	case *sema.SessionAnomaliesConfig:
		return sessionAnomalies(cfg, p.Cols), nil
	case *sema.RowsNearConfig:
		return rowsNear(cfg, p.Cols), nil
	case *sema.RollingPercentileConfig:
		return rollingPercentile(cfg, p.Cols), nil
	case *sema.DcountIntersectConfig:
		return dcountIntersect(cfg, p.Cols), nil
	case *sema.ActivityConfig:
		return activity(cfg, p.Cols), nil
	case *sema.SchemaMergeConfig:
		return schemaMerge(cfg, p.Cols), nil
	}
	return nil, fmt.Errorf("evaluate %s: no Go implementation", p.Name)
}

// pluginBatch is how many input rows a plugin reads at a time.
const pluginBatch = 2048

// eachRow calls fn for every input row, checking the context between
// batches.
func eachRow(ctx context.Context, in *engine.Cursor, fn func(row []any) error) error {
	for {
		batch, err := in.Next(pluginBatch)
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		for _, row := range batch.Rows {
			if err := fn(row); err != nil {
				return err
			}
		}
		if err != nil {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// readAll reads the whole input into a table (plugins that need every row
// at once, such as process_tree).
func readAll(ctx context.Context, in *engine.Cursor) (*table.Table, error) {
	t := &table.Table{Columns: in.Columns()}
	err := eachRow(ctx, in, func(row []any) error {
		t.Rows = append(t.Rows, row)
		return nil
	})
	return t, err
}

// columnOf finds a column of the input by name.
func columnOf(in *engine.Cursor, name string) (int, error) {
	i := slices.IndexFunc(in.Columns(), func(c table.Column) bool { return c.Name == name })
	if i < 0 {
		return -1, fmt.Errorf("the input has no column %q", name)
	}
	return i, nil
}

// extended is the input row followed by the plugin's values.
func extended(row []any, extra ...any) []any {
	out := make([]any, 0, len(row)+len(extra))
	return append(append(out, row...), extra...)
}
