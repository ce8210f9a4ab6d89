package ingest

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/table"
)

func utc(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
	return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
}

func TestParseDateTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2021-04-28T14:08:45.2210000Z", utc(2021, 4, 28, 14, 8, 45, 221_000_000), true},
		{"2022-05-13T08:54:05.1230000Z", utc(2022, 5, 13, 8, 54, 5, 123_000_000), true},
		{"2020-09-04 16:09:38", utc(2020, 9, 4, 16, 9, 38, 0), true},
		{"2020-10-18 07:50:06.220", utc(2020, 10, 18, 7, 50, 6, 220_000_000), true},
		{"2019-01-15 05:15:15.670000+00:00", utc(2019, 1, 15, 5, 15, 15, 670_000_000), true},
		{"2021-04-28T16:08:45+02:00", utc(2021, 4, 28, 14, 8, 45, 0), true},
		{"2021-04-28T16:08:45.123456789+0200", utc(2021, 4, 28, 14, 8, 45, 123_456_700), true},
		{"2021-04-28", utc(2021, 4, 28, 0, 0, 0, 0), true},
		{"2021/04/28 10:00:00", utc(2021, 4, 28, 10, 0, 0, 0), true},
		{"4/28/2021, 2:08:45.221 PM", utc(2021, 4, 28, 14, 8, 45, 221_000_000), true},
		{"4/28/2021, 12:08:45.221 AM", utc(2021, 4, 28, 0, 8, 45, 221_000_000), true},
		{"12/1/2021, 12:00:00 PM", utc(2021, 12, 1, 12, 0, 0, 0), true},
		{"2021-02-30T00:00:00Z", time.Time{}, false},
		{"2021-13-01", time.Time{}, false},
		{"1652292621", time.Time{}, false},
		{"1652292621.986", time.Time{}, false},
		{"4/28/2021, 13:08:45 PM", time.Time{}, false},
		{"2021-04-28T14:08", utc(2021, 4, 28, 14, 8, 0, 0), true},
		{"2021-04-28T14:08:45Zjunk", time.Time{}, false},
		{"hello world", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseDateTime(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) || ok && got.Location() != time.UTC {
			t.Errorf("parseDateTime(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseTimeSpan(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"00:00:01", time.Second, true},
		{"1.02:30:10", 26*time.Hour + 30*time.Minute + 10*time.Second, true},
		{"-01:30:00", -90 * time.Minute, true},
		{"00:00:00.1234567", 123_456_700 * time.Nanosecond, true},
		{"0 days 00:05:00", 5 * time.Minute, true},
		{"2 days 01:00:00.500000", 49*time.Hour + 500*time.Millisecond, true},
		{"0 days", 0, true},
		{"-1 days +23:59:59", -time.Second, true},
		{"12:30", 0, false},
		{"25:00:00", 0, false},
		{"10", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseTimeSpan(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("parseTimeSpan(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestInference: a column's type comes from all its values; empty cells do
// not count; epoch numbers stay numbers.
func TestInference(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   table.Type
	}{
		{"bools", []string{"True", "false", ""}, table.Bool},
		{"longs", []string{"1", "-20", ""}, table.Long},
		{"pandas ints with NaN", []string{"1.0", "2.0", ""}, table.Real},
		{"reals", []string{"1", "2.5", "1e3"}, table.Real},
		{"epoch seconds", []string{"1652292621", "1652292622"}, table.Long},
		{"datetimes", []string{"2021-04-28T14:08:45Z", "4/28/2021, 2:08:45.221 PM"}, table.DateTime},
		{"timespans", []string{"00:00:01", "1.00:00:00"}, table.TimeSpan},
		{"guids", []string{"3F2504E0-4F89-11D3-9A0C-0305E82C3301", "00000000-0000-0000-0000-000000000000"}, table.GUID},
		{"json", []string{`{"a":1}`, `[1,2]`}, table.Dynamic},
		{"python repr", []string{`{'a': True, 'b': None}`, `['x', 1.5]`}, table.Dynamic},
		{"mixed number and text", []string{"1", "x"}, table.String},
		{"leading zero", []string{"007", "12"}, table.String},
		{"hex", []string{"0x12d8"}, table.String},
		{"json and text", []string{`{"a":1}`, "plain"}, table.String},
		{"empty", []string{"", " "}, table.String},
	}
	for _, tt := range tests {
		c := colStats{mask: kAll}
		for _, v := range tt.values {
			c.addText(v)
		}
		if got := c.inferred(); got != tt.want {
			t.Errorf("%s: inferred %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestInferenceJSON(t *testing.T) {
	tests := []struct {
		name   string
		values []any
		want   table.Type
	}{
		{"numbers", []any{json.Number("1"), json.Number("2")}, table.Long},
		{"int and real", []any{json.Number("1"), json.Number("2.5")}, table.Real},
		{"quoted numbers stay strings", []any{"1", "2"}, table.String},
		{"time strings", []any{"2021-08-02T13:29:25.983Z", nil, ""}, table.DateTime},
		{"objects", []any{map[string]any{}, "text", json.Number("1")}, table.Dynamic},
		{"bools", []any{true, false}, table.Bool},
	}
	for _, tt := range tests {
		c := colStats{mask: kAll}
		for _, v := range tt.values {
			c.addJSON(v)
		}
		if got := c.inferred(); got != tt.want {
			t.Errorf("%s: inferred %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestConvertText(t *testing.T) {
	tests := []struct {
		ty      table.Type
		in      string
		want    any
		wantErr bool
	}{
		{table.Int, "4688", int32(4688), false},
		{table.Int, "3.0", int32(3), false},
		{table.Int, "99999999999", nil, true},
		{table.Int, "abc", nil, true},
		{table.Long, " 12 ", int64(12), false},
		{table.Real, "NaN", math.NaN(), false},
		{table.Bool, "1", true, false},
		{table.Bool, "False", false, false},
		{table.String, "  kept  ", "  kept  ", false},
		{table.DateTime, "", nil, false},
		{table.GUID, "{3F2504E0-4F89-11D3-9A0C-0305E82C3301}", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", false},
		{table.Dynamic, `{"a":[1,"x"]}`, map[string]any{"a": []any{json.Number("1"), "x"}}, false},
		{table.Dynamic, `{'city': 'Seattle', 'geo': {'lat': 47.6}}`, map[string]any{"city": "Seattle", "geo": map[string]any{"lat": json.Number("47.6")}}, false},
		{table.Dynamic, "not json", "not json", false},
		{table.TimeSpan, "0 days 00:00:12.5", 12500 * time.Millisecond, false},
	}
	for _, tt := range tests {
		got, err := convertText(tt.ty, tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("convertText(%v, %q) error %v", tt.ty, tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) })); diff != "" {
			t.Errorf("convertText(%v, %q) (-want +got):\n%s", tt.ty, tt.in, diff)
		}
	}
}

func TestParsePyLiteral(t *testing.T) {
	tests := []struct {
		in   string
		want any
		ok   bool
	}{
		{`{'a': 1, "b": [True, False, None], 'c': (1, 2.5)}`, map[string]any{"a": json.Number("1"), "b": []any{true, false, nil}, "c": []any{json.Number("1"), json.Number("2.5")}}, true},
		{`['it\'s', "\\x41\u00e9\n"]`, []any{"it's", "\\x41é\n"}, true},
		{`{1: 'one'}`, map[string]any{"1": "one"}, true},
		{`{'a': 1`, nil, false},
		{`{'a': nope}`, nil, false},
		{`[1,]`, []any{json.Number("1")}, true},
	}
	for _, tt := range tests {
		got, err := parsePyLiteral(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("parsePyLiteral(%q) error %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); tt.ok && diff != "" {
			t.Errorf("parsePyLiteral(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestCleanHeader(t *testing.T) {
	got := cleanHeader([]string{"\ufeff", "TimeGenerated [UTC]", "", "Name", "name", " Padded "})
	want := csvHeader{names: []string{"TimeGenerated", "Column2", "Name", "name_1", "Padded"}, dropFirst: true, width: 6}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(csvHeader{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestTableNameFromPath(t *testing.T) {
	for in, want := range map[string]string{
		"data/processes_on_host.pkl.csv":          "processes_on_host",
		"x.zip!dir/solarigate-beacon.csv":         "solarigate_beacon",
		"2021 export.json":                        "T_2021_export",
		`C:\logs\Microsoft365DefenderEvents.json`: "Microsoft365DefenderEvents",
	} {
		if got := tableNameFromPath(in); got != want {
			t.Errorf("tableNameFromPath(%q) = %q, want %q", in, got, want)
		}
	}
}
