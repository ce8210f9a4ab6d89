package proctree

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/table"
)

func FuzzParsePID(f *testing.F) {
	for _, s := range []string{"0x1a4", "4242", "4242.0", "", "0x", "-1", "1e3", "0x8000000000000000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParsePID(s)
		if !ok {
			return
		}
		if v < 0 {
			t.Fatalf("ParsePID(%q) = %d", s, v)
		}
		// A parsed pid reads back from both of its canonical spellings.
		for _, txt := range []string{strconv.FormatInt(v, 10), "0x" + strconv.FormatInt(v, 16)} {
			if w, ok := ParsePID(txt); !ok || w != v {
				t.Fatalf("ParsePID(%q) = %d but %q gives %d, %v", s, v, txt, w, ok)
			}
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2019-01-15 05:15:15.677", "2019-01-15T05:15:15.677Z", "1/15/2019, 5:15:15.677 AM", "1547529315.677", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, ok := ParseTime(s)
		if ok && tm.Location() != time.UTC {
			t.Fatalf("ParseTime(%q) not in UTC", s)
		}
	})
}

// FuzzBuild builds trees from arbitrary column names and cells: a schema is
// found or a clear error returned, and every tree satisfies the invariants.
func FuzzBuild(f *testing.F) {
	f.Add("Computer,TimeGenerated,NewProcessId,ProcessId,NewProcessName,ParentProcessName", "h,2024-01-01 00:00:00,0x10,0x4,a.exe,b.exe;h,2024-01-01 00:00:01,0x14,0x10,c.exe,a.exe")
	f.Add("host,time,pid,ppid,exe", "h,1700000000,1,0,/sbin/init;h,1700000001,2,1,/bin/sh;h,1700000001,1,2,/bin/x")
	f.Add("ProcessGuid,ParentProcessGuid,ProcessId,ParentProcessId,Image", "a,b,1,2,x;b,a,2,1,y")
	f.Fuzz(func(t *testing.T, cols, rows string) {
		names := strings.Split(cols, ",")
		in := &table.Table{}
		for _, n := range names {
			in.Columns = append(in.Columns, table.Column{Name: n, Type: table.String})
		}
		for _, r := range strings.Split(rows, ";") {
			cells := strings.Split(r, ",")
			row := make([]any, len(names))
			for i := range row {
				row[i] = ""
				if i < len(cells) {
					row[i] = cells[i]
				}
			}
			in.Rows = append(in.Rows, row)
		}
		tr, err := Build(context.Background(), in)
		if err != nil {
			return
		}
		checkInvariants(t, tr, in)
		out := tr.Table(in)
		if len(out.Rows) < len(in.Rows) {
			t.Fatalf("%d output rows for %d input rows", len(out.Rows), len(in.Rows))
		}
	})
}

// synthetic4688 returns n 4688 events over hosts hosts: process trees of
// shells spawning tools, with pids drawn from a small range so that they
// are reused, as on a busy server.
func synthetic4688(n, hosts int) *table.Table {
	in := strTable(cols4688)
	r := rand.New(rand.NewPCG(7, 8))
	start := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	live := make([][]int64, hosts)
	names := []string{"cmd.exe", "powershell.exe", "net.exe", "whoami.exe", "svchost.exe", "rundll32.exe"}
	for i := range n {
		h := i % hosts
		pid := int64(4 * (1 + r.IntN(8000)))
		ppid := int64(4)
		if len(live[h]) > 0 && r.IntN(10) > 0 {
			ppid = live[h][r.IntN(len(live[h]))]
		}
		live[h] = append(live[h], pid)
		if len(live[h]) > 200 {
			live[h] = live[h][1:]
		}
		ts := start.Add(time.Duration(i) * 10 * time.Millisecond).Format("2006-01-02 15:04:05.000")
		in.Rows = append(in.Rows, []any{fmt.Sprintf("host%03d", h), ts, "0x" + strconv.FormatInt(pid, 16),
			`C:\Windows\System32\` + names[r.IntN(len(names))], "0x" + strconv.FormatInt(ppid, 16), "", "cmd /c"})
	}
	return in
}

func BenchmarkBuild100k(b *testing.B) {
	in := synthetic4688(100_000, 50)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(in.Rows))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkTable100k(b *testing.B) {
	in := synthetic4688(100_000, 50)
	tr, err := Build(context.Background(), in)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		tr.Table(in)
	}
}

func TestSynthetic100kInvariants(t *testing.T) {
	if testing.Short() {
		t.Skip("large")
	}
	in := synthetic4688(100_000, 50)
	tr, err := Build(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, tr, in)
}
