package kqlfunc

import (
	"strconv"
	"strings"
	"time"
)

// FormatDateTime is format_datetime(t, format) with Kusto's specifiers:
// d dd (day), f..fffffff and F..FFFFFFF (fraction; F drops trailing zeros),
// h hh (12-hour), H HH, m mm, M MM, s ss, y yy yyyy, tt (AM/PM); the
// separators / - : , . _ [ ] and space pass through. Another letter makes
// the whole result "" (Kusto rejects such formats).
func FormatDateTime(t time.Time, format string) string {
	t = t.UTC()
	var b strings.Builder
	for i := 0; i < len(format); {
		c := format[i]
		n := 1
		for i+n < len(format) && format[i+n] == c {
			n++
		}
		i += n
		if !formatDateTimeRun(&b, t, c, n) {
			return ""
		}
	}
	return b.String()
}

func formatDateTimeRun(b *strings.Builder, t time.Time, c byte, n int) bool {
	switch c {
	case 'd':
		return pad(b, t.Day(), n, 2)
	case 'h':
		h := t.Hour() % 12
		if h == 0 {
			h = 12
		}
		return pad(b, h, n, 2)
	case 'H':
		return pad(b, t.Hour(), n, 2)
	case 'm':
		return pad(b, t.Minute(), n, 2)
	case 'M':
		return pad(b, int(t.Month()), n, 2)
	case 's':
		return pad(b, t.Second(), n, 2)
	case 'y':
		switch n {
		case 1:
			b.WriteString(strconv.Itoa(t.Year() % 100))
		case 2:
			b.WriteString(twoDigits(t.Year() % 100))
		case 4:
			b.WriteString(strconv.Itoa(t.Year()))
		default:
			return false
		}
		return true
	case 't':
		if n != 2 {
			return false
		}
		if t.Hour() < 12 {
			b.WriteString("AM")
		} else {
			b.WriteString("PM")
		}
		return true
	case 'f', 'F':
		return fraction(b, int64(t.Nanosecond()/100), c == 'F', n)
	case '/', '-', ':', ',', '.', '_', '[', ']', ' ':
		b.WriteString(strings.Repeat(string(c), n))
		return true
	}
	return false
}

// pad writes v with at least n digits; runs longer than limit are invalid.
func pad(b *strings.Builder, v, n, limit int) bool {
	if n > limit {
		return false
	}
	s := strconv.Itoa(v)
	if len(s) < n {
		b.WriteString(strings.Repeat("0", n-len(s)))
	}
	b.WriteString(s)
	return true
}

func twoDigits(v int) string {
	if v < 10 {
		return "0" + strconv.Itoa(v)
	}
	return strconv.Itoa(v)
}

// fraction writes the first n of the seven tick digits; F drops trailing
// zeros (and writes nothing for zero).
func fraction(b *strings.Builder, ticks int64, trim bool, n int) bool {
	if n > 7 {
		return false
	}
	s := strconv.FormatInt(ticks+10000000, 10)[1 : 1+n]
	if trim {
		s = strings.TrimRight(s, "0")
	}
	b.WriteString(s)
	return true
}

// FormatTimeSpan is format_timespan(d, format): d..dddddddd (days, at
// least n digits), h hh (hours of the day), H HH (the same), m mm, s ss,
// f..fffffff and F..FFFFFFF; separators as for format_datetime. A negative
// timespan is written with a leading '-'.
func FormatTimeSpan(d time.Duration, format string) string {
	var b strings.Builder
	ticks := int64(d / 100)
	if ticks < 0 {
		b.WriteByte('-')
		ticks = -ticks
	}
	const second = 10000000
	frac := ticks % second
	secs := ticks / second
	for i := 0; i < len(format); {
		c := format[i]
		n := 1
		for i+n < len(format) && format[i+n] == c {
			n++
		}
		i += n
		ok := true
		switch c {
		case 'd':
			ok = pad(&b, int(secs/86400), n, 8)
		case 'h', 'H':
			ok = pad(&b, int(secs/3600%24), n, 2)
		case 'm':
			ok = pad(&b, int(secs/60%60), n, 2)
		case 's':
			ok = pad(&b, int(secs%60), n, 2)
		case 'f', 'F':
			ok = fraction(&b, frac, c == 'F', n)
		case '/', '-', ':', ',', '.', '_', '[', ']', ' ':
			b.WriteString(strings.Repeat(string(c), n))
		default:
			ok = false
		}
		if !ok {
			return ""
		}
	}
	return b.String()
}
