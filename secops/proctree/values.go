package proctree

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// ParsePID reads a process id as event logs write it: decimal ("4242"),
// hexadecimal with a 0x prefix as Windows 4688 writes it ("0x1a4"), or a
// decimal with a zero fraction ("4242.0", what a CSV export of a float
// column holds). Negative and out-of-range values are rejected.
func ParsePID(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		v, err := strconv.ParseUint(s[2:], 16, 63)
		if err != nil {
			return 0, false
		}
		return int64(v), true
	}
	if v, err := strconv.ParseUint(s, 10, 63); err == nil {
		return int64(v), true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 && f < 1<<53 && f == math.Trunc(f) {
		return int64(f), true
	}
	return 0, false
}

// timeLayouts are the timestamp forms of the supported sources: RFC 3339
// (Log Analytics, JSON exports), space-separated with or without a zone
// (pandas CSV exports, Sysmon's UtcTime), and the Log Analytics portal's
// CSV export.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999 -0700 MST",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"1/2/2006, 3:04:05.999 PM",
	"1/2/2006 3:04:05 PM",
}

// ParseTime reads a timestamp in one of the supported forms, or as Unix
// epoch seconds with an optional fraction (auditd's msg=audit(1550505627.301:…)).
// Timestamps without a zone are UTC.
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 1e8 && f < 1e11 {
		sec, frac := math.Modf(f)
		return time.Unix(int64(sec), int64(math.Round(frac*1e6))*1e3).UTC(), true
	}
	return time.Time{}, false
}

// text returns a cell as text ("" for null).
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int64:
		return strconv.FormatInt(x, 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int:
		return strconv.Itoa(x)
	}
	return ""
}

// pidOf reads a pid cell of any representation.
func pidOf(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, x >= 0
	case int32:
		return int64(x), x >= 0
	case int:
		return int64(x), x >= 0
	case float64:
		if x >= 0 && x < 1<<53 && x == math.Trunc(x) {
			return int64(x), true
		}
		return 0, false
	}
	return ParsePID(text(v))
}

// timeOf reads a timestamp cell of any representation.
func timeOf(v any) (time.Time, bool) {
	if t, ok := v.(time.Time); ok {
		return t.UTC(), !t.IsZero()
	}
	return ParseTime(text(v))
}

// baseName returns the lower-cased last element of a Windows or Unix path,
// the part two records of one process agree on (4688 writes the full path,
// Defender the file name).
func baseName(p string) string {
	if i := strings.LastIndexAny(p, `\/`); i >= 0 {
		p = p[i+1:]
	}
	return strings.ToLower(strings.TrimSpace(p))
}

func formatHex(v int64) string { return strconv.FormatInt(v, 16) }
func formatDec(v int64) string { return strconv.FormatInt(v, 10) }
