package demo

import (
	"context"
	"testing"
)

// BenchmarkGenerate measures the default run into a sink that only counts
// and reports rows per second.
func BenchmarkGenerate(b *testing.B) {
	var rows int64
	for b.Loop() {
		s := &countSink{}
		if _, err := Generate(context.Background(), Config{Seed: 1, End: testEnd}, s); err != nil {
			b.Fatal(err)
		}
		rows += s.rows
	}
	b.ReportMetric(float64(rows)/float64(b.N), "rows/op")
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}
