package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/exec"
	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace/schema"
)

// asimCatalog is the Sentinel catalog with the ASIM parsers, over a
// database holding some of its tables (the others read as empty), as a
// workspace's catalog is.
type asimCatalog struct {
	schemaCatalog
	stored map[string]bool
}

func (c asimCatalog) Stored(name string) bool { return c.stored[name] }

var asimT0 = time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)

// asimRows are source rows of the parsers that the demo does not hold:
// Sysmon through WindowsEvent, sshd in Syslog, a DNS server's lookups.
// Each row gives the columns it sets; the others are empty.
var asimRows = map[string][]map[string]any{
	"WindowsEvent": {
		{"EventID": 1, "Computer": "ws1", "EventData": `{"Image":"C:\\Windows\\System32\\cmd.exe","CommandLine":"cmd.exe /c whoami /all","ParentImage":"C:\\Windows\\explorer.exe","ParentProcessId":"100","ProcessId":"4242","User":"CORP\\bob","Hashes":"MD5=0123456789abcdef0123456789abcdef,SHA256=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}`},
		{"EventID": 5, "Computer": "ws1", "EventData": `{"Image":"C:\\Windows\\System32\\cmd.exe","ProcessId":"4242","User":"CORP\\bob"}`},
		{"EventID": 22, "Computer": "ws1", "EventData": `{"QueryName":"evil.example","QueryStatus":"9003","QueryResults":"","Image":"C:\\Windows\\System32\\nslookup.exe"}`},
		{"EventID": 11, "Computer": "ws1", "EventData": `{"TargetFilename":"C:\\Users\\bob\\AppData\\Local\\Temp\\drop.ps1","Image":"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe","User":"CORP\\bob"}`},
		{"EventID": 13, "Computer": "ws1", "EventData": `{"EventType":"SetValue","TargetObject":"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\updater","Details":"C:\\Users\\Public\\u.exe","Image":"C:\\Windows\\regedit.exe","User":"CORP\\bob"}`},
	},
	"Event": {
		{"Source": "Microsoft-Windows-Sysmon", "EventLog": "Microsoft-Windows-Sysmon/Operational", "EventID": 1, "Computer": "ws2",
			"EventData": `<DataItem type="System.XmlData" time="2025-03-01T10:00:00Z"><EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><Data Name="RuleName">-</Data><Data Name="ProcessId">77</Data><Data Name="Image">C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe</Data><Data Name="CommandLine">powershell.exe -c &quot;iwr http://x.example/a?b=1&amp;c=2&quot;</Data><Data Name="User">CORP\eve</Data><Data Name="ParentImage">C:\Windows\System32\cmd.exe</Data><Data Name="Hashes">SHA256=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb</Data></EventData></DataItem>`},
		{"Source": "Microsoft-Windows-Sysmon", "EventID": 22, "Computer": "ws2",
			"EventData": `<DataItem><EventData><Data Name="QueryName">c2.example</Data><Data Name="QueryStatus">0</Data><Data Name="QueryResults">::ffff:198.51.100.9;</Data><Data Name="Image">C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe</Data></EventData></DataItem>`},
		{"Source": "Service Control Manager", "EventID": 7036, "Computer": "ws2", "EventData": `<DataItem><EventData><Data Name="param1">x</Data></EventData></DataItem>`},
	},
	"Syslog": {
		{"ProcessName": "sshd", "Computer": "bastion", "SyslogMessage": "Failed password for invalid user admin from 192.0.2.9 port 4711 ssh2"},
		{"ProcessName": "sshd", "Computer": "bastion", "SyslogMessage": "Failed password for root from 192.0.2.9 port 4712 ssh2"},
		{"ProcessName": "sshd", "Computer": "bastion", "SyslogMessage": "Accepted publickey for deploy from 192.0.2.10 port 4713 ssh2"},
		{"ProcessName": "sshd", "Computer": "bastion", "SyslogMessage": "Invalid user oracle from 192.0.2.9 port 4714"},
		{"ProcessName": "sshd", "Computer": "bastion", "SyslogMessage": "Connection closed by 192.0.2.9 port 4715"},
	},
	"DnsEvents": {
		{"SubType": "LookupQuery", "Computer": "dc1", "ClientIP": "10.0.0.5", "Name": "good.example", "QueryType": "A", "ResultCode": 0, "IPAddresses": "203.0.113.7"},
		{"SubType": "LookupQuery", "Computer": "dc1", "ClientIP": "10.0.0.6", "Name": "typo.example", "QueryType": "AAAA", "ResultCode": 3, "IPAddresses": ""},
		{"SubType": "LookupQuery", "Computer": "dc1", "ClientIP": "10.0.0.5", "Name": "later.example", "QueryType": "A", "ResultCode": 0, "IPAddresses": "198.51.100.1", "TimeGenerated": asimT0.Add(48 * time.Hour)},
	},
}

// loadAsimRows creates asimRows' tables with their full catalog schema.
func loadAsimRows(ctx context.Context, t *testing.T, db *engine.DB) map[string]bool {
	t.Helper()
	stored := map[string]bool{}
	for name, rows := range asimRows {
		s, _ := schema.Table(name)
		seq := func(yield func([]any, error) bool) {
			for _, r := range rows {
				if !yield(asimRow(t, s.Columns, r), nil) {
					return
				}
			}
		}
		if _, err := db.Load(ctx, name, s.Columns, engine.Create, seq); err != nil {
			t.Fatalf("load %s: %v", name, err)
		}
		stored[name] = true
	}
	return stored
}

func asimRow(t *testing.T, cols []table.Column, set map[string]any) []any {
	row := make([]any, len(cols))
	for i, c := range cols {
		v, ok := set[c.Name]
		switch {
		case c.Name == "TimeGenerated" && !ok:
			row[i] = asimT0
		case c.Name == "Provider" && !ok && set["EventData"] != nil && strings.HasPrefix(set["EventData"].(string), "{"):
			row[i] = "Microsoft-Windows-Sysmon"
		case c.Type == table.Dynamic && ok:
			d, err := table.ParseDynamic(v.(string))
			if err != nil {
				t.Fatal(err)
			}
			row[i] = d
		case c.Type == table.Int && ok:
			row[i] = int32(v.(int))
		case ok:
			row[i] = v
		case c.Type == table.String:
			row[i] = ""
		}
	}
	return row
}

// TestAsimParsersRun runs the parsers over sources the demo lacks and
// checks the normalised values and the filtering parameters.
func TestAsimParsersRun(t *testing.T) {
	ctx := context.Background()
	db, err := engine.Open(ctx, engine.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cat := asimCatalog{stored: loadAsimRows(ctx, t, db)}
	x := exec.New(db, exec.WithCatalog(cat), exec.WithClock(func() time.Time { return asimT0.Add(72 * time.Hour) }))
	tests := []struct{ name, query, want string }{
		{"sysmon process creation", `imProcessCreate | where Type == "WindowsEvent" | project EventType, EventProduct, Dvc, TargetProcessFileName, TargetProcessCommandLine, TargetProcessId, ActingProcessName, ActorUsername, TargetProcessMD5, Hash`,
			`ProcessCreated|Sysmon|ws1|cmd.exe|cmd.exe /c whoami /all|4242|C:\Windows\explorer.exe|CORP\bob|0123456789abcdef0123456789abcdef|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`},
		{"process events both kinds", `imProcess | summarize n = count() by EventType | sort by EventType asc`, "ProcessCreated|2\nProcessTerminated|1"},
		{"termination only", `imProcessTerminate | project EventType, TargetProcessId`, "ProcessTerminated|4242"},
		{"commandline_has_all matches", `imProcessCreate(commandline_has_all=dynamic(["whoami", "all"])) | project Dvc`, "ws1"},
		{"commandline_has_all misses", `imProcessCreate(commandline_has_all=dynamic(["whoami", "priv"])) | count`, "0"},
		{"endtime before the events", `imProcessCreate(endtime=datetime(2025-02-01)) | count`, "0"},
		{"legacy agent's Sysmon: XML event data, entities decoded", `imProcessCreate | where Type == "Event" | project EventProduct, Dvc, TargetProcessFileName, TargetProcessCommandLine, ActorUsername, ActingProcessName, TargetProcessId, TargetProcessSHA256`,
			`Sysmon|ws2|powershell.exe|powershell.exe -c "iwr http://x.example/a?b=1&c=2"|CORP\eve|C:\Windows\System32\cmd.exe|77|` + strings.Repeat("b", 64)},
		{"legacy agent's Sysmon DNS", `imDns(domain_has_any=dynamic(["c2.example"])) | project Type, DnsQuery, DnsResponseCodeName, DnsResponseName, SrcProcessName`,
			`Event|c2.example|NOERROR|::ffff:198.51.100.9;|C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`},
		{"sshd sign-ins", `imAuthentication | where EventProduct == "OpenSSH" | sort by TargetUsername asc | project EventResult, EventResultDetails, TargetUsername, SrcIpAddr, Dvc`,
			"Failure|No such user|admin|192.0.2.9|bastion\nSuccess||deploy|192.0.2.10|bastion\nFailure|No such user|oracle|192.0.2.9|bastion\nFailure|Incorrect password|root|192.0.2.9|bastion"},
		{"srcipaddr prefix and result", `imAuthentication(srcipaddr_has_any_prefix=dynamic(["192.0.2.10"]), eventresult="Success") | project TargetUsername`, "deploy"},
		{"dns server and sysmon", `imDns | sort by DnsQuery asc | project DnsQuery, DnsQueryType, DnsResponseCodeName, EventResult, SrcIpAddr, EventProduct`,
			"c2.example||NOERROR|Success||Sysmon\nevil.example||NXDOMAIN|Failure||Sysmon\ngood.example|1|NOERROR|Success|10.0.0.5|DNS Server\nlater.example|1|NOERROR|Success|10.0.0.5|DNS Server\ntypo.example|28|NXDOMAIN|Failure|10.0.0.6|DNS Server"},
		{"responsecodename", `_Im_Dns(responsecodename="NXDOMAIN", srcipaddr="10.0.0.6") | project DnsQuery`, "typo.example"},
		{"response prefix and time window", `_Im_Dns(response_has_any_prefix=dynamic(["198.51.100."]), starttime=ago(2d)) | project DnsQuery`, "later.example"},
		{"sysmon file creation", `imFileEvent | project EventType, TargetFileName, ActingProcessName, ActorUsername`,
			`FileCreated|drop.ps1|C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe|CORP\bob`},
		{"sysmon registry value", `imRegistry(registrykey_has_any=dynamic(["CurrentVersion"])) | project EventType, RegistryKey, RegistryValue, RegistryValueData`,
			`RegistryValueSet|HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Run|updater|C:\Users\Public\u.exe`},
		{"empty sources read as empty", `imNetworkSession | count`, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := x.Run(ctx, tt.query, nil, exec.RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, r := range res.Table.Rows {
				cells := make([]string, len(r))
				for i, v := range r {
					cells[i] = table.FormatValue(v)
				}
				lines = append(lines, strings.Join(cells, "|"))
			}
			if got := strings.Join(lines, "\n"); got != tt.want {
				t.Errorf("%s\ngot:\n%s\nwant:\n%s", tt.query, got, tt.want)
			}
		})
	}
}
