package kqlfunc

import (
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // datetime_utc_to_local needs the IANA zones on any host
)

// Time zone conversion with the IANA zones Go embeds.

var zoneCache sync.Map // name → *time.Location or nil

func zone(name string) *time.Location {
	if v, ok := zoneCache.Load(name); ok {
		loc, _ := v.(*time.Location)
		return loc
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" || strings.EqualFold(name, "local") {
		loc = nil
	}
	zoneCache.Store(name, loc)
	return loc
}

// DateTimeUTCToLocal is datetime_utc_to_local: the wall clock of the IANA
// zone at that UTC instant; null for an unknown zone.
func DateTimeUTCToLocal(t time.Time, tz string) (time.Time, bool) {
	loc := zone(tz)
	if loc == nil {
		return time.Time{}, false
	}
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), time.UTC), true
}

// DateTimeLocalToUTC is datetime_local_to_utc: the UTC instant of a wall
// clock in the IANA zone; null for an unknown zone.
func DateTimeLocalToUTC(t time.Time, tz string) (time.Time, bool) {
	loc := zone(tz)
	if loc == nil {
		return time.Time{}, false
	}
	wall := t.UTC()
	guess := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), wall.Nanosecond(), loc)
	// a wall clock skipped by a DST change takes the offset after it, as
	// Kusto's documented example shows (02:00 Brussels on 2022-03-27 is
	// 00:00 UTC); elsewhere this is the zone's offset at that time
	_, offset := guess.Zone()
	return wall.Add(-time.Duration(offset) * time.Second), true
}
