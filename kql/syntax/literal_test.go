package syntax

import (
	"testing"
	"time"
)

func TestParseDateTime(t *testing.T) {
	utc := func(y, mo, d, h, mi, s, ns int) time.Time {
		return time.Date(y, time.Month(mo), d, h, mi, s, ns, time.UTC)
	}
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2014-05-25T08:20:03.123456Z", utc(2014, 5, 25, 8, 20, 3, 123456000)},
		{"2014-05-25T08:20:03.123456", utc(2014, 5, 25, 8, 20, 3, 123456000)},
		{"2014-05-25T08:20", utc(2014, 5, 25, 8, 20, 0, 0)},
		{"2014-11-08 15:55:55.123456Z", utc(2014, 11, 8, 15, 55, 55, 123456000)},
		{"2014-11-08 15:55:55", utc(2014, 11, 8, 15, 55, 55, 0)},
		{"2014-11-08 15:55", utc(2014, 11, 8, 15, 55, 0, 0)},
		{"2014-11-08", utc(2014, 11, 8, 0, 0, 0, 0)},
		{"2014-1-8", utc(2014, 1, 8, 0, 0, 0, 0)},
		{"2015-12-31 23:59:59.9", utc(2015, 12, 31, 23, 59, 59, 900000000)},
		{"2017 - 08 - 01", utc(2017, 8, 1, 0, 0, 0, 0)},
		{"2015-12-31 23:59:59.123456789", utc(2015, 12, 31, 23, 59, 59, 123456700)},
		{"2014/11/08", utc(2014, 11, 8, 0, 0, 0, 0)},
		{"2025, 6, 14", utc(2025, 6, 14, 0, 0, 0, 0)},
		{"Sat, 8 Nov 14 15:05:02 GMT", utc(2014, 11, 8, 15, 5, 2, 0)},
		{"Sat, 8 Nov 14 15:05", utc(2014, 11, 8, 15, 5, 0, 0)},
		{"8 Nov 14 15:05:02", utc(2014, 11, 8, 15, 5, 2, 0)},
		{"Saturday, 08-Nov-14 15:05:02 GMT", utc(2014, 11, 8, 15, 5, 2, 0)},
		{"08-Nov-14 15:05", utc(2014, 11, 8, 15, 5, 0, 0)},
		{"2014-11-08 15:05:25 GMT", utc(2014, 11, 8, 15, 5, 25, 0)},
		{"2014-11-08T15:05:25+02:00", utc(2014, 11, 8, 13, 5, 25, 0)},
		{`"2019-01-01 00:00:00"`, utc(2019, 1, 1, 0, 0, 0, 0)},
		{"'2019-01-01T10:00:00.000'", utc(2019, 1, 1, 10, 0, 0, 0)},
		{"01/16/2022 00:00:00", utc(2022, 1, 16, 0, 0, 0, 0)},
		{"12-02-2022", utc(2022, 12, 2, 0, 0, 0, 0)},
		{"01/16/2022 1:30 PM", utc(2022, 1, 16, 13, 30, 0, 0)},
	}
	for _, tc := range tests {
		got, err := ParseDateTime(tc.in)
		if err != nil {
			t.Errorf("ParseDateTime(%q): %v", tc.in, err)
			continue
		}
		if !got.Equal(tc.want) {
			t.Errorf("ParseDateTime(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	for _, bad := range []string{"", "2014-13-01", "2014-02-30", "2014-11-08 25:00", "yesterday", "2014-11-08 15:05 XYZ", "2014-11-08x"} {
		if got, err := ParseDateTime(bad); err == nil {
			t.Errorf("ParseDateTime(%q) = %v, want an error", bad, got)
		}
	}
}

func TestParseTimeSpan(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"2d", 48 * time.Hour},
		{"1.5h", 90 * time.Minute},
		{"30m", 30 * time.Minute},
		{"0.1s", 100 * time.Millisecond},
		{"100ms", 100 * time.Millisecond},
		{"10microsecond", 10 * time.Microsecond},
		{"1tick", 100 * time.Nanosecond},
		{"15 seconds", 15 * time.Second},
		{"2", 48 * time.Hour},
		{"0.12:34:56.7", 12*time.Hour + 34*time.Minute + 56*time.Second + 700*time.Millisecond},
		{"1.02:03:04", 26*time.Hour + 3*time.Minute + 4*time.Second},
		{"00:01:00", time.Minute},
		{"10:30", 10*time.Hour + 30*time.Minute},
		{"-1d", -24 * time.Hour},
		{"-1.00:00:00", -24 * time.Hour},
		{"1.5nanoseconds", 0},
	}
	for _, tc := range tests {
		got, err := ParseTimeSpan(tc.in)
		if err != nil {
			t.Errorf("ParseTimeSpan(%q): %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseTimeSpan(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	for _, bad := range []string{"", "1x", "1:2:3:4", "25:00", "1.2.3d", "99999999999999d"} {
		if got, err := ParseTimeSpan(bad); err == nil {
			t.Errorf("ParseTimeSpan(%q) = %v, want an error", bad, got)
		}
	}
}

func TestUnquote(t *testing.T) {
	tests := []struct {
		raw, want string
		obf       bool
	}{
		{`'abc'`, "abc", false},
		{`"a\"b\\c\n\t\u00e9\x41\101"`, "a\"b\\c\n\té" + "AA", false},
		{`"\d+"`, `\d+`, false},
		{`@"C:\path ""q"""`, `C:\path "q"`, false},
		{`h'secret'`, "secret", true},
		{`H@"x"`, "x", true},
		{"```a\nb```", "a\nb", false},
	}
	for _, tc := range tests {
		got, obf, err := unquote(tc.raw)
		if err != nil || got != tc.want || obf != tc.obf {
			t.Errorf("unquote(%q) = %q, %v, %v; want %q, %v", tc.raw, got, obf, err, tc.want, tc.obf)
		}
	}
}
