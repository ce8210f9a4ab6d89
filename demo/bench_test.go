package demo

import (
	"context"
	"testing"
)

// BenchmarkGenerate measures the default run into a sink that only counts;
// it reports rows per second.
func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		s := &countSink{}
		if _, err := Generate(context.Background(), Config{Seed: 1, End: testEnd}, s); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(s.rows), "rows/op")
		b.ReportMetric(float64(s.rows)/b.Elapsed().Seconds()*float64(b.N), "rows/s")
	}
}
