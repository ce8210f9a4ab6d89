package demo

import (
	"net/netip"
	"time"
)

// Windows logon types.
const (
	ltInteractive       = 2
	ltNetwork           = 3
	ltBatch             = 4
	ltService           = 5
	ltUnlock            = 7
	ltNetworkCleartext  = 8
	ltNewCredentials    = 9
	ltRemoteInteractive = 10
	ltCachedInteractive = 11
)

var logonTypeNames = map[int]string{
	2: "Interactive", 3: "Network", 4: "Batch", 5: "Service", 7: "Unlock", 8: "NetworkCleartext",
	9: "NewCredentials", 10: "RemoteInteractive", 11: "CachedInteractive",
}

// logonEvent is a logon attempt on a Windows host and its session.
type logonEvent struct {
	t        time.Time
	host     *Host
	id       *identity
	typ      int
	src      *Host      // the machine the logon came from, if ours
	srcIP    netip.Addr // invalid for local logons
	pkg      string     // Kerberos, NTLM, Negotiate
	process  string     // logon process: User32, Kerberos, NtLmSsp, Advapi
	status   uint32     // 0 = success, else the NTSTATUS of the failure
	subst    uint32
	end      time.Time // logoff; zero for failures and sessions outliving the data
	admin    bool      // privileged: a 4672 follows
	ticket   string    // Kerberos service of the ticket the logon used ("cifs/FS01"), "" if none
	explicit bool      // 4648: the caller supplied other credentials
	story    string
}

// NTSTATUS codes of failed logons.
const (
	statusLogonFailure  = 0xC000006D
	statusWrongPassword = 0xC000006A
	statusNoSuchUser    = 0xC0000064
	statusLockedOut     = 0xC0000234
)

// logonStream appends to out the Windows logons of hour h: interactive logons and
// unlocks of the hour's sessions, and network, service and batch logons
// drawn around them.
func (w *world) logonStream(h int, out []logonEvent) []logonEvent {
	r := newRNG(w.seed, "logon", h)
	from, to := w.cal.hourStart(h), w.cal.hourStart(h+1)
	for _, s := range w.cal.sessions {
		if s.Host.IsWindows() {
			out = w.sessionLogons(r, s, from, to, out)
		}
	}
	n := w.quota(r, w.vol.logons*0.6, true, h)
	for i := 0; i < n; i++ {
		sg, t, _ := w.cal.pickSegment(r, h)
		out = append(out, w.userNetworkLogon(r, sg.s, t))
	}
	n = w.quota(r, w.vol.logons*0.4, false, h)
	for i := 0; i < n; i++ {
		out = append(out, w.machineLogon(r, h, from.Add(r.durIn(0, w.cal.slot))))
	}
	for _, ev := range w.story.logons {
		if !ev.t.Before(from) && ev.t.Before(to) {
			out = append(out, ev)
		}
	}
	return out
}

// sessionLogons adds the logon at a session's start (and a typo before it
// now and then), and the unlock after lunch, when they fall in [from, to).
func (w *world) sessionLogons(r *rng, s *session, from, to time.Time, out []logonEvent) []logonEvent {
	in := func(t time.Time) bool { return !t.Before(from) && t.Before(to) }
	id := w.sessionID(s)
	if in(s.Start) {
		lr := newRNG(w.seed, "sesslogon", s.ID)
		ev := logonEvent{t: s.Start.Add(14 * time.Second), host: s.Host, id: id, typ: ltInteractive, pkg: "Kerberos",
			process: "User32 ", end: s.End, srcIP: netip.AddrFrom4([4]byte{127, 0, 0, 1})}
		switch s.Kind {
		case sessAdmin:
			ev.typ, ev.src, ev.srcIP, ev.admin, ev.pkg = ltRemoteInteractive, s.From.Host, s.From.IP, true, "Negotiate"
		default:
			if s.Remote {
				ev.typ = ltCachedInteractive
			}
		}
		if lr.chance(0.04) {
			fail := ev
			fail.t, fail.status, fail.subst, fail.end = s.Start.Add(3*time.Second), statusLogonFailure, statusWrongPassword, time.Time{}
			out = append(out, fail)
		}
		out = append(out, ev)
	}
	if !s.LunchEnd.IsZero() && in(s.LunchEnd) {
		out = append(out, logonEvent{t: s.LunchEnd, host: s.Host, id: id.withLogon(id.logonID + 0x1b3),
			typ: ltUnlock, pkg: "Negotiate", process: "User32 ", end: s.LunchEnd.Add(40 * time.Millisecond), srcIP: netip.AddrFrom4([4]byte{127, 0, 0, 1})})
	}
	return out
}

// userNetworkLogon is a person's computer reaching a server: a file share,
// the intranet, Exchange or a management tool.
func (w *world) userNetworkLogon(r *rng, s *session, t time.Time) logonEvent {
	srv := w.org.Host(pick(r, []string{"FS01", "FS01", "FS01", "FS01", "APP01", "APP01", "EXCH01", "DC01", "DC02", "SQL01"}))
	id := w.sessionID(s)
	src, srcIP := s.Host, s.IP
	if s.Kind == sessAdmin {
		srv = pick(r, w.winServers)
	}
	ev := logonEvent{t: t, host: srv, id: id.withLogon(0x10000000 + r.Uint64()%0xefffffff),
		typ: ltNetwork, src: src, srcIP: srcIP, pkg: "Kerberos", process: "Kerberos", admin: s.Kind == sessAdmin,
		end: t.Add(r.durIn(time.Second, 25*time.Minute))}
	switch srv.Kind {
	case kindFile:
		ev.ticket = "cifs/FS01"
	case kindApp:
		ev.ticket = "HTTP/APP01"
	case kindExchange:
		ev.ticket = "HTTP/EXCH01"
	case kindSQL:
		ev.ticket = "MSSQLSvc/SQL01:1433"
	case kindDC:
		ev.ticket = "ldap/" + srv.Name
	default:
		ev.ticket = "host/" + srv.Name
	}
	if r.chance(0.06) { // an application that still speaks NTLM
		ev.pkg, ev.process, ev.ticket = "NTLM", "NtLmSsp ", ""
	}
	return ev
}

// machineLogon is the machines' own authentication: computers talking to
// domain controllers, services starting, scheduled batch jobs, the
// vulnerability scanner.
func (w *world) machineLogon(r *rng, h int, t time.Time) logonEvent {
	o := w.org
	host := w.onHost(r, h)
	switch x := r.IntN(100); {
	case x < 55: // the computer account to a domain controller (group policy, LDAP)
		dc := o.Host(pick(r, []string{"DC01", "DC02"}))
		return logonEvent{t: t, host: dc, id: host.idAccount.withLogon(0x20000000 + r.Uint64()%0xfffffff),
			typ: ltNetwork, src: host, srcIP: host.IP, pkg: "Kerberos", process: "Kerberos", end: t.Add(r.durIn(10*time.Millisecond, 2*time.Second)), ticket: "ldap/" + dc.Name}
	case x < 80: // a service starts under SYSTEM
		return logonEvent{t: t, host: host, id: host.idSysLogon,
			typ: ltService, pkg: "Negotiate", process: "Advapi  ", admin: true}
	case x < 92: // a service account's scheduled job on a server
		srv := pick(r, w.winServers)
		svc := pick(r, []string{"svc_backup", "svc_sql", "svc_monitor", "svc_adsync"})
		u := o.UserBySam(svc)
		return logonEvent{t: t, host: srv, id: o.userID(u, 0x30000000+r.Uint64()%0xfffffff), typ: ltBatch, pkg: "Negotiate", process: "Advapi  ",
			end: t.Add(r.durIn(time.Second, 20*time.Minute)), admin: svc == "svc_backup", srcIP: netip.Addr{}}
	default: // the scanner's authenticated check of a host
		scan := o.UserBySam("svc_scan")
		return logonEvent{t: t, host: host, id: o.userID(scan, 0x40000000+r.Uint64()%0xfffffff), typ: ltNetwork,
			src: o.Host("monitor01"), srcIP: o.Host("monitor01").IP, pkg: "NTLM", process: "NtLmSsp ", admin: true,
			end: t.Add(r.durIn(2*time.Second, 90*time.Second))}
	}
}
