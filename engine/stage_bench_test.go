package engine

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/huntbook/huntbook/table"
)

// stageBenchSchema is shaped like the demo's wide log tables: mostly
// strings, of which most cells are "", a few ints, longs and datetimes
// that are often null, and a rarely set dynamic column.
func stageBenchSchema() []table.Column {
	var s []table.Column
	s = append(s, col("TimeGenerated", table.DateTime), col("TimeCollected", table.DateTime))
	for i := range 70 {
		s = append(s, col(fmt.Sprintf("S%02d", i), table.String))
	}
	s = append(s, col("EventID", table.Int), col("LogonType", table.Int), col("Task", table.Int),
		col("Bytes", table.Long), col("Pid", table.Long), col("Ppid", table.Long),
		col("Elevated", table.Bool), col("Score", table.Real), col("Extra", table.Dynamic))
	return s
}

// stageBenchRows builds n rows for stageBenchSchema: 12 of the 70 string
// columns hold text, the rest ""; half the ints and longs are null.
func stageBenchRows(n int) [][]any {
	t0 := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	rows := make([][]any, n)
	for i := range rows {
		r := make([]any, 0, 81)
		r = append(r, t0.Add(time.Duration(i)*time.Millisecond), nil)
		for k := range 70 {
			s := ""
			if k%6 == 0 {
				s = fmt.Sprintf("value %d of column %d", i%977, k)
			}
			r = append(r, s)
		}
		var pid any
		if i%2 == 0 {
			pid = int64(4000 + i%5000)
		}
		r = append(r, int32(4624), nil, int32(i%13), int64(i)*17, pid, nil, i%3 == 0, nil, nil)
		rows[i] = r
	}
	return rows
}

// BenchmarkStagedWrite measures the Go side of a staged load: writing
// batches of wide rows into Parquet staging files and sealing them (DuckDB
// is not involved). It reports the process's CPU time (GC included) per
// row and per cell, which other load on a shared machine disturbs less
// than the wall time of ns/op.
//
//	go test ./engine -run '^$' -bench StagedWrite -benchtime 20x
func BenchmarkStagedWrite(b *testing.B) {
	schema := stageBenchSchema()
	const batchRows, batches = loadBatch, 100 // 204,800 rows per op
	batch := stageBenchRows(batchRows)
	dir := b.TempDir()
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		s := &tableStage{dir: dir, name: "T", schema: schema, limit: stageFileRows}
		for k := range batches {
			if err := s.write(batch, int64(k*batchRows)); err != nil {
				b.Fatal(err)
			}
			if s.full() {
				sealAndRemove(b, s)
			}
		}
		sealAndRemove(b, s)
	}
	rows := float64(b.N * batches * batchRows)
	ns := float64((cpuTime() - cpu).Nanoseconds())
	b.ReportMetric(ns/rows, "cpu-ns/row")
	b.ReportMetric(ns/rows/float64(len(schema)), "cpu-ns/cell")
}

func sealAndRemove(b *testing.B, s *tableStage) {
	path, err := s.seal()
	if err != nil {
		b.Fatal(err)
	}
	if path != "" {
		os.Remove(path)
	}
}

// BenchmarkStagedLoad measures a whole staged load of the same rows into
// an in-memory database: the Parquet writing and DuckDB's read_parquet
// insert. It reports the process's CPU time per row, DuckDB's threads
// included.
//
//	go test ./engine -run '^$' -bench StagedLoad -benchtime 5x
func BenchmarkStagedLoad(b *testing.B) {
	schema := stageBenchSchema()
	const batches = 100
	batch := stageBenchRows(loadBatch)
	db := openTest(b, Options{})
	ctx := context.Background()
	cpu := cpuTime()
	for b.Loop() {
		l, err := db.BeginStagedLoad(ctx, b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		tl, err := l.Table("T", schema, Replace)
		if err != nil {
			b.Fatal(err)
		}
		for range batches {
			rows := make([][]any, len(batch))
			copy(rows, batch)
			if err := tl.AppendOwned(rows); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := l.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	rows := float64(b.N * batches * loadBatch)
	b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/rows, "cpu-ns/row")
}
