package ingest

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/huntbook/huntbook/table"
)

// memSink keeps what an ingest loads, checking the Sink contract: one
// Begin per table, rows of the spec's width with values of the column
// types, and Commit or Abort exactly once.
type memSink struct {
	tables    map[string]*memTable
	order     []string
	committed bool
	aborted   bool
	failBegin error
}

type memTable struct {
	spec TableSpec
	rows [][]any
	err  error
}

func newMemSink() *memSink { return &memSink{tables: map[string]*memTable{}} }

func (s *memSink) Begin(_ context.Context, spec TableSpec) (TableWriter, error) {
	if s.failBegin != nil {
		return nil, s.failBegin
	}
	if _, dup := s.tables[spec.Name]; dup {
		return nil, fmt.Errorf("Begin(%s) called twice", spec.Name)
	}
	t := &memTable{spec: TableSpec{Name: spec.Name, Columns: slices.Clone(spec.Columns), Mode: spec.Mode}}
	s.tables[spec.Name] = t
	s.order = append(s.order, spec.Name)
	return t, nil
}

func (s *memSink) Commit(context.Context) error {
	if s.committed || s.aborted {
		return fmt.Errorf("Commit after commit/abort")
	}
	s.committed = true
	return nil
}

func (s *memSink) Abort(context.Context) error {
	if s.committed || s.aborted {
		return fmt.Errorf("Abort after commit/abort")
	}
	s.aborted = true
	return nil
}

func (t *memTable) Append(row []any) error {
	if len(row) != len(t.spec.Columns) {
		return fmt.Errorf("row of %d values for %d columns", len(row), len(t.spec.Columns))
	}
	for i, v := range row {
		if err := checkValue(t.spec.Columns[i].Type, v); err != nil && t.err == nil {
			t.err = fmt.Errorf("row %d column %s: %w", len(t.rows)+1, t.spec.Columns[i].Name, err)
		}
	}
	t.rows = append(t.rows, slices.Clone(row))
	return nil
}

// checkValue enforces the Go representation package table fixes.
func checkValue(ty table.Type, v any) error {
	if ty == table.String {
		if _, ok := v.(string); !ok {
			return fmt.Errorf("string column holds %T", v)
		}
		return nil
	}
	if v == nil {
		return nil
	}
	ok := false
	switch ty {
	case table.Bool:
		_, ok = v.(bool)
	case table.Int:
		_, ok = v.(int32)
	case table.Long:
		_, ok = v.(int64)
	case table.Real:
		_, ok = v.(float64)
	case table.DateTime:
		var t time.Time
		t, ok = v.(time.Time)
		ok = ok && t.Location() == time.UTC
	case table.TimeSpan:
		_, ok = v.(time.Duration)
	case table.GUID, table.Decimal:
		_, ok = v.(string)
	case table.Dynamic:
		ok = true
	}
	if !ok {
		return fmt.Errorf("%v column holds %T (%v)", ty, v, v)
	}
	return nil
}

func (s *memSink) table(name string) *memTable { return s.tables[name] }

// column returns the values of a column.
func (t *memTable) column(name string) []any {
	i := slices.IndexFunc(t.spec.Columns, func(c table.Column) bool { return c.Name == name })
	if i < 0 {
		return nil
	}
	out := make([]any, len(t.rows))
	for r, row := range t.rows {
		out[r] = row[i]
	}
	return out
}

func (t *memTable) typeOf(name string) table.Type {
	for _, c := range t.spec.Columns {
		if c.Name == name {
			return c.Type
		}
	}
	return table.Invalid
}
