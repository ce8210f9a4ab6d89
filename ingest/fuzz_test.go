package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace/schema"
)

// fixedRow gives a blank row of a catalog table and its index.
func fixedRow(t testing.TB, name string) (*colIndex, []any) {
	s, ok := schema.Table(name)
	if !ok {
		t.Fatalf("no table %s", name)
	}
	ci := newColIndex(s.Columns)
	row := make([]any, len(s.Columns))
	ci.blank(row)
	return ci, row
}

func checkRow(t *testing.T, ci *colIndex, row []any) {
	t.Helper()
	for i, c := range ci.cols {
		if err := checkValue(c.Type, row[i]); err != nil {
			t.Fatalf("column %s: %v", c.Name, err)
		}
	}
}

func FuzzSyslog(f *testing.F) {
	for _, s := range []string{
		"<34>Oct 11 22:14:15 mymachine su: 'su root' failed",
		"<165>1 2003-10-11T22:14:15.003Z host app 12 ID47 [id k=\"v\\\"]\"] msg",
		"Jan  9 03:04:05 web01 sshd[4242]: Failed password",
		"2021-06-22T10:00:00.123456+02:00 db01 kernel: up",
		"<190>Mar  1 2023 10:00:00 fw01 %ASA-6-302013: Built",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		r, err := parseSyslog(line, ref)
		if err != nil {
			return
		}
		if r.hasPRI && (r.facility > 23 || r.severity > 7) {
			t.Fatalf("PRI out of range: %d.%d", r.facility, r.severity)
		}
		ci, row := fixedRow(t, "Syslog")
		syslogRow(r, ci, row)
		checkRow(t, ci, row)
	})
}

func FuzzCEF(f *testing.F) {
	for _, s := range []string{
		`<134>Feb 12 10:00:00 fw01 CEF:0|Vendor|Product|1.0|100|Name|5|src=10.0.0.1 dst=10.0.0.2 dpt=443 msg=a \= b cs1=x cs1Label=y`,
		`CEF:0|V\|x|P|1|1|N|1|a=b=c d= request=http://x/?a=1`,
		`CEF:1|V|P|1|1|N|High|rt=1707732000000 cnt=3 cfp1=1.5 in=12 end=Feb 12 2024 10:00:00`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		r, err := parseCEF(line, ref)
		if err != nil {
			return
		}
		for _, p := range r.ext {
			if p.key == "" {
				t.Fatalf("empty extension key in %q", line)
			}
		}
		ci, row := fixedRow(t, "CommonSecurityLog")
		cefRow(r, ci, row, ref.ref)
		checkRow(t, ci, row)
	})
}

// FuzzCSVValue checks that inference only picks a type every value of the
// column converts to, and that conversions give well-formed values.
func FuzzCSVValue(f *testing.F) {
	for _, s := range []string{"4/28/2021, 2:08:45.221 PM", "2021-04-28T14:08:45.2210000Z", "0 days 00:05:00", "1.02:30:10",
		"True", "12", "-1.5e3", "007", "3F2504E0-4F89-11D3-9A0C-0305E82C3301", `{"a":[1]}`, `{'a': (1, None)}`, "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := classifyText(s)
		if trimmed := strings.TrimSpace(s); trimmed != "" && m != kAll {
			if got, want := classifyTemporal(trimmed), m&(kDateTime|kTimeSpan|kGUID); got != want {
				t.Fatalf("classifyTemporal(%q) = %b, classifyText says %b", trimmed, got, want)
			}
		}
		for _, k := range []struct {
			bit kindMask
			ty  table.Type
		}{{kBool, table.Bool}, {kLong, table.Long}, {kReal, table.Real}, {kDateTime, table.DateTime},
			{kTimeSpan, table.TimeSpan}, {kGUID, table.GUID}, {kDynamic, table.Dynamic}} {
			v, err := convertText(k.ty, s)
			if m&k.bit != 0 && m != kAll && err != nil {
				t.Fatalf("%q classified as %v but does not convert: %v", s, k.ty, err)
			}
			if err == nil {
				if e := checkValue(k.ty, v); e != nil {
					t.Fatalf("convertText(%v, %q): %v", k.ty, s, e)
				}
			}
			if tm, ok := v.(time.Time); ok && tm.Nanosecond()%100 != 0 {
				t.Fatalf("datetime %v not at tick resolution", tm)
			}
			if d, ok := v.(time.Duration); ok && d%100 != 0 {
				t.Fatalf("timespan %v not at tick resolution", d)
			}
		}
		for _, ty := range []table.Type{table.Int, table.String, table.Decimal} {
			if v, err := convertText(ty, s); err == nil {
				if e := checkValue(ty, v); e != nil {
					t.Fatal(e)
				}
			}
		}
	})
}

func FuzzWindowsEvent(f *testing.F) {
	for _, s := range []string{nxlogLogon, otrfProcess, nxlogSysmon, otrfService, winlogbeat,
		`{"log_name":"System","event_id":"7045","computer_name":"h","event_data":{"ServiceName":"x"},"@timestamp":"2019-01-01T00:00:00Z"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		obj, err := decodeObject(data)
		if err != nil || !isWindowsRecord(obj) {
			return
		}
		e, err := winEventFromJSON(obj)
		if err != nil {
			return
		}
		name := winTable(e.channel)
		ci, row := fixedRow(t, name)
		winRow(e, name, ci, row)
		checkRow(t, ci, row)
	})
}

// FuzzJSONObject checks the JSON object decoder against encoding/json:
// the same inputs succeed, with the same values.
func FuzzJSONObject(f *testing.F) {
	for _, s := range []string{`{"a":1,"b":[true,null,"x\u00e9\ud83d\ude00"],"c":{"d":-1.5e3}}`, `{"a":"\ud800"}`,
		`{"a":1,"a":2}`, `{}`, `[1]`, `{"a":"\xff"}`, `{"a":01}`, `{"a":1} x`, `{"a":"\t"}`, nxlogLogon, winlogbeat} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := parseJSONObject(data)
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var want any
		werr := dec.Decode(&want)
		if werr == nil {
			if _, e := dec.Token(); e != io.EOF {
				werr = errors.New("trailing data")
			}
		}
		wantObj, isObj := want.(map[string]any)
		if werr != nil || !isObj {
			if err == nil {
				t.Fatalf("%q: accepted, encoding/json says %v (%T)", data, werr, want)
			}
			return
		}
		if err != nil {
			t.Fatalf("%q: %v; encoding/json accepts it", data, err)
		}
		if diff := cmp.Diff(wantObj, got); diff != "" {
			t.Fatalf("%q (-encoding/json +ours):\n%s", data, diff)
		}
	})
}

// TestClassifyTemporalAgrees: the JSON-string shortcut gives what the full
// classifier gives for the temporal kinds.
func TestClassifyTemporalAgrees(t *testing.T) {
	for _, s := range []string{"2021-04-28T14:08:45Z", "4/28/2021, 2:08:45.221 PM", "1.02:30:10", "-01:00:00", "0 days 00:00:01",
		"3F2504E0-4F89-11D3-9A0C-0305E82C3301", "x", "12", "{a}", "2021-04-28"} {
		if got, want := classifyTemporal(s), classifyText(s)&(kDateTime|kTimeSpan|kGUID); got != want {
			t.Errorf("classifyTemporal(%q) = %b, want %b", s, got, want)
		}
	}
}
