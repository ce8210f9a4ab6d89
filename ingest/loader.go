package ingest

import (
	"context"
	"fmt"
	"strings"

	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace/schema"
)

// target is a table of the ingest: its merged columns, its writer once
// begun, and whether its columns come from the catalog (whose types win).
type target struct {
	name    string
	cols    []table.Column
	fold    map[string]int // lower-case column name -> index
	catalog int            // the first catalog-less column (0 for inferred tables)
	writer  TableWriter
}

// loader owns the sink side of an ingest: the tables, the counts, the
// problems and the progress.
type loader struct {
	ctx     context.Context
	sink    Sink
	opts    Options
	targets map[string]*target
	order   []string
	report  Report
	begun   bool

	done, total int64
	lastReport  int64
	file        string
}

func newLoader(ctx context.Context, sink Sink, opts Options) *loader {
	return &loader{ctx: ctx, sink: sink, opts: opts, targets: map[string]*target{}, report: Report{Rows: map[string]int64{}}}
}

// register declares (or widens) a table before any row is loaded. A
// catalog table starts from the catalog's columns; other columns are added
// by name (ignoring case), and a type conflict between inputs widens the
// column (long and real to real, anything else to string) unless the
// catalog fixed it.
func (l *loader) register(name string, cols []table.Column) *target {
	t, ok := l.targets[name]
	if !ok {
		t = &target{name: name, fold: map[string]int{}}
		if s, isCatalog := schema.Table(name); isCatalog {
			for _, c := range s.Columns {
				t.add(c)
			}
			t.catalog = len(t.cols)
		}
		l.targets[name] = t
		l.order = append(l.order, name)
	}
	for _, c := range cols {
		i, seen := t.fold[strings.ToLower(c.Name)]
		if !seen {
			t.add(c)
			continue
		}
		if i >= t.catalog {
			t.cols[i].Type = joinTypes(t.cols[i].Type, c.Type)
		}
	}
	return t
}

func (t *target) add(c table.Column) {
	t.fold[strings.ToLower(c.Name)] = len(t.cols)
	t.cols = append(t.cols, c)
}

func (t *target) index(name string) int {
	if i, ok := t.fold[strings.ToLower(name)]; ok {
		return i
	}
	return -1
}

func joinTypes(a, b table.Type) table.Type {
	switch {
	case a == b:
		return a
	case a.IsNumeric() && b.IsNumeric() && a != table.Decimal && b != table.Decimal:
		if a == table.Real || b == table.Real {
			return table.Real
		}
		return table.Long
	}
	return table.String
}

// append loads one row of a table, beginning the table on its first row.
func (l *loader) append(t *target, row []any, in *input) error {
	if t.writer == nil {
		w, err := l.sink.Begin(l.ctx, TableSpec{Name: t.name, Columns: t.cols, Mode: l.opts.Mode})
		if err != nil {
			return fmt.Errorf("begin table %s: %w", t.name, err)
		}
		t.writer, l.begun = w, true
	}
	if err := t.writer.Append(row); err != nil {
		return fmt.Errorf("table %s: %w", t.name, err)
	}
	l.report.Rows[t.name]++
	ir := &l.report.Inputs[len(l.report.Inputs)-1]
	ir.Rows[t.name]++
	return nil
}

// problem records a malformed record; in strict mode it is fatal.
func (l *loader) problem(file string, line int64, reason string) error {
	p := Problem{File: file, Line: line, Reason: reason}
	if l.opts.Strict {
		return &StrictError{Problem: p}
	}
	l.report.Rejected++
	if n := len(l.report.Inputs); n > 0 {
		l.report.Inputs[n-1].Rejected++
	}
	if len(l.report.Problems) < l.opts.maxProblems() {
		l.report.Problems = append(l.report.Problems, p)
	}
	return nil
}

// note records a problem that rejects no record (a skipped archive member).
func (l *loader) note(file, reason string) {
	if len(l.report.Problems) < l.opts.maxProblems() {
		l.report.Problems = append(l.report.Problems, Problem{File: file, Reason: reason})
	}
}

// count advances the progress by n bytes of the current input.
func (l *loader) count(n int) {
	l.done += int64(n)
	if l.opts.Progress != nil && l.done-l.lastReport >= 64<<10 {
		l.lastReport = l.done
		l.opts.Progress(Progress{File: l.file, Done: l.done, Total: l.total})
	}
}

func (l *loader) finishProgress() {
	if l.opts.Progress != nil {
		l.opts.Progress(Progress{File: l.file, Done: l.total, Total: l.total})
	}
}

// ctxErr checks for cancellation every so many records.
func (l *loader) ctxErr() error { return l.ctx.Err() }
