package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// benchQuery builds a realistic hunting query of about 15 KB: let blocks
// of filters, string operators, dynamic lists, aggregations and a join,
// unioned at the end.
func benchQuery() string {
	var b strings.Builder
	var names []string
	for i := 0; b.Len() < 14500; i++ {
		name := fmt.Sprintf("hits_%d", i)
		names = append(names, name)
		fmt.Fprintf(&b, `// block %[1]d: suspicious process launches
let tokens_%[1]d = dynamic(["mimikatz", "sekurlsa", "-enc", "frombase64string", "invoke-expression", "downloadstring"]);
let %[2]s = SecurityEvent
    | where TimeGenerated between (ago(7d) .. now()) and EventID in (4688, 4689)
    | where CommandLine has_any (tokens_%[1]d) or (NewProcessName endswith @"\powershell.exe" and CommandLine contains "-nop")
    | extend Host = tolower(Computer), Args = split(CommandLine, " "), Decoded = base64_decode_tostring(extract(@"-enc\s+([A-Za-z0-9+/=]+)", 1, CommandLine))
    | summarize Count = count(), Hosts = make_set(Host, 100), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated) by Account, bin(TimeGenerated, 1h)
    | where Count > %[1]d;
`, i, name)
	}
	fmt.Fprintf(&b, "union %s\n| join kind=leftouter (IdentityInfo | project Account = AccountName, Department) on Account\n| project-reorder LastSeen, Account\n| sort by Count desc\n| take 1000\n", strings.Join(names, ", "))
	return b.String()
}

func BenchmarkParse15KB(b *testing.B) {
	q := benchQuery()
	if _, err := Parse(q); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(q)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(q)
	}
}

func BenchmarkTokenize15KB(b *testing.B) {
	q := benchQuery()
	b.SetBytes(int64(len(q)))
	b.ReportAllocs()
	for b.Loop() {
		Tokenize(q)
	}
}

func BenchmarkPrint15KB(b *testing.B) {
	s, err := Parse(benchQuery())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = s.String()
	}
}

func TestBenchQueryParses(t *testing.T) {
	q := benchQuery()
	if len(q) < 14000 || len(q) > 16000 {
		t.Errorf("bench query is %d bytes, want about 15 KB", len(q))
	}
	if _, err := Parse(q); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkCorpusParse parses every query of the Sentinel corpus once per
// iteration (skipped without ../shared).
func BenchmarkCorpusParse(b *testing.B) {
	qs := readCorpus(b, "sentinel-queries.jsonl")
	total := 0
	for _, q := range qs {
		total += len(q.Query)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, q := range qs {
			Parse(q.Query)
		}
	}
}
