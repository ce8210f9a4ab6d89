package ingest

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Records in the shapes the shippers write (values made up for the test).
const (
	nxlogLogon = `{"EventID":4624,"SourceName":"Microsoft-Windows-Security-Auditing","Channel":"Security","Hostname":"WKS1.corp.local",` +
		`"EventTime":"2020-09-04 16:09:38","EventReceivedTime":"2020-09-04 16:09:40","@timestamp":"2020-09-04T20:09:40.845Z",` +
		`"Task":12544,"SeverityValue":2,"Message":"An account was successfully logged on.\r\n\r\nSubject:...",` +
		`"SubjectUserName":"WKS1$","SubjectDomainName":"CORP","TargetUserName":"alice","TargetDomainName":"CORP",` +
		`"LogonType":"3","IpAddress":"10.0.0.9","IpPort":"51000","TargetLogonId":"0x3e7","AuthenticationPackageName":"NTLM"}`
	otrfProcess = `{"EventID":4688,"Channel":"Security","Hostname":"WKS2","TimeCreated":"2020-10-18 07:50:06.220",` +
		`"SubjectUserName":"bob","SubjectDomainName":"WKS2","NewProcessName":"C:\\Windows\\System32\\rundll32.exe",` +
		`"CommandLine":"rundll32.exe comsvcs.dll, MiniDump 624 lsass.dmp full","ParentProcessName":"C:\\Windows\\System32\\cmd.exe","Task":"13312"}`
	nxlogSysmon = `{"EventID":1,"SourceName":"Microsoft-Windows-Sysmon","Channel":"Microsoft-Windows-Sysmon/Operational",` +
		`"Hostname":"WKS1","@timestamp":"2020-09-04T20:09:40.845Z","UserID":"S-1-5-18","AccountName":"SYSTEM","Domain":"NT AUTHORITY",` +
		`"RecordNumber":251060,"ExecutionProcessID":3196,"ThreadID":1764,"Version":5,"SeverityValue":2,"Keywords":-9223372036854775808,` +
		`"Image":"C:\\Windows\\System32\\whoami.exe","ProcessId":"4242","ParentImage":"C:\\Windows\\explorer.exe"}`
	otrfService = `{"EventID":7045,"Channel":"System","Hostname":"WKS5","SourceName":"Service Control Manager","TimeCreated":"2020-10-19 03:30:46.416",` +
		`"Message":"A service was installed in the system.","ServiceName":"PSEXESVC","ImagePath":"%SystemRoot%\\PSEXESVC.exe","AccountName":"LocalSystem"}`
	winlogbeat = `{"@timestamp":"2019-05-18T18:20:22.123Z","message":"A new process has been created.","host":{"name":"wks3"},` +
		`"winlog":{"channel":"Security","event_id":4688,"provider_name":"Microsoft-Windows-Security-Auditing","computer_name":"WKS3.corp.local",` +
		`"record_id":99,"process":{"pid":4,"thread":{"id":8}},"keywords":["Audit Success"],` +
		`"event_data":{"NewProcessName":"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe","CommandLine":"powershell -enc SQBFAFgA","SubjectUserName":"carol","SubjectDomainName":"CORP","TokenElevationType":"%%1936"}}}`
)

func ingestText(t *testing.T, name, text string, opts Options) (*memSink, Report) {
	t.Helper()
	p := writeFile(t, t.TempDir(), name, []byte(text))
	s := newMemSink()
	rep, err := Ingest(context.Background(), s, []string{p}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s, rep
}

func rowMap(tb *memTable, i int) map[string]any {
	m := map[string]any{}
	for j, c := range tb.spec.Columns {
		m[c.Name] = tb.rows[i][j]
	}
	return m
}

func TestWindowsJSONMapping(t *testing.T) {
	s, rep := ingestText(t, "events.json", strings.Join([]string{nxlogLogon, otrfProcess, nxlogSysmon, otrfService, winlogbeat}, "\n"), Options{})
	if diff := cmp.Diff(map[string]int64{"SecurityEvent": 3, "WindowsEvent": 1, "Event": 1}, rep.Rows); diff != "" {
		t.Fatalf("rows (-want +got):\n%s", diff)
	}
	sec := s.table("SecurityEvent")
	want := []map[string]any{{
		"TimeGenerated": utc(2020, 9, 4, 20, 9, 38, 0), // EventTime is local: shifted by @timestamp - EventReceivedTime
		"Computer":      "WKS1.corp.local", "EventID": int32(4624), "Activity": "4624 - An account was successfully logged on.",
		"Account": `CORP\alice`, "AccountType": "User", "LogonType": int32(3), "LogonTypeName": "3 - Network",
		"IpAddress": "10.0.0.9", "TargetUserName": "alice", "SubjectUserName": "WKS1$", "Channel": "Security",
		"EventSourceName": "Microsoft-Windows-Security-Auditing", "Task": int32(12544), "Type": "SecurityEvent",
	}, {
		"TimeGenerated": utc(2020, 10, 18, 7, 50, 6, 220_000_000), "EventID": int32(4688), "Account": `WKS2\bob`,
		"Activity": "4688 - A new process has been created.", "NewProcessName": `C:\Windows\System32\rundll32.exe`,
		"CommandLine": "rundll32.exe comsvcs.dll, MiniDump 624 lsass.dmp full", "ParentProcessName": `C:\Windows\System32\cmd.exe`,
		"Task": int32(13312),
	}, {
		"TimeGenerated": utc(2019, 5, 18, 18, 20, 22, 123_000_000), "Computer": "WKS3.corp.local", "EventID": int32(4688),
		"Account": `CORP\carol`, "CommandLine": "powershell -enc SQBFAFgA", "TokenElevationType": "%%1936",
	}}
	for i, w := range want {
		got := rowMap(sec, i)
		for k, v := range w {
			if diff := cmp.Diff(v, got[k]); diff != "" {
				t.Errorf("SecurityEvent row %d %s (-want +got):\n%s", i, k, diff)
			}
		}
	}
	if ed := rowMap(sec, 0)["EventData"].(string); !strings.Contains(ed, `<Data Name="IpAddress">10.0.0.9</Data>`) {
		t.Errorf("EventData XML: %s", ed)
	}

	we := rowMap(s.table("WindowsEvent"), 0)
	wantWE := map[string]any{"Channel": "Microsoft-Windows-Sysmon/Operational", "Provider": "Microsoft-Windows-Sysmon",
		"EventID": int32(1), "SystemUserId": "S-1-5-18", "EventRecordId": "251060", "SystemProcessId": int32(3196),
		"EventLevel": int32(4), "EventLevelName": "Information", "Keywords": "0x8000000000000000", "Version": int32(5),
		"EventData": map[string]any{"Image": `C:\Windows\System32\whoami.exe`, "ProcessId": "4242", "ParentImage": `C:\Windows\explorer.exe`}}
	for k, v := range wantWE {
		if diff := cmp.Diff(v, we[k]); diff != "" {
			t.Errorf("WindowsEvent %s (-want +got):\n%s", k, diff)
		}
	}

	ev := rowMap(s.table("Event"), 0)
	wantEv := map[string]any{"EventLog": "System", "Source": "Service Control Manager", "EventID": int32(7045),
		"RenderedDescription": "A service was installed in the system."}
	for k, v := range wantEv {
		if diff := cmp.Diff(v, ev[k]); diff != "" {
			t.Errorf("Event %s (-want +got):\n%s", k, diff)
		}
	}
	if ed := ev["EventData"].(string); !strings.Contains(ed, `<Data Name="AccountName">LocalSystem</Data>`) ||
		!strings.Contains(ed, `<Data Name="ServiceName">PSEXESVC</Data>`) {
		t.Errorf("7045 EventData keeps the service fields (AccountName is event data without UserID): %s", ed)
	}
}

func TestWindowsTableOverride(t *testing.T) {
	s, rep := ingestText(t, "sysmon.jsonl", nxlogSysmon+"\n"+nxlogSysmon+"\n", Options{Table: "SysmonEvents"})
	if diff := cmp.Diff(map[string]int64{"SysmonEvents": 2}, rep.Rows); diff != "" {
		t.Fatalf("rows (-want +got):\n%s", diff)
	}
	if got := rowMap(s.table("SysmonEvents"), 0)["Type"]; got != "SysmonEvents" {
		t.Errorf("Type = %v", got)
	}
}

// evtxSample finds the sample .evtx files the EVTX parser's module ships,
// in the module cache: this repository keeps no event logs of its own.
func evtxSample(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "www.velocidex.com/golang/evtx").Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		t.Skipf("module www.velocidex.com/golang/evtx not in the module cache: %v", err)
	}
	return filepath.Join(dir, "testdata", name)
}

func TestEVTX(t *testing.T) {
	p := evtxSample(t, "Security.evtx")
	s := newMemSink()
	rep, err := Ingest(context.Background(), s, []string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows["SecurityEvent"] == 0 || rep.Rejected != 0 {
		t.Fatalf("rows %v rejected %d %v", rep.Rows, rep.Rejected, rep.Problems)
	}
	sec := s.table("SecurityEvent")
	if sec.err != nil {
		t.Fatal(sec.err)
	}
	found := false
	for i := range sec.rows {
		r := rowMap(sec, i)
		if r["EventID"] == int32(4648) {
			found = true
			want := map[string]any{"Computer": "TestComputer", "Activity": "4648 - A logon was attempted using explicit credentials.",
				"TargetUserName": "user", "SubjectUserName": "test", "ProcessName": `C:\Windows\System32\svchost.exe`,
				"Account": `TESTCOMPUTER\user`, "SubjectLogonId": "0x2995e"}
			for k, v := range want {
				if diff := cmp.Diff(v, r[k]); diff != "" {
					t.Errorf("4648 %s (-want +got):\n%s", k, diff)
				}
			}
			break
		}
	}
	if !found {
		t.Error("no 4648 event in the sample")
	}
}

func TestEVTXInZip(t *testing.T) {
	data, err := readFileBytes(evtxSample(t, "Security_1_record.evtx"))
	if err != nil {
		t.Fatal(err)
	}
	p := writeFile(t, t.TempDir(), "logs.zip", zipBytes(map[string][]byte{"Security.evtx": data}))
	s := newMemSink()
	rep, err := Ingest(context.Background(), s, []string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, c := range rep.Rows {
		n += c
	}
	if n == 0 {
		t.Errorf("no rows from the zipped EVTX: %v", rep)
	}
}
