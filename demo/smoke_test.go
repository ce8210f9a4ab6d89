package demo

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/huntbook/huntbook/table"
)

var testEnd = time.Date(2025, 11, 20, 14, 30, 0, 0, time.UTC)

// sampleSink keeps every n-th row of each table.
type sampleSink struct {
	every  int
	n      int
	cols   map[string][]table.Column
	rows   map[string][][]any
	counts map[string]int
	cur    string
}

func (s *sampleSink) BeginTable(name string, cols []table.Column) error {
	s.cur, s.n = name, 0
	s.cols[name] = cols
	return nil
}
func (s *sampleSink) AppendRow(row []any) error {
	s.n++
	s.counts[s.cur]++
	if s.n%s.every == 1 {
		s.rows[s.cur] = append(s.rows[s.cur], append([]any(nil), row...))
	}
	return nil
}
func (s *sampleSink) EndTable() error { return nil }

// TestDumpSample prints sample rows with DEMO_DUMP=1 (a development aid).
func TestDumpSample(t *testing.T) {
	if os.Getenv("DEMO_DUMP") == "" {
		t.Skip("set DEMO_DUMP=1 to print sample rows")
	}
	s := &sampleSink{every: 50000, cols: map[string][]table.Column{}, rows: map[string][][]any{}, counts: map[string]int{}}
	st, err := Generate(context.Background(), Config{Seed: 1, End: testEnd}, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, ts := range st.Tables {
		fmt.Printf("== %s %d\n", ts.Table, ts.Rows)
		for _, row := range s.rows[ts.Table][:min(2, len(s.rows[ts.Table]))] {
			for i, v := range row {
				if v != "" && v != nil && s.cols[ts.Table][i].Name != "TenantId" {
					fmt.Printf("  %s=%v\n", s.cols[ts.Table][i].Name, v)
				}
			}
			fmt.Println("  --")
		}
	}
}

// TestRaceSmall runs a small generation, mainly for -race: tables are
// produced concurrently from shared, read-only state.
func TestRaceSmall(t *testing.T) {
	s := &countSink{}
	if _, err := Generate(context.Background(), Config{Seed: 2, End: testEnd, Days: 7, Events: 30_000}, s); err != nil {
		t.Fatal(err)
	}
	if s.rows < 25_000 {
		t.Errorf("rows = %d", s.rows)
	}
}
