package syntax

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// ParseDateTime parses the text of a datetime(...) literal in the formats
// Kusto documents (ISO 8601, RFC 822, RFC 850, sortable) and the lenient
// ones real queries use: quoted text, '/' or '.' separators, "2025, 6, 14",
// and US month/day/year ("01/16/2022 00:00:00"). A zone (Z, GMT, UTC,
// +hh:mm) converts to UTC; no zone means UTC. The engine's todatetime()
// accepts the same forms.
func ParseDateTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	// datetime(2017 - 08 - 01), spaced as the sliding_window_counts page
	// writes it, is the date 2017-08-01
	s = spacedDate.ReplaceAllString(s, "$1-$2-$3")
	sc := &dtScanner{s: s}
	for _, f := range []func(*dtScanner) (time.Time, bool){parseYearFirst, parseMonthFirst, parseRFC} {
		sc.i = 0
		if t, ok := f(sc); ok {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognized datetime %q", s)
}

var spacedDate = regexp.MustCompile(`^(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})\b`)

// dtScanner walks the text of a datetime.
type dtScanner struct {
	s string
	i int
}

func (sc *dtScanner) done() bool { return sc.i >= len(sc.s) }

// num reads 1..max digits and returns the value and digit count.
func (sc *dtScanner) num(max int) (int, int) {
	v, n := 0, 0
	for sc.i < len(sc.s) && n < max && isDigit(sc.s[sc.i]) {
		v = v*10 + int(sc.s[sc.i]-'0')
		sc.i++
		n++
	}
	return v, n
}

func (sc *dtScanner) byte(c byte) bool {
	if sc.i < len(sc.s) && sc.s[sc.i] == c {
		sc.i++
		return true
	}
	return false
}

func (sc *dtScanner) spaces() int {
	n := 0
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t') {
		sc.i++
		n++
	}
	return n
}

func (sc *dtScanner) word() string {
	j := sc.i
	for sc.i < len(sc.s) && isLetter(sc.s[sc.i]) {
		sc.i++
	}
	return sc.s[j:sc.i]
}

// dateSep reads one date separator: - / . or a comma with optional blanks.
func (sc *dtScanner) dateSep() (byte, bool) {
	if sc.done() {
		return 0, false
	}
	c := sc.s[sc.i]
	switch c {
	case '-', '/', '.':
		sc.i++
		return c, true
	case ',':
		sc.i++
		sc.spaces()
		return c, true
	}
	return 0, false
}

// parseYearFirst: yyyy-mm-dd [time] with -, /, . or ", " separators.
func parseYearFirst(sc *dtScanner) (time.Time, bool) {
	y, n := sc.num(4)
	if n != 4 {
		return time.Time{}, false
	}
	sep, ok := sc.dateSep()
	if !ok {
		return time.Time{}, false
	}
	m, n1 := sc.num(2)
	sep2, ok2 := sc.dateSep()
	d, n2 := sc.num(2)
	if n1 == 0 || n2 == 0 || !ok2 || sep2 != sep {
		return time.Time{}, false
	}
	return sc.timeAndZone(y, m, d)
}

// parseMonthFirst: mm/dd/yyyy or mm-dd-yyyy [time] (the invariant-culture
// order .NET, and so Kusto, reads).
func parseMonthFirst(sc *dtScanner) (time.Time, bool) {
	m, n := sc.num(2)
	if n == 0 {
		return time.Time{}, false
	}
	sep, ok := sc.dateSep()
	if !ok || (sep != '/' && sep != '-') {
		return time.Time{}, false
	}
	d, n1 := sc.num(2)
	sep2, ok2 := sc.dateSep()
	y, n2 := sc.num(4)
	if n1 == 0 || !ok2 || sep2 != sep || n2 != 4 {
		return time.Time{}, false
	}
	return sc.timeAndZone(y, m, d)
}

var monthNames = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// parseRFC: [Weekday,] d Mon yy[yy] hh:mm[:ss] [zone] (RFC 822), and the
// same with '-' between day, month and year (RFC 850).
func parseRFC(sc *dtScanner) (time.Time, bool) {
	if w := sc.word(); w != "" {
		if !sc.byte(',') {
			return time.Time{}, false
		}
		sc.spaces()
	}
	d, n := sc.num(2)
	if n == 0 {
		return time.Time{}, false
	}
	dash := sc.byte('-')
	if !dash && sc.spaces() == 0 {
		return time.Time{}, false
	}
	m, ok := monthNames[strings.ToLower(sc.word())]
	if !ok || (dash && !sc.byte('-')) || (!dash && sc.spaces() == 0) {
		return time.Time{}, false
	}
	y, n := sc.num(4)
	switch n {
	case 2:
		y += 2000
		if y >= 2050 {
			y -= 100
		}
	case 4:
	default:
		return time.Time{}, false
	}
	return sc.timeAndZone(y, int(m), d)
}

// timeAndZone reads the optional time of day and zone after a date and
// builds the UTC instant, rejecting out-of-range fields.
func (sc *dtScanner) timeAndZone(y, m, d int) (time.Time, bool) {
	var hh, mm, ss int
	var frac time.Duration
	if !sc.done() {
		if !sc.byte('T') && sc.spaces() == 0 {
			return time.Time{}, false
		}
		var ok bool
		if hh, mm, ss, frac, ok = sc.clock(); !ok {
			return time.Time{}, false
		}
	}
	offset, ok := sc.zone()
	if !ok || !sc.done() || m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.UTC)
	if t.Day() != d || y < 1 {
		return time.Time{}, false // February 30 and friends
	}
	return t.Add(frac).Add(-offset), true
}

// clock reads hh:mm[:ss[.fffffff]] [AM|PM].
func (sc *dtScanner) clock() (hh, mm, ss int, frac time.Duration, ok bool) {
	var n int
	if hh, n = sc.num(2); n == 0 || !sc.byte(':') {
		return
	}
	if mm, n = sc.num(2); n != 2 {
		return
	}
	if sc.byte(':') {
		if ss, n = sc.num(2); n != 2 {
			return
		}
		if sc.byte('.') {
			j := sc.i
			for sc.i < len(sc.s) && isDigit(sc.s[sc.i]) {
				sc.i++
			}
			var err error
			if frac, err = fractionDuration(sc.s[j:sc.i]); err != nil || sc.i == j {
				return
			}
		}
	}
	save := sc.i
	sc.spaces()
	switch strings.ToUpper(sc.word()) {
	case "AM":
		if hh == 12 {
			hh = 0
		}
	case "PM":
		if hh < 12 {
			hh += 12
		}
	default:
		sc.i = save
	}
	return hh, mm, ss, frac, true
}

// zone reads an optional Z, GMT, UTC or +hh[:]mm and returns its offset.
func (sc *dtScanner) zone() (time.Duration, bool) {
	save := sc.i
	sc.spaces()
	if sc.done() {
		sc.i = save
		return 0, true
	}
	switch c := sc.s[sc.i]; {
	case c == 'Z' || c == 'z':
		sc.i++
		return 0, true
	case c == '+' || c == '-':
		sc.i++
		h, n := sc.num(2)
		if n != 2 {
			return 0, false
		}
		sc.byte(':')
		m, n := sc.num(2)
		if n != 2 || h > 23 || m > 59 {
			return 0, false
		}
		off := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
		if c == '-' {
			off = -off
		}
		return off, true
	}
	switch strings.ToUpper(sc.word()) {
	case "GMT", "UTC", "UT":
		return 0, true
	}
	return 0, false
}
