package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"

	"github.com/huntbook/huntbook/table"
)

// PluginFunc is Go code that computes a table from the rows of a query:
// the KQL operators SQL cannot express (evaluate process_tree, ioc_extract,
// bag_unpack whose output columns depend on the data, ...). It reads its
// input from in, declares its output schema once with out.Begin (after
// reading as much input as it needs to know it), then appends rows.
type PluginFunc func(ctx context.Context, in *Cursor, out *Sink) error

// Sink receives a plugin's output and streams it into a result table.
type Sink struct {
	begin  func(schema []table.Column) error
	rows   chan []any
	schema []table.Column
}

// Begin declares the output schema; call it once, before Append.
func (s *Sink) Begin(schema []table.Column) error {
	if s.schema != nil {
		return errors.New("engine: plugin output already begun")
	}
	if len(schema) == 0 {
		return errors.New("engine: plugin output needs at least one column")
	}
	s.schema = schema
	return s.begin(schema)
}

// Append adds one output row, in the Go representation of its columns.
func (s *Sink) Append(row []any) error {
	if s.schema == nil {
		return errors.New("engine: plugin appended before Begin")
	}
	if len(row) != len(s.schema) {
		return fmt.Errorf("engine: %w: plugin row has %d values for %d columns", ErrSchema, len(row), len(s.schema))
	}
	s.rows <- row
	return nil
}

// RunPlugin runs in, hands a cursor over its rows to fn, and keeps what fn
// writes as the named result (see Materialize), which later SQL reads
// through ResultTable(name). It is all or nothing: when fn fails, no result
// of that name is left behind (an older one stays as it was).
func (db *DB) RunPlugin(ctx context.Context, name string, in Query, fn PluginFunc) (TableInfo, error) {
	ctx, cancel := db.withTimeout(ctx)
	defer cancel()
	cur, err := db.OpenCursor(ctx, in)
	if err != nil {
		return TableInfo{}, err
	}
	defer cur.Close()

	// The output streams through a channel to a loader goroutine that owns
	// the transaction; the plugin runs on this goroutine.
	sink := &Sink{rows: make(chan []any, 256)}
	started := make(chan []table.Column, 1)
	sink.begin = func(schema []table.Column) error { started <- schema; return nil }
	// The loader has its own context so a failed plugin can make it roll
	// back without the failure reading as a cancellation.
	loadCtx, abortLoad := context.WithCancel(ctx)
	defer abortLoad()
	loadErr := make(chan error, 1)
	go func() { loadErr <- db.loadResult(loadCtx, name, started, sink.rows) }()

	ferr := fn(ctx, cur, sink)
	if ferr == nil && sink.schema == nil {
		ferr = errors.New("engine: plugin produced no schema")
	}
	if ferr != nil {
		abortLoad()
	}
	close(started)
	close(sink.rows)
	lerr := <-loadErr
	if ferr != nil {
		return TableInfo{}, classify(ctx, fmt.Errorf("plugin %q: %w", name, ferr))
	}
	if lerr != nil {
		return TableInfo{}, classify(ctx, fmt.Errorf("plugin %q: %w", name, lerr))
	}
	return db.result(ctx, name)
}

// loadResult waits for the plugin's schema, then appends its rows to a new
// result table in one transaction.
func (db *DB) loadResult(ctx context.Context, name string, started <-chan []table.Column, rows <-chan []any) error {
	schema, ok := <-started
	if !ok {
		for range rows { // plugin failed before Begin
		}
		return nil
	}
	return db.inTx(ctx, func(c *sql.Conn) error {
		if err := createTable(ctx, c, ResultTable(name), schema, true); err != nil {
			for range rows {
			}
			return err
		}
		_, err := appendRows(ctx, c, resultsCatalog, name, schema, chanRows(ctx, rows))
		for range rows { // drain after an append error so the plugin never blocks
		}
		if err == nil {
			err = ctx.Err()
		}
		return err
	})
}

// chanRows yields the rows of a channel until it closes or ctx ends.
func chanRows(ctx context.Context, rows <-chan []any) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		for row := range rows {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			if !yield(row, nil) {
				return
			}
		}
	}
}
