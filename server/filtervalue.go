package server

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/huntbook/huntbook/table"
)

// parseFilterValue converts the text of a grid filter to the Go value of
// the column's type, so that "> 100" compares numbers and ">= 2024-03-04"
// compares datetimes. "null" is nil for every type but string.
func parseFilterValue(typ table.Type, text string) (any, error) {
	text = strings.TrimSpace(text)
	if text == "null" && typ != table.String {
		return nil, nil
	}
	switch typ {
	case table.Bool:
		return strconv.ParseBool(strings.ToLower(text))
	case table.Int:
		n, err := strconv.ParseInt(text, 10, 32)
		return int32(n), err
	case table.Long:
		return strconv.ParseInt(text, 10, 64)
	case table.Real:
		return strconv.ParseFloat(text, 64)
	case table.Decimal:
		if _, err := strconv.ParseFloat(text, 64); err != nil {
			return nil, err
		}
		return text, nil
	case table.DateTime:
		return parseDateTime(text)
	case table.TimeSpan:
		return parseTimeSpan(text)
	case table.Dynamic:
		if v, err := table.ParseDynamic(text); err == nil {
			return v, nil
		}
		return text, nil
	}
	return text, nil // string, guid
}

var dateTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.9999999",
	"2006-01-02 15:04:05.9999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
}

// parseDateTime reads the datetime forms an analyst types; without a zone
// the time is UTC, as everywhere in KQL.
func parseDateTime(s string) (time.Time, error) {
	for _, layout := range dateTimeLayouts {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a datetime (use 2024-03-04T10:00:00Z)", s)
}

// parseTimeSpan reads Kusto's [-][d.]hh:mm:ss[.fffffff] or a Go duration
// with an optional leading day count (1d2h, 90s).
func parseTimeSpan(s string) (time.Duration, error) {
	if d, ok := parseClockSpan(s); ok {
		return d, nil
	}
	rest, neg := strings.CutPrefix(s, "-")
	var days time.Duration
	if i := strings.IndexByte(rest, 'd'); i > 0 {
		n, err := strconv.Atoi(rest[:i])
		if err == nil {
			days, rest = time.Duration(n)*24*time.Hour, rest[i+1:]
		}
	}
	d := time.Duration(0)
	if rest != "" {
		var err error
		if d, err = time.ParseDuration(rest); err != nil {
			return 0, fmt.Errorf("%q is not a timespan (use 01:30:00 or 1h30m)", s)
		}
	}
	if neg {
		return -(days + d), nil
	}
	return days + d, nil
}

func parseClockSpan(s string) (time.Duration, bool) {
	rest, neg := strings.CutPrefix(s, "-")
	var days int
	if dot, colon := strings.IndexByte(rest, '.'), strings.IndexByte(rest, ':'); dot >= 0 && dot < colon {
		n, err := strconv.Atoi(rest[:dot])
		if err != nil {
			return 0, false
		}
		days, rest = n, rest[dot+1:]
	}
	parts := strings.Split(rest, ":")
	if len(parts) != 3 {
		return 0, false
	}
	h, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	sec, err3 := strconv.ParseFloat(parts[2], 64)
	if err := errors.Join(err1, err2, err3); err != nil {
		return 0, false
	}
	d := time.Duration(days)*24*time.Hour + time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(sec*float64(time.Second)).Round(table.Tick)
	if neg {
		d = -d
	}
	return d, true
}
