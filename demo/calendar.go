package demo

import (
	"math"
	"net/netip"
	"slices"
	"time"
)

// sessionKind tells why a person is at their computer.
type sessionKind uint8

const (
	sessWorkday sessionKind = iota
	sessWeekend             // a short session from home on a day off
	sessOnCall              // an on-call admin fixing something at night
	sessAdmin               // an IT admin's RDP session to the management server
)

// session is one continuous stretch of a person's work on their workstation:
// a workday (with its lunch break), a weekend hour or a night call-out. The
// long-lived process ids and the logon id of the session are fixed here so
// that every table derived from it agrees on them.
type session struct {
	ID         int
	User       *User
	Host       *Host
	Kind       sessionKind
	Day        date
	Start, End time.Time
	LunchStart time.Time // zero when no lunch break
	LunchEnd   time.Time
	Remote     bool
	Site       *Site      // where the person is (their office, or another when travelling)
	IP         netip.Addr // workstation address that day (office LAN or VPN pool)
	PublicIP   netip.Addr // the address cloud services see
	place      place      // where the person is, for sign-in locations
	LogonID    uint64
	From       *session // for an admin session: the workstation session it was opened from
	ident      *identity
	procs      *sessionProcs // the processes it starts at logon (newWorld)
	explorer   uint32
	apps       [nApps]uint32 // pids of the apps started at logon
}

// The apps a session starts at logon and keeps running all day.
const (
	appOutlook = iota
	appBrowser
	appTeams
	appOneDrive
	nApps
)

// active reports the activity weight of the session at t: 1 while working,
// 0.2 over lunch, 0 outside.
func (s *session) active(t time.Time) float64 {
	if t.Before(s.Start) || !t.Before(s.End) {
		return 0
	}
	if !s.LunchStart.IsZero() && !t.Before(s.LunchStart) && t.Before(s.LunchEnd) {
		return 0.2
	}
	return 1
}

// segment is the part of a session inside one hour of the window, weighted
// by activity; generators draw the time and actor of human events from the
// segments of the hour.
type segment struct {
	s        *session
	from, to time.Time
	weight   float64 // activity × duration in minutes
}

// calendar holds the window, every session in it and the active segments of
// each hour.
type calendar struct {
	start, end time.Time
	slot       time.Duration // the generation chunk: an hour, shorter for huge runs
	hours      int           // number of slots (hours by default)
	sessions   []*session
	byHour     [][]segment
	cumHour    [][]float64 // running sums of the segment weights of each hour
	hourWeight []float64   // sum of segment weights per hour
	totalW     float64
	holidays   []holidayInfo
	userDays   map[int]map[date]*session // user index → day → workday session
}

type holidayInfo struct {
	Country, Name string
	Day           date
}

func newCalendar(o *Org, seed int64, start, end time.Time, slot time.Duration) *calendar {
	c := &calendar{start: start, end: end, slot: slot, hours: int(math.Ceil(float64(end.Sub(start)) / float64(slot))),
		userDays: map[int]map[date]*session{}}
	c.findHolidays(o)
	for _, u := range o.Users {
		c.addUserSessions(o, seed, u)
	}
	slices.SortFunc(c.sessions, func(a, b *session) int {
		if d := a.Start.Compare(b.Start); d != 0 {
			return d
		}
		return a.User.Index - b.User.Index
	})
	for i, s := range c.sessions {
		s.ID = i
		s.LogonID = 0x3e7000 + uint64(mix64(uint64(seed)^uint64(i))%0x7fffff00)
	}
	c.buildSegments()
	return c
}

// hourStart returns the start of slot i of the window.
func (c *calendar) hourStart(i int) time.Time { return c.start.Add(time.Duration(i) * c.slot) }

// findHolidays lists the public holidays of every office inside the window.
// A window without one gets a company-wide day off (a "wellbeing day") on
// its second Friday, so the data always shows a quiet weekday.
func (c *calendar) findHolidays(o *Org) {
	for _, s := range o.Sites {
		for d := dateOf(c.start.In(s.TZ)); !d.at(0, s.TZ).After(c.end); d = d.add(1) {
			if name, ok := holiday(s.country, d); ok {
				c.holidays = append(c.holidays, holidayInfo{s.country, name, d})
			}
		}
	}
	if len(c.holidays) > 0 {
		return
	}
	d := dateOf(c.start.In(o.Sites[0].TZ)).add(1)
	fridays := 0
	for ; fridays < 2 && d.at(12, o.Sites[0].TZ).Before(c.end); d = d.add(1) {
		if d.weekday() == time.Friday {
			fridays++
		}
	}
	d = d.add(-1)
	for _, s := range o.Sites {
		c.holidays = append(c.holidays, holidayInfo{s.country, "Company wellbeing day", d})
	}
}

func (c *calendar) isHoliday(country string, d date) bool {
	for _, h := range c.holidays {
		if h.Country == country && h.Day == d {
			return true
		}
	}
	return false
}

// addUserSessions decides, day by day, whether and how a person works.
func (c *calendar) addUserSessions(o *Org, seed int64, u *User) {
	tz := u.Site.TZ
	first := dateOf(c.start.In(tz)).add(-1)
	last := dateOf(c.end.In(tz))
	days := map[date]*session{}
	c.userDays[u.Index] = days
	for d := first; d != last.add(1); d = d.add(1) {
		r := newRNG(seed, "day", u.Index, d.dayNumber())
		week := d.dayNumber() / 7
		onLeave := newRNG(seed, "leave", u.Index, week).chance(0.04) || r.chance(0.015)
		wd := d.weekday()
		weekend := wd == time.Saturday || wd == time.Sunday
		switch {
		case weekend || c.isHoliday(u.Site.country, d):
			if u.Weekender && r.chance(0.35) {
				c.add(o, r, u, d, sessWeekend, days)
			}
		case !onLeave:
			s := c.add(o, r, u, d, sessWorkday, days)
			days[d] = s
			for i := 0; i < 3 && u.AdminSam != "" && r.chance(0.6); i++ {
				c.addAdmin(o, r, s)
			}
		}
		if u.OnCall && r.chance(0.22) && onCallWeek(o, u, week) {
			c.addAdmin(o, r, c.add(o, r, u, d, sessOnCall, days))
		}
	}
}

// onCallWeek rotates on-call duty weekly among the on-call admins.
func onCallWeek(o *Org, u *User, week int) bool {
	var admins []*User
	for _, x := range o.Users {
		if x.OnCall {
			admins = append(admins, x)
		}
	}
	return admins[week%len(admins)] == u
}

func (c *calendar) add(o *Org, r *rng, u *User, d date, kind sessionKind, days map[date]*session) *session {
	s := &session{User: u, Host: u.Workstation, Kind: kind, Day: d, Site: u.Site, place: u.Home}
	tz := u.Site.TZ
	switch kind {
	case sessWorkday:
		remoteP := u.RemoteProb
		if wd := d.weekday(); wd == time.Friday || wd == time.Monday {
			remoteP += 0.12
		}
		s.Remote = r.chance(clamp(remoteP, 0, 0.97)) && !u.Workstation.Desktop // desktops stay in the office
		start := clamp(r.normal(u.Start, 0.35), 6, 12)
		end := clamp(r.normal(u.End, 0.5), start+4, 23)
		s.Start, s.End = d.at(start, tz), d.at(end, tz)
		lunch := clamp(r.normal(12.4, 0.35), start+1.5, end-1)
		s.LunchStart = d.at(lunch, tz)
		s.LunchEnd = s.LunchStart.Add(r.durIn(25*time.Minute, 65*time.Minute))
	case sessWeekend:
		s.Remote = true
		start := float64(r.between(9, 20)) + r.Float64()
		s.Start = d.at(start, tz)
		s.End = s.Start.Add(r.durIn(40*time.Minute, 3*time.Hour))
	case sessOnCall:
		s.Remote = true
		s.Start = d.at(0.5+r.Float64()*4, tz)
		s.End = s.Start.Add(r.durIn(20*time.Minute, 100*time.Minute))
	}
	if s.Remote {
		s.IP = netip.AddrFrom4([4]byte{10, 250, byte(u.Index % 200), byte(10 + (d.dayNumber()*7+u.Index)%240)})
		s.PublicIP = u.HomeIP
	} else {
		s.IP = u.Workstation.IP
		s.PublicIP = u.Site.Egress
		s.place = u.Site.place
	}
	s.explorer = pid4(r, 0x1400, 0x2000)
	for i := range s.apps {
		s.apps[i] = pid4(r, 0x2000+i*0x800, 0x2800+i*0x800)
	}
	c.sessions = append(c.sessions, s)
	return s
}

// addAdmin opens an RDP session with the person's admin account from their
// workstation session to the management server.
func (c *calendar) addAdmin(o *Org, r *rng, from *session) {
	span := from.End.Sub(from.Start)
	start := from.Start.Add(r.durIn(2*time.Minute, span*3/4))
	end := minTime(start.Add(r.durIn(15*time.Minute, 100*time.Minute)), from.End)
	mgmt := o.Host("MGMT01")
	s := &session{User: from.User, Host: mgmt, Kind: sessAdmin, Day: from.Day, Start: start, End: end,
		Remote: from.Remote, Site: mgmt.Site, IP: mgmt.IP, PublicIP: from.PublicIP, place: from.place, From: from}
	s.explorer = pid4(r, 0x1400, 0x2000)
	c.sessions = append(c.sessions, s)
}

// buildSegments cuts every session into per-hour segments.
func (c *calendar) buildSegments() {
	c.byHour = make([][]segment, c.hours)
	c.hourWeight = make([]float64, c.hours)
	c.cumHour = make([][]float64, c.hours)
	for _, s := range c.sessions {
		from, to := maxTime(s.Start, c.start), minTime(s.End, c.end)
		for t := from; t.Before(to); {
			h := int(t.Sub(c.start) / c.slot)
			hEnd := minTime(c.hourStart(h+1), to)
			w := segWeight(s, t, hEnd)
			if w > 0 {
				c.byHour[h] = append(c.byHour[h], segment{s, t, hEnd, w})
				c.hourWeight[h] += w
				c.cumHour[h] = append(c.cumHour[h], c.hourWeight[h])
				c.totalW += w
			}
			t = hEnd
		}
	}
}

// segWeight integrates the session's activity over [from, to) in minutes.
func segWeight(s *session, from, to time.Time) float64 {
	w := to.Sub(from).Minutes()
	if !s.LunchStart.IsZero() {
		a, b := maxTime(from, s.LunchStart), minTime(to, s.LunchEnd)
		if a.Before(b) {
			w -= 0.8 * b.Sub(a).Minutes()
		}
	}
	return w
}

// pickSegment draws a segment of hour h in proportion to its weight and a
// time inside it; ok is false when nobody works in that hour.
func (c *calendar) pickSegment(r *rng, h int) (segment, time.Time, bool) {
	segs := c.byHour[h]
	if len(segs) == 0 {
		return segment{}, time.Time{}, false
	}
	x := r.Float64() * c.hourWeight[h]
	i, _ := slices.BinarySearch(c.cumHour[h], x)
	sg := segs[min(i, len(segs)-1)]
	for {
		t := sg.from.Add(r.durIn(0, sg.to.Sub(sg.from)))
		if sg.s.active(t) >= 1 || r.chance(0.2) {
			return sg, t, true
		}
	}
}

// workday returns the person's workday session on local day d, or nil.
func (c *calendar) workday(u *User, d date) *session { return c.userDays[u.Index][d] }

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
