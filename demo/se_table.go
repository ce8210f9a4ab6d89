package demo

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// securityEventHour writes the SecurityEvent rows whose activity starts in
// hour h: processes, logons, the file server's share audit, workstation
// locks and the occasional account administration.
func (w *world) securityEventHour(e *emitter, h int) {
	c := w.cols.securityEvent
	e.scratch.procs = w.procStream(h, e.scratch.procs[:0])
	procs := e.scratch.procs
	for i := range procs {
		w.procRows(e, c, &procs[i])
	}
	e.scratch.logons = w.logonStream(h, e.scratch.logons[:0])
	logons := e.scratch.logons
	for i := range logons {
		w.logonRows(e, c, &logons[i])
	}
	w.lockRows(e, c, h)
	w.shareRows(e, c, h)
	w.directoryRows(e, c, h)
}

// lockRows writes 4800/4801 around people's lunch breaks.
func (w *world) lockRows(e *emitter, c *securityEventCols, h int) {
	from, to := w.cal.hourStart(h), w.cal.hourStart(h+1)
	for _, s := range w.cal.sessions {
		if s.LunchStart.IsZero() {
			continue
		}
		id := w.sessionID(s)
		if !s.LunchStart.Before(from) && s.LunchStart.Before(to) {
			r := w.secEvent(e, c, s.LunchStart, s.Host, 4800, "4800 - The workstation was locked.", 12551)
			subject(r, c, id)
			r.str(c.TargetUserName, id.name)
			r.str(c.TargetDomainName, id.domain)
			r.str(c.TargetUserSid, id.sid)
			r.str(c.TargetLogonId, hexID(id.logonID))
		}
		if !s.LunchEnd.Before(from) && s.LunchEnd.Before(to) {
			r := w.secEvent(e, c, s.LunchEnd.Add(120*time.Millisecond), s.Host, 4801, "4801 - The workstation was unlocked.", 12551)
			subject(r, c, id)
			r.str(c.TargetUserName, id.name)
			r.str(c.TargetDomainName, id.domain)
			r.str(c.TargetUserSid, id.sid)
			r.str(c.TargetLogonId, hexID(id.logonID))
		}
	}
}

// Department shares of the file server.
var shares = map[string][]string{
	"Finance":          {"Finance", "Finance", "Public"},
	"Human Resources":  {"HR", "HR", "Public"},
	"Sales":            {"Sales", "Public", "Marketing"},
	"Marketing":        {"Marketing", "Public"},
	"Engineering":      {"Engineering", "Public"},
	"IT":               {"IT", "Software", "Public"},
	"Legal":            {"Legal", "Public"},
	"Operations":       {"Operations", "Public", "Finance"},
	"Customer Support": {"Support", "Public"},
	"Executive":        {"Board", "Finance", "Public"},
}

var shareFolders = []string{"Reports", "Templates", "Projects", "Archive", "2024", "2025", "Shared", "Contracts", "Policies"}

// shareRows writes the file server's audit of people opening share folders
// and files (5140, 5145).
func (w *world) shareRows(e *emitter, c *securityEventCols, h int) {
	r := newRNG(w.seed, "shares", h)
	fs := w.org.Host("FS01")
	n := w.quota(r, w.vol.shares, true, h)
	for i, tries := 0, 0; i < n && tries < 50*n; tries++ {
		sg, t, _ := w.cal.pickSegment(r, h)
		s := sg.s
		if s.Kind == sessAdmin {
			continue
		}
		id := w.sessionID(s)
		share := pick(r, shares[s.User.Department])
		netID := id.withLogon(0x50000000 + r.Uint64()%0xfffffff)
		port := strconv.Itoa(49152 + r.IntN(16000))
		row := func(at time.Time, eid int, activity string, task int32) *rowBuf {
			x := w.secEvent(e, c, at, fs, eid, activity, task)
			subject(x, c, netID)
			x.str(c.ShareName, `\\*\`+share)
			x.str(c.ShareLocalPath, `\??\D:\Shares\`+share)
			x.str(c.IpAddress, s.IP.String())
			x.str(c.IpPort, port)
			x.str(c.ObjectType, "File")
			return x
		}
		x := row(t, 5140, "5140 - A network share object was accessed.", 12808)
		x.set(c.AccessMask, "0x1")
		i++
		for k, files := 0, 1+r.IntN(4); k < files; k++ {
			at := t.Add(time.Duration(k+1) * r.durIn(50*time.Millisecond, 20*time.Second))
			doc := strings.ReplaceAll(pick(r, documents[""]), " ", "_")
			if docs, ok := documents[s.User.Department]; ok && r.chance(0.7) {
				doc = pick(r, docs)
			}
			y := row(at, 5145, "5145 - A network share object was checked to see whether client can be granted desired access.", 12811)
			y.str(c.RelativeTargetName, pick(r, shareFolders)+`\`+doc)
			if r.chance(0.3) {
				y.set(c.AccessMask, "0x12019f")
			} else {
				y.set(c.AccessMask, "0x120089")
			}
			i++
		}
	}
}

// directoryRows writes account administration on the domain controllers:
// helpdesk password resets, group changes and an unlock after a lockout.
// They hang off IT admins' sessions on the management server.
func (w *world) directoryRows(e *emitter, c *securityEventCols, h int) {
	from, to := w.cal.hourStart(h), w.cal.hourStart(h+1)
	o := w.org
	for _, s := range w.cal.sessions {
		if s.Kind != sessAdmin {
			continue
		}
		r := newRNG(w.seed, "dirops", s.ID)
		if !r.chance(0.25) {
			continue
		}
		t := s.Start.Add(r.durIn(time.Minute, max(s.End.Sub(s.Start)-time.Minute, 2*time.Minute)))
		if t.Before(from) || !t.Before(to) {
			continue
		}
		admin := o.adminID(s.User, s.LogonID)
		target := pick(r, o.Users)
		dc := o.Host("DC01")
		tgt := func(x *rowBuf) {
			x.str(c.TargetUserName, target.Sam)
			x.str(c.TargetDomainName, o.NetBIOS)
			x.str(c.TargetSid, target.SID)
			x.str(c.TargetAccount, o.NetBIOS+`\`+target.Sam)
		}
		switch r.IntN(3) {
		case 0:
			x := w.secEvent(e, c, t, dc, 4724, "4724 - An attempt was made to reset an account's password.", 13824)
			subject(x, c, admin)
			tgt(x)
			y := w.secEvent(e, c, t.Add(30*time.Millisecond), dc, 4738, "4738 - A user account was changed.", 13824)
			subject(y, c, admin)
			tgt(y)
			y.str(c.SamAccountName, "-")
			y.str(c.UserPrincipalName, "-")
		case 1:
			group := departmentGroup(target.Department)
			x := w.secEvent(e, c, t, dc, 4728, "4728 - A member was added to a security-enabled global group.", 13826)
			subject(x, c, admin)
			x.str(c.MemberName, fmt.Sprintf("CN=%s,OU=Users,OU=%s,DC=%s", target.DisplayName, target.Site.Code, strings.ReplaceAll(o.ADDomain, ".", ",DC=")))
			x.str(c.MemberSid, target.SID)
			x.str(c.TargetUserName, group)
			x.str(c.TargetDomainName, o.NetBIOS)
			x.str(c.TargetAccount, o.NetBIOS+`\`+group)
			x.str(c.TargetSid, fmt.Sprintf("%s-%d", o.DomainSID, 1500+len(group)*7))
		default:
			at := t
			for k := 0; k < 5; k++ {
				at = at.Add(r.durIn(2*time.Second, 20*time.Second))
				x := w.secEvent(e, c, at, dc, 4771, "4771 - Kerberos pre-authentication failed.", 14339)
				x.str(c.Account, o.NetBIOS+`\`+target.Sam)
				x.str(c.AccountType, "User")
				x.str(c.TargetUserName, target.Sam)
				x.str(c.TargetSid, target.SID)
				x.str(c.ServiceName, "krbtgt/"+upperASCII(o.ADDomain))
				x.str(c.Status, "0x18")
				x.str(c.IpAddress, "::ffff:"+target.Workstation.IP.String())
			}
			x := w.secEvent(e, c, at.Add(20*time.Millisecond), dc, 4740, "4740 - A user account was locked out.", 13824)
			subject(x, c, o.systemID(dc))
			tgt(x)
			x.str(c.TargetDomainName, target.Workstation.Name)
			y := w.secEvent(e, c, at.Add(r.durIn(6*time.Minute, 25*time.Minute)), dc, 4767, "4767 - A user account was unlocked.", 13824)
			subject(y, c, admin)
			tgt(y)
		}
	}
}

func departmentGroup(dept string) string {
	return "GRP-" + strings.ReplaceAll(dept, " ", "") + "-Users"
}
