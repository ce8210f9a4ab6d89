package demo

import (
	"strings"
	"time"
)

// Defender for Endpoint's view of the Windows activity streams.

// deviceName is the name Defender reports for a host: its FQDN in lower case.
func deviceName(h *Host) string { return strings.ToLower(h.FQDN) }

// mdeAccount fills Defender's account columns from an identity.
func mdeDomain(id *identity) string {
	if id.system {
		return "nt authority"
	}
	return strings.ToLower(id.domain)
}

func mdeName(id *identity) string {
	if id.machine && id.system {
		return "system"
	}
	if id.sid == "S-1-5-20" {
		return "network service"
	}
	return strings.ToLower(id.name)
}

// reportID is Defender's per-device event number; it only has to be
// distinct and stable.
func reportID(t time.Time, pid uint32) int64 {
	return int64(mix64(uint64(t.UnixNano())^uint64(pid)) % 1e10)
}

// deviceProcessHour writes DeviceProcessEvents from the process stream.
func (w *world) deviceProcessHour(e *emitter, h int) {
	c := w.cols.deviceProcess
	e.scratch.procs = w.procStream(h, e.scratch.procs[:0])
	procs := e.scratch.procs
	for i := range procs {
		ev := &procs[i]
		p, pp := &ev.p, &ev.parent
		r := e.row(p.start.Add(time.Duration(300+int(p.pid%700)) * time.Millisecond))
		start := any(p.start) // boxed once: Timestamp and ProcessCreationTime
		r.set(c.Timestamp, start)
		r.set(c.DeviceId, ev.host.bDeviceID)
		r.set(c.DeviceName, ev.host.bDeviceName)
		r.set(c.ActionType, "ProcessCreated")
		r.set(c.FileName, p.img.bName)
		r.set(c.FolderPath, p.img.bPath)
		r.val(c.SHA1, p.img.bSHA1)
		r.val(c.SHA256, p.img.bSHA256)
		r.val(c.MD5, p.img.bMD5)
		r.set(c.FileSize, p.img.bSize)
		r.val(c.ProcessVersionInfoCompanyName, p.img.bCompany)
		r.val(c.ProcessVersionInfoProductName, p.img.bProduct)
		r.val(c.ProcessVersionInfoFileDescription, p.img.bDesc)
		r.val(c.ProcessVersionInfoOriginalFileName, p.img.bOriginal)
		r.set(c.ProcessId, int64(p.pid))
		r.val(c.ProcessCommandLine, p.cmdValue())
		r.set(c.ProcessIntegrityLevel, p.il.mdeLevel())
		r.set(c.ProcessTokenElevation, p.il.mdeElevation())
		r.set(c.ProcessCreationTime, start)
		r.val(c.AccountDomain, p.id.bMdeDomain)
		r.val(c.AccountName, p.id.bMdeName)
		r.set(c.AccountSid, p.id.bSID)
		r.val(c.AccountUpn, p.id.bUPN)
		r.val(c.AccountObjectId, p.id.bObjID)
		r.set(c.LogonId, p.id.bLogonID)
		w.initiating(r, &c.InitiatingColumns, pp, ev.gpName, ev.gpPid)
		r.set(c.ReportId, reportID(p.start, p.pid))
	}
}

// InitiatingColumns is the column layout of the InitiatingProcess* columns
// every Device*Events table has. It is exported only so that the table
// layouts embedding it can be bound by reflection.
type InitiatingColumns struct {
	InitiatingProcessAccountDomain          col `kql:"string"`
	InitiatingProcessAccountName            col `kql:"string"`
	InitiatingProcessAccountSid             col `kql:"string"`
	InitiatingProcessAccountUpn             col `kql:"string"`
	InitiatingProcessAccountObjectId        col `kql:"string"`
	InitiatingProcessIntegrityLevel         col `kql:"string"`
	InitiatingProcessTokenElevation         col `kql:"string"`
	InitiatingProcessSHA1                   col `kql:"string"`
	InitiatingProcessSHA256                 col `kql:"string"`
	InitiatingProcessMD5                    col `kql:"string"`
	InitiatingProcessFileName               col `kql:"string"`
	InitiatingProcessFileSize               col `kql:"long"`
	InitiatingProcessId                     col `kql:"long"`
	InitiatingProcessCommandLine            col `kql:"string"`
	InitiatingProcessCreationTime           col `kql:"datetime"`
	InitiatingProcessFolderPath             col `kql:"string"`
	InitiatingProcessParentId               col `kql:"long"`
	InitiatingProcessParentFileName         col `kql:"string"`
	InitiatingProcessVersionInfoCompanyName col `kql:"string"`
	InitiatingProcessVersionInfoProductName col `kql:"string"`
}

// initiating fills the InitiatingProcess* columns with a process.
func (w *world) initiating(r *rowBuf, c *InitiatingColumns, p *proc, parentName string, parentPid uint32) {
	r.val(c.InitiatingProcessAccountDomain, p.id.bMdeDomain)
	r.val(c.InitiatingProcessAccountName, p.id.bMdeName)
	r.set(c.InitiatingProcessAccountSid, p.id.bSID)
	r.val(c.InitiatingProcessAccountUpn, p.id.bUPN)
	r.val(c.InitiatingProcessAccountObjectId, p.id.bObjID)
	r.set(c.InitiatingProcessIntegrityLevel, p.il.mdeLevel())
	r.set(c.InitiatingProcessTokenElevation, p.il.mdeElevation())
	r.val(c.InitiatingProcessSHA1, p.img.bSHA1)
	r.val(c.InitiatingProcessSHA256, p.img.bSHA256)
	r.val(c.InitiatingProcessMD5, p.img.bMD5)
	r.set(c.InitiatingProcessFileName, p.img.bName)
	r.set(c.InitiatingProcessFileSize, p.img.bSize)
	r.set(c.InitiatingProcessId, p.pidValue())
	r.val(c.InitiatingProcessCommandLine, p.cmdValue())
	r.set(c.InitiatingProcessCreationTime, p.startValue())
	r.set(c.InitiatingProcessFolderPath, p.img.bPath)
	if parentPid != 0 {
		r.set(c.InitiatingProcessParentId, int64(parentPid))
	}
	r.str(c.InitiatingProcessParentFileName, parentName)
	r.val(c.InitiatingProcessVersionInfoCompanyName, p.img.bCompany)
	r.val(c.InitiatingProcessVersionInfoProductName, p.img.bProduct)
}

var mdeLogonTypes = map[int]any{
	ltInteractive: "Interactive", ltNetwork: "Network", ltBatch: "Batch", ltService: "Service",
	ltUnlock: "Unlock", ltRemoteInteractive: "RemoteInteractive", ltCachedInteractive: "CachedInteractive",
	ltNetworkCleartext: "NetworkCleartext", ltNewCredentials: "NewCredentials",
}

// deviceLogonHour writes DeviceLogonEvents from the logon stream. Defender
// records logons of people and service accounts; it leaves out the
// computers' own Kerberos logons to the domain controllers.
func (w *world) deviceLogonHour(e *emitter, h int) {
	c := w.cols.deviceLogon
	e.scratch.logons = w.logonStream(h, e.scratch.logons[:0])
	logons := e.scratch.logons
	for i := range logons {
		ev := &logons[i]
		if ev.id.machine {
			continue
		}
		r := e.row(ev.t.Add(900 * time.Millisecond))
		r.set(c.Timestamp, ev.t)
		r.set(c.DeviceId, ev.host.bDeviceID)
		r.set(c.DeviceName, ev.host.bDeviceName)
		if ev.status == 0 {
			r.set(c.ActionType, "LogonSuccess")
		} else {
			r.set(c.ActionType, "LogonFailed")
			r.set(c.FailureReason, "InvalidUserNameOrPassword")
		}
		r.set(c.LogonType, mdeLogonTypes[ev.typ])
		r.val(c.AccountDomain, ev.id.bMdeDomain)
		r.val(c.AccountName, ev.id.bMdeName)
		r.set(c.AccountSid, ev.id.bSID)
		r.str(c.Protocol, ev.pkg)
		r.set(c.IsLocalAdmin, ev.admin)
		r.set(c.LogonId, ev.id.bLogonID)
		if ev.srcIP.IsValid() && !ev.srcIP.IsLoopback() {
			r.str(c.RemoteIP, ev.srcIP.String())
			r.set(c.RemoteIPType, "Private")
			r.set(c.RemotePort, int32(49152+ev.id.logonID%16000))
		}
		if ev.src != nil {
			r.str(c.RemoteDeviceName, deviceName(ev.src))
		}
		switch ev.typ {
		case ltNetwork, ltRemoteInteractive:
			r.set(c.InitiatingProcessFileName, "lsass.exe")
			r.set(c.InitiatingProcessFolderPath, pLsass)
			r.set(c.InitiatingProcessId, int64(ev.host.sys.lsass))
			r.set(c.InitiatingProcessAccountDomain, "nt authority")
			r.set(c.InitiatingProcessAccountName, "system")
		default:
			r.set(c.InitiatingProcessFileName, "winlogon.exe")
			r.set(c.InitiatingProcessFolderPath, pWinlogon)
			r.set(c.InitiatingProcessId, int64(ev.host.sys.winlogon))
			r.set(c.InitiatingProcessAccountDomain, "nt authority")
			r.set(c.InitiatingProcessAccountName, "system")
		}
		r.set(c.ReportId, reportID(ev.t, uint32(ev.id.logonID)))
	}
}
