package asim_test

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace/asim"
	"github.com/huntbook/huntbook/workspace/schema"
)

// catalog is the Sentinel schema catalog with the parsers as stored
// functions, as the workspace serves them.
type catalog struct{}

func (catalog) Table(name string) ([]table.Column, bool) {
	s, ok := schema.Table(name)
	return s.Columns, ok
}
func (catalog) TableNames() []string                { return schema.Names() }
func (catalog) Function(name string) (string, bool) { return asim.Function(name) }
func (catalog) FunctionNames() []string             { return asim.Names() }

func analyze(t *testing.T, q string) (*sema.Result, error) {
	t.Helper()
	script, err := syntax.Parse(q)
	if err != nil {
		t.Fatalf("parse %q: %v", q, err)
	}
	return sema.Analyze(context.Background(), script, q, sema.Options{
		Catalog: catalog{}, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	})
}

// documented are, per schema, fields the ASIM schema documentation lists
// that every parser of it must produce (with their types).
var documented = map[string]map[string]table.Type{
	"common": {"TimeGenerated": table.DateTime, "EventType": table.String, "EventResult": table.String,
		"EventProduct": table.String, "EventVendor": table.String, "EventSchema": table.String,
		"EventSchemaVersion": table.String, "EventCount": table.Int, "EventStartTime": table.DateTime,
		"EventEndTime": table.DateTime, "Dvc": table.String, "DvcHostname": table.String, "Type": table.String},
	"ProcessEvent": {"TargetProcessCommandLine": table.String, "TargetProcessName": table.String,
		"TargetProcessId": table.String, "ActingProcessName": table.String, "ActingProcessId": table.String,
		"ActorUsername": table.String, "TargetUsername": table.String, "ParentProcessName": table.String,
		"ParentProcessId": table.String,
		"CommandLine":     table.String, "TargetProcessSHA256": table.String, "Hash": table.String},
	"Authentication": {"TargetUsername": table.String, "SrcIpAddr": table.String, "EventResultDetails": table.String,
		"TargetAppName": table.String, "LogonMethod": table.String, "HttpUserAgent": table.String,
		"SrcGeoCountry": table.String, "User": table.String, "IpAddr": table.String, "TargetUserType": table.String},
	"NetworkSession": {"SrcIpAddr": table.String, "DstIpAddr": table.String, "SrcPortNumber": table.Int,
		"DstPortNumber": table.Int, "NetworkProtocol": table.String, "NetworkDirection": table.String,
		"DvcAction": table.String, "SrcBytes": table.Long, "DstBytes": table.Long, "Dst": table.String},
	"Dns": {"DnsQuery": table.String, "DnsQueryType": table.Int, "DnsResponseCode": table.Int, "DnsResponseCodeName": table.String,
		"DnsResponseName": table.String, "SrcIpAddr": table.String, "Domain": table.String},
	"FileEvent": {"TargetFilePath": table.String, "TargetFileName": table.String, "TargetFileSHA256": table.String,
		"SrcFilePath": table.String, "ActorUsername": table.String, "ActingProcessName": table.String, "FilePath": table.String},
	"RegistryEvent": {"RegistryKey": table.String, "RegistryValue": table.String, "RegistryValueData": table.String,
		"RegistryPreviousKey": table.String, "ActorUsername": table.String, "ActingProcessName": table.String,
		"ParentProcessName": table.String},
	"WebSession": {"Url": table.String, "HttpUserAgent": table.String, "HttpRequestMethod": table.String,
		"SrcIpAddr": table.String, "DstIpAddr": table.String, "EventResultDetails": table.String},
}

// TestParsersCompile checks every name of every parser, called as a table
// and with its parentheses, against the Sentinel catalog, and the fields
// the schema documents. The parsers union their sources without isfuzzy,
// so a wrong column in any source fails here.
func TestParsersCompile(t *testing.T) {
	for _, p := range asim.Parsers() {
		for _, name := range p.Names {
			for _, q := range []string{name, name + "()", name + "(starttime=ago(1d), endtime=now())"} {
				res, err := analyze(t, q)
				if err != nil {
					t.Errorf("%s: %v", q, err)
					continue
				}
				have := map[string]table.Type{}
				for _, c := range res.Query.Schema() {
					have[c.Name] = c.Type
				}
				for _, set := range []string{"common", p.Schema} {
					for f, ty := range documented[set] {
						if got, ok := have[f]; !ok || got != ty {
							t.Errorf("%s: field %s is %v (present %v), want %v", q, f, got, ok, ty)
						}
					}
				}
			}
		}
		if strings.Contains(p.Source, "SYSMON") || strings.Contains(p.Source, "F(") {
			t.Errorf("%s: Sysmon source not expanded", p.Names[0])
		}
		for _, tb := range p.Tables {
			if !strings.Contains(p.Source, tb) {
				t.Errorf("%s: lists table %s its source does not read", p.Names[0], tb)
			}
		}
	}
}

// TestParserParameters calls each parser with each of its parameters
// given a value of its type: every documented filter must check.
func TestParserParameters(t *testing.T) {
	args := map[string]string{
		"datetime": "datetime(2025-12-01)", "dynamic": "dynamic(['x'])", "string": "'x'", "int": "int(53)",
	}
	for _, p := range asim.Parsers() {
		script, err := syntax.Parse("let f=" + p.Source)
		if err != nil {
			t.Fatalf("%s: %v", p.Names[0], err)
		}
		fn := script.Stmts[0].(*syntax.LetStmt).Value.(*syntax.Function)
		if len(fn.Params) < 3 {
			t.Errorf("%s has %d parameters", p.Names[0], len(fn.Params))
		}
		for _, prm := range fn.Params {
			q := p.Names[0] + "(" + prm.Name.Name + "=" + args[prm.Type.Name] + ")"
			if _, err := analyze(t, q); err != nil {
				t.Errorf("%s: %v", q, err)
			}
		}
	}
}

func TestNames(t *testing.T) {
	names := asim.Names()
	if !sort.StringsAreSorted(names) {
		t.Errorf("Names not sorted: %v", names)
	}
	for _, want := range []string{"imProcessCreate", "imProcess", "_Im_ProcessEvent", "imProcessTerminate", "imAuthentication",
		"_Im_Authentication", "imNetworkSession", "_Im_NetworkSession", "imDns", "_Im_Dns", "imFileEvent",
		"_Im_FileEvent", "imRegistry", "_Im_RegistryEvent", "_Im_WebSession"} {
		if _, ok := asim.Function(want); !ok {
			t.Errorf("no parser named %s", want)
		}
	}
	if _, ok := asim.Function("improcesscreate"); ok {
		t.Error("names are case-sensitive, as Sentinel's functions are")
	}
}

// BenchmarkAnalyzeParser measures checking a hunting query through a
// parser: parsing its definition and inlining its three sources.
func BenchmarkAnalyzeParser(b *testing.B) {
	q := `imProcessCreate(starttime=ago(1d)) | where TargetProcessCommandLine has "encodedcommand" | take 5`
	script, err := syntax.Parse(q)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := sema.Analyze(context.Background(), script, q, sema.Options{Catalog: catalog{}, Now: time.Now()}); err != nil {
			b.Fatal(err)
		}
	}
}
