package table

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

func TestFormatTimeSpan(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{0, "00:00:00"},
		{time.Second, "00:00:01"},
		{100 * time.Millisecond, "00:00:00.1000000"},
		{Tick, "00:00:00.0000001"},
		{24 * time.Hour, "1.00:00:00"},
		{26*time.Hour + 30*time.Minute + 10*time.Second, "1.02:30:10"},
		{-90 * time.Minute, "-01:30:00"},
		{-(36*time.Hour + 1500*time.Millisecond), "-1.12:00:01.5000000"},
	}
	for _, tt := range tests {
		if got := FormatTimeSpan(tt.in); got != tt.want {
			t.Errorf("FormatTimeSpan(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatDateTime(t *testing.T) {
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2018, 7, 1, 0, 0, 0, 0, time.UTC), "2018-07-01T00:00:00.0000000Z"},
		{time.Date(2021, 4, 28, 14, 8, 45, 221_000_000, time.UTC), "2021-04-28T14:08:45.2210000Z"},
		{time.Date(2021, 4, 28, 16, 8, 45, 100, time.FixedZone("CEST", 7200)), "2021-04-28T14:08:45.0000001Z"},
	}
	for _, tt := range tests {
		if got := FormatDateTime(tt.in); got != tt.want {
			t.Errorf("FormatDateTime(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseType(t *testing.T) {
	tests := []struct {
		in   string
		want Type
		ok   bool
	}{
		{"long", Long, true},
		{"int64", Long, true},
		{"Double", Real, true},
		{"date", DateTime, true},
		{"time", TimeSpan, true},
		{"uniqueid", GUID, true},
		{"boolean", Bool, true},
		{"varchar", Invalid, false},
	}
	for _, tt := range tests {
		got, ok := ParseType(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseType(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFormatValue(t *testing.T) {
	dyn, err := ParseDynamic(`{"b":[1,2.5,"<x>"],"a":null}`)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   any
		want string
	}{
		{nil, ""},
		{"text", "text"},
		{true, "true"},
		{int32(-4), "-4"},
		{int64(1) << 40, "1099511627776"},
		{1.5, "1.5"},
		{1e21, "1e+21"},
		{math.NaN(), "NaN"},
		{math.Inf(-1), "-Infinity"},
		{dyn, `{"a":null,"b":[1,2.5,"<x>"]}`},
	}
	for _, tt := range tests {
		if got := FormatValue(tt.in); got != tt.want {
			t.Errorf("FormatValue(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTableMarshalJSON(t *testing.T) {
	dyn, _ := ParseDynamic(`{"k":7}`)
	tbl := &Table{
		Columns: []Column{{"c", Long}, {"t", DateTime}, {"d", TimeSpan}, {"x", Dynamic}, {"r", Real}},
		Rows: [][]any{
			{int64(1), time.Date(2018, 7, 1, 0, 0, 0, 0, time.UTC), time.Hour, dyn, math.Inf(1)},
			{nil, nil, nil, nil, nil},
		},
	}
	got, err := json.Marshal(tbl)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"columns":[{"name":"c","type":"long"},{"name":"t","type":"datetime"},{"name":"d","type":"timespan"},` +
		`{"name":"x","type":"dynamic"},{"name":"r","type":"real"}],` +
		`"rows":[[1,"2018-07-01T00:00:00.0000000Z","01:00:00",{"k":7},"Infinity"],[null,null,null,null,null]],"visualization":null}`
	if string(got) != want {
		t.Errorf("json:\n got %s\nwant %s", got, want)
	}
}

func TestTypeTextRoundTrip(t *testing.T) {
	for ty := Bool; ty <= GUID; ty++ {
		b, err := ty.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Type
		if err := back.UnmarshalText(b); err != nil || back != ty {
			t.Errorf("round trip of %v gave %v, %v", ty, back, err)
		}
	}
	if _, err := Invalid.MarshalText(); err == nil {
		t.Error("marshalling Invalid should fail")
	}
}
