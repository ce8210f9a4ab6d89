package demo

import (
	"time"
)

// secEvent starts a SecurityEvent row with the columns every event has.
func (w *world) secEvent(e rowMaker, c *securityEventCols, t time.Time, h *Host, id int, activity any, task int32) *rowBuf {
	r := e.row(t)
	r.set(c.Computer, h.bFQDN)
	r.set(c.EventID, int32(id))
	r.set(c.Activity, activity)
	r.set(c.Task, task)
	r.set(c.SourceComputerId, w.agentOf(h))
	r.str(c.EventOriginId, originID(w.seed, t, h, id))
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
	r.set(c.Account, id.bAccount)
	r.set(c.SubjectAccount, id.bAccount)
	r.set(c.SubjectUserName, id.bName)
	r.set(c.SubjectDomainName, id.bDomain)
	r.set(c.SubjectUserSid, id.bSID)
	r.set(c.SubjectLogonId, id.bLogon)
	r.set(c.AccountType, id.bType)
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
	pid := any(hexID(uint64(ev.p.pid))) // boxed once for 4688 and 4689
	r.set(c.NewProcessId, pid)
	r.set(c.NewProcessName, ev.p.img.bPath)
	r.set(c.Process, ev.p.img.bName)
	r.str(c.ProcessId, hexID(uint64(ev.parent.pid)))
	r.set(c.ParentProcessName, ev.parent.img.bPath)
	r.val(c.CommandLine, ev.p.cmdValue())
	r.set(c.TokenElevationType, ev.p.il.tokenType())
	r.set(c.MandatoryLabel, ev.p.il.label())
	r.set(c.TargetUserSid, "S-1-0-0")
	r.set(c.TargetUserName, "-")
	r.set(c.TargetDomainName, "-")
	r.set(c.TargetAccount, `-\-`)
	r.set(c.TargetLogonId, "0x0")
	if ev.end.IsZero() || !ev.end.Before(w.cfg.End) {
		return
	}
	x := w.secEvent(e, c, ev.end, ev.host, 4689, "4689 - A process has exited.", 13313)
	subject(x, c, ev.p.id)
	x.set(c.ProcessId, pid)
	x.set(c.ProcessName, ev.p.img.bPath)
	x.set(c.Process, ev.p.img.bName)
	x.set(c.Status, "0x0")
}

// agentOf is the agent that uploads a host's Windows events: its own on
// servers, the event collector's for workstations.
func (w *world) agentOf(h *Host) any {
	if h.IsServer() {
		return h.bAgentID
	}
	return w.collector.bAgentID
}
