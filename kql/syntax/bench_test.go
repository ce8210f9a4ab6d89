package syntax

import (
	"strings"
	"testing"
)

func BenchmarkCorpusParse(b *testing.B) {
	qs := readCorpus(&testing.T{}, "sentinel-queries.jsonl")
	total := 0
	for _, q := range qs {
		total += len(q.Query)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, q := range qs {
			Parse(q.Query)
		}
	}
	_ = strings.Repeat
}
