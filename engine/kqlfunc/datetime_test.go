package kqlfunc

import (
	"math"
	"testing"
	"time"
)

func TestFormatDateTime(t *testing.T) {
	dt := time.Date(2017, 1, 29, 9, 0, 5, 0, time.UTC)
	frac := time.Date(2017, 10, 30, 13, 2, 3, 765432100, time.UTC)
	tests := []struct {
		t         time.Time
		fmt, want string
	}{
		{dt, "yy-MM-dd [HH:mm:ss]", "17-01-29 [09:00:05]"},
		{dt, "yyyy-M-dd [H:mm:ss]", "2017-1-29 [9:00:05]"},
		{dt, "yy-MM-dd [hh:mm:ss tt]", "17-01-29 [09:00:05 AM]"},
		{frac, "yyyy-MM-dd HH:mm:ss.fffffff", "2017-10-30 13:02:03.7654321"},
		{frac, "h:mm tt f FFF", "1:02 PM 7 765"},
		{dt, "FFF", ""},
		{dt, "yyyy Q", ""},
	}
	for _, tt := range tests {
		if got := FormatDateTime(tt.t, tt.fmt); got != tt.want {
			t.Errorf("format_datetime(%v, %q) = %q, want %q", tt.t, tt.fmt, got, tt.want)
		}
	}
}

func TestFormatTimeSpan(t *testing.T) {
	ts := 29*24*time.Hour + 9*time.Hour + 5*time.Second + 123450*time.Microsecond
	tests := []struct{ fmt, want string }{
		{"dd.hh:mm:ss:FF", "29.09:00:05:12"},
		{"ddd.h:mm:ss [fffffff]", "029.9:00:05 [1234500]"},
	}
	for _, tt := range tests {
		if got := FormatTimeSpan(ts, tt.fmt); got != tt.want {
			t.Errorf("format_timespan(%q) = %q, want %q", tt.fmt, got, tt.want)
		}
	}
}

func TestParseDateTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2015-12-31 23:59:59.9", time.Date(2015, 12, 31, 23, 59, 59, 900000000, time.UTC)},
		{"2015-12-31T23:59:59.1234567Z", time.Date(2015, 12, 31, 23, 59, 59, 123456700, time.UTC)},
		{"2015-12-31T23:59:59+01:00", time.Date(2015, 12, 31, 22, 59, 59, 0, time.UTC)},
		{"2015-12-31", time.Date(2015, 12, 31, 0, 0, 0, 0, time.UTC)},
		{"Thu, 31 Dec 2015 23:59:59 GMT", time.Date(2015, 12, 31, 23, 59, 59, 0, time.UTC)},
		{"12-02-2022", time.Date(2022, 12, 2, 0, 0, 0, 0, time.UTC)},
		{"12/31/2015 11:59:59 PM", time.Date(2015, 12, 31, 23, 59, 59, 0, time.UTC)},
		// RFC 822 forms of Kusto's datetime documentation, and US zones
		{"Sat, 8 Nov 14 15:05:02 GMT", time.Date(2014, 11, 8, 15, 5, 2, 0, time.UTC)},
		{"Sat, 8 Nov 14 15:05 GMT", time.Date(2014, 11, 8, 15, 5, 0, 0, time.UTC)},
		{"8 Nov 14 15:05:02 GMT", time.Date(2014, 11, 8, 15, 5, 2, 0, time.UTC)},
		{"8 Nov 14 15:05 GMT", time.Date(2014, 11, 8, 15, 5, 0, 0, time.UTC)},
		{"Sat, 08 Nov 2014 15:05:02 PST", time.Date(2014, 11, 8, 23, 5, 2, 0, time.UTC)},
		{"Sat, 8 Nov 14 15:05:02 +0200", time.Date(2014, 11, 8, 13, 5, 2, 0, time.UTC)},
	}
	for _, tt := range tests {
		if got, ok := ParseDateTime(tt.in); !ok || !got.Equal(tt.want) {
			t.Errorf("todatetime(%q) = %v, %v", tt.in, got, ok)
		}
	}
	for _, bad := range []string{"", "bad", "2015-13-01", "31/12/2015"} {
		if got, ok := ParseDateTime(bad); ok {
			t.Errorf("todatetime(%q) = %v", bad, got)
		}
	}
}

func TestParseTimeSpan(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"0.00:03:00", 3 * time.Minute},
		{"00:03:00", 3 * time.Minute},
		{"1.02:03:04.5", 26*time.Hour + 3*time.Minute + 4500*time.Millisecond},
		{"-01:30", -90 * time.Minute},
		{"4d", 96 * time.Hour},
		{"1.5h", 90 * time.Minute},
		{"25min", 25 * time.Minute},
		{"100ms", 100 * time.Millisecond},
		{"1tick", 100},
		{"10microseconds", 10 * time.Microsecond},
	}
	for _, tt := range tests {
		if got, ok := ParseTimeSpan(tt.in); !ok || got != tt.want {
			t.Errorf("totimespan(%q) = %v, %v", tt.in, got, ok)
		}
	}
	for _, bad := range []string{"", "x", "25:00:00", "1e3s", "10 parsecs"} {
		if got, ok := ParseTimeSpan(bad); ok {
			t.Errorf("totimespan(%q) = %v", bad, got)
		}
	}
}

func TestRealToString(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{1.5, "1.5"}, {1e21, "1E+21"}, {1e15, "1E+15"}, {123456789012345, "123456789012345"},
		{0.0001, "0.0001"}, {0.00001, "1E-05"}, {point1 + 0.2, "0.30000000000000004"}, {-2.5e-7, "-2.5E-07"},
		{math.Inf(1), "Infinity"}, {0, "0"},
	}
	for _, tt := range tests {
		if got := RealToString(tt.in); got != tt.want {
			t.Errorf("tostring(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"1.02:03:04.5", "2015-12-31T23:59:59Z", "1.5h", "-1tick"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := ParseTimeSpan(s); ok {
			if back, ok := ParseTimeSpan(TimeSpanToString(d)); !ok || back != d {
				t.Fatalf("%q: %v does not round trip through %q", s, d, TimeSpanToString(d))
			}
		}
		ParseDateTime(s)
	})
}

var point1 = 0.1
