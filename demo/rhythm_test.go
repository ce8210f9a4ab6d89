package demo

import (
	"testing"
	"time"
)

// TestVolumes checks the default run's size and that every table has a
// sensible share.
func TestVolumes(t *testing.T) {
	s, _ := defaultRun(t)
	var total int64
	for _, n := range s.counts {
		total += n
	}
	if total < 900_000 || total > 1_300_000 {
		t.Errorf("total rows %d, want about %d", total, DefaultEvents)
	}
	min := map[string]int64{
		"SecurityEvent": 250_000, "DeviceProcessEvents": 75_000, "DeviceNetworkEvents": 75_000, "CommonSecurityLog": 70_000,
		"SigninLogs": 20_000, "AADNonInteractiveUserSignInLogs": 60_000, "OfficeActivity": 35_000, "Syslog": 40_000,
		"DnsEvents": 18_000, "VMConnection": 40_000, "Heartbeat": 20_000, "EmailEvents": 12_000, "DeviceLogonEvents": 20_000,
		"DeviceFileEvents": 18_000, "AzureActivity": 7_000, "AuditLogs": 2_000, "Event": 9_000, "IdentityInfo": 2_000,
		"ThreatIntelligenceIndicator": 100, "SecurityAlert": 4, "SecurityIncident": 4, GroundTruthTable: 6,
	}
	for name, want := range min {
		if s.counts[name] < want {
			t.Errorf("%s: %d rows, want at least %d", name, s.counts[name], want)
		}
	}
	for name, n := range s.counts {
		if float64(n) > 0.4*float64(total) {
			t.Errorf("%s has %.0f%% of the rows", name, 100*float64(n)/float64(total))
		}
	}
}

// TestRhythms checks the people-driven tables follow the working week:
// weekday office hours dominate, weekends are quiet, nights are not empty
// (servers, service accounts, on-call admins).
func TestRhythms(t *testing.T) {
	s, _ := defaultRun(t)
	start := fixtureConfig.End.Add(-DefaultDays * 24 * time.Hour)
	for _, name := range []string{"SigninLogs", "OfficeActivity", "DeviceProcessEvents", "EmailEvents"} {
		var weekday, weekend, office, night float64
		weekdays, weekendDays := map[int]bool{}, map[int]bool{}
		for h, n := range s.hours[name] {
			ts := start.Add(time.Duration(h) * time.Hour)
			day := int(ts.Sub(start) / (24 * time.Hour))
			if wd := ts.Weekday(); wd == time.Saturday || wd == time.Sunday {
				weekend += float64(n)
				weekendDays[day] = true
				continue
			}
			weekday += float64(n)
			weekdays[day] = true
			switch u := ts.Hour(); {
			case u >= 7 && u < 18:
				office += float64(n)
			case u >= 1 && u < 5:
				night += float64(n)
			}
		}
		perWeekday, perWeekend := weekday/float64(len(weekdays)), weekend/float64(len(weekendDays))
		if perWeekend > 0.3*perWeekday {
			t.Errorf("%s: weekend day %.0f rows vs weekday %.0f", name, perWeekend, perWeekday)
		}
		if office < 0.6*weekday {
			t.Errorf("%s: %.0f%% of weekday rows in 07–18 UTC", name, 100*office/weekday)
		}
		if name == "DeviceProcessEvents" && night == 0 {
			t.Errorf("%s: nothing at night", name)
		}
	}
}

// TestCalendar checks the calendar's own rules: holidays keep their
// country's offices at home, lunch lowers activity, on-call admins work
// some nights.
func TestCalendar(t *testing.T) {
	w, err := newWorld(fixtureConfig)
	if err != nil {
		t.Fatal(err)
	}
	c := w.cal
	if len(c.holidays) == 0 {
		t.Fatal("no holiday in the window")
	}
	for _, hol := range c.holidays {
		for _, s := range c.sessions {
			if s.Kind == sessWorkday && s.User.Site.country == hol.Country && s.Day == hol.Day {
				t.Errorf("%s works on %s (%s)", s.User.UPN, hol.Name, hol.Country)
			}
		}
	}
	var oncall, weekend int
	for _, s := range c.sessions {
		switch s.Kind {
		case sessOnCall:
			oncall++
			if h := s.Start.In(s.User.Site.TZ).Hour(); h > 5 {
				t.Errorf("on-call session at %d:00 local", h)
			}
		case sessWeekend:
			weekend++
		}
		if s.End.Before(s.Start) {
			t.Errorf("session ends before it starts: %+v", s)
		}
	}
	if oncall == 0 || weekend == 0 {
		t.Errorf("on-call sessions %d, weekend sessions %d", oncall, weekend)
	}
	// Lunch: London activity at 12:30 local is below 10:30 on weekdays.
	lon := w.org.Sites[0].TZ
	var at1030, at1230 float64
	for d := dateOf(c.start.In(lon)).add(1); d.at(13, lon).Before(c.end); d = d.add(1) {
		if wd := d.weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		at1030 += londonActive(c, d.at(10.5, lon))
		at1230 += londonActive(c, d.at(12.5, lon))
	}
	if at1230 >= 0.8*at1030 {
		t.Errorf("lunch dip: %.0f active at 12:30 vs %.0f at 10:30", at1230, at1030)
	}
}

func londonActive(c *calendar, t time.Time) float64 {
	var n float64
	for _, s := range c.sessions {
		if s.Site.Code == "LON" && s.Kind == sessWorkday {
			n += s.active(t)
		}
	}
	return n
}
