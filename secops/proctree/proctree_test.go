package proctree

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/huntbook/huntbook/table"
)

func strTable(cols string, rows ...string) *table.Table {
	t := &table.Table{}
	for _, c := range strings.Split(cols, ",") {
		t.Columns = append(t.Columns, table.Column{Name: c, Type: table.String})
	}
	for _, r := range rows {
		var row []any
		for _, v := range strings.Split(r, ",") {
			row = append(row, v)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func TestDetectSchema(t *testing.T) {
	tests := []struct {
		cols string
		want Kind
	}{
		{"TimeGenerated,Computer,NewProcessId,NewProcessName,ProcessId,ParentProcessName,CommandLine,SubjectLogonId", Windows4688},
		{"UtcTime,Computer,ProcessGuid,ProcessId,Image,CommandLine,ParentProcessGuid,ParentProcessId,ParentImage", Sysmon1},
		{"utctime,hostname,processid,image,parentprocessid", Sysmon1}, // case-insensitive, GUIDs optional
		{"Timestamp,DeviceName,ProcessId,FileName,ProcessCommandLine,ProcessCreationTime,InitiatingProcessId,InitiatingProcessFileName,InitiatingProcessCreationTime", DeviceProcessEvents},
		{"CreatedProcessId,CreatedProcessName,CreatedProcessCreationTime,InitiatingProcessId,InitiatingProcessCreationTime,ComputerDnsName", MDERaw},
		{"TimeGenerated,host,pid,ppid,exe,cmdline", LinuxExecve},
	}
	for _, tt := range tests {
		s, err := DetectSchema(strings.Split(tt.cols, ","))
		if err != nil || s.Kind != tt.want {
			t.Errorf("DetectSchema(%s) = %v, %v; want %s", tt.cols, s.Kind, err, tt.want)
		}
	}
	s, _ := DetectSchema(strings.Split(tests[0].cols, ","))
	want := "SecurityEvent 4688 host=Computer pid=NewProcessId parent_pid=ProcessId name=NewProcessName parent_name=ParentProcessName command_line=CommandLine time=TimeGenerated"
	if s.String() != want {
		t.Errorf("4688 mapping:\n got %s\nwant %s", s, want)
	}
	_, err := DetectSchema([]string{"TimeGenerated", "Computer", "NewProcessId", "NewProcessName"})
	if !errors.Is(err, ErrNoSchema) || !strings.Contains(err.Error(), "SecurityEvent 4688 lacks ProcessId") {
		t.Errorf("missing creator pid: %v", err)
	}
}

func TestParsePID(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0x1a4", 420, true}, {"0X1A4", 420, true}, {" 4242 ", 4242, true}, {"4242.0", 4242, true},
		{"0x", 0, false}, {"-5", 0, false}, {"4242.5", 0, false}, {"", 0, false}, {"0xZZ", 0, false},
		{"0x7fffffffffffffff", 1<<63 - 1, true}, {"0x8000000000000000", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParsePID(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParsePID(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseTime(t *testing.T) {
	want := time.Date(2019, 1, 15, 5, 15, 15, 677_000_000, time.UTC)
	for _, in := range []string{
		"2019-01-15 05:15:15.677", "2019-01-15T05:15:15.677Z", "2019-01-15 05:15:15.677000+00:00",
		"2019-01-15T07:15:15.677+02:00", "1/15/2019, 5:15:15.677 AM", "1547529315.677",
	} {
		got, ok := ParseTime(in)
		if !ok || !got.Equal(want) {
			t.Errorf("ParseTime(%q) = %v, %v", in, got, ok)
		}
	}
	if _, ok := ParseTime("yesterday"); ok {
		t.Error("ParseTime accepted text")
	}
}

const cols4688 = "Computer,TimeGenerated,NewProcessId,NewProcessName,ProcessId,ParentProcessName,CommandLine"

// A 4688 story on two hosts that reuse the same pids: the tree must not mix
// the hosts, must follow pid reuse in time, and must infer the parents it
// never saw.
func TestBuild4688PidReuse(t *testing.T) {
	in := strTable(cols4688,
		"WS1,2024-03-01 10:00:00,0x100,C:\\Windows\\explorer.exe,0x50,C:\\Windows\\System32\\userinit.exe,explorer.exe",
		"WS1,2024-03-01 10:05:00,0x200,C:\\Windows\\System32\\cmd.exe,0x100,C:\\Windows\\explorer.exe,cmd.exe",
		"WS2,2024-03-01 10:06:00,0x300,C:\\Windows\\System32\\whoami.exe,0x200,C:\\Windows\\System32\\cmd.exe,whoami",
		"WS1,2024-03-01 10:07:00,0x300,C:\\Windows\\System32\\net.exe,0x200,C:\\Windows\\System32\\cmd.exe,net user",
		"WS1,2024-03-01 11:00:00,0x200,C:\\Windows\\System32\\notepad.exe,0x100,C:\\Windows\\explorer.exe,notepad",
		"WS1,2024-03-01 11:01:00,0x400,C:\\Windows\\System32\\reg.exe,0x200,C:\\Windows\\System32\\notepad.exe,reg query",
		"WS1,2024-03-01 11:02:00,0x500,C:\\Temp\\evil.exe,0x200,C:\\Windows\\System32\\cmd.exe,evil",
	)
	tr, err := Build(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, tr, in)
	type row struct {
		Key, Parent string
		Depth       int
		Inferred    bool
	}
	var got []row
	for _, n := range tr.Nodes {
		got = append(got, row{n.Key, n.ParentKey, n.Depth, n.Inferred})
	}
	want := []row{
		{"WS1|80|<2024-03-01T10:00:00.0000000Z", "", 0, true},
		{"WS1|256|2024-03-01T10:00:00.0000000Z", "WS1|80|<2024-03-01T10:00:00.0000000Z", 1, false},
		{"WS1|512|2024-03-01T10:05:00.0000000Z", "WS1|256|2024-03-01T10:00:00.0000000Z", 2, false},
		{"WS1|768|2024-03-01T10:07:00.0000000Z", "WS1|512|2024-03-01T10:05:00.0000000Z", 3, false},
		{"WS1|512|2024-03-01T11:00:00.0000000Z", "WS1|256|2024-03-01T10:00:00.0000000Z", 2, false},
		{"WS1|1024|2024-03-01T11:01:00.0000000Z", "WS1|512|2024-03-01T11:00:00.0000000Z", 3, false},
		// evil.exe names cmd.exe as its parent, but pid 0x200 is notepad by
		// then: cmd.exe's pid was reused, so evil.exe's parent is inferred.
		{"WS1|512|<2024-03-01T11:02:00.0000000Z", "", 0, true},
		{"WS1|1280|2024-03-01T11:02:00.0000000Z", "WS1|512|<2024-03-01T11:02:00.0000000Z", 1, false},
		{"WS2|512|<2024-03-01T10:06:00.0000000Z", "", 0, true},
		{"WS2|768|2024-03-01T10:06:00.0000000Z", "WS2|512|<2024-03-01T10:06:00.0000000Z", 1, false},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("tree (-want +got):\n%s", d)
	}
}

func TestBuildSysmonGUIDs(t *testing.T) {
	in := strTable("Computer,UtcTime,ProcessGuid,ProcessId,Image,ParentProcessGuid,ParentProcessId,ParentImage,CommandLine",
		"DC1,2024-03-01 10:00:00.000,{A-1},100,C:\\w\\winword.exe,{P-0},50,C:\\w\\explorer.exe,winword",
		"DC1,2024-03-01 10:00:01.000,{A-2},200,C:\\w\\powershell.exe,{A-1},100,C:\\w\\winword.exe,powershell -enc",
		// Same pid and parent pid, other GUIDs: only the GUIDs tell these apart.
		"DC1,2024-03-01 10:00:02.000,{A-3},300,C:\\w\\rundll32.exe,{A-2},200,C:\\w\\powershell.exe,rundll32",
		"DC1,2024-03-01 10:00:02.000,{A-4},300,C:\\w\\rundll32.exe,{A-9},200,C:\\w\\powershell.exe,rundll32",
	)
	tr, err := Build(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range tr.Nodes {
		got = append(got, strings.Repeat("  ", n.Depth)+n.Key+" "+baseName(n.Name))
	}
	want := []string{
		"{p-0} explorer.exe",
		"  {a-1} winword.exe",
		"    {a-2} powershell.exe",
		"      {a-3} rundll32.exe",
		"{a-9} powershell.exe",
		"  {a-4} rundll32.exe",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("tree (-want +got):\n%s", d)
	}
}

func TestBuildDeviceProcessEvents(t *testing.T) {
	in := strTable("DeviceName,ProcessId,FileName,ProcessCreationTime,InitiatingProcessId,InitiatingProcessFileName,InitiatingProcessCreationTime,InitiatingProcessParentId,InitiatingProcessParentFileName,InitiatingProcessParentCreationTime",
		"ws7,900,mshta.exe,2024-03-01T10:00:02Z,800,cmd.exe,2024-03-01T10:00:01Z,700,winrar.exe,2024-03-01T10:00:00Z",
		"ws7,901,explorer.exe,2024-03-01T10:00:03Z,900,mshta.exe,2024-03-01T10:00:02Z,800,cmd.exe,2024-03-01T10:00:01Z",
		"ws7,902,conhost.exe,2024-03-01T10:00:01.5Z,800,cmd.exe,2024-03-01T10:00:01Z,700,winrar.exe,2024-03-01T10:00:00Z",
	)
	tr, err := Build(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, tr, in)
	var got []string
	for _, n := range tr.Nodes {
		got = append(got, strings.Repeat("  ", n.Depth)+n.Name)
	}
	want := []string{"winrar.exe", "  cmd.exe", "    conhost.exe", "    mshta.exe", "      explorer.exe"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("tree (-want +got):\n%s", d)
	}
	if !tr.Nodes[0].Inferred || !tr.Nodes[1].Inferred || tr.Nodes[1].Time.IsZero() {
		t.Errorf("winrar and cmd should be inferred with known times: %+v %+v", tr.Nodes[0], tr.Nodes[1])
	}
}

func TestTableOutput(t *testing.T) {
	in := strTable(cols4688,
		"WS1,2024-03-01 10:00:00,0x100,C:\\w\\cmd.exe,0x50,C:\\w\\explorer.exe,cmd",
		"WS1,2024-03-01 10:00:05,0x104,C:\\w\\net.exe,0x100,C:\\w\\cmd.exe,net user",
		"WS1,2024-03-01 10:00:05,0x104,C:\\w\\net.exe,0x100,C:\\w\\cmd.exe,net user", // duplicate event
	)
	tr, err := Build(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	out := tr.Table(in)
	var got [][]any
	for _, r := range out.Rows {
		got = append(got, r[len(in.Columns):])
	}
	root, cmd := "WS1|80|<2024-03-01T10:00:00.0000000Z", "WS1|256|2024-03-01T10:00:00.0000000Z"
	net := "WS1|260|2024-03-01T10:00:05.0000000Z"
	want := [][]any{
		{root, "", int64(0), root, true, false, true, int64(0)},
		{cmd, root, int64(1), root + "/" + cmd, false, false, false, int64(1)},
		{net, cmd, int64(2), root + "/" + cmd + "/" + net, false, true, false, int64(2)},
		{net, cmd, int64(2), root + "/" + cmd + "/" + net, false, true, false, int64(2)},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("annotations (-want +got):\n%s", d)
	}
	if r := out.Rows[0]; r[0] != "WS1" || r[2] != "0x50" || r[3] != "C:\\w\\explorer.exe" || r[6] != "" {
		t.Errorf("inferred row %v", r)
	}
	if len(out.Columns) != len(in.Columns)+len(OutputColumns) {
		t.Errorf("%d columns", len(out.Columns))
	}
}

func TestBuildCycleAndCancel(t *testing.T) {
	// Two events at the same instant that name each other as parent.
	in := strTable("host,TimeGenerated,pid,ppid,exe",
		"h,2024-03-01T10:00:00Z,10,20,/bin/a",
		"h,2024-03-01T10:00:00Z,20,10,/bin/b",
	)
	tr, err := Build(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, tr, in)
	if roots, _, _ := stats(tr); roots != 1 {
		t.Errorf("%d roots, want the cycle cut once", roots)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, in); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled build: %v", err)
	}
}
