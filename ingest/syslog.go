package ingest

import (
	"errors"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// syslogRecord is one parsed syslog line.
type syslogRecord struct {
	hasPRI             bool
	facility, severity int
	time               time.Time
	hasTime            bool
	host               string
	app, procID, msgID string
	msg                string
}

// refClock resolves the year of RFC 3164 timestamps, which have none: the
// year of the reference time, or the one before when the date would lie
// more than a day after it (a December line read in January).
type refClock struct{ ref time.Time }

func (c refClock) date(mo time.Month, d, h, mi, s, ns int) (time.Time, bool) {
	ref := c.ref
	if ref.IsZero() {
		ref = time.Now()
	}
	t := time.Date(ref.Year(), mo, d, h, mi, s, ns, time.UTC)
	if t.Day() != d || h > 23 || mi > 59 || s > 60 {
		return time.Time{}, false
	}
	if t.After(ref.Add(24 * time.Hour)) {
		t = t.AddDate(-1, 0, 0)
	}
	return ticks(t), true
}

var facilityNames = [...]string{"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
	"authpriv", "ftp", "ntp", "security", "console", "clock", "local0", "local1", "local2", "local3", "local4",
	"local5", "local6", "local7"}

var severityNames = [...]string{"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"}

var errNotSyslog = errors.New("not a syslog line (expected <PRI>, an RFC 3164 or an ISO timestamp, then a host)")

// parseSyslog reads one line in RFC 5424 (<PRI>1 TIMESTAMP HOST APP PROCID
// MSGID SD MSG) or RFC 3164 (<PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG) form;
// the PRI is optional, and an ISO timestamp may stand in for the BSD one
// (rsyslog's file format).
func parseSyslog(line string, clock refClock) (syslogRecord, error) {
	var r syslogRecord
	s := strings.TrimRight(line, "\r\n")
	if strings.HasPrefix(s, "<") {
		end := strings.IndexByte(s, '>')
		if end < 2 || end > 4 {
			return r, errNotSyslog
		}
		pri, err := strconv.Atoi(s[1:end])
		if err != nil || pri < 0 || pri > 191 {
			return r, errors.New("bad syslog PRI " + strconv.Quote(s[:end+1]))
		}
		r.hasPRI, r.facility, r.severity = true, pri/8, pri%8
		s = s[end+1:]
		if strings.HasPrefix(s, "1 ") {
			return parse5424(r, s[2:])
		}
	}
	rest, ok := r.bsdTimestamp(s, clock)
	if !ok {
		return r, errNotSyslog
	}
	host, after := nextField(rest)
	if host == "" {
		return r, errNotSyslog
	}
	if strings.HasSuffix(host, ":") || strings.Contains(host, "[") {
		// No host: a local daemon's line starts with its tag.
		r.app, r.procID, r.msg = splitTag(strings.TrimLeft(rest, " "))
		return r, nil
	}
	r.host = host
	r.app, r.procID, r.msg = splitTag(after)
	return r, nil
}

// bsdTimestamp reads "Mmm dd hh:mm:ss" (with optional fraction and year) or
// an ISO 8601 timestamp, and returns the rest after one space.
func (r *syslogRecord) bsdTimestamp(s string, clock refClock) (string, bool) {
	if len(s) >= 15 && s[3] == ' ' {
		mo, ok := monthIndex(s[:3])
		if !ok {
			return "", false
		}
		p := cursor{s: s, i: 4}
		p.eat(' ')
		d, ok1 := p.num(1, 2)
		ok2 := p.eat(' ')
		year := 0
		if n := p.digitsAhead(); n == 4 && p.i+4 < len(s) && s[p.i+4] == ' ' { // Cisco: "Mmm dd yyyy hh:mm:ss"
			year, _ = p.num(4, 4)
			p.eat(' ')
		}
		h, mi, sec, ns, ok3 := p.clock()
		if !ok1 || !ok2 || !ok3 || (!p.done() && !p.eat(' ')) {
			return "", false
		}
		var t time.Time
		var ok4 bool
		if year > 0 {
			t, ok4 = mkTime(year, int(mo), d, h, mi, sec, ns, time.UTC)
		} else {
			t, ok4 = clock.date(mo, d, h, mi, sec, ns)
		}
		if !ok4 {
			return "", false
		}
		r.time, r.hasTime = t, true
		return s[p.i:], true
	}
	tok, rest := nextField(s)
	if len(tok) < 19 || tok[4] != '-' || !strings.ContainsAny(tok[10:11], "T ") {
		return "", false
	}
	t, ok := parseDateTime(tok)
	if !ok {
		return "", false
	}
	r.time, r.hasTime = t, true
	return rest, true
}

func monthIndex(s string) (time.Month, bool) {
	const months = "JanFebMarAprMayJunJulAugSepOctNovDec"
	i := strings.Index(months, s)
	if i < 0 || i%3 != 0 {
		return 0, false
	}
	return time.Month(i/3 + 1), true
}

// nextField splits off the next space-separated field.
func nextField(s string) (field, rest string) {
	s = strings.TrimLeft(s, " ")
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// splitTag reads "TAG[PID]: MSG" or "TAG: MSG"; text with no tag is all
// message.
func splitTag(s string) (app, pid, msg string) {
	i := 0
	for i < len(s) && i <= 48 && isTagChar(s[i]) {
		i++
	}
	if i == 0 || i > 48 || i >= len(s) {
		return "", "", s
	}
	app = s[:i]
	rest := s[i:]
	if rest[0] == '[' {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return "", "", s
		}
		pid = rest[1:end]
		rest = rest[end+1:]
	}
	if !strings.HasPrefix(rest, ":") {
		return "", "", s
	}
	return app, pid, strings.TrimPrefix(rest[1:], " ")
}

func isTagChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '/'
}

// parse5424 reads the part of an RFC 5424 line after "<PRI>1 ".
func parse5424(r syslogRecord, s string) (syslogRecord, error) {
	ts, s := nextField(s)
	if ts != "-" {
		t, ok := parseDateTime(ts)
		if !ok {
			return r, errors.New("bad RFC 5424 timestamp " + strconv.Quote(clip(ts)))
		}
		r.time, r.hasTime = t, true
	}
	var fields [4]string
	for i := range fields {
		fields[i], s = nextField(s)
		if fields[i] == "-" {
			fields[i] = ""
		}
	}
	r.host, r.app, r.procID, r.msgID = fields[0], fields[1], fields[2], fields[3]
	sd, msg, err := splitStructuredData(s)
	if err != nil {
		return r, err
	}
	msg = strings.TrimPrefix(msg, "\ufeff")
	if sd != "" {
		msg = strings.TrimSpace(sd + " " + msg)
	}
	r.msg = msg
	return r, nil
}

// splitStructuredData separates "[id k=\"v\"]..." (or "-") from the message.
func splitStructuredData(s string) (sd, msg string, err error) {
	if s == "" || s == "-" {
		return "", "", nil
	}
	if strings.HasPrefix(s, "- ") {
		return "", s[2:], nil
	}
	if s[0] != '[' {
		return "", s, nil
	}
	i, inQuote := 0, false
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\' && inQuote:
			i++
		case c == '"':
			inQuote = !inQuote
		case c == ']' && !inQuote && (i+1 == len(s) || s[i+1] != '['):
			return s[:i+1], strings.TrimPrefix(s[i+1:], " "), nil
		}
		i++
	}
	return "", "", errors.New("unterminated RFC 5424 structured data")
}

// syslogRow maps a record into Syslog's columns.
func syslogRow(r syslogRecord, cols *colIndex, row []any) {
	if r.hasPRI {
		if r.facility < len(facilityNames) {
			cols.set(row, "Facility", facilityNames[r.facility])
		}
		cols.set(row, "SeverityLevel", severityNames[r.severity])
	}
	if r.hasTime {
		cols.set(row, "TimeGenerated", r.time)
		cols.set(row, "EventTime", r.time)
	}
	cols.set(row, "HostName", r.host)
	cols.set(row, "Computer", r.host)
	if a, err := netip.ParseAddr(r.host); err == nil {
		cols.set(row, "HostIP", a.String())
	}
	cols.set(row, "ProcessName", r.app)
	if pid, err := strconv.ParseInt(r.procID, 10, 32); err == nil {
		cols.set(row, "ProcessID", int32(pid))
	}
	cols.set(row, "SyslogMessage", r.msg)
	cols.set(row, "SourceSystem", "Linux")
	cols.set(row, "Type", "Syslog")
}
