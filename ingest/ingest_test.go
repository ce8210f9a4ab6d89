package ingest

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/table"
)

func TestProgressReachesTotal(t *testing.T) {
	dir := t.TempDir()
	csv := writeFile(t, dir, "a.csv", []byte("x,y\n"+strings.Repeat("1,2\n", 50000)))
	jl := writeFile(t, dir, "b.jsonl.gz", gzipBytes(manyLines(20000)))
	var seen []Progress
	s := newMemSink()
	_, err := Ingest(context.Background(), s, []string{csv, jl}, Options{Progress: func(p Progress) { seen = append(seen, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) < 3 {
		t.Fatalf("only %d progress reports", len(seen))
	}
	last := seen[len(seen)-1]
	if last.Done != last.Total || last.Total == 0 {
		t.Errorf("last report %+v; want Done == Total", last)
	}
	for i := 1; i < len(seen); i++ {
		if seen[i].Done < seen[i-1].Done || seen[i].Total != last.Total || seen[i].Done > last.Total {
			t.Fatalf("report %d %+v after %+v", i, seen[i], seen[i-1])
		}
	}
}

func TestSeveralInputsOneTable(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", []byte("TimeGenerated,Computer,Extra\n2024-01-01T00:00:00Z,h1,5\n"))
	b := writeFile(t, dir, "b.jsonl", []byte(`{"TimeGenerated":"2024-01-02T00:00:00Z","Computer":"h2","Extra":2.5,"Other":true}`+"\n"))
	z := writeFile(t, dir, "c.zip", zipBytes(map[string][]byte{
		"one.csv": []byte("TimeGenerated,Computer,Extra\n2024-01-03T00:00:00Z,h3,x\n"),
		"two.csv": []byte("TimeGenerated,Computer\n2024-01-04T00:00:00Z,h4\n"),
		"README":  []byte("\x00\x01binary"),
	}))
	s := newMemSink()
	rep, err := Ingest(context.Background(), s, []string{a, b, z}, Options{Table: "Hosts", Mode: Replace})
	if err != nil {
		t.Fatal(err)
	}
	tb := s.table("Hosts")
	if tb == nil || len(tb.rows) != 4 || tb.spec.Mode != Replace {
		t.Fatalf("rows %v, spec %+v", rep.Rows, tb)
	}
	want := []table.Column{{Name: "TimeGenerated", Type: table.DateTime}, {Name: "Computer", Type: table.String},
		{Name: "Extra", Type: table.String}, {Name: "Other", Type: table.Bool}}
	if diff := cmp.Diff(want, tb.spec.Columns); diff != "" {
		t.Errorf("merged columns (-want +got):\n%s", diff)
	}
	extra := tb.column("Extra")
	slices.SortFunc(extra, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
	if diff := cmp.Diff([]any{"", "2.5", "5", "x"}, extra); diff != "" {
		t.Errorf("Extra widened to string (-want +got):\n%s", diff)
	}
	if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].String(), "README: skipped") {
		t.Errorf("problems %v; want the skipped README noted", rep.Problems)
	}
	if tb.err != nil {
		t.Error(tb.err)
	}
}

// TestSentinelUnionExport: a union export names each row's table in Type
// (or $table); rows go to their tables with the catalog's types.
func TestSentinelUnionExport(t *testing.T) {
	text := `[
{"TimeGenerated":"2021-04-28T14:08:45Z","Type":"SigninLogs","UserPrincipalName":"adele@contoso.com","LocationDetails":"{\"city\":\"Pyongyang\"}","ResultType":"0"},
{"TimeGenerated":"2021-04-28T14:09:00Z","Type":"OfficeActivity","Operation":"New-InboxRule","UserId":"adele@contoso.com"},
{"TimeGenerated":"2021-04-28T14:10:00Z","Type":"Custom_CL","Field_s":"x"},
{"TimeGenerated":"2021-04-28T14:11:00Z","Type":"SigninLogs","UserPrincipalName":"bob@contoso.com","ResultType":50126}
]`
	s, rep := ingestText(t, "union.json", text, Options{})
	if diff := cmp.Diff(map[string]int64{"SigninLogs": 2, "OfficeActivity": 1, "Custom_CL": 1}, rep.Rows); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	si := s.table("SigninLogs")
	if diff := cmp.Diff([]any{map[string]any{"city": "Pyongyang"}, nil}, si.column("LocationDetails")); diff != "" {
		t.Errorf("LocationDetails (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{"0", "50126"}, si.column("ResultType")); diff != "" {
		t.Errorf("ResultType stays a string (-want +got):\n%s", diff)
	}
	if got := s.table("Custom_CL").typeOf("Field_s"); got != table.String {
		t.Errorf("Custom_CL.Field_s is %v", got)
	}
	for _, name := range s.order {
		if s.table(name).err != nil {
			t.Error(s.table(name).err)
		}
	}
}

func TestPortalExportCSV(t *testing.T) {
	text := "\ufeffTenantId,TimeGenerated [UTC],Computer,EventID,Account,LogonType,IpAddress,Type\n" +
		"t1,\"4/28/2021, 2:08:45.221 PM\",DC01,4624,CORP\\adele,10,175.45.176.99,SecurityEvent\n"
	s, _ := ingestText(t, "export.csv", text, Options{})
	r := rowMap(s.table("SecurityEvent"), 0)
	want := map[string]any{"TimeGenerated": utc(2021, 4, 28, 14, 8, 45, 221_000_000), "EventID": int32(4624),
		"LogonType": int32(10), "Account": `CORP\adele`, "Type": "SecurityEvent", "CommandLine": ""}
	for k, v := range want {
		if diff := cmp.Diff(v, r[k]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", k, diff)
		}
	}
}

// TestMemoryIsConstant ingests ~20 MB of JSON lines and checks that the
// heap stays far below the input size.
func TestMemoryIsConstant(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 20 MB")
	}
	p := writeFile(t, t.TempDir(), "big.jsonl", manyLines(500_000))
	var peak uint64
	sink := &peakSink{peak: &peak}
	if _, err := Ingest(context.Background(), sink, []string{p}, Options{}); err != nil {
		t.Fatal(err)
	}
	if peak > 16<<20 {
		t.Errorf("heap peaked at %d MB for a 20 MB input", peak>>20)
	}
}

type peakSink struct {
	discardSink
	peak *uint64
}

func (p *peakSink) Begin(context.Context, TableSpec) (TableWriter, error) { return p, nil }

func (p *peakSink) Append(row []any) error {
	p.rows++
	if p.rows%50_000 == 0 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		*p.peak = max(*p.peak, m.HeapAlloc)
	}
	return nil
}
