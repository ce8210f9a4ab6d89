package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/demo"
	"github.com/huntbook/huntbook/engine/exec"
	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace"
)

// storyHunt is an analyst's query that must find one demo story, and what
// its result must show.
type storyHunt struct {
	story string
	query string
	// want are strings the result must contain (case-insensitive), and
	// rows the exact row count (0: at least one row).
	want []string
	rows int
}

// The hunts below are written the way an analyst would, independently of
// the generator's own HuntQuery column (which is checked too).
var storyHunts = []storyHunt{
	{story: "a-phishing-macro-beacon", rows: 1, want: []string{"LON-WS0367"},
		// Regular beaconing: connections to the C2 domain at a steady interval.
		query: `DeviceNetworkEvents
| where RemoteUrl has "sync-cdn-update.net" and DeviceName startswith "LON-WS0367"
| sort by TimeGenerated asc
| serialize
| extend Gap = (TimeGenerated - prev(TimeGenerated)) / 1s
| summarize Beacons = count(), P10 = percentile(Gap, 10), P90 = percentile(Gap, 90) by DeviceName
| where Beacons > 20 and P90 - P10 < 10`},
	{story: "b-lsass-credential-dump", rows: 2, want: []string{"comsvcs.dll", "procdump64.exe", "LON-WS0367"},
		query: `SecurityEvent
| where EventID == 4688 and Process in~ ("rundll32.exe", "procdump64.exe") and CommandLine has "lsass"
| project TimeGenerated, Computer, Account, CommandLine`},
	{story: "c-psexec-scheduled-task", want: []string{`BRIGHTWATER\adm-ikhan`, "FS01"},
		query: `SecurityEvent
| where EventID == 4698 and Computer startswith "FS01"
| project TimeGenerated, Computer, Account`},
	{story: "d-password-spray-impossible-travel", rows: 1, want: []string{"198.51.100.77"},
		// One or two failures per account over many accounts: a spray, not
		// a user who forgot a password.
		query: `SigninLogs
| where ResultType == "50126"
| summarize Users = dcount(UserPrincipalName), Failures = count() by IPAddress
| where Users >= 20 and Failures <= 3 * Users`},
	{story: "e-mailbox-forwarding-exfiltration", want: []string{"jessica.ellis@brightwaterlogistics.com", "192.0.2.44"},
		query: `OfficeActivity
| where Operation in ("New-InboxRule", "Set-InboxRule") and Parameters has "mailbox-secure.net"
| project TimeGenerated, UserId, ClientIP`},
	{story: "f-ssh-bruteforce-base64", rows: 1, want: []string{"bastion01", "192.0.2.201"},
		query: `Syslog
| where SyslogMessage has "Failed password"
| extend SrcIP = extract(@"from (\d+\.\d+\.\d+\.\d+)", 1, SyslogMessage)
| summarize Attempts = count() by Computer, SrcIP
| where Attempts > 20`},
}

// asimHunts find stories through the ASIM normalisation functions the
// workspace catalog serves (package workspace/asim), over the demo's
// Windows, Defender, Entra ID, firewall and Syslog tables at once.
var asimHunts = []storyHunt{
	{story: "a-phishing-macro-beacon", rows: 1, want: []string{"lon-ws0367", `brightwater\sward`, "Security Events", "M365 Defender for Endpoint"},
		// the encoded PowerShell Word started, seen by both process sources
		query: `imProcessCreate(commandline_has_any=dynamic(["enc", "encodedcommand"]))
| where ActingProcessName endswith "WINWORD.EXE" and TargetProcessFileName =~ "powershell.exe"
| summarize Sources = make_set(EventProduct) by Dvc = tolower(Dvc), ActorUsername = tolower(ActorUsername)`},
	{story: "a-phishing-macro-beacon", rows: 1, want: []string{"lon-ws0367"},
		// the beacon, as endpoint network sessions to the C2 address
		query: `imNetworkSession(dstipaddr_has_any_prefix=dynamic(["198.51.100.23"]), dstportnumber=443)
| where EventProduct == "M365 Defender for Endpoint"
| summarize Connections = count() by Dvc = tolower(Dvc)
| where Connections > 20`},
	{story: "c-psexec-scheduled-task", rows: 2, want: []string{`C:\Windows\PSEXESVC.exe`, "PsExec64.exe", "fs01"},
		query: `imFileEvent(targetfilepath_has_any=dynamic(["PSEXESVC.exe"]))
| where EventType == "FileCreated"
| project TimeGenerated, Dvc, TargetFilePath, ActingProcessName`},
	{story: "d-password-spray-impossible-travel", rows: 1, want: []string{"198.51.100.77"},
		// the window the ground truth gives: about a day before the end
		query: `imAuthentication(starttime=datetime(2026-11-18), endtime=datetime(2026-11-20),
    eventresultdetails_in=dynamic(["No such user or password"]))
| where EventProduct == "AAD"
| summarize Users = dcount(TargetUsername), Failures = count() by SrcIpAddr
| where Users >= 20 and Failures <= 3 * Users`},
	{story: "f-ssh-bruteforce-base64", rows: 1, want: []string{"bastion01", "192.0.2.201"},
		query: `_Im_Authentication(eventresult="Failure")
| where EventProduct == "OpenSSH"
| summarize Attempts = count(), Users = dcount(TargetUsername) by SrcIpAddr, Dvc
| where Attempts > 20`},
}

// TestDemoStoriesFoundByKQL generates a small demo organisation and hunts
// each attack story with KQL: the ground truth's own hunt query must find
// rows inside the story's time window only, and an independent analyst's
// query must find the story's entities.
func TestDemoStoriesFoundByKQL(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a demo workspace")
	}
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "demo")
	// Seed 1 is the default demo organisation, whose names the hunts use.
	cfg := demo.Config{Seed: 1, Events: 60_000, Days: 7, End: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}
	if _, err := generateDemo(ctx, dir, cfg); err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.Open(ctx, dir, workspace.OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	cat, err := ws.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	x := exec.New(ws.DB, exec.WithCatalog(cat))
	query := func(t *testing.T, q string) *table.Table {
		t.Helper()
		res, err := x.Run(ctx, q, nil, exec.RunOptions{})
		if err != nil {
			t.Fatalf("%v\nquery:\n%s", err, q)
		}
		return res.Table
	}
	truth := query(t, `HuntbookGroundTruth | project Story, HuntQuery, StartTime, EndTime | sort by Story asc`)
	if len(truth.Rows) != len(storyHunts) {
		t.Fatalf("ground truth has %d stories, the test hunts %d", len(truth.Rows), len(storyHunts))
	}
	for i, row := range truth.Rows {
		story, hunt := row[0].(string), row[1].(string)
		start, end := row[2].(time.Time), row[3].(time.Time)
		t.Run(story, func(t *testing.T) {
			checkInWindow(t, query(t, hunt), start, end)
			h := storyHunts[i]
			if h.story != story {
				t.Fatalf("hunt %d is for %s, ground truth row is %s", i, h.story, story)
			}
			got := query(t, h.query)
			checkFinds(t, got, h)
		})
	}
	for _, h := range asimHunts {
		t.Run("asim/"+h.story, func(t *testing.T) {
			checkFinds(t, query(t, h.query), h)
		})
	}
}

// checkInWindow requires rows, all of them inside the story's window (no
// background event looks like the attack). A time binned by the query may
// start up to an hour before the window.
func checkInWindow(t *testing.T, got *table.Table, start, end time.Time) {
	t.Helper()
	if len(got.Rows) == 0 {
		t.Fatal("the ground truth's hunt query finds nothing")
	}
	col := -1
	for i, c := range got.Columns {
		if c.Name == "TimeGenerated" {
			col = i
		}
	}
	if col < 0 {
		return // aggregated: no per-event time
	}
	for _, r := range got.Rows {
		if ts, ok := r[col].(time.Time); ok && (ts.Before(start.Add(-time.Hour)) || ts.After(end)) {
			t.Errorf("the hunt query finds an event at %s, outside the story's window %s–%s", ts, start, end)
		}
	}
}

func checkFinds(t *testing.T, got *table.Table, h storyHunt) {
	t.Helper()
	if h.rows > 0 && len(got.Rows) != h.rows || len(got.Rows) == 0 {
		t.Fatalf("the analyst's hunt finds %d rows, want %d:\n%s", len(got.Rows), h.rows, tableText(got))
	}
	text := strings.ToLower(tableText(got))
	for _, w := range h.want {
		if !strings.Contains(text, strings.ToLower(w)) {
			t.Errorf("the analyst's hunt does not show %q:\n%s", w, text)
		}
	}
}

func tableText(t *table.Table) string {
	var b strings.Builder
	for _, r := range t.Rows {
		for _, v := range r {
			fmt.Fprintf(&b, "%v\t", v)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
