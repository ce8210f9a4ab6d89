package exec

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/demo"
	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/table"
)

// demoSink keeps the rows of some demo tables in memory.
type demoSink struct {
	want   []string
	tables map[string]*table.Table
	cur    *table.Table
}

func (s *demoSink) BeginTable(name string, cols []table.Column) error {
	s.cur = nil
	if slices.Contains(s.want, name) {
		s.cur = &table.Table{Columns: cols}
		s.tables[name] = s.cur
	}
	return nil
}

func (s *demoSink) AppendRow(row []any) error {
	if s.cur != nil {
		s.cur.Rows = append(s.cur.Rows, slices.Clone(row))
	}
	return nil
}

func (s *demoSink) EndTable() error { s.cur = nil; return nil }

// demoExecutor loads a small demo organisation's tables into an engine.
func demoExecutor(t *testing.T, tables ...string) *Executor {
	t.Helper()
	if testing.Short() {
		t.Skip("generates the demo organisation")
	}
	ctx := context.Background()
	sink := &demoSink{want: tables, tables: map[string]*table.Table{}}
	cfg := demo.Config{Seed: 1, End: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Days: 7, Events: 60_000, Compact: true}
	if _, err := demo.Generate(ctx, cfg, sink); err != nil {
		t.Fatal(err)
	}
	db := openTestDB(t)
	for name, tb := range sink.tables {
		rows := func(yield func([]any, error) bool) {
			for _, r := range tb.Rows {
				if !yield(r, nil) {
					return
				}
			}
		}
		if _, err := db.Load(ctx, name, tb.Columns, engine.Create, rows); err != nil {
			t.Fatal(err)
		}
	}
	return New(db)
}

func runRows(t *testing.T, x *Executor, q string) *table.Table {
	t.Helper()
	res, err := x.Run(context.Background(), q, nil, RunOptions{})
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	return res.Table
}

// TestDemoStories hunts stories a and f of the demo organisation with the
// plugins: the implant's beaconing, its encoded PowerShell in the process
// tree, and the base64 dropper of the SSH story.
func TestDemoStories(t *testing.T) {
	x := demoExecutor(t, "DeviceNetworkEvents", "DeviceProcessEvents", "Syslog")

	t.Run("a: beaconing", func(t *testing.T) {
		got := runRows(t, x, `DeviceNetworkEvents
			| where isnotempty(RemoteIP)
			| evaluate beacon_detect(TimeGenerated, DeviceName, RemoteIP)
			| where IsBeacon
			| project Source, Destination, MedianInterval`)
		// The implant beacons every 60 s from the victim's desktop (story
		// a); the scheduled task of story c calls the same server every
		// 30 min from FS01. Both rank above any background periodic traffic
		// (a daily update check is regular too).
		var intervals []time.Duration
		for i, r := range got.Rows {
			if r[1] != "198.51.100.23" {
				if i < 2 {
					t.Errorf("%v → %v ranks above the C2 beacons", r[0], r[1])
				}
				continue
			}
			intervals = append(intervals, r[2].(time.Duration).Round(time.Minute))
		}
		slices.Sort(intervals)
		if want := []time.Duration{time.Minute, 30 * time.Minute}; !slices.Equal(intervals, want) {
			t.Errorf("C2 beacon intervals %v, want %v (rows %v)", intervals, want, got.Rows)
		}
	})

	t.Run("a: encoded PowerShell in the process tree", func(t *testing.T) {
		got := runRows(t, x, `DeviceProcessEvents
			| evaluate process_tree()
			| where FileName =~ "powershell.exe" and ProcessCommandLine has "-enc"
			| extend Decoded = base64_unpack(ProcessCommandLine)
			| project DeviceName, Depth, IsRoot, Decoded, InitiatingProcessFileName`)
		if len(got.Rows) != 1 {
			t.Fatalf("want the one encoded PowerShell, got %v", got.Rows)
		}
		r := got.Rows[0]
		if !strings.Contains(r[3].(string), "sync-cdn-update.net") || r[2] != false || !strings.EqualFold(r[4].(string), "WINWORD.EXE") {
			t.Errorf("unexpected row %v", r)
		}
	})

	t.Run("f: base64 dropper", func(t *testing.T) {
		got := runRows(t, x, `Syslog
			| where SyslogMessage has "base64"
			| evaluate decode_unpack(SyslogMessage)
			| project Decoded
			| evaluate ioc_extract(Decoded, "ipv4,url")
			| distinct IoCType, Observable
			| order by IoCType asc, Observable asc`)
		var found bool
		for _, r := range got.Rows {
			found = found || r[0] == "url" && strings.HasPrefix(r[1].(string), "http://192.0.2.150/")
		}
		if !found {
			t.Errorf("the dropper's URL is not among %v", got.Rows)
		}
	})
}
