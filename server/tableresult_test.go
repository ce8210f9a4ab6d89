package server

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/table"
)

func sampleTable() *table.Table {
	t0 := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)
	dyn, _ := table.ParseDynamic(`{"k":"Alpha"}`)
	return &table.Table{
		Columns: []table.Column{{Name: "N", Type: table.Long}, {Name: "S", Type: table.String}, {Name: "T", Type: table.DateTime}, {Name: "D", Type: table.TimeSpan}, {Name: "X", Type: table.Dynamic}},
		Rows: [][]any{
			{int64(3), "b", t0.Add(2 * time.Hour), time.Minute, nil},
			{nil, "", t0, 2 * time.Hour, dyn},
			{int64(1), "alpha", nil, nil, nil},
			{int64(2), "B", t0.Add(time.Hour), 90 * time.Second, nil},
		},
	}
}

func TestTableResultPage(t *testing.T) {
	r := NewTableResult(ResultInfo{ID: "r1"}, sampleTable())
	tests := []struct {
		name  string
		q     PageQuery
		total int64
		want  []any // column N of the page
		err   bool
	}{
		{"all", PageQuery{Limit: 10}, 4, []any{int64(3), nil, int64(1), int64(2)}, false},
		{"window", PageQuery{Offset: 1, Limit: 2}, 4, []any{nil, int64(1)}, false},
		{"past the end", PageQuery{Offset: 9, Limit: 2}, 4, nil, false},
		{"sort asc nulls first", PageQuery{Limit: 10, Sort: []SortKey{{Column: "N"}}}, 4, []any{nil, int64(1), int64(2), int64(3)}, false},
		{"sort desc nulls last", PageQuery{Limit: 10, Sort: []SortKey{{Column: "N", Desc: true}}}, 4, []any{int64(3), int64(2), int64(1), nil}, false},
		{"sort timespan", PageQuery{Limit: 10, Sort: []SortKey{{Column: "D"}}}, 4, []any{int64(1), int64(3), int64(2), nil}, false},
		{"sort datetime desc", PageQuery{Limit: 10, Sort: []SortKey{{Column: "T", Desc: true}}}, 4, []any{int64(3), int64(2), nil, int64(1)}, false},
		{"sort strings then numbers", PageQuery{Limit: 10, Sort: []SortKey{{Column: "X"}, {Column: "S", Desc: true}}}, 4, []any{int64(3), int64(1), int64(2), nil}, false},
		{"contains ignores case", PageQuery{Limit: 10, Filters: []ColumnFilter{{Column: "S", Op: FilterContains, Value: "B"}}}, 2, []any{int64(3), int64(2)}, false},
		{"eq string is exact", PageQuery{Limit: 10, Filters: []ColumnFilter{{Column: "S", Op: FilterEq, Value: "B"}}}, 1, []any{int64(2)}, false},
		{"empty", PageQuery{Limit: 10, Filters: []ColumnFilter{{Column: "S", Op: FilterEmpty}}}, 1, []any{nil}, false},
		{"datetime ge", PageQuery{Limit: 10, Filters: []ColumnFilter{{Column: "T", Op: FilterGe, Value: "2024-03-04 01:00"}}}, 2, []any{int64(3), int64(2)}, false},
		{"timespan gt", PageQuery{Limit: 10, Filters: []ColumnFilter{{Column: "D", Op: FilterGt, Value: "00:01:00"}}}, 2, []any{nil, int64(2)}, false},
		{"timespan go form", PageQuery{Limit: 10, Filters: []ColumnFilter{{Column: "D", Op: FilterLe, Value: "1m30s"}}}, 2, []any{int64(3), int64(2)}, false},
		{"ne keeps nulls", PageQuery{Limit: 10, Filters: []ColumnFilter{{Column: "N", Op: FilterNe, Value: "3"}}}, 3, []any{nil, int64(1), int64(2)}, false},
		{"search dynamic", PageQuery{Limit: 10, Search: "alpha"}, 2, []any{nil, int64(1)}, false},
		{"unknown column", PageQuery{Limit: 10, Sort: []SortKey{{Column: "Q"}}}, 0, nil, true},
		{"bad number", PageQuery{Limit: 10, Filters: []ColumnFilter{{Column: "N", Op: FilterGt, Value: "ten"}}}, 0, nil, true},
		{"bad op", PageQuery{Limit: 10, Filters: []ColumnFilter{{Column: "N", Op: "like", Value: "1"}}}, 0, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := r.Page(context.Background(), tt.q)
			if tt.err {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("err %v, want ErrInvalid", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []any
			for _, row := range p.Rows {
				got = append(got, row[0])
			}
			if p.Total != tt.total {
				t.Errorf("total %d, want %d", p.Total, tt.total)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("N column (-want +got):\n%s", d)
			}
		})
	}
}

func TestUTF16Offsets(t *testing.T) {
	s := "aé😀b\xffc"
	// bytes: a(0) é(1-2) 😀(3-6) b(7) \xff(8) c(9); UTF-16 units: a é 😀😀 b \ufffd c
	pairs := [][2]int{{0, 0}, {1, 1}, {3, 2}, {7, 4}, {8, 5}, {9, 6}, {10, 7}}
	for _, p := range pairs {
		if got := byteToUTF16(s, p[0]); got != p[1] {
			t.Errorf("byteToUTF16(%d) = %d, want %d", p[0], got, p[1])
		}
		if got := utf16ToByte(s, p[1]); got != p[0] {
			t.Errorf("utf16ToByte(%d) = %d, want %d", p[1], got, p[0])
		}
	}
	if got := utf16ToByte(s, 99); got != len(s) {
		t.Errorf("past the end: %d", got)
	}
}

func FuzzUTF16RoundTrip(f *testing.F) {
	f.Add("aé😀b\xffc", 3)
	f.Fuzz(func(t *testing.T, s string, off int) {
		if off < 0 || off > len(s) {
			return
		}
		u := byteToUTF16(s, off)
		back := utf16ToByte(s, u)
		if back > off || byteToUTF16(s, back) != u {
			t.Fatalf("offset %d → %d units → %d bytes", off, u, back)
		}
	})
}

func bigTable(n int) *table.Table {
	t := &table.Table{Columns: []table.Column{{Name: "Id", Type: table.Long}, {Name: "Host", Type: table.String}}}
	hosts := []string{"WS5", "DC01", "WS12", "SRV"}
	for i := range n {
		t.Rows = append(t.Rows, []any{int64((i * 7919) % n), hosts[i%4]})
	}
	return t
}

// BenchmarkTableResultSort1M is the first page of a million rows sorted by
// a column (the grid's header click); later pages reuse the view.
func BenchmarkTableResultSort1M(b *testing.B) {
	t := bigTable(1_000_000)
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		r := NewTableResult(ResultInfo{}, t)
		if _, err := r.Page(ctx, PageQuery{Limit: 200, Sort: []SortKey{{Column: "Id", Desc: i%2 == 0}}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTableResultScroll1M is a page deep in an already sorted view.
func BenchmarkTableResultScroll1M(b *testing.B) {
	r := NewTableResult(ResultInfo{}, bigTable(1_000_000))
	ctx := context.Background()
	q := PageQuery{Limit: 200, Sort: []SortKey{{Column: "Id"}}}
	if _, err := r.Page(ctx, q); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		q.Offset = int64(i*7919) % 999_800
		if _, err := r.Page(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTableResultSearch1M is a search over every column.
func BenchmarkTableResultSearch1M(b *testing.B) {
	t := bigTable(1_000_000)
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		r := NewTableResult(ResultInfo{}, t)
		if _, err := r.Page(ctx, PageQuery{Limit: 200, Search: fmt.Sprint("dc", i%10)}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestParseFilterValue(t *testing.T) {
	tests := []struct {
		typ  table.Type
		in   string
		want any
		err  bool
	}{
		{table.Long, " 42 ", int64(42), false},
		{table.Int, "7", int32(7), false},
		{table.Real, "1e3", 1000.0, false},
		{table.Bool, "True", true, false},
		{table.Long, "null", nil, false},
		{table.String, "null", "null", false},
		{table.DateTime, "2024-03-04", time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), false},
		{table.DateTime, "2024-03-04T10:00:00.5+02:00", time.Date(2024, 3, 4, 8, 0, 0, 5e8, time.UTC), false},
		{table.DateTime, "2024-03-04 10:30", time.Date(2024, 3, 4, 10, 30, 0, 0, time.UTC), false},
		{table.TimeSpan, "1.02:03:04.5", 26*time.Hour + 3*time.Minute + 4500*time.Millisecond, false},
		{table.TimeSpan, "-00:00:01", -time.Second, false},
		{table.TimeSpan, "2d3h", 51 * time.Hour, false},
		{table.TimeSpan, "90s", 90 * time.Second, false},
		{table.Long, "x", nil, true},
		{table.DateTime, "yesterday", nil, true},
		{table.TimeSpan, "soon", nil, true},
	}
	for _, tt := range tests {
		got, err := parseFilterValue(tt.typ, tt.in)
		if tt.err {
			if err == nil {
				t.Errorf("%v %q: no error", tt.typ, tt.in)
			}
			continue
		}
		if err != nil || !cmp.Equal(tt.want, got) {
			t.Errorf("%v %q = %#v, %v; want %#v", tt.typ, tt.in, got, err, tt.want)
		}
	}
}

// FuzzParseFilterValue: no input panics, and Kusto's own text forms of
// datetimes and timespans read back to the same value.
func FuzzParseFilterValue(f *testing.F) {
	f.Add("1.02:03:04.5", int64(93784500000000))
	f.Add("2024-03-04", int64(-5))
	f.Fuzz(func(t *testing.T, text string, n int64) {
		for typ := table.Bool; typ <= table.GUID; typ++ {
			_, _ = parseFilterValue(typ, text)
		}
		d := time.Duration(n).Truncate(table.Tick)
		if back, err := parseTimeSpan(table.FormatTimeSpan(d)); err != nil || back != d {
			t.Errorf("timespan %v → %q → %v, %v", d, table.FormatTimeSpan(d), back, err)
		}
		tm := time.Unix(0, n).UTC().Truncate(table.Tick)
		if back, err := parseDateTime(table.FormatDateTime(tm)); err != nil || !back.Equal(tm) {
			t.Errorf("datetime %v → %v, %v", tm, back, err)
		}
	})
}

func TestCSVField(t *testing.T) {
	tests := []struct {
		typ  table.Type
		v    any
		want string
	}{
		{table.String, `=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{table.String, "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{table.String, "-2+3", "'-2+3"},
		{table.String, "@SUM(1)", "'@SUM(1)"},
		{table.String, "\tx", "'\tx"},
		{table.String, "plain", "plain"},
		{table.String, "", ""},
		{table.Long, int64(-5), "-5"},
		{table.Real, -1.5, "-1.5"},
		{table.TimeSpan, -time.Hour, "-01:00:00"},
	}
	for _, tt := range tests {
		if got := csvField(tt.typ, tt.v); got != tt.want {
			t.Errorf("csvField(%v, %q) = %q, want %q", tt.typ, tt.v, got, tt.want)
		}
	}
}
