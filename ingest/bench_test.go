package ingest

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// discardSink counts rows and keeps nothing, so benchmarks measure the
// readers.
type discardSink struct{ rows int64 }

func (d *discardSink) Begin(context.Context, TableSpec) (TableWriter, error) { return d, nil }
func (d *discardSink) Append([]any) error                                    { d.rows++; return nil }
func (d *discardSink) Commit(context.Context) error                          { return nil }
func (d *discardSink) Abort(context.Context) error                           { return nil }

const benchRows = 40000

// benchData writes synthetic input of the given kind once per benchmark.
func benchData(b *testing.B, name string, gen func(w *bytes.Buffer, r *rand.Rand, i int), header string) string {
	b.Helper()
	var buf bytes.Buffer
	buf.WriteString(header)
	r := rand.New(rand.NewPCG(7, 8))
	for i := range benchRows {
		gen(&buf, r, i)
	}
	p := filepath.Join(b.TempDir(), name)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

func runBench(b *testing.B, p string) {
	st, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		var d discardSink
		if _, err := Ingest(context.Background(), &d, []string{p}, Options{}); err != nil {
			b.Fatal(err)
		}
		if d.rows != benchRows {
			b.Fatalf("%d rows", d.rows)
		}
	}
}

// BenchmarkJSONLines: a Sentinel-style export of sign-ins (inferred
// schema, two passes).
func BenchmarkJSONLines(b *testing.B) {
	p := benchData(b, "signins.jsonl", func(w *bytes.Buffer, r *rand.Rand, i int) {
		fmt.Fprintf(w, `{"TimeGenerated":"2024-01-%02dT%02d:%02d:%02d.%03dZ","UserPrincipalName":"user%d@contoso.com","IPAddress":"10.%d.%d.%d",`+
			`"AppDisplayName":"Office 365 Exchange Online","ResultType":"%d","LocationDetails":{"city":"Seattle","countryOrRegion":"US","geoCoordinates":{"latitude":47.6,"longitude":-122.3}},`+
			`"DeviceDetail":{"operatingSystem":"Windows 10","browser":"Edge 120"},"IsInteractive":%v,"DurationMs":%d,"CorrelationId":"%08x-0000-4000-8000-%012x"}`+"\n",
			i%28+1, i%24, i%60, i%60, i%1000, r.IntN(500), r.IntN(256), r.IntN(256), r.IntN(256), []int{0, 50126, 50074}[r.IntN(3)],
			r.IntN(2) == 0, r.IntN(5000), r.Uint32(), r.Uint64()&0xffffffffffff)
	}, "")
	runBench(b, p)
}

// BenchmarkCSV: a Log Analytics portal export of process creations.
func BenchmarkCSV(b *testing.B) {
	p := benchData(b, "processes.csv", func(w *bytes.Buffer, r *rand.Rand, i int) {
		fmt.Fprintf(w, "\"4/%d/2021, %d:%02d:%02d.%03d PM\",WKS%03d.corp.local,4688,\"CORP\\user%d\",C:\\Windows\\System32\\cmd.exe,"+
			"\"\"\"cmd.exe\"\" /c whoami /all & echo %x\",C:\\Windows\\explorer.exe,0x%x,SecurityEvent\n",
			i%28+1, i%12+1, i%60, i%60, i%1000, r.IntN(300), r.IntN(500), r.Uint64(), r.IntN(65536))
	}, "\ufeffTimeGenerated [UTC],Computer,EventID,Account,NewProcessName,CommandLine,ParentProcessName,NewProcessId,Type\n")
	runBench(b, p)
}

// BenchmarkWindowsJSON: NXLog-style Security and Sysmon events.
func BenchmarkWindowsJSON(b *testing.B) {
	p := benchData(b, "events.json", func(w *bytes.Buffer, r *rand.Rand, i int) {
		if i%2 == 0 {
			fmt.Fprintf(w, `{"EventID":4688,"SourceName":"Microsoft-Windows-Security-Auditing","Channel":"Security","Hostname":"WKS%d.corp.local",`+
				`"EventTime":"2020-09-04 16:%02d:%02d","EventReceivedTime":"2020-09-04 16:%02d:%02d","@timestamp":"2020-09-04T20:%02d:%02d.845Z",`+
				`"Task":13312,"SeverityValue":2,"Message":"A new process has been created.\r\n\r\nCreator Subject:\r\n\tSecurity ID:\tS-1-5-18",`+
				`"SubjectUserName":"user%d","SubjectDomainName":"CORP","SubjectLogonId":"0x%x","NewProcessId":"0x%x","NewProcessName":"C:\\Windows\\System32\\cmd.exe",`+
				`"CommandLine":"cmd.exe /c echo %x","ParentProcessName":"C:\\Windows\\explorer.exe","TokenElevationType":"%%%%1938"}`+"\n",
				r.IntN(300), i%60, i%60, i%60, i%60, i%60, i%60, r.IntN(500), r.Uint32(), r.IntN(65536), r.Uint64())
			return
		}
		fmt.Fprintf(w, `{"EventID":3,"SourceName":"Microsoft-Windows-Sysmon","Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"WKS%d",`+
			`"@timestamp":"2020-09-04T20:%02d:%02d.845Z","UserID":"S-1-5-18","AccountName":"SYSTEM","Domain":"NT AUTHORITY","RecordNumber":%d,`+
			`"Image":"C:\\Windows\\System32\\svchost.exe","ProcessId":"%d","SourceIp":"10.0.%d.%d","DestinationIp":"52.%d.%d.%d","DestinationPort":"443","Protocol":"tcp"}`+"\n",
			r.IntN(300), i%60, i%60, i, r.IntN(9000), r.IntN(256), r.IntN(256), r.IntN(256), r.IntN(256), r.IntN(256))
	}, "")
	runBench(b, p)
}
