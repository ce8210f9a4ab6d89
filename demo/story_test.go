package demo

import (
	"context"
	"encoding/base64"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
)

// The story tests share one default-size run, kept as projections.
var (
	fixtureOnce sync.Once
	fixture     *checkSink
	fixtureSt   Stats
	fixtureErr  error
	fixtureTr   []Truth
)

var fixtureConfig = Config{Seed: 7, End: testEnd}

func defaultRun(t *testing.T) (*checkSink, []Truth) {
	t.Helper()
	if testing.Short() {
		t.Skip("default-size run skipped in -short mode")
	}
	fixtureOnce.Do(func() {
		start := fixtureConfig.End.Add(-DefaultDays * 24 * time.Hour)
		fixture = newCheckSink(start, fixtureConfig.End, map[string][]string{
			"SecurityEvent":                   {"TimeGenerated", "Computer", "EventID", "Account", "CommandLine", "ParentProcessName", "NewProcessName", "LogonType", "TargetUserName", "IpAddress", "EventData", "RelativeTargetName", "ShareName", "ServiceName"},
			"DeviceProcessEvents":             {"TimeGenerated", "DeviceName", "FileName", "ProcessCommandLine", "InitiatingProcessFileName", "AccountName"},
			"DeviceFileEvents":                {"TimeGenerated", "DeviceName", "ActionType", "FileName", "FolderPath", "InitiatingProcessFileName", "InitiatingProcessCommandLine"},
			"DeviceNetworkEvents":             {"TimeGenerated", "DeviceName", "RemoteIP", "RemoteUrl", "InitiatingProcessFileName"},
			"DeviceLogonEvents":               {"TimeGenerated", "DeviceName", "AccountName", "LogonType", "RemoteIP"},
			"CommonSecurityLog":               {"TimeGenerated", "DeviceVendor", "Activity", "SourceIP", "DestinationIP", "DestinationPort", "DeviceAction"},
			"DnsEvents":                       {"TimeGenerated", "Name", "ClientIP", "IPAddresses", "ResultCode"},
			"VMConnection":                    {"TimeGenerated", "Computer", "RemoteIp", "Direction", "ProcessName"},
			"SigninLogs":                      {"TimeGenerated", "UserPrincipalName", "IPAddress", "ResultType", "LocationDetails", "AppDisplayName"},
			"AADNonInteractiveUserSignInLogs": {"TimeGenerated", "UserPrincipalName", "IPAddress", "ResultType"},
			"OfficeActivity":                  {"TimeGenerated", "Operation", "UserId", "ClientIP", "Parameters", "OfficeWorkload"},
			"Syslog":                          {"TimeGenerated", "Computer", "ProcessName", "SyslogMessage"},
			"Event":                           {"TimeGenerated", "Computer", "EventID", "Source", "EventData"},
			"EmailEvents":                     {"TimeGenerated", "SenderFromDomain", "RecipientEmailAddress", "Subject"},
			"SecurityAlert":                   {"TimeGenerated", "AlertName", "ProviderName", "Entities", "ExtendedProperties", "CompromisedEntity"},
			"SecurityIncident":                {"TimeGenerated", "IncidentNumber", "Title", "Status", "AlertIds"},
			"ThreatIntelligenceIndicator":     {"TimeGenerated", "DomainName", "NetworkIP", "ExpirationDateTime"},
			"AuditLogs":                       {"TimeGenerated", "OperationName", "InitiatedBy"},
			GroundTruthTable:                  {"Story", "StartTime", "EndTime", "Entities"},
		})
		fixtureSt, fixtureErr = Generate(context.Background(), fixtureConfig, fixture)
		if fixtureErr == nil {
			fixtureTr, fixtureErr = GroundTruth(fixtureConfig)
		}
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixture, fixtureTr
}

func truthOf(t *testing.T, tr []Truth, story string) Truth {
	t.Helper()
	for _, x := range tr {
		if x.Story == story {
			return x
		}
	}
	t.Fatalf("no ground truth for %s", story)
	return Truth{}
}

// rowsWhere returns the projected rows of a table matching pred.
func rowsWhere(s *checkSink, tbl string, pred func(r []any) bool) [][]any {
	var out [][]any
	for _, r := range s.rows[tbl] {
		if pred(r) {
			out = append(out, r)
		}
	}
	return out
}

func str(v any) string { s, _ := v.(string); return s }

func inWindow(r []any, tr Truth) bool {
	ts := r[0].(time.Time)
	return !ts.Before(tr.Start.Add(-time.Hour)) && !ts.After(tr.End.Add(time.Hour))
}

func TestRowsWellFormed(t *testing.T) {
	s, _ := defaultRun(t)
	for _, e := range s.errs {
		t.Error(e)
	}
}

func TestStoryPhishing(t *testing.T) {
	s, tr := defaultRun(t)
	x := truthOf(t, tr, storyPhish)
	host := x.Hosts[0]
	cradles := rowsWhere(s, "SecurityEvent", func(r []any) bool {
		return r[2] == int32(4688) && strings.HasSuffix(str(r[5]), `\WINWORD.EXE`) && strings.Contains(str(r[4]), " -enc ")
	})
	if len(cradles) != 1 || !strings.HasPrefix(str(cradles[0][1]), host+".") || !inWindow(cradles[0], x) {
		t.Fatalf("winword → powershell -enc: got %v", cradles)
	}
	script := decodePS(t, strings.Fields(str(cradles[0][4]))[5])
	if !strings.Contains(script, "(New-Object Net.WebClient).DownloadString('http://"+c2Domain) {
		t.Errorf("decoded cradle = %q", script)
	}
	mails := rowsWhere(s, "EmailEvents", func(r []any) bool { return r[1] == phishDomain })
	if len(mails) != 4 {
		t.Errorf("phishing mails: got %d, want 4", len(mails))
	}
	dns := rowsWhere(s, "DnsEvents", func(r []any) bool { return r[1] == c2Domain })
	if len(dns) < 100 {
		t.Errorf("DNS lookups of the C2 domain: %d", len(dns))
	}
	alerts := rowsWhere(s, "SecurityAlert", func(r []any) bool { return r[1] == "Suspicious PowerShell command line" })
	if len(alerts) != 1 || !strings.Contains(str(alerts[0][3]), `"Type":"process"`) {
		t.Errorf("alert: %v", alerts)
	}
}

// TestBeaconRegular checks the firewall sees the implant call home every
// 60 seconds: in night hours, when the desktop does little else, most
// consecutive connections from it are exactly 60 s apart (what the
// PaloAlto-NetworkBeaconing analytic measures).
func TestBeaconRegular(t *testing.T) {
	s, tr := defaultRun(t)
	x := truthOf(t, tr, storyPhish)
	var times []time.Time
	for _, r := range rowsWhere(s, "CommonSecurityLog", func(r []any) bool { return r[4] == c2IP.String() && r[5] == int32(443) }) {
		times = append(times, r[0].(time.Time))
	}
	if len(times) < 2000 {
		t.Fatalf("beacons seen by the firewall: %d", len(times))
	}
	sixty := 0
	for i := 1; i < len(times); i++ {
		if times[i].Truncate(time.Second).Sub(times[i-1].Truncate(time.Second)) == time.Minute {
			sixty++
		}
	}
	if frac := float64(sixty) / float64(len(times)-1); frac < 0.8 {
		t.Errorf("60 s deltas: %.2f of %d", frac, len(times))
	}
	if times[0].Before(x.Start) {
		t.Errorf("beacon before the story starts")
	}
}

func decodePS(t *testing.T, enc string) string {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(enc)
	if err != nil || len(b)%2 != 0 {
		t.Fatalf("bad -enc payload %q: %v", enc, err)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
	}
	return string(utf16.Decode(u))
}

func TestStoryLSASS(t *testing.T) {
	s, tr := defaultRun(t)
	x := truthOf(t, tr, storyLSASS)
	dumps := rowsWhere(s, "DeviceProcessEvents", func(r []any) bool {
		c := str(r[3])
		return strings.Contains(c, "lsass") && (strings.Contains(c, "MiniDump") || strings.Contains(c, " -ma "))
	})
	var comsvcs, procdump bool
	for _, r := range dumps {
		if !inWindow(r, x) || !strings.HasPrefix(str(r[1]), strings.ToLower(x.Hosts[0])) {
			t.Errorf("dump outside the story: %v", r)
		}
		comsvcs = comsvcs || (r[2] == "rundll32.exe" && strings.Contains(str(r[3]), "comsvcs.dll, MiniDump"))
		procdump = procdump || (r[2] == "procdump64.exe" && strings.Contains(str(r[3]), "-accepteula -ma lsass.exe"))
	}
	if !comsvcs || !procdump {
		t.Errorf("comsvcs %v procdump %v in %v", comsvcs, procdump, dumps)
	}
	files := rowsWhere(s, "DeviceFileEvents", func(r []any) bool { return r[3] == "lsass.dmp" && r[2] == "FileCreated" })
	if len(files) != 1 {
		t.Errorf("lsass.dmp created: %v", files)
	}
}

func TestStoryLateralMovement(t *testing.T) {
	s, tr := defaultRun(t)
	x := truthOf(t, tr, storyLateral)
	svc := rowsWhere(s, "Event", func(r []any) bool { return r[2] == int32(7045) && strings.Contains(str(r[4]), "PSEXESVC") })
	if len(svc) != 2 || !strings.HasPrefix(str(svc[0][1]), "FS01.") {
		t.Errorf("7045 PSEXESVC: %v", svc)
	}
	admin := strings.SplitN(x.Users[0], "@", 2)[0]
	_ = admin
	logons := rowsWhere(s, "SecurityEvent", func(r []any) bool {
		return r[2] == int32(4624) && r[7] == int32(3) && strings.HasPrefix(str(r[1]), "FS01.") && strings.HasPrefix(str(r[8]), "adm-") && inWindow(r, x)
	})
	if len(logons) < 2 {
		t.Errorf("network logons of the admin on FS01: %v", logons)
	}
	tasks := rowsWhere(s, "SecurityEvent", func(r []any) bool { return r[2] == int32(4698) })
	if len(tasks) != 1 || !strings.Contains(str(tasks[0][10]), "Command&gt;powershell.exe&lt;") {
		t.Errorf("4698: %v", tasks)
	}
	shares := rowsWhere(s, "SecurityEvent", func(r []any) bool { return r[2] == int32(5145) && r[11] == "PSEXESVC.exe" })
	if len(shares) != 2 {
		t.Errorf("5145 ADMIN$ PSEXESVC.exe: %d", len(shares))
	}
	vm := rowsWhere(s, "VMConnection", func(r []any) bool { return strings.HasPrefix(str(r[1]), "FS01.") && r[2] == c2IP.String() })
	if len(vm) < 20 {
		t.Errorf("FS01 task beacons in VMConnection: %d", len(vm))
	}
}

func TestStoryPasswordSpray(t *testing.T) {
	s, tr := defaultRun(t)
	x := truthOf(t, tr, storySpray)
	victim := x.Users[0]
	users := map[string]bool{}
	var success, travel []time.Time
	for _, r := range s.rows["SigninLogs"] {
		switch r[2] {
		case sprayIP.String():
			if r[3] == "50126" {
				users[str(r[1])] = true
			}
			if r[3] == "0" {
				if r[1] != victim {
					t.Errorf("spray success for %v", r[1])
				}
				success = append(success, r[0].(time.Time))
			}
		case travelIP.String():
			if r[1] != victim || r[3] != "0" {
				t.Errorf("travel sign-in %v", r)
			}
			if loc := r[4].(map[string]any); loc["countryOrRegion"] != "NG" {
				t.Errorf("travel location %v", loc)
			}
			travel = append(travel, r[0].(time.Time))
		}
	}
	if len(users) < 50 || len(success) != 1 || len(travel) != 3 {
		t.Fatalf("spray users %d, successes %d, travel sign-ins %d", len(users), len(success), len(travel))
	}
	// Within the hour before the first Lagos sign-in the user signed in from England.
	var home bool
	for _, r := range s.rows["SigninLogs"] {
		ts := r[0].(time.Time)
		if r[1] == victim && ts.Before(travel[0]) && ts.After(travel[0].Add(-time.Hour)) {
			home = home || r[4].(map[string]any)["countryOrRegion"] == "GB"
		}
	}
	if !home {
		t.Errorf("no sign-in from GB within the hour before the impossible travel")
	}
	if a := rowsWhere(s, "SecurityAlert", func(r []any) bool { return r[1] == "Impossible travel activity" }); len(a) != 1 {
		t.Errorf("impossible travel alert: %v", a)
	}
}

func TestStoryMailbox(t *testing.T) {
	s, tr := defaultRun(t)
	x := truthOf(t, tr, storyMailbox)
	rules := rowsWhere(s, "OfficeActivity", func(r []any) bool { return strings.Contains(str(r[4]), "ForwardTo") })
	if len(rules) != 2 {
		t.Fatalf("forwarding rules: %v", rules)
	}
	for _, r := range rules {
		if !strings.Contains(str(r[4]), forwardAddress) || !strings.HasPrefix(str(r[3]), travelIP.String()+":") || r[5] != "Exchange" {
			t.Errorf("rule %v", r)
		}
	}
	downloads := rowsWhere(s, "OfficeActivity", func(r []any) bool { return r[1] == "FileDownloaded" && r[3] == travelIP.String() })
	if len(downloads) < 100 {
		t.Errorf("downloads from the attacker: %d", len(downloads))
	}
	for _, r := range downloads {
		if !inWindow(r, x) || r[2] != strings.ToLower(x.Users[0]) {
			t.Errorf("download %v", r)
		}
	}
}

func TestStorySSH(t *testing.T) {
	s, tr := defaultRun(t)
	x := truthOf(t, tr, storySSH)
	failed := rowsWhere(s, "Syslog", func(r []any) bool {
		return strings.HasPrefix(str(r[3]), "Failed password for invalid user admin from "+bruteIP.String())
	})
	if len(failed) <= 15 {
		t.Errorf("failed passwords for invalid user admin: %d", len(failed))
	}
	accepted := rowsWhere(s, "Syslog", func(r []any) bool {
		return strings.HasPrefix(str(r[3]), "Accepted password for deploy from "+bruteIP.String())
	})
	if len(accepted) != 1 || accepted[0][1] != "bastion01" {
		t.Fatalf("accepted: %v", accepted)
	}
	sudo := rowsWhere(s, "Syslog", func(r []any) bool { return r[2] == "sudo" && strings.Contains(str(r[3]), "base64 -d | bash") })
	if len(sudo) != 1 || !inWindow(sudo[0], x) {
		t.Fatalf("sudo base64: %v", sudo)
	}
	enc := regexp.MustCompile(`echo ([A-Za-z0-9+/=]+) \| base64 -d`).FindStringSubmatch(str(sudo[0][3]))
	dec, err := base64.StdEncoding.DecodeString(enc[1])
	if err != nil || !strings.Contains(string(dec), "curl -s http://"+dropperIP.String()) {
		t.Errorf("decoded: %q %v", dec, err)
	}
}

func TestAlertsAndIncidents(t *testing.T) {
	s, tr := defaultRun(t)
	if len(s.rows["SecurityAlert"]) < 6 {
		t.Errorf("alerts: %d", len(s.rows["SecurityAlert"]))
	}
	alerted := map[string]bool{}
	for _, x := range tr {
		alerted[x.Story] = x.Alerted
	}
	want := map[string]bool{storyPhish: true, storyLSASS: true, storyLateral: false, storySpray: true, storyMailbox: false, storySSH: false}
	for k, v := range want {
		if alerted[k] != v {
			t.Errorf("%s alerted = %v, want %v", k, alerted[k], v)
		}
	}
	if len(s.rows["SecurityIncident"]) < 4 {
		t.Errorf("incident rows: %d", len(s.rows["SecurityIncident"]))
	}
	if len(s.rows[GroundTruthTable]) != 6 {
		t.Errorf("ground truth rows: %d", len(s.rows[GroundTruthTable]))
	}
}

// TestNoStoryLeaks checks the background never does what only the stories
// do, so a hunt that finds something found the story.
func TestNoStoryLeaks(t *testing.T) {
	s, tr := defaultRun(t)
	phish := truthOf(t, tr, storyPhish)
	for _, r := range s.rows["SecurityEvent"] {
		c := strings.ToLower(str(r[4]))
		if (strings.Contains(c, " -enc ") || strings.Contains(c, "-encodedcommand")) && !strings.HasPrefix(str(r[1]), phish.Hosts[0]+".") {
			t.Errorf("encoded PowerShell outside the story: %v", r)
		}
		if strings.Contains(c, "lsass") && r[2] == int32(4688) && !inWindow(r, truthOf(t, tr, storyLSASS)) {
			t.Errorf("lsass command line outside the story: %v", r)
		}
	}
	for _, r := range s.rows["OfficeActivity"] {
		if strings.Contains(str(r[4]), "ForwardTo") && !strings.HasPrefix(str(r[3]), travelIP.String()) {
			t.Errorf("forwarding rule outside the story: %v", r)
		}
	}
	for _, r := range s.rows["Syslog"] {
		if strings.Contains(str(r[3]), "base64") && !strings.Contains(str(r[3]), "/tmp/.x.sh") && r[2] != "sudo" {
			t.Errorf("base64 outside the story: %v", r)
		}
	}
	for _, r := range s.rows["CommonSecurityLog"] {
		if r[4] == c2IP.String() && r[3] != phishHostIP(t, s, phish) && r[3] != "10.0.10.20" {
			t.Errorf("C2 traffic from an unexpected source: %v", r)
		}
	}
	for _, r := range s.rows["Event"] {
		if strings.Contains(str(r[4]), "PSEXESVC") && !strings.HasPrefix(str(r[1]), "FS01.") {
			t.Errorf("PSEXESVC outside the story: %v", r)
		}
	}
}

func phishHostIP(t *testing.T, s *checkSink, x Truth) string {
	for _, r := range s.rows["DeviceNetworkEvents"] {
		if r[3] == c2Domain && strings.HasPrefix(str(r[1]), strings.ToLower(x.Hosts[0])) {
			break
		}
	}
	o := NewOrg(fixtureConfig.Seed)
	return o.Host(x.Hosts[0]).IP.String()
}
