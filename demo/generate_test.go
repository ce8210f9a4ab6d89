package demo

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace/schema"
)

func hashRun(t *testing.T, cfg Config) (string, int64) {
	t.Helper()
	s := newHashSink()
	if _, err := Generate(context.Background(), cfg, s); err != nil {
		t.Fatal(err)
	}
	return s.sum(), s.rows
}

// TestDeterministic: the same seed and end give the same rows; another
// seed gives others.
func TestDeterministic(t *testing.T) {
	cfg := Config{Seed: 11, End: testEnd, Days: 7, Events: 120_000}
	a, n := hashRun(t, cfg)
	b, _ := hashRun(t, cfg)
	if a != b {
		t.Fatalf("two runs differ: %s vs %s", a, b)
	}
	cfg.Seed = 12
	if c, _ := hashRun(t, cfg); c == a {
		t.Errorf("seed 12 gives the rows of seed 11")
	}
	if n < 100_000 {
		t.Errorf("rows = %d", n)
	}
}

// TestSeedsAndEnds generates small runs for several seeds, ends (on every
// weekday, across a DST change and a year end) and lengths, checking every
// row is well formed and the stories are all there.
func TestSeedsAndEnds(t *testing.T) {
	ends := []time.Time{
		time.Date(2025, 3, 30, 3, 0, 0, 0, time.UTC),   // the night Europe moves to summer time
		time.Date(2026, 1, 2, 9, 17, 42, 0, time.UTC),  // just after New Year
		time.Date(2025, 7, 5, 23, 59, 59, 0, time.UTC), // a Saturday night
		time.Date(2025, 11, 24, 12, 0, 0, 0, time.UTC), // a Monday noon
	}
	for i, end := range ends {
		cfg := Config{Seed: int64(100 + i), End: end, Days: 7 + 3*i, Events: 40_000}
		start := end.Add(-time.Duration(cfg.Days) * 24 * time.Hour)
		s := newCheckSink(start, end, map[string][]string{GroundTruthTable: {"Story"}})
		if _, err := Generate(context.Background(), cfg, s); err != nil {
			t.Fatalf("%v: %v", cfg, err)
		}
		for _, e := range s.errs {
			t.Errorf("%v: %s", end, e)
		}
		if len(s.rows[GroundTruthTable]) != 6 {
			t.Errorf("%v: %d stories", end, len(s.rows[GroundTruthTable]))
		}
	}
}

// TestEmittedSchemas: every table goes out with the catalog's exact schema
// (the demo's own table with its declared one).
func TestEmittedSchemas(t *testing.T) {
	s := newCheckSink(testEnd.Add(-7*24*time.Hour), testEnd, nil)
	if _, err := Generate(context.Background(), Config{Seed: 1, End: testEnd, Days: 7, Events: 20_000}, s); err != nil {
		t.Fatal(err)
	}
	for name, cols := range s.schemas {
		want := declaredColumns(newTableCols().truth)
		if cat, ok := schema.Table(name); ok {
			want = cat.Columns
		} else if name != GroundTruthTable {
			t.Errorf("%s is not in the catalog", name)
		}
		if d := cmp.Diff(want, cols); d != "" {
			t.Errorf("%s schema (-want +got):\n%s", name, d)
		}
	}
	if len(s.schemas) != len(newTableCols().specs()) {
		t.Errorf("%d tables emitted", len(s.schemas))
	}
	for _, c := range s.schemas[GroundTruthTable] {
		if c.Type == table.Invalid {
			t.Errorf("ground truth column %s has no type", c.Name)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	for _, cfg := range []Config{{}, {End: testEnd, Days: 3}, {End: testEnd, Days: 40}, {End: testEnd, Events: 10}} {
		if _, err := Generate(context.Background(), cfg, &countSink{}); err == nil {
			t.Errorf("%+v: no error", cfg)
		}
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Generate(ctx, Config{Seed: 1, End: testEnd}, &countSink{}); err == nil {
		t.Error("no error from a cancelled context")
	}
}

// TestShortSlots generates in 10-minute chunks, as runs past 10M events do.
func TestShortSlots(t *testing.T) {
	cfg := Config{Seed: 5, End: testEnd, Days: 7, Events: 40_000, slot: 10 * time.Minute}
	s := newCheckSink(testEnd.Add(-7*24*time.Hour), testEnd, map[string][]string{GroundTruthTable: {"Story"}})
	st, err := Generate(context.Background(), cfg, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range s.errs {
		t.Error(e)
	}
	if len(s.rows[GroundTruthTable]) != 6 || st.Rows < 30_000 {
		t.Errorf("stories %d, rows %d", len(s.rows[GroundTruthTable]), st.Rows)
	}
}

func TestSlotFor(t *testing.T) {
	for _, c := range []struct {
		events int64
		want   time.Duration
	}{{DefaultEvents, time.Hour}, {10_000_000, time.Hour}, {20_000_000, 30 * time.Minute}, {100_000_000, 6 * time.Minute}, {2_000_000_000, time.Minute}} {
		if got := slotFor(c.events); got != c.want {
			t.Errorf("slotFor(%d) = %v, want %v", c.events, got, c.want)
		}
	}
}

// TestCompact: compact schemas are the catalog's columns the generator
// fills, in catalog order, and the rows are the same values.
func TestCompact(t *testing.T) {
	cfg := Config{Seed: 4, End: testEnd, Days: 7, Events: 20_000}
	full := newCheckSink(testEnd.Add(-7*24*time.Hour), testEnd, nil)
	if _, err := Generate(context.Background(), cfg, full); err != nil {
		t.Fatal(err)
	}
	cfg.Compact = true
	compact := newCheckSink(testEnd.Add(-7*24*time.Hour), testEnd, nil)
	if _, err := Generate(context.Background(), cfg, compact); err != nil {
		t.Fatal(err)
	}
	for _, e := range compact.errs {
		t.Error(e)
	}
	for name, cols := range compact.schemas {
		fullCols := full.schemas[name]
		j := 0
		for _, c := range cols {
			for j < len(fullCols) && fullCols[j] != c {
				j++
			}
			if j == len(fullCols) {
				t.Errorf("%s.%s is not a catalog column in order", name, c.Name)
			}
		}
		if compact.counts[name] != full.counts[name] {
			t.Errorf("%s: %d rows compact, %d full", name, compact.counts[name], full.counts[name])
		}
	}
	if n := len(compact.schemas["SecurityEvent"]); n > 100 {
		t.Errorf("compact SecurityEvent has %d columns", n)
	}
}
