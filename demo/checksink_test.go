package demo

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/huntbook/huntbook/table"
)

// checkSink validates every row as it streams by (value types match the
// column types, TimeGenerated is ordered and inside the window) and keeps a
// projection of chosen columns for the story tests.
type checkSink struct {
	start, end time.Time
	keep       map[string][]string // table → columns to keep
	schemas    map[string][]table.Column
	counts     map[string]int64
	rows       map[string][][]any // projected rows
	hours      map[string][]int64 // rows per UTC hour of the window
	errs       []string

	cur     string
	cols    []table.Column
	proj    []int
	timeCol int
	last    time.Time
}

func newCheckSink(start, end time.Time, keep map[string][]string) *checkSink {
	return &checkSink{start: start, end: end, keep: keep, schemas: map[string][]table.Column{},
		counts: map[string]int64{}, rows: map[string][][]any{}, hours: map[string][]int64{}}
}

func (s *checkSink) errorf(format string, args ...any) {
	if len(s.errs) < 50 {
		s.errs = append(s.errs, fmt.Sprintf(format, args...))
	}
}

func (s *checkSink) BeginTable(name string, cols []table.Column) error {
	s.cur, s.cols, s.last, s.timeCol = name, cols, time.Time{}, -1
	s.schemas[name] = cols
	s.proj = s.proj[:0]
	for _, want := range s.keep[name] {
		found := -1
		for i, c := range cols {
			if c.Name == want {
				found = i
			}
		}
		if found < 0 {
			return fmt.Errorf("test wants %s.%s, which is not in the schema", name, want)
		}
		s.proj = append(s.proj, found)
	}
	for i, c := range cols {
		if c.Name == "TimeGenerated" {
			s.timeCol = i
		}
	}
	s.hours[name] = make([]int64, int(s.end.Sub(s.start)/time.Hour)+1)
	return nil
}

func (s *checkSink) AppendRow(row []any) error {
	s.counts[s.cur]++
	if len(row) != len(s.cols) {
		return fmt.Errorf("%s: row of %d values for %d columns", s.cur, len(row), len(s.cols))
	}
	for i, v := range row {
		if !valueFits(s.cols[i].Type, v) {
			s.errorf("%s.%s (%s): value %T %v", s.cur, s.cols[i].Name, s.cols[i].Type, v, v)
		}
	}
	if s.timeCol >= 0 {
		t, _ := row[s.timeCol].(time.Time)
		if t.Before(s.last) {
			s.errorf("%s: TimeGenerated %s after %s", s.cur, t, s.last)
		}
		if t.Before(s.start) || !t.Before(s.end) {
			s.errorf("%s: TimeGenerated %s outside [%s, %s)", s.cur, t, s.start, s.end)
		} else {
			s.hours[s.cur][int(t.Sub(s.start)/time.Hour)]++
		}
		s.last = t
	}
	if len(s.proj) > 0 {
		p := make([]any, len(s.proj))
		for i, j := range s.proj {
			p[i] = row[j]
		}
		s.rows[s.cur] = append(s.rows[s.cur], p)
	}
	return nil
}

func (s *checkSink) EndTable() error { s.cur = ""; return nil }

// valueFits reports whether v is the table package's Go representation of
// a value of type t (or null).
func valueFits(t table.Type, v any) bool {
	switch t {
	case table.String:
		_, ok := v.(string)
		return ok
	case table.GUID:
		_, ok := v.(string)
		return ok || v == nil
	}
	if v == nil {
		return true
	}
	switch t {
	case table.Bool:
		_, ok := v.(bool)
		return ok
	case table.Int:
		_, ok := v.(int32)
		return ok
	case table.Long:
		_, ok := v.(int64)
		return ok
	case table.Real:
		_, ok := v.(float64)
		return ok
	case table.DateTime:
		x, ok := v.(time.Time)
		return ok && x.Location() == time.UTC && x.Nanosecond()%100 == 0
	case table.TimeSpan:
		_, ok := v.(time.Duration)
		return ok
	case table.Dynamic:
		return dynamicFits(v)
	}
	return false
}

func dynamicFits(v any) bool {
	switch x := v.(type) {
	case nil, bool, string, json.Number:
		return true
	case []any:
		for _, e := range x {
			if !dynamicFits(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range x {
			if !dynamicFits(e) {
				return false
			}
		}
		return true
	}
	return false
}
