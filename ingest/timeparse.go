package ingest

import (
	"strings"
	"time"
)

// parseDateTime reads the datetime forms found in security exports, all
// taken as UTC unless they carry an offset:
//
//	2021-04-28T14:08:45.2210000Z    ISO 8601 / RFC 3339 (T or space, any fraction, Z or ±hh[:mm])
//	2021-04-28 14:08:45             NXLog, pandas without a zone
//	2021-04-28                      a date alone
//	4/28/2021, 2:08:45.221 PM       Log Analytics portal export (M/D/YYYY, 12-hour clock)
//
// Bare numbers are not datetimes.
func parseDateTime(s string) (time.Time, bool) {
	if len(s) < 8 {
		return time.Time{}, false
	}
	p := cursor{s: s}
	if p.digitsAhead() == 4 {
		return p.isoDateTime()
	}
	return p.usDateTime()
}

// cursor walks a string left to right; every method leaves it unchanged on
// failure only where noted.
type cursor struct {
	s string
	i int
}

func (p *cursor) done() bool { return p.i >= len(p.s) }

func (p *cursor) peek() byte {
	if p.done() {
		return 0
	}
	return p.s[p.i]
}

func (p *cursor) eat(c byte) bool {
	if p.peek() == c {
		p.i++
		return true
	}
	return false
}

func (p *cursor) digitsAhead() int {
	n := 0
	for p.i+n < len(p.s) && p.s[p.i+n] >= '0' && p.s[p.i+n] <= '9' {
		n++
	}
	return n
}

// num reads between min and max digits.
func (p *cursor) num(min, max int) (int, bool) {
	n := p.digitsAhead()
	if n < min || n > max {
		return 0, false
	}
	v := 0
	for _, c := range p.s[p.i : p.i+n] {
		v = v*10 + int(c-'0')
	}
	p.i += n
	return v, true
}

// fixed reads exactly n digits, whatever follows.
func (p *cursor) fixed(n int) (int, bool) {
	if p.i+n > len(p.s) {
		return 0, false
	}
	v := 0
	for _, c := range p.s[p.i : p.i+n] {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	p.i += n
	return v, true
}

// frac reads the digits after a decimal point as nanoseconds (beyond nine
// digits they are dropped).
func (p *cursor) frac() (int, bool) {
	n := p.digitsAhead()
	if n == 0 {
		return 0, false
	}
	ns := 0
	for k := 0; k < 9; k++ {
		ns *= 10
		if k < n {
			ns += int(p.s[p.i+k] - '0')
		}
	}
	p.i += n
	return ns, true
}

func (p *cursor) isoDateTime() (time.Time, bool) {
	y, _ := p.num(4, 4)
	sep := p.peek()
	if sep != '-' && sep != '/' {
		return time.Time{}, false
	}
	p.i++
	mo, ok1 := p.num(1, 2)
	ok2 := p.eat(sep)
	d, ok3 := p.num(1, 2)
	if !ok1 || !ok2 || !ok3 {
		return time.Time{}, false
	}
	if p.done() {
		return mkTime(y, mo, d, 0, 0, 0, 0, time.UTC)
	}
	if !p.eat('T') && !p.eat(' ') && !p.eat('t') {
		return time.Time{}, false
	}
	h, mi, sec, ns, ok := p.clock()
	if !ok {
		return time.Time{}, false
	}
	loc, ok := p.zone()
	if !ok || !p.done() {
		return time.Time{}, false
	}
	return mkTime(y, mo, d, h, mi, sec, ns, loc)
}

// clock reads hh:mm[:ss[.fff]].
func (p *cursor) clock() (h, mi, sec, ns int, ok bool) {
	var ok1, ok2 bool
	h, ok1 = p.num(1, 2)
	if !ok1 || !p.eat(':') {
		return 0, 0, 0, 0, false
	}
	mi, ok2 = p.num(2, 2)
	if !ok2 {
		return 0, 0, 0, 0, false
	}
	if p.eat(':') {
		if sec, ok = p.num(2, 2); !ok {
			return 0, 0, 0, 0, false
		}
		if p.eat('.') || p.eat(',') {
			if ns, ok = p.frac(); !ok {
				return 0, 0, 0, 0, false
			}
		}
	}
	return h, mi, sec, ns, true
}

// zone reads nothing (UTC), Z, " UTC", or an offset ±hh[[:]mm].
func (p *cursor) zone() (*time.Location, bool) {
	switch {
	case p.done():
		return time.UTC, true
	case p.eat('Z') || p.eat('z'):
		return time.UTC, true
	case p.s[p.i:] == " UTC" || p.s[p.i:] == " GMT":
		p.i = len(p.s)
		return time.UTC, true
	}
	sign := 1
	switch {
	case p.eat('+'):
	case p.eat('-'):
		sign = -1
	default:
		return nil, false
	}
	oh, ok := p.fixed(2)
	if !ok {
		return nil, false
	}
	om := 0
	p.eat(':')
	if !p.done() {
		if om, ok = p.fixed(2); !ok {
			return nil, false
		}
	}
	if oh > 14 || om > 59 {
		return nil, false
	}
	return time.FixedZone("", sign*(oh*3600+om*60)), true
}

func (p *cursor) usDateTime() (time.Time, bool) {
	mo, ok1 := p.num(1, 2)
	ok2 := p.eat('/')
	d, ok3 := p.num(1, 2)
	ok4 := p.eat('/')
	y, ok5 := p.num(4, 4)
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 {
		return time.Time{}, false
	}
	if p.done() {
		return mkTime(y, mo, d, 0, 0, 0, 0, time.UTC)
	}
	p.eat(',')
	if !p.eat(' ') {
		return time.Time{}, false
	}
	h, mi, sec, ns, ok := p.clock()
	if !ok {
		return time.Time{}, false
	}
	if p.eat(' ') {
		rest := strings.ToUpper(p.s[p.i:])
		switch {
		case rest == "AM" && h >= 1 && h <= 12:
			h %= 12
		case rest == "PM" && h >= 1 && h <= 12:
			h = h%12 + 12
		default:
			return time.Time{}, false
		}
		p.i = len(p.s)
	}
	if !p.done() {
		return time.Time{}, false
	}
	return mkTime(y, mo, d, h, mi, sec, ns, time.UTC)
}

// mkTime builds a UTC time and rejects out-of-range fields instead of
// letting time.Date normalise 2021-02-30 into March.
func mkTime(y, mo, d, h, mi, s, ns int, loc *time.Location) (time.Time, bool) {
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 {
		return time.Time{}, false
	}
	if s == 60 { // a leap second reads as the last representable instant
		s, ns = 59, 999_999_900
	}
	t := time.Date(y, time.Month(mo), d, h, mi, s, ns, loc)
	if t.Day() != d {
		return time.Time{}, false
	}
	return ticks(t), true
}

// parseTimeSpan reads Kusto's [-][d.]hh:mm:ss[.fffffff] and pandas'
// "N days hh:mm:ss[.ffffff]" (also "-1 days +23:59:59").
func parseTimeSpan(s string) (time.Duration, bool) {
	p := cursor{s: s}
	neg := p.eat('-')
	days := 0
	if n := p.digitsAhead(); n > 0 && p.i+n < len(s) && (s[p.i+n] == '.' || s[p.i+n] == ' ') {
		if s[p.i+n] == ' ' {
			days, _ = p.num(1, 9)
			rest := s[p.i:]
			switch {
			case rest == " days" || rest == " day": // pandas: "0 days"
				d := time.Duration(days) * 24 * time.Hour
				if neg {
					d = -d
				}
				return d, true
			case strings.HasPrefix(rest, " days "):
				p.i += 6
			case strings.HasPrefix(rest, " day "):
				p.i += 5
			default:
				return 0, false
			}
			if p.eat('+') && neg { // pandas: "-1 days +23:59:59" is -1d + 23:59:59
				return pandasNegative(&p, days)
			}
		} else {
			days, _ = p.num(1, 9)
			p.i++
		}
	}
	h, mi, sec, ns, ok := p.clock()
	if !ok || !p.done() || h > 23 || sec > 59 || strings.Count(s, ":") != 2 {
		return 0, false
	}
	d := time.Duration(days)*24*time.Hour + time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute +
		time.Duration(sec)*time.Second + time.Duration(ns)
	d = d.Truncate(100)
	if neg {
		d = -d
	}
	return d, true
}

func pandasNegative(p *cursor, days int) (time.Duration, bool) {
	h, mi, sec, ns, ok := p.clock()
	if !ok || !p.done() || h > 23 {
		return 0, false
	}
	d := -time.Duration(days)*24*time.Hour + time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute +
		time.Duration(sec)*time.Second + time.Duration(ns)
	return d.Truncate(100), true
}
