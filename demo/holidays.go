package demo

import "time"

// Public holidays of the office countries: fixed dates, "n-th weekday of a
// month" rules and Easter-relative days, enough to give any 7–14 day window
// the holidays it really contains.

type holidayRule struct {
	country string
	name    string
	month   time.Month
	day     int          // fixed day of month, or 0
	weekday time.Weekday // with nth: the nth (or last, nth = -1) such weekday
	nth     int
	easter  int // days after Easter Sunday, used when month == 0
}

var holidayRules = []holidayRule{
	{"GB", "New Year's Day", time.January, 1, 0, 0, 0},
	{"GB", "Good Friday", 0, 0, 0, 0, -2},
	{"GB", "Easter Monday", 0, 0, 0, 0, 1},
	{"GB", "Early May bank holiday", time.May, 0, time.Monday, 1, 0},
	{"GB", "Spring bank holiday", time.May, 0, time.Monday, -1, 0},
	{"GB", "Summer bank holiday", time.August, 0, time.Monday, -1, 0},
	{"GB", "Christmas Day", time.December, 25, 0, 0, 0},
	{"GB", "Boxing Day", time.December, 26, 0, 0, 0},
	{"DE", "Neujahr", time.January, 1, 0, 0, 0},
	{"DE", "Karfreitag", 0, 0, 0, 0, -2},
	{"DE", "Ostermontag", 0, 0, 0, 0, 1},
	{"DE", "Tag der Arbeit", time.May, 1, 0, 0, 0},
	{"DE", "Christi Himmelfahrt", 0, 0, 0, 0, 39},
	{"DE", "Pfingstmontag", 0, 0, 0, 0, 50},
	{"DE", "Tag der Deutschen Einheit", time.October, 3, 0, 0, 0},
	{"DE", "Reformationstag", time.October, 31, 0, 0, 0},
	{"DE", "Erster Weihnachtstag", time.December, 25, 0, 0, 0},
	{"DE", "Zweiter Weihnachtstag", time.December, 26, 0, 0, 0},
	{"US", "New Year's Day", time.January, 1, 0, 0, 0},
	{"US", "Martin Luther King Jr. Day", time.January, 0, time.Monday, 3, 0},
	{"US", "Presidents' Day", time.February, 0, time.Monday, 3, 0},
	{"US", "Memorial Day", time.May, 0, time.Monday, -1, 0},
	{"US", "Juneteenth", time.June, 19, 0, 0, 0},
	{"US", "Independence Day", time.July, 4, 0, 0, 0},
	{"US", "Labor Day", time.September, 0, time.Monday, 1, 0},
	{"US", "Thanksgiving Day", time.November, 0, time.Thursday, 4, 0},
	{"US", "Christmas Day", time.December, 25, 0, 0, 0},
	{"SG", "New Year's Day", time.January, 1, 0, 0, 0},
	{"SG", "Good Friday", 0, 0, 0, 0, -2},
	{"SG", "Labour Day", time.May, 1, 0, 0, 0},
	{"SG", "National Day", time.August, 9, 0, 0, 0},
	{"SG", "Christmas Day", time.December, 25, 0, 0, 0},
}

// date is a calendar day without a time zone.
type date struct {
	Y int
	M time.Month
	D int
}

func dateOf(t time.Time) date { y, m, d := t.Date(); return date{y, m, d} }

// at returns the instant (in UTC) of local hour h (fractional) on the day in loc.
func (d date) at(h float64, loc *time.Location) time.Time {
	sec := int(h * 3600)
	return time.Date(d.Y, d.M, d.D, sec/3600, sec/60%60, sec%60, 0, loc).UTC()
}

func (d date) weekday() time.Weekday {
	return time.Date(d.Y, d.M, d.D, 12, 0, 0, 0, time.UTC).Weekday()
}

// dayNumber counts days since 1970-01-01; it keys per-day random streams so a
// person's day does not depend on where the window starts.
func (d date) dayNumber() int {
	return int(time.Date(d.Y, d.M, d.D, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func (d date) add(days int) date { return dateOf(time.Date(d.Y, d.M, d.D+days, 12, 0, 0, 0, time.UTC)) }

// easter returns Easter Sunday of year y (the anonymous Gregorian algorithm).
func easter(y int) date {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return date{y, time.Month(month), day}
}

// holiday returns the name of the public holiday on d in country, if any.
func holiday(country string, d date) (string, bool) {
	for _, h := range holidayRules {
		if h.country != country {
			continue
		}
		var hd date
		switch {
		case h.month == 0:
			hd = easter(d.Y).add(h.easter)
		case h.day != 0:
			hd = date{d.Y, h.month, h.day}
		default:
			hd = nthWeekday(d.Y, h.month, h.weekday, h.nth)
		}
		if hd == d {
			return h.name, true
		}
	}
	return "", false
}

func nthWeekday(y int, m time.Month, wd time.Weekday, nth int) date {
	if nth > 0 {
		first := time.Date(y, m, 1, 12, 0, 0, 0, time.UTC)
		off := (int(wd) - int(first.Weekday()) + 7) % 7
		return dateOf(first.AddDate(0, 0, off+7*(nth-1)))
	}
	last := time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC)
	off := (int(last.Weekday()) - int(wd) + 7) % 7
	return dateOf(last.AddDate(0, 0, -off))
}
