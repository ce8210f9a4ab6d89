package demo

import (
	"time"
)

// secEvent starts a SecurityEvent row with the columns every event has.
func (w *world) secEvent(e *emitter, c *securityEventCols, t time.Time, h *Host, id int, activity string, task int32) *rowBuf {
	r := e.row(t)
	r.str(c.Computer, h.FQDN)
	r.set(c.EventID, int32(id))
	r.str(c.Activity, activity)
	r.set(c.Task, task)
	r.str(c.SourceComputerId, h.AgentID)
	r.str(c.EventOriginId, originID(w.seed, t, h, id))
	r.set(c.TimeCollected, t.Add(time.Duration(20+int(mix64(uint64(t.UnixNano()))%40))*time.Second).Truncate(time.Millisecond))
	return r
}

// originID is a stable per-event GUID: it derives from the event itself, so
// it needs no random stream.
func originID(seed int64, t time.Time, h *Host, id int) string {
	x := mix64(uint64(seed) ^ uint64(t.UnixNano()) ^ uint64(id)<<48 ^ uint64(len(h.Name))<<40 ^ uint64(h.IP.As4()[3])<<32 ^ uint64(h.IP.As4()[2])<<24)
	y := mix64(x ^ 0xa5a5a5a5)
	var b [16]byte
	for i := 0; i < 8; i++ {
		b[i], b[8+i] = byte(x>>(8*i)), byte(y>>(8*i))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return formatGUID(b)
}

// subject fills the Subject* columns and Account with an identity.
func subject(r *rowBuf, c *securityEventCols, id *identity) {
	acct := id.domain + `\` + id.name
	r.str(c.Account, acct)
	r.str(c.SubjectAccount, acct)
	r.str(c.SubjectUserName, id.name)
	r.str(c.SubjectDomainName, id.domain)
	r.str(c.SubjectUserSid, id.sid)
	r.str(c.SubjectLogonId, hexID(id.logonID))
	r.str(c.AccountType, accountType(id))
}

func accountType(id *identity) string {
	if id.machine || id.system {
		return "Machine"
	}
	return "User"
}

// procRows writes 4688 and, when the process ends inside the data, 4689.
func (w *world) procRows(e *emitter, c *securityEventCols, ev *procEvent) {
	r := w.secEvent(e, c, ev.p.start, ev.host, 4688, "4688 - A new process has been created.", 13312)
	subject(r, c, ev.p.id)
	r.str(c.NewProcessId, hexID(uint64(ev.p.pid)))
	r.str(c.NewProcessName, ev.p.img.path)
	r.str(c.Process, ev.p.img.name)
	r.str(c.ProcessId, hexID(uint64(ev.parent.pid)))
	r.str(c.ParentProcessName, ev.parent.img.path)
	r.str(c.CommandLine, ev.p.cmd)
	r.str(c.TokenElevationType, ev.p.il.tokenType())
	r.str(c.MandatoryLabel, ev.p.il.label())
	r.str(c.TargetUserSid, "S-1-0-0")
	r.str(c.TargetUserName, "-")
	r.str(c.TargetDomainName, "-")
	r.str(c.TargetAccount, `-\-`)
	r.str(c.TargetLogonId, "0x0")
	if ev.end.IsZero() || !ev.end.Before(w.cfg.End) {
		return
	}
	x := w.secEvent(e, c, ev.end, ev.host, 4689, "4689 - A process has exited.", 13313)
	subject(x, c, ev.p.id)
	x.str(c.ProcessId, hexID(uint64(ev.p.pid)))
	x.str(c.ProcessName, ev.p.img.path)
	x.str(c.Process, ev.p.img.name)
	x.str(c.Status, "0x0")
}
