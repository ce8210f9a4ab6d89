package demo

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"hash"
	"time"

	"github.com/huntbook/huntbook/table"
)

// memSink keeps every table in memory (for tests on small runs).
type memSink struct {
	tables map[string]*table.Table
	order  []string
	cur    *table.Table
}

func newMemSink() *memSink { return &memSink{tables: map[string]*table.Table{}} }

func (s *memSink) BeginTable(name string, cols []table.Column) error {
	if s.cur != nil {
		return fmt.Errorf("BeginTable %s inside %s", name, s.order[len(s.order)-1])
	}
	if _, dup := s.tables[name]; dup {
		return fmt.Errorf("table %s twice", name)
	}
	s.cur = &table.Table{Columns: append([]table.Column(nil), cols...)}
	s.tables[name] = s.cur
	s.order = append(s.order, name)
	return nil
}

func (s *memSink) AppendRow(row []any) error {
	if s.cur == nil {
		return fmt.Errorf("AppendRow outside a table")
	}
	if len(row) != len(s.cur.Columns) {
		return fmt.Errorf("row has %d values, table %d columns", len(row), len(s.cur.Columns))
	}
	s.cur.Rows = append(s.cur.Rows, append([]any(nil), row...))
	return nil
}

func (s *memSink) EndTable() error {
	if s.cur == nil {
		return fmt.Errorf("EndTable outside a table")
	}
	s.cur = nil
	return nil
}

// hashSink folds the whole stream into a SHA-256 without keeping it.
type hashSink struct {
	h    hash.Hash
	rows int64
	buf  []byte
}

func newHashSink() *hashSink { return &hashSink{h: sha256.New()} }

func (s *hashSink) BeginTable(name string, cols []table.Column) error {
	fmt.Fprintf(s.h, "T %s %v\n", name, cols)
	return nil
}

func (s *hashSink) AppendRow(row []any) error {
	s.rows++
	s.buf = s.buf[:0]
	for _, v := range row {
		// The type too: an int32 and an int64 print alike.
		s.buf = fmt.Appendf(s.buf, "%T:", v)
		switch x := v.(type) {
		case time.Time:
			s.buf = x.AppendFormat(s.buf, time.RFC3339Nano)
		case string:
			s.buf = append(s.buf, x...)
		case map[string]any, []any:
			b, _ := json.Marshal(x)
			s.buf = append(s.buf, b...)
		default:
			s.buf = fmt.Append(s.buf, x)
		}
		s.buf = append(s.buf, 0)
	}
	s.h.Write(s.buf)
	return nil
}

func (s *hashSink) EndTable() error { fmt.Fprintf(s.h, "E\n"); return nil }

func (s *hashSink) sum() string { return fmt.Sprintf("%x", s.h.Sum(nil)) }

// countSink only counts (for benchmarks).
type countSink struct{ rows int64 }

func (s *countSink) BeginTable(string, []table.Column) error { return nil }
func (s *countSink) AppendRow([]any) error                   { s.rows++; return nil }
func (s *countSink) EndTable() error                         { return nil }
