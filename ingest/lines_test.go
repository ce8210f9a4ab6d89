package ingest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/workspace/schema"
)

var ref = refClock{ref: utc(2024, 1, 10, 12, 0, 0, 0)}

func TestParseSyslog(t *testing.T) {
	tests := []struct {
		in   string
		want syslogRecord
	}{
		{"<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
			syslogRecord{hasPRI: true, facility: 4, severity: 2, time: utc(2023, 10, 11, 22, 14, 15, 0), hasTime: true,
				host: "mymachine", app: "su", msg: "'su root' failed for lonvick on /dev/pts/8"}},
		{"Jan  9 03:04:05 web01 sshd[4242]: Failed password for root from 203.0.113.9 port 22 ssh2",
			syslogRecord{time: utc(2024, 1, 9, 3, 4, 5, 0), hasTime: true, host: "web01", app: "sshd", procID: "4242",
				msg: "Failed password for root from 203.0.113.9 port 22 ssh2"}},
		{"<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\"] \ufeffAn application event",
			syslogRecord{hasPRI: true, facility: 20, severity: 5, time: utc(2003, 10, 11, 22, 14, 15, 3_000_000), hasTime: true,
				host: "mymachine.example.com", app: "evntslog", msgID: "ID47",
				msg: "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\"] An application event"}},
		{"<13>1 - - - - - -", syslogRecord{hasPRI: true, facility: 1, severity: 5}},
		{"2021-06-22T10:00:00.123456+02:00 db01 kernel: eth0 link up",
			syslogRecord{time: utc(2021, 6, 22, 8, 0, 0, 123_456_000), hasTime: true, host: "db01", app: "kernel", msg: "eth0 link up"}},
		{"<190>Mar  1 2023 10:00:00 fw01 %ASA-6-302013: Built outbound TCP",
			syslogRecord{hasPRI: true, facility: 23, severity: 6, time: utc(2023, 3, 1, 10, 0, 0, 0), hasTime: true, host: "fw01", msg: "%ASA-6-302013: Built outbound TCP"}},
		{"Jan  9 03:04:05 sshd[7]: no host here", syslogRecord{time: utc(2024, 1, 9, 3, 4, 5, 0), hasTime: true, app: "sshd", procID: "7", msg: "no host here"}},
		{"Dec 31 23:59:59 h cron[1]: late", syslogRecord{time: utc(2023, 12, 31, 23, 59, 59, 0), hasTime: true, host: "h", app: "cron", procID: "1", msg: "late"}},
	}
	for _, tt := range tests {
		got, err := parseSyslog(tt.in, ref)
		if err != nil {
			t.Errorf("parseSyslog(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(syslogRecord{})); diff != "" {
			t.Errorf("parseSyslog(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	for _, bad := range []string{"", "hello world", "<999>Oct 11 22:14:15 h x: y", "<34>Foo 11 22:14:15 h x", "<34>1 notatime h a p m -"} {
		if _, err := parseSyslog(bad, ref); err == nil {
			t.Errorf("parseSyslog(%q) succeeded", bad)
		}
	}
}

func TestSyslogRow(t *testing.T) {
	s, _ := schema.Table("Syslog")
	ci := newColIndex(s.Columns)
	row := make([]any, len(s.Columns))
	ci.blank(row)
	r, _ := parseSyslog("<86>Jan  9 03:04:05 10.1.2.3 sudo[77]: alice : TTY=pts/0 ; COMMAND=/bin/bash", ref)
	syslogRow(r, ci, row)
	want := map[string]any{"Facility": "authpriv", "SeverityLevel": "info", "HostName": "10.1.2.3", "HostIP": "10.1.2.3",
		"ProcessName": "sudo", "ProcessID": int32(77), "SyslogMessage": "alice : TTY=pts/0 ; COMMAND=/bin/bash",
		"TimeGenerated": utc(2024, 1, 9, 3, 4, 5, 0), "Type": "Syslog"}
	for col, v := range want {
		if diff := cmp.Diff(v, row[ci.index[col]]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", col, diff)
		}
	}
}

func TestParseCEF(t *testing.T) {
	line := `<134>Feb 12 10:00:00 fw01 CEF:0|Palo Alto Networks|PAN-OS|10.1|TRAFFIC|end|3|rt=Feb 12 2024 10:00:00 src=10.0.0.5 dst=203.0.113.7 spt=51000 dpt=443 act=allow msg=Pipe \| and equals \= and a\nnewline cs1Label=Rule cs1=allow web custom=kept value`
	r, err := parseCEF(line, ref)
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := [6]string{"Palo Alto Networks", "PAN-OS", "10.1", "TRAFFIC", "end", "3"}
	wantExt := []cefPair{{"rt", "Feb 12 2024 10:00:00"}, {"src", "10.0.0.5"}, {"dst", "203.0.113.7"}, {"spt", "51000"},
		{"dpt", "443"}, {"act", "allow"}, {"msg", "Pipe | and equals = and a\nnewline"}, {"cs1Label", "Rule"},
		{"cs1", "allow web"}, {"custom", "kept value"}}
	if diff := cmp.Diff(wantHeader, r.header); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantExt, r.ext, cmp.AllowUnexported(cefPair{})); diff != "" {
		t.Errorf("extension (-want +got):\n%s", diff)
	}
	if r.syslog.host != "fw01" {
		t.Errorf("syslog host %q", r.syslog.host)
	}

	s, _ := schema.Table("CommonSecurityLog")
	ci := newColIndex(s.Columns)
	row := make([]any, len(s.Columns))
	ci.blank(row)
	cefRow(r, ci, row, ref.ref)
	want := map[string]any{"DeviceVendor": "Palo Alto Networks", "DeviceProduct": "PAN-OS", "Activity": "end", "LogSeverity": "3",
		"SourceIP": "10.0.0.5", "DestinationIP": "203.0.113.7", "SourcePort": int32(51000), "DestinationPort": int32(443),
		"DeviceAction": "allow", "DeviceCustomString1": "allow web", "DeviceCustomString1Label": "Rule",
		"AdditionalExtensions": "custom=kept value", "ReceiptTime": "Feb 12 2024 10:00:00", "Computer": "fw01",
		"TimeGenerated": utc(2024, 2, 12, 10, 0, 0, 0), "DeviceEventClassID": "TRAFFIC"}
	for col, v := range want {
		if diff := cmp.Diff(v, row[ci.index[col]]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", col, diff)
		}
	}
}

func TestCEFEdgeCases(t *testing.T) {
	tests := []struct {
		in  string
		ext []cefPair
	}{
		{"CEF:0|V|P|1|1|N|1|", nil},
		{`CEF:0|V\|x|P|1|1|N|1|a=b=c d=`, []cefPair{{"a", "b=c"}, {"d", ""}}},
		{"CEF:0|V|P|1|1|N|1|request=http://x/?a=1&b=2 src=1.2.3.4", []cefPair{{"request", "http://x/?a=1&b=2"}, {"src", "1.2.3.4"}}},
		{`CEF:0|V|P|1|1|N|1|path=C:\\Windows\\x.exe`, []cefPair{{"path", `C:\Windows\x.exe`}}},
	}
	for _, tt := range tests {
		r, err := parseCEF(tt.in, ref)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.ext, r.ext, cmp.AllowUnexported(cefPair{})); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.in, diff)
		}
	}
	if r, _ := parseCEF(`CEF:0|V\|x|P|1|1|N|1|`, ref); r.header[0] != "V|x" {
		t.Errorf("escaped pipe in header: %q", r.header[0])
	}
	if _, err := parseCEF("CEF:0|V|P", ref); err == nil {
		t.Error("short header accepted")
	}
	if got, ok := parseCEFTime("1707732000000"); !ok || !got.Equal(utc(2024, 2, 12, 10, 0, 0, 0)) {
		t.Errorf("epoch ms: %v %v", got, ok)
	}
}
