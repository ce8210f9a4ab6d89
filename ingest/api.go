// Package ingest reads security log files into typed rows for workspace
// tables: CSV (Sentinel portal exports, pandas/msticpy exports), JSON arrays
// and JSON lines (Sentinel exports, anything else), Windows event logs as
// Winlogbeat / NXLog / OTRF JSON and as .evtx, syslog (RFC 3164 and 5424)
// and CEF lines, each also inside .gz and .zip archives.
//
// The package knows nothing of the database: Ingest hands the rows to a
// Sink, which the caller implements over a transactional bulk loader. An
// ingest is all or nothing: on any fatal error Ingest calls Sink.Abort and
// the tables stay as they were. Malformed records (a bad JSON line, a wrong
// column count, a value that does not parse for a typed column) are counted
// and reported with file, line and reason; the ingest goes on, or stops at
// the first one in strict mode.
//
// Memory does not grow with the input: records are streamed, and the
// formats whose schema comes from the data (CSV, JSON) are read twice, once
// to infer the schema and once to convert and load.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/huntbook/huntbook/table"
)

// Mode says what happens to rows already in a table.
type Mode int

const (
	// Append adds the rows to the table, creating it when missing.
	Append Mode = iota
	// Replace drops the table's rows (and schema) first.
	Replace
)

func (m Mode) String() string {
	if m == Replace {
		return "replace"
	}
	return "append"
}

// TableSpec describes a table about to receive rows: its name, the columns
// every row of this ingest carries (in order) and the mode.
type TableSpec struct {
	Name    string
	Columns []table.Column
	Mode    Mode
}

// Sink receives the rows of one ingest. Ingest calls Begin once per table,
// before that table's first row, then Append on the returned writer for each
// row, and finally exactly one of Commit (everything is visible at once) or
// Abort (nothing is). Calls come from one goroutine.
//
// In Append mode the sink reconciles the spec with an existing table: it
// adds columns the table lacks and fails (so Ingest aborts) on a column
// whose type differs.
type Sink interface {
	Begin(ctx context.Context, spec TableSpec) (TableWriter, error)
	Commit(ctx context.Context) error
	Abort(ctx context.Context) error
}

// TableWriter takes the rows of one table. row[i] holds the value of
// spec.Columns[i] in the Go representation package table fixes (strings are
// never nil, other nulls are nil). The slice is reused after Append returns.
type TableWriter interface {
	Append(row []any) error
}

// Options tune an ingest. The zero value is usable.
type Options struct {
	// Table sends every row to this table instead of the one the data
	// implies. A catalog table name gives the rows its schema.
	Table string
	Mode  Mode
	// Strict stops the ingest at the first malformed record.
	Strict bool
	// MaxRecordBytes caps one line or record; a longer one is a fatal
	// error (default 16 MiB).
	MaxRecordBytes int
	// MaxProblems caps the problems kept in the report; all are counted
	// (default 100).
	MaxProblems int
	// Progress, when set, is called as bytes are read, at most every
	// 64 KiB or so and once at the end.
	Progress func(Progress)
	// Now is the reference clock for syslog lines without a year and CEF
	// lines without a time (default: the file's modification time).
	Now func() time.Time
}

func (o Options) maxRecord() int {
	if o.MaxRecordBytes > 0 {
		return o.MaxRecordBytes
	}
	return 16 << 20
}

func (o Options) maxProblems() int {
	if o.MaxProblems > 0 {
		return o.MaxProblems
	}
	return 100
}

// Progress is the state of an ingest in bytes. Formats that infer their
// schema read their input twice and count it twice, so Total is known from
// the start and Done reaches it at the end.
type Progress struct {
	File  string // the input being read
	Done  int64
	Total int64
}

// Problem is one malformed record.
type Problem struct {
	File   string
	Line   int64 // 1-based line of the record's start; 0 when unknown
	Reason string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Reason)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Reason)
}

// Report says what an ingest did.
type Report struct {
	Inputs   []InputReport
	Rows     map[string]int64 // rows loaded per table
	Rejected int64            // malformed records skipped
	Problems []Problem        // the first Options.MaxProblems of them
}

// InputReport describes one input: a file, or one member of an archive
// ("logs.zip!security.json").
type InputReport struct {
	Name     string
	Format   Format
	Rows     map[string]int64
	Rejected int64
}

// ErrParquet is returned (wrapped in a *ParquetError) for Parquet input:
// DuckDB reads Parquet itself, so the caller routes such files to the
// engine instead. Detect tells beforehand.
var ErrParquet = errors.New("parquet goes through the engine")

// ParquetError names the Parquet input Ingest refused.
type ParquetError struct{ Path string }

func (e *ParquetError) Error() string { return e.Path + ": " + ErrParquet.Error() }
func (e *ParquetError) Unwrap() error { return ErrParquet }

// StrictError is returned in strict mode for the first malformed record.
type StrictError struct{ Problem Problem }

func (e *StrictError) Error() string { return "malformed record (strict mode): " + e.Problem.String() }
