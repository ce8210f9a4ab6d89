package demo

import (
	"strconv"
	"time"
)

// logonRows writes a logon attempt as the target host records it (4624 or
// 4625, 4672 for privileged logons, the logoff), and what the domain
// controller records for it (Kerberos tickets or NTLM validation).
func (w *world) logonRows(e *emitter, c *securityEventCols, ev *logonEvent) {
	if ev.typ != ltService && ev.typ != ltBatch && !ev.id.system {
		w.dcAuthRows(e, c, ev)
	}
	at := ev.t.Add(40 * time.Millisecond)
	if ev.status != 0 {
		r := w.secEvent(e, c, at, ev.host, 4625, "4625 - An account failed to log on.", 12544)
		w.logonTarget(r, c, ev)
		r.str(c.Status, hexID(uint64(ev.status)))
		r.str(c.SubStatus, hexID(uint64(ev.subst)))
		r.set(c.FailureReason, "%%2313")
		return
	}
	r := w.secEvent(e, c, at, ev.host, 4624, "4624 - An account was successfully logged on.", 12544)
	w.logonTarget(r, c, ev)
	r.set(c.ElevatedToken, yesNo(ev.admin || ev.id.system))
	r.set(c.VirtualAccount, "%%1843")
	r.set(c.TargetLinkedLogonId, "0x0")
	if ev.typ == ltRemoteInteractive {
		r.set(c.RestrictedAdminMode, "%%1843")
	} else {
		r.set(c.RestrictedAdminMode, "-")
	}
	if ev.admin {
		p := w.secEvent(e, c, at.Add(time.Millisecond), ev.host, 4672, "4672 - Special privileges assigned to new logon.", 12548)
		subject(p, c, ev.id)
		p.set(c.PrivilegeList, privileges(ev.id))
	}
	if ev.end.IsZero() {
		return
	}
	if ev.typ == ltInteractive || ev.typ == ltCachedInteractive || ev.typ == ltRemoteInteractive {
		p := w.secEvent(e, c, maxTime(ev.end.Add(-800*time.Millisecond), at), ev.host, 4647, "4647 - User initiated logoff.", 12545)
		w.logonTarget(p, c, ev)
	}
	off := w.secEvent(e, c, ev.end, ev.host, 4634, "4634 - An account was logged off.", 12545)
	off.set(c.Account, ev.id.bAccount)
	off.set(c.AccountType, ev.id.bType)
	target(off, c, ev.id)
	off.set(c.LogonType, int32(ev.typ))
	off.set(c.LogonTypeName, logonTypeName(ev.typ))
}

// target fills the Target* columns with an identity.
func target(r *rowBuf, c *securityEventCols, id *identity) {
	r.set(c.TargetAccount, id.bAccount)
	r.set(c.TargetUserName, id.bName)
	r.set(c.TargetDomainName, id.bDomain)
	r.set(c.TargetUserSid, id.bSID)
	r.set(c.TargetLogonId, id.bLogon)
}

// logonTarget fills the columns 4624, 4625 and 4647 share.
func (w *world) logonTarget(r *rowBuf, c *securityEventCols, ev *logonEvent) {
	target(r, c, ev.id)
	r.set(c.Account, ev.id.bAccount)
	r.set(c.AccountType, ev.id.bType)
	r.set(c.LogonType, int32(ev.typ))
	r.set(c.LogonTypeName, logonTypeName(ev.typ))
	r.val(c.LogonProcessName, sym(ev.process))
	r.val(c.AuthenticationPackageName, sym(ev.pkg))
	if ev.pkg == "NTLM" {
		r.set(c.LmPackageName, "NTLM V2")
		r.set(c.KeyLength, int32(128))
	} else {
		r.set(c.LmPackageName, "-")
		r.set(c.KeyLength, int32(0))
	}
	r.set(c.LogonGuid, "{00000000-0000-0000-0000-000000000000}")
	r.set(c.TransmittedServices, "-")
	switch {
	case ev.srcIP.IsValid():
		r.set(c.IpAddress, w.addrText(ev.srcIP))
		r.str(c.IpPort, strconv.Itoa(49152+int(ev.id.logonID%16000)))
	default:
		r.set(c.IpAddress, "-")
		r.set(c.IpPort, "-")
	}
	if ev.src != nil {
		r.set(c.WorkstationName, ev.src.bHostName)
	} else {
		r.set(c.WorkstationName, "-")
	}
	switch ev.typ {
	case ltInteractive, ltCachedInteractive, ltUnlock, ltRemoteInteractive, ltService, ltBatch:
		subject(r, c, ev.host.idSystem)
		r.set(c.Account, ev.id.bAccount) // Account is the target of a logon event
		r.set(c.AccountType, ev.id.bType)
		switch ev.typ {
		case ltInteractive, ltCachedInteractive, ltUnlock:
			r.set(c.ProcessName, pWinlogon)
			r.str(c.ProcessId, hexID(uint64(ev.host.sys.winlogon)))
		case ltService:
			r.set(c.ProcessName, pServices)
			r.str(c.ProcessId, hexID(uint64(ev.host.sys.services)))
		default:
			r.set(c.ProcessName, pSvchost)
			r.str(c.ProcessId, hexID(uint64(ev.host.sys.svcSchedule)))
		}
	default:
		r.set(c.SubjectUserSid, "S-1-0-0")
		r.set(c.SubjectUserName, "-")
		r.set(c.SubjectDomainName, "-")
		r.set(c.SubjectAccount, `-\-`)
		r.set(c.SubjectLogonId, "0x0")
		r.set(c.ProcessName, "-")
		r.set(c.ProcessId, "0x0")
	}
}

func logonTypeName(t int) any { return logonTypeNameValues[t] }

// logonTypeNameValues are the LogonTypeName values, boxed once.
var logonTypeNameValues = func() map[int]any {
	m := map[int]any{}
	for t, n := range logonTypeNames {
		m[t] = strconv.Itoa(t) + " - " + n
	}
	return m
}()

func yesNo(b bool) any {
	if b {
		return "%%1842"
	}
	return "%%1843"
}

// privileges is the PrivilegeList of 4672 for an identity.
func privileges(id *identity) any {
	if id.system {
		return "SeAssignPrimaryTokenPrivilege\n\t\t\tSeTcbPrivilege\n\t\t\tSeSecurityPrivilege\n\t\t\tSeTakeOwnershipPrivilege\n\t\t\tSeLoadDriverPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege\n\t\t\tSeDebugPrivilege\n\t\t\tSeAuditPrivilege\n\t\t\tSeSystemEnvironmentPrivilege\n\t\t\tSeImpersonatePrivilege\n\t\t\tSeDelegateSessionUserImpersonatePrivilege"
	}
	return "SeSecurityPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege\n\t\t\tSeTakeOwnershipPrivilege\n\t\t\tSeDebugPrivilege\n\t\t\tSeSystemEnvironmentPrivilege\n\t\t\tSeLoadDriverPrivilege\n\t\t\tSeImpersonatePrivilege\n\t\t\tSeDelegateSessionUserImpersonatePrivilege\n\t\t\tSeEnableDelegationPrivilege"
}

// dcAuthRows writes what a domain controller logs for a domain logon: a TGT
// (4768) for interactive logons, a service ticket (4769) for the target, or
// NTLM validation (4776). Failed passwords show as 4771 or a failed 4776.
// The Kerberos details without a column of their own (encryption type,
// ticket options) are in EventData, where Kerberoasting hunts parse them.
func (w *world) dcAuthRows(e *emitter, c *securityEventCols, ev *logonEvent) {
	o := w.org
	if ev.typ == ltCachedInteractive || ev.typ == ltUnlock {
		return // no domain controller in reach, or no new authentication
	}
	dc := o.Host("DC01")
	if ev.srcIP.IsValid() && ev.srcIP.As4()[3]%2 == 1 {
		dc = o.Host("DC02")
	}
	clientIP := "::1"
	if ev.srcIP.IsValid() && !ev.srcIP.IsLoopback() {
		clientIP = "::ffff:" + ev.srcIP.String()
	} else if ev.host.Kind != kindDC {
		clientIP = "::ffff:" + ev.host.IP.String()
	}
	who := func(r *rowBuf) {
		r.set(c.Account, ev.id.bAccount)
		r.set(c.AccountType, ev.id.bType)
		r.set(c.TargetUserName, ev.id.bName)
	}
	if ev.pkg == "NTLM" {
		r := w.secEvent(e, c, ev.t, dc, 4776, "4776 - The computer attempted to validate the credentials for an account.", 14336)
		who(r)
		r.set(c.PackageName, "MICROSOFT_AUTHENTICATION_PACKAGE_V1_0")
		r.str(c.Workstation, srcName(ev))
		r.str(c.Status, hexID(uint64(ev.subst)))
		return
	}
	realm := o.realm
	bClientIP := any(clientIP) // boxed once for the rows below
	if ev.typ == ltInteractive || ev.typ == ltRemoteInteractive {
		if ev.status != 0 {
			r := w.secEvent(e, c, ev.t, dc, 4771, "4771 - Kerberos pre-authentication failed.", 14339)
			who(r)
			r.set(c.TargetSid, ev.id.bSID)
			r.str(c.ServiceName, "krbtgt/"+realm)
			r.set(c.Status, "0x18")
			r.set(c.IpAddress, bClientIP)
			r.str(c.EventData, eventData("TargetUserName", ev.id.name, "TargetSid", ev.id.sid, "ServiceName", "krbtgt/"+realm,
				"TicketOptions", "0x40810010", "Status", "0x18", "PreAuthType", "2", "IpAddress", clientIP, "IpPort", "0"))
			return
		}
		r := w.secEvent(e, c, ev.t, dc, 4768, "4768 - A Kerberos authentication ticket (TGT) was requested.", 14339)
		who(r)
		r.set(c.TargetDomainName, w.bRealm)
		r.set(c.TargetSid, ev.id.bSID)
		r.set(c.ServiceName, "krbtgt")
		r.set(c.Status, "0x0")
		r.set(c.IpAddress, bClientIP)
		r.set(c.IpPort, "0")
		r.str(c.EventData, eventData("TargetUserName", ev.id.name, "TargetDomainName", realm, "TargetSid", ev.id.sid,
			"ServiceName", "krbtgt", "ServiceSid", o.DomainSID+"-502", "TicketOptions", "0x40810010", "Status", "0x0",
			"TicketEncryptionType", "0x12", "PreAuthType", "2", "IpAddress", clientIP, "IpPort", "0"))
	}
	svc := ev.ticket
	if svc == "" {
		svc = "host/" + ev.host.Name
	}
	r := w.secEvent(e, c, ev.t.Add(15*time.Millisecond), dc, 4769, "4769 - A Kerberos service ticket was requested.", 14337)
	r.set(c.Account, ev.id.bAccount)
	r.set(c.AccountType, ev.id.bType)
	r.str(c.TargetUserName, ev.id.name+"@"+realm)
	r.set(c.TargetDomainName, w.bRealm)
	r.set(c.ServiceName, ev.host.bServiceAccount)
	r.set(c.Status, "0x0")
	r.set(c.IpAddress, bClientIP)
	r.set(c.IpPort, "0")
	r.str(c.TargetInfo, svc)
	r.str(c.EventData, eventData("TargetUserName", ev.id.name+"@"+realm, "TargetDomainName", realm,
		"ServiceName", ev.host.serviceAccount, "ServiceSid", ev.host.SID, "TicketOptions", "0x40810000",
		"TicketEncryptionType", "0x12", "IpAddress", clientIP, "IpPort", "0", "Status", "0x0",
		"LogonGuid", "{"+originID(w.seed, ev.t, ev.host, 4769)+"}", "TransmittedServices", "-"))
}

// serviceAccountOf is the account a service ticket for host is issued to:
// the computer account, or the service account running SQL Server. Rows
// use the host's serviceAccount, which addHost sets from it.
func serviceAccountOf(h *Host) string {
	if h.Kind == kindSQL {
		return "svc_sql"
	}
	return h.Name + "$"
}

func srcName(ev *logonEvent) string {
	if ev.src != nil {
		return ev.src.Name
	}
	return ev.host.Name
}

// upperASCII upper-cases ASCII letters.
func upperASCII(s string) string {
	b := []byte(s)
	for i, ch := range b {
		if 'a' <= ch && ch <= 'z' {
			b[i] = ch - 32
		}
	}
	return string(b)
}
