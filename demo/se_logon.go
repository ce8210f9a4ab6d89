package demo

import (
	"strconv"
	"time"
)

// logonRows writes a logon attempt as the target host records it (4624 or
// 4625, 4672 for privileged logons, the logoff), and what the domain
// controller records for it (Kerberos tickets or NTLM validation).
func (w *world) logonRows(e *emitter, c *securityEventCols, ev *logonEvent) {
	o := w.org
	if ev.typ != ltService && ev.typ != ltBatch && !ev.id.system {
		w.dcAuthRows(e, c, ev)
	}
	at := ev.t.Add(40 * time.Millisecond)
	if ev.status != 0 {
		r := w.secEvent(e, c, at, ev.host, 4625, "4625 - An account failed to log on.", 12544)
		w.logonTarget(r, c, ev)
		r.str(c.Status, hexID(uint64(ev.status)))
		r.str(c.SubStatus, hexID(uint64(ev.subst)))
		r.str(c.FailureReason, "%%2313")
		return
	}
	r := w.secEvent(e, c, at, ev.host, 4624, "4624 - An account was successfully logged on.", 12544)
	w.logonTarget(r, c, ev)
	r.str(c.ElevatedToken, yesNo(ev.admin || ev.id.system))
	r.str(c.ImpersonationLevel, "%%1833")
	r.str(c.VirtualAccount, "%%1843")
	r.str(c.RestrictedAdminMode, "-")
	r.str(c.TargetLinkedLogonId, "0x0")
	if ev.typ == ltRemoteInteractive {
		r.str(c.RestrictedAdminMode, "%%1843")
	}
	if ev.admin {
		p := w.secEvent(e, c, at.Add(time.Millisecond), ev.host, 4672, "4672 - Special privileges assigned to new logon.", 12548)
		subject(p, c, ev.id)
		p.str(c.PrivilegeList, privileges(ev.id))
	}
	if ev.end.IsZero() {
		return
	}
	if ev.typ == ltInteractive || ev.typ == ltCachedInteractive || ev.typ == ltRemoteInteractive {
		p := w.secEvent(e, c, ev.end.Add(-800*time.Millisecond), ev.host, 4647, "4647 - User initiated logoff.", 12545)
		w.logonTarget(p, c, ev)
	}
	off := w.secEvent(e, c, ev.end, ev.host, 4634, "4634 - An account was logged off.", 12545)
	off.str(c.Account, ev.id.domain+`\`+ev.id.name)
	off.str(c.AccountType, accountType(ev.id))
	off.str(c.TargetAccount, ev.id.domain+`\`+ev.id.name)
	off.str(c.TargetUserName, ev.id.name)
	off.str(c.TargetDomainName, ev.id.domain)
	off.str(c.TargetUserSid, ev.id.sid)
	off.str(c.TargetLogonId, hexID(ev.id.logonID))
	off.set(c.LogonType, int32(ev.typ))
	off.str(c.LogonTypeName, logonTypeName(ev.typ))
	_ = o
}

// logonTarget fills the columns 4624, 4625 and 4647 share.
func (w *world) logonTarget(r *rowBuf, c *securityEventCols, ev *logonEvent) {
	acct := ev.id.domain + `\` + ev.id.name
	r.str(c.Account, acct)
	r.str(c.AccountType, accountType(ev.id))
	r.str(c.TargetAccount, acct)
	r.str(c.TargetUserName, ev.id.name)
	r.str(c.TargetDomainName, ev.id.domain)
	r.str(c.TargetUserSid, ev.id.sid)
	r.str(c.TargetLogonId, hexID(ev.id.logonID))
	r.set(c.LogonType, int32(ev.typ))
	r.str(c.LogonTypeName, logonTypeName(ev.typ))
	r.str(c.LogonProcessName, ev.process)
	r.str(c.AuthenticationPackageName, ev.pkg)
	r.str(c.LmPackageName, "-")
	if ev.pkg == "NTLM" {
		r.str(c.LmPackageName, "NTLM V2")
		r.set(c.KeyLength, int32(128))
	} else {
		r.set(c.KeyLength, int32(0))
	}
	r.str(c.LogonGuid, "{00000000-0000-0000-0000-000000000000}")
	r.str(c.TransmittedServices, "-")
	switch {
	case ev.srcIP.IsValid():
		r.str(c.IpAddress, ev.srcIP.String())
		r.str(c.IpPort, strconv.Itoa(49152+int(ev.id.logonID%16000)))
	default:
		r.str(c.IpAddress, "-")
		r.str(c.IpPort, "-")
	}
	r.str(c.WorkstationName, "-")
	if ev.src != nil {
		r.str(c.WorkstationName, ev.src.Name)
	}
	switch ev.typ {
	case ltInteractive, ltCachedInteractive, ltUnlock, ltRemoteInteractive, ltService, ltBatch:
		sys := w.org.systemID(ev.host)
		subject(r, c, sys)
		r.str(c.Account, acct) // Account is the target of a logon event
		r.str(c.AccountType, accountType(ev.id))
		r.str(c.ProcessName, pSystem32+"svchost.exe")
		if ev.typ == ltInteractive || ev.typ == ltCachedInteractive || ev.typ == ltUnlock {
			r.str(c.ProcessName, pWinlogon)
		}
		if ev.typ == ltService {
			r.str(c.ProcessName, pServices)
		}
		r.str(c.ProcessId, "0x"+strconv.FormatUint(uint64(ev.host.sys.winlogon), 16))
		r.str(c.WorkstationName, ev.host.Name)
	default:
		r.str(c.SubjectUserSid, "S-1-0-0")
		r.str(c.SubjectUserName, "-")
		r.str(c.SubjectDomainName, "-")
		r.str(c.SubjectAccount, `-\-`)
		r.str(c.SubjectLogonId, "0x0")
		r.str(c.ProcessName, "-")
		r.str(c.ProcessId, "0x0")
	}
}

func logonTypeName(t int) string { return strconv.Itoa(t) + " - " + logonTypeNames[t] }

func yesNo(b bool) string {
	if b {
		return "%%1842"
	}
	return "%%1843"
}

// privileges is the PrivilegeList of 4672 for an identity.
func privileges(id *identity) string {
	if id.system {
		return "SeAssignPrimaryTokenPrivilege\n\t\t\tSeTcbPrivilege\n\t\t\tSeSecurityPrivilege\n\t\t\tSeTakeOwnershipPrivilege\n\t\t\tSeLoadDriverPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege\n\t\t\tSeDebugPrivilege\n\t\t\tSeAuditPrivilege\n\t\t\tSeSystemEnvironmentPrivilege\n\t\t\tSeImpersonatePrivilege\n\t\t\tSeDelegateSessionUserImpersonatePrivilege"
	}
	return "SeSecurityPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege\n\t\t\tSeTakeOwnershipPrivilege\n\t\t\tSeDebugPrivilege\n\t\t\tSeSystemEnvironmentPrivilege\n\t\t\tSeLoadDriverPrivilege\n\t\t\tSeImpersonatePrivilege\n\t\t\tSeDelegateSessionUserImpersonatePrivilege\n\t\t\tSeEnableDelegationPrivilege"
}

// dcAuthRows writes what a domain controller logs for a domain logon: a TGT
// (4768) for interactive logons, a service ticket (4769) for the target, or
// NTLM validation (4776). Failed passwords show as 4771 or a failed 4776.
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
	} else if ev.host != nil && ev.host.Kind != kindDC {
		clientIP = "::ffff:" + ev.host.IP.String()
	}
	if ev.pkg == "NTLM" {
		r := w.secEvent(e, c, ev.t, dc, 4776, "4776 - The computer attempted to validate the credentials for an account.", 14336)
		r.str(c.Account, ev.id.domain+`\`+ev.id.name)
		r.str(c.AccountType, accountType(ev.id))
		r.str(c.TargetUserName, ev.id.name)
		r.str(c.PackageName, "MICROSOFT_AUTHENTICATION_PACKAGE_V1_0")
		r.str(c.Workstation, srcName(ev))
		r.str(c.Status, hexID(uint64(ev.subst)))
		return
	}
	realm := upperASCII(o.ADDomain)
	if ev.typ == ltInteractive || ev.typ == ltRemoteInteractive {
		if ev.status != 0 {
			r := w.secEvent(e, c, ev.t, dc, 4771, "4771 - Kerberos pre-authentication failed.", 14339)
			r.str(c.Account, ev.id.domain+`\`+ev.id.name)
			r.str(c.AccountType, accountType(ev.id))
			r.str(c.TargetUserName, ev.id.name)
			r.str(c.TargetSid, ev.id.sid)
			r.str(c.ServiceName, "krbtgt/"+realm)
			r.str(c.TicketOptions, "0x40810010")
			r.str(c.Status, "0x18")
			r.str(c.PreAuthType, "2")
			r.str(c.IpAddress, clientIP)
			return
		}
		r := w.secEvent(e, c, ev.t, dc, 4768, "4768 - A Kerberos authentication ticket (TGT) was requested.", 14339)
		r.str(c.Account, ev.id.domain+`\`+ev.id.name)
		r.str(c.AccountType, accountType(ev.id))
		r.str(c.TargetUserName, ev.id.name)
		r.str(c.TargetDomainName, realm)
		r.str(c.TargetSid, ev.id.sid)
		r.str(c.ServiceName, "krbtgt")
		r.str(c.ServiceSid, o.DomainSID+"-502")
		r.str(c.TicketOptions, "0x40810010")
		r.str(c.TicketEncryptionType, "0x12")
		r.str(c.PreAuthType, "2")
		r.str(c.Status, "0x0")
		r.str(c.IpAddress, clientIP)
		r.str(c.IpPort, "0")
	}
	svc := ev.ticket
	if svc == "" {
		svc = "host/" + ev.host.Name
	}
	r := w.secEvent(e, c, ev.t.Add(15*time.Millisecond), dc, 4769, "4769 - A Kerberos service ticket was requested.", 14337)
	r.str(c.Account, ev.id.domain+`\`+ev.id.name)
	r.str(c.AccountType, accountType(ev.id))
	r.str(c.TargetUserName, ev.id.name+"@"+realm)
	r.str(c.TargetDomainName, realm)
	r.str(c.ServiceName, serviceAccountOf(ev.host))
	r.str(c.ServiceSid, ev.host.SID)
	r.str(c.TicketOptions, "0x40810000")
	r.str(c.TicketEncryptionType, "0x12")
	r.str(c.Status, "0x0")
	r.str(c.IpAddress, clientIP)
	r.str(c.IpPort, "0")
	r.str(c.TargetInfo, svc)
}

// serviceAccountOf is the account a service ticket for host is issued to:
// the computer account, or the service account running SQL Server.
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

func upperASCII(s string) string {
	b := []byte(s)
	for i, ch := range b {
		if 'a' <= ch && ch <= 'z' {
			b[i] = ch - 32
		}
	}
	return string(b)
}
