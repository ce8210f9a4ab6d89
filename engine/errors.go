package engine

import (
	"context"
	"errors"
	"fmt"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// The errors callers tell apart with errors.Is. Every error the engine
// returns wraps one of these when it applies, and keeps DuckDB's message.
var (
	// ErrCanceled: the caller's context was canceled and DuckDB interrupted.
	ErrCanceled = errors.New("query canceled")
	// ErrTimeout: the query ran past its deadline and DuckDB interrupted.
	ErrTimeout = errors.New("query timed out")
	// ErrMemoryLimit: DuckDB ran out of the memory the DB was given.
	ErrMemoryLimit = errors.New("query exceeded the memory limit")
	// ErrNoTable: the named table or result does not exist.
	ErrNoTable = errors.New("no such table")
	// ErrSchema: the query's columns do not match the schema it was given.
	ErrSchema = errors.New("result does not match its schema")
)

// classify turns a DuckDB or context error into the engine's vocabulary.
// The context wins: an interrupted query reports why it was interrupted.
func classify(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("engine: %w", ErrTimeout)
	case errors.Is(ctx.Err(), context.Canceled):
		return fmt.Errorf("engine: %w", ErrCanceled)
	}
	var de *duckdb.Error
	if errors.As(err, &de) && de.Type == duckdb.ErrorTypeOutOfMemory {
		return fmt.Errorf("engine: %w: %v", ErrMemoryLimit, err)
	}
	if errors.Is(err, ErrNoTable) || errors.Is(err, ErrSchema) {
		return err
	}
	return fmt.Errorf("engine: %w", err)
}
