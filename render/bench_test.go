package render

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/huntbook/huntbook/table"
)

// benchTimeChart is a 100k-point timechart in 4 series.
func benchTimeChart() *table.Table {
	tb := &table.Table{
		Columns:       []table.Column{{Name: "T", Type: table.DateTime}, {Name: "Host", Type: table.String}, {Name: "n", Type: table.Real}},
		Visualization: &table.Visualization{Kind: "timechart", Title: "100k points"},
	}
	for i := range 100_000 {
		host := fmt.Sprintf("host-%d", i%4)
		tb.Rows = append(tb.Rows, []any{t0.Add(time.Duration(i/4) * time.Minute), host, 50 + 40*math.Sin(float64(i)/500) + float64(i%7)})
	}
	return tb
}

func BenchmarkSVG100kPoints(b *testing.B) {
	tb := benchTimeChart()
	b.ReportAllocs()
	var size int
	for b.Loop() {
		c, err := BuildChart(tb, Options{})
		if err != nil {
			b.Fatal(err)
		}
		size = len(SVG(c, Options{}))
	}
	b.ReportMetric(float64(size), "svg-bytes")
}

func BenchmarkHTML10kRows(b *testing.B) {
	tb := &table.Table{Columns: []table.Column{
		{Name: "TimeGenerated", Type: table.DateTime}, {Name: "Computer", Type: table.String},
		{Name: "EventID", Type: table.Int}, {Name: "CommandLine", Type: table.String}, {Name: "Props", Type: table.Dynamic}}}
	for i := range 10_000 {
		tb.Rows = append(tb.Rows, []any{t0.Add(time.Duration(i) * time.Second), "WS-<FIN>-01", int32(4688),
			`powershell.exe -enc "SQBFAFgA" & whoami`, map[string]any{"pid": i}})
	}
	b.ReportAllocs()
	var size int
	for b.Loop() {
		size = len(HTML(tb, Options{MaxHTMLRows: 10_000}))
	}
	b.ReportMetric(float64(size), "html-bytes")
}
