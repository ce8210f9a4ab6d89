package kqlfunc

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the text forms todatetime accepts, tried in order: ISO
// 8601 with or without a time, fraction and zone, RFC 1123/850/822 and
// ANSI C forms, and the US month/day/year form .NET's invariant culture
// reads.
var dateLayouts = []string{
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006-01",
	"2006",
	time.RFC1123,
	time.RFC1123Z,
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04:05 -0700",
	time.RFC850,
	time.RFC822,
	time.RFC822Z,
	// RFC 822 with a one-digit day, a two-digit year, with or without the
	// weekday and the seconds (Kusto's datetime documentation lists them)
	"Mon, 2 Jan 06 15:04:05 MST",
	"Mon, 2 Jan 06 15:04 MST",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Mon, 2 Jan 06 15:04 -0700",
	"2 Jan 06 15:04:05 MST",
	"2 Jan 06 15:04 MST",
	"2 Jan 06 15:04:05 -0700",
	"2 Jan 06 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04 MST",
	time.ANSIC,
	"2 Jan 2006 15:04:05",
	"2 Jan 2006",
	"01/02/2006 15:04:05.9999999",
	"01/02/2006 15:04",
	"01/02/2006",
	"1/2/2006 3:04:05 PM",
	"1/2/2006 15:04:05",
	"1/2/2006",
	"01-02-2006",
	"2006/01/02 15:04:05.9999999",
	"2006/01/02",
	"20060102",
}

// ParseDateTime is todatetime(text): null (ok false) for text no layout
// reads or a date outside what huntbook stores. Zones convert to UTC;
// text without a zone is UTC. Precision beyond 100 ns is dropped.
func ParseDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		// in UTC, so a zone name reads the same on every host
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return fixZoneAbbrev(t).UTC().Truncate(100), true
		}
	}
	return time.Time{}, false
}

// rfc822Zones are the US zone names RFC 822 defines, in hours east of UTC.
// Go reads an unknown abbreviation as offset 0, which for these would be
// a wrong time.
var rfc822Zones = map[string]int{"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}

func fixZoneAbbrev(t time.Time) time.Time {
	name, offset := t.Zone()
	if h, ok := rfc822Zones[name]; ok && offset == 0 {
		return t.Add(-time.Duration(h) * time.Hour)
	}
	return t
}

// ParseTimeSpan is totimespan(text): Kusto's [-][d.]hh:mm[:ss[.fffffff]]
// form, or a timespan literal (2d, 1.5h, 30m, 10s, 100ms, 10microsecond,
// 1tick, ...). null (ok false) otherwise.
func ParseTimeSpan(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if d, ok := parseClock(s); ok {
		return d, true
	}
	return parseTimeLiteral(s)
}

// parseClock reads [-][d.]hh:mm[:ss[.f]].
func parseClock(s string) (time.Duration, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var days int64
	if i := strings.IndexByte(s, '.'); i >= 0 && i < strings.IndexByte(s+":", ':') {
		d, err := strconv.ParseInt(s[:i], 10, 64)
		if err != nil {
			return 0, false
		}
		days, s = d, s[i+1:]
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	h, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, false
	}
	var ticks int64
	if len(parts) == 3 {
		sec, frac, hasFrac := strings.Cut(parts[2], ".")
		sv, err := strconv.Atoi(sec)
		if err != nil || sv < 0 || sv > 59 || hasFrac && (frac == "" || len(frac) > 7) {
			return 0, false
		}
		ticks = int64(sv) * 10000000
		if hasFrac {
			f, err := strconv.ParseInt((frac + "000000")[:7], 10, 64)
			if err != nil {
				return 0, false
			}
			ticks += f
		}
	}
	if days > maxTicks/864000000000 {
		return 0, false
	}
	ticks += (days*86400 + int64(h)*3600 + int64(m)*60) * 10000000
	if ticks > maxTicks {
		return 0, false
	}
	if neg {
		ticks = -ticks
	}
	return time.Duration(ticks) * 100, true
}

// maxTicks is the largest timespan time.Duration holds, in ticks.
const maxTicks = math.MaxInt64 / 100

// timeUnits are the timespan literal suffixes, longest first.
var timeUnits = []struct {
	suffix string
	ticks  float64
}{
	{"microseconds", 10}, {"microsecond", 10}, {"milliseconds", 1e4}, {"millisecond", 1e4},
	{"nanoseconds", 0.01}, {"nanosecond", 0.01}, {"seconds", 1e7}, {"second", 1e7},
	{"minutes", 6e8}, {"minute", 6e8}, {"hours", 3.6e10}, {"hour", 3.6e10}, {"days", 8.64e11}, {"day", 8.64e11},
	{"ticks", 1}, {"tick", 1}, {"micros", 10}, {"micro", 10}, {"millis", 1e4}, {"milli", 1e4},
	{"min", 6e8}, {"sec", 1e7}, {"ms", 1e4}, {"d", 8.64e11}, {"h", 3.6e10}, {"m", 6e8}, {"s", 1e7},
}

func parseTimeLiteral(s string) (time.Duration, bool) {
	lower := strings.ToLower(s)
	for _, u := range timeUnits {
		num, ok := strings.CutSuffix(lower, u.suffix)
		if !ok || num == "" {
			continue
		}
		v, err := strconv.ParseFloat(num, 64)
		if err != nil || strings.ContainsAny(num, "eEnNxX_") {
			return 0, false
		}
		ticks := v*u.ticks + copysignHalf(v)
		if math.Abs(ticks) > maxTicks {
			return 0, false // beyond time.Duration's ±292 years
		}
		return time.Duration(int64(ticks)) * 100, true
	}
	return 0, false
}

func copysignHalf(v float64) float64 {
	if v < 0 {
		return -0.5
	}
	return 0.5
}
