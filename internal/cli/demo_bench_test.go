package cli

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/huntbook/huntbook/demo"
	"github.com/huntbook/huntbook/workspace"
)

// demoEvents sizes BenchmarkDemoLoad: the default run (about 1M events),
// or 200k with -short.
var demoEvents = flag.Int64("demo.events", 0, "events of BenchmarkDemoLoad (default 1M, 200k with -short)")

// BenchmarkDemoLoad generates the demo organisation into a fresh workspace
// and reports the database's size and events per second of wall time and of CPU time (all threads,
// DuckDB's included), the figure the shared machine disturbs less.
//
//	go test ./internal/cli -run '^$' -bench DemoLoad -benchtime 1x
func BenchmarkDemoLoad(b *testing.B) {
	events := *demoEvents
	if events == 0 && testing.Short() {
		events = 200_000
	}
	cfg := demo.Config{Seed: 1, Events: events, End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var rows int64
	var cpu time.Duration
	var size int64
	for b.Loop() {
		dir := filepath.Join(b.TempDir(), "ws")
		c0 := cpuTime()
		st, err := generateDemo(context.Background(), dir, cfg)
		if err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c0
		rows += st.Rows
		fi, err := os.Stat(filepath.Join(dir, workspace.DatabaseFile))
		if err != nil {
			b.Fatal(err)
		}
		size = fi.Size()
	}
	b.ReportMetric(float64(rows)/float64(b.N), "events/op")
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(size)/1e6, "db-MB")
	if cpu > 0 {
		b.ReportMetric(float64(rows)/cpu.Seconds(), "events/cpu-s")
	}
}
