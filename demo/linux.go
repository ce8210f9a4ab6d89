package demo

import (
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// sshEvent is an SSH login attempt on a Linux server.
type sshEvent struct {
	t       time.Time
	host    *Host
	srcIP   netip.Addr
	srcPort int
	user    string
	invalid bool   // no such account
	ok      bool   // accepted
	method  string // publickey or password
	end     time.Time
	story   string
}

// sshStream returns the SSH logins of hour h: engineers and admins through
// the bastion to the servers, and the internet's scanners knocking on the
// bastion's exposed port.
func (w *world) sshStream(h int) []sshEvent {
	r := newRNG(w.seed, "ssh", h)
	o := w.org
	bastion := o.Host("bastion01")
	var out []sshEvent
	for n, i, tries := w.quota(r, w.vol.syslog*0.02, true, h), 0, 0; i < n && tries < 50*n; tries++ {
		sg, t, _ := w.cal.pickSegment(r, h)
		u := sg.s.User
		if (u.Department != "IT" && u.Department != "Engineering") || sg.s.Kind == sessAdmin {
			continue
		}
		end := minTime(t.Add(r.durIn(2*time.Minute, 50*time.Minute)), sg.s.End)
		out = append(out, sshEvent{t: t, host: bastion, srcIP: sg.s.PublicIP, srcPort: 40000 + r.IntN(25000), user: u.Sam, ok: true, method: "publickey", end: end})
		for k := 0; k < 1+r.IntN(2); k++ {
			tgt := pick(r, []string{"web01", "web02", "db01", "monitor01"})
			at := t.Add(r.durIn(10*time.Second, max(end.Sub(t)/2, 20*time.Second)))
			out = append(out, sshEvent{t: at, host: o.Host(tgt), srcIP: bastion.IP, srcPort: 40000 + r.IntN(25000), user: u.Sam, ok: true, method: "publickey", end: maxTime(end.Add(-5*time.Second), at.Add(30*time.Second))})
		}
		i += 2
	}
	for n, i := w.quota(r, w.vol.syslog*0.025, false, h), 0; i < n; i++ {
		t := w.cal.hourStart(h).Add(r.durIn(0, w.cal.slot))
		src := netip.AddrFrom4([4]byte{byte(pick(r, []int{45, 61, 80, 91, 103, 112, 116, 118, 141, 159, 170, 179, 185, 193, 218, 222})), byte(r.IntN(256)), byte(r.IntN(256)), byte(1 + r.IntN(254))})
		user := pick(r, []string{"root", "admin", "test", "ubuntu", "oracle", "user", "git", "postgres", "pi", "ftpuser", "guest", "support"})
		for k, tries := 0, 1+r.IntN(3); k < tries; k++ {
			out = append(out, sshEvent{t: t.Add(time.Duration(k) * r.durIn(2*time.Second, 9*time.Second)), host: bastion, srcIP: src,
				srcPort: 30000 + r.IntN(35000), user: user, invalid: user != "root" && user != "ubuntu", method: "password"})
		}
	}
	for _, ev := range w.story.ssh {
		if !ev.t.Before(w.cal.hourStart(h)) && ev.t.Before(w.cal.hourStart(h+1)) {
			out = append(out, ev)
		}
	}
	return out
}

// syslogLine is one Syslog record.
type syslogLine struct {
	t        time.Time
	host     *Host
	facility string
	severity string
	proc     string
	pid      int
	msg      string
}

// syslogHour writes the Linux servers' syslog.
func (w *world) syslogHour(e *emitter, h int) {
	c := w.cols.syslog
	r := newRNG(w.seed, "syslog", h)
	var lines []syslogLine
	ssh := w.sshStream(h)
	for _, ev := range ssh {
		lines = w.sshLines(r, ev, lines)
	}
	lines = w.backgroundSyslog(r, h, lines)
	lines = w.adminSudo(r, ssh, lines)
	for _, l := range w.story.syslog {
		if !l.t.Before(w.cal.hourStart(h)) && l.t.Before(w.cal.hourStart(h+1)) {
			lines = append(lines, l)
		}
	}
	for i := range lines {
		l := &lines[i]
		row := e.row(l.t.Add(700 * time.Millisecond))
		row.set(c.Computer, l.host.bName())
		row.set(c.HostName, l.host.bName())
		row.set(c.HostIP, w.addrText(l.host.IP))
		row.val(c.Facility, sym(l.facility))
		row.val(c.SeverityLevel, sym(l.severity))
		row.str(c.SyslogMessage, l.msg)
		row.val(c.ProcessName, sym(l.proc))
		if l.pid > 0 {
			row.set(c.ProcessID, int32(l.pid))
		}
		row.set(c.EventTime, l.t.Truncate(time.Second))
		row.set(c.SourceSystem, "Linux")
	}
}

// sshLines writes what sshd, PAM and systemd-logind log for an attempt.
func (w *world) sshLines(r *rng, ev sshEvent, out []syslogLine) []syslogLine {
	pid := 10000 + int(mix64(uint64(ev.t.UnixNano()))%50000)
	add := func(d time.Duration, fac, sev, proc string, p int, msg string) {
		out = append(out, syslogLine{t: ev.t.Add(d), host: ev.host, facility: fac, severity: sev, proc: proc, pid: p, msg: msg})
	}
	src, port := ev.srcIP.String(), ev.srcPort
	switch {
	case ev.ok:
		uid := 1000 + int(mix64(uint64(len(ev.user))*131+uint64(ev.user[0]))%400)
		if ev.method == "publickey" {
			add(0, "auth", "info", "sshd", pid, fmt.Sprintf("Accepted publickey for %s from %s port %d ssh2: ED25519 SHA256:%s", ev.user, src, port, fingerprint(ev.user)))
		} else {
			add(0, "auth", "info", "sshd", pid, fmt.Sprintf("Accepted password for %s from %s port %d ssh2", ev.user, src, port))
		}
		add(20*time.Millisecond, "authpriv", "info", "sshd", pid, fmt.Sprintf("pam_unix(sshd:session): session opened for user %s(uid=%d) by (uid=0)", ev.user, uid))
		sess := 100 + int(mix64(uint64(pid))%9000)
		add(40*time.Millisecond, "auth", "info", "systemd-logind", 612, fmt.Sprintf("New session %d of user %s.", sess, ev.user))
		if !ev.end.IsZero() {
			d := ev.end.Sub(ev.t)
			add(d, "auth", "info", "sshd", pid, fmt.Sprintf("Received disconnect from %s port %d:11: disconnected by user", src, port))
			add(d+5*time.Millisecond, "authpriv", "info", "sshd", pid, fmt.Sprintf("pam_unix(sshd:session): session closed for user %s", ev.user))
			add(d+30*time.Millisecond, "auth", "info", "systemd-logind", 612, fmt.Sprintf("Removed session %d.", sess))
		}
	case ev.invalid:
		add(0, "auth", "info", "sshd", pid, fmt.Sprintf("Invalid user %s from %s port %d", ev.user, src, port))
		add(300*time.Millisecond, "authpriv", "notice", "sshd", pid, fmt.Sprintf("pam_unix(sshd:auth): check pass; user unknown"))
		add(310*time.Millisecond, "authpriv", "notice", "sshd", pid, fmt.Sprintf("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=%s", src))
		add(2*time.Second, "auth", "info", "sshd", pid, fmt.Sprintf("Failed password for invalid user %s from %s port %d ssh2", ev.user, src, port))
		add(2200*time.Millisecond, "auth", "info", "sshd", pid, fmt.Sprintf("Connection closed by invalid user %s %s port %d [preauth]", ev.user, src, port))
	default:
		add(300*time.Millisecond, "authpriv", "notice", "sshd", pid, fmt.Sprintf("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=%s  user=%s", src, ev.user))
		add(2*time.Second, "auth", "info", "sshd", pid, fmt.Sprintf("Failed password for %s from %s port %d ssh2", ev.user, src, port))
		add(2200*time.Millisecond, "auth", "info", "sshd", pid, fmt.Sprintf("Connection closed by authenticating user %s %s port %d [preauth]", ev.user, src, port))
	}
	return out
}

func fingerprint(s string) string {
	const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	x := mix64(uint64(len(s)) ^ uint64(s[0])<<8 ^ uint64(s[len(s)-1])<<16)
	var b strings.Builder
	for i := 0; i < 43; i++ {
		if i%10 == 0 {
			x = mix64(x + uint64(i))
		}
		b.WriteByte(b64[x%64])
		x /= 64
	}
	return b.String()
}

// backgroundSyslog is the servers' own chatter: cron, systemd timers, sudo
// by admins, the firewall's blocks, the database's checkpoints.
func (w *world) backgroundSyslog(r *rng, h int, out []syslogLine) []syslogLine {
	from := w.cal.hourStart(h)
	n := w.quota(r, w.vol.syslog*0.8, false, h)
	for i := 0; i < n; i++ {
		host := pick(r, w.linux)
		t := from.Add(r.durIn(0, w.cal.slot))
		add := func(fac, sev, proc string, pid int, msg string) {
			out = append(out, syslogLine{t: t, host: host, facility: fac, severity: sev, proc: proc, pid: pid, msg: msg})
		}
		switch x := r.IntN(100); {
		case x < 30:
			add("cron", "info", "CRON", 20000+r.IntN(40000), pick(r, cronJobs(host)))
		case x < 42:
			add("authpriv", "info", "CRON", 20000+r.IntN(40000), "pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)")
		case x < 62:
			add("daemon", "info", "systemd", 1, pick(r, systemdLines))
		case x < 74 && host.Public.IsValid():
			src := netip.AddrFrom4([4]byte{byte(pick(r, []int{45, 89, 92, 141, 162, 167, 185, 193, 194})), byte(r.IntN(256)), byte(r.IntN(256)), byte(1 + r.IntN(254))})
			add("kern", "warning", "kernel", 0, fmt.Sprintf("[UFW BLOCK] IN=eth0 OUT= MAC=00:15:5d:0a:14:05:00:15:5d:00:01:01:08:00 SRC=%s DST=%s LEN=44 TOS=0x00 PREC=0x00 TTL=%d ID=%d PROTO=TCP SPT=%d DPT=%d WINDOW=1024 RES=0x00 SYN URGP=0 ",
				src, host.IP, 40+r.IntN(200), r.IntN(65535), 1024+r.IntN(64000), pick(r, []int{23, 25, 3389, 5900, 6379, 8080, 8443, 2375, 9200, 27017})))
		case x < 84 && host.Kind == kindDB:
			add("local0", "info", "postgres", 1180, fmt.Sprintf("[%d-1] LOG:  checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added, 0 removed, %d recycled; write=%.3f s, sync=0.002 s, total=%.3f s", 1180, 40+r.IntN(3000), r.Float64()*5, r.IntN(3), r.Float64()*30, r.Float64()*30+0.01))
		default:
			add("syslog", "info", "rsyslogd", 702, `[origin software="rsyslogd" swVersion="8.2112.0" x-pid="702" x-info="https://www.rsyslog.com"] rsyslogd was HUPed`)
		}
	}
	return out
}

// adminSudo is admins' sudo on the servers they SSH to.
func (w *world) adminSudo(r *rng, ssh []sshEvent, out []syslogLine) []syslogLine {
	for _, ev := range ssh {
		if !ev.ok || ev.story != "" || ev.host.Kind == kindBastion || !r.chance(0.6) {
			continue
		}
		t := ev.t.Add(r.durIn(20*time.Second, 3*time.Minute))
		cmd := pick(r, sudoCommands(ev.host))
		pid := 30000 + r.IntN(30000)
		out = append(out,
			syslogLine{t: t, host: ev.host, facility: "authpriv", severity: "notice", proc: "sudo", pid: pid,
				msg: fmt.Sprintf("%s : TTY=pts/%d ; PWD=/home/%s ; USER=root ; COMMAND=%s", ev.user, r.IntN(4), ev.user, cmd)},
			syslogLine{t: t.Add(3 * time.Millisecond), host: ev.host, facility: "authpriv", severity: "info", proc: "sudo", pid: pid,
				msg: fmt.Sprintf("pam_unix(sudo:session): session opened for user root(uid=0) by %s(uid=%d)", ev.user, 1000+r.IntN(400))},
			syslogLine{t: t.Add(r.durIn(time.Second, 30*time.Second)), host: ev.host, facility: "authpriv", severity: "info", proc: "sudo", pid: pid,
				msg: "pam_unix(sudo:session): session closed for user root"})
	}
	return out
}

func cronJobs(h *Host) []string {
	jobs := []string{"(root) CMD (   cd / && run-parts --report /etc/cron.hourly)", "(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)"}
	switch h.Kind {
	case kindWeb:
		jobs = append(jobs, "(www-data) CMD (php /var/www/portal/artisan schedule:run >> /dev/null 2>&1)", "(root) CMD (/usr/bin/certbot renew --quiet)")
	case kindDB:
		jobs = append(jobs, "(postgres) CMD (/usr/local/bin/pg_backup.sh >> /var/log/pg_backup.log 2>&1)")
	case kindBuild:
		jobs = append(jobs, "(jenkins) CMD (/usr/bin/docker system prune -f >/dev/null 2>&1)")
	}
	return jobs
}

var systemdLines = []string{
	"Starting Daily apt download activities...", "Finished Daily apt download activities.", "Starting Cleanup of Temporary Directories...",
	"systemd-tmpfiles-clean.service: Deactivated successfully.", "Finished Cleanup of Temporary Directories.",
	"Starting Rotate log files...", "logrotate.service: Deactivated successfully.", "Finished Rotate log files.",
	"Started Session c1 of User root.", "motd-news.service: Deactivated successfully.", "Starting Message of the Day...",
	"sysstat-collect.service: Deactivated successfully.", "Finished system activity accounting tool.",
}

func sudoCommands(h *Host) []string {
	switch h.Kind {
	case kindWeb:
		return []string{"/usr/bin/systemctl reload nginx", "/usr/bin/tail -n 200 /var/log/nginx/error.log", "/usr/bin/apt-get update", "/usr/bin/journalctl -u portal --since today"}
	case kindDB:
		return []string{"/usr/bin/systemctl status postgresql", "/usr/bin/psql -U postgres -c select * from pg_stat_activity", "/usr/bin/du -sh /var/lib/postgresql"}
	}
	return []string{"/usr/bin/systemctl restart prometheus", "/usr/bin/apt-get upgrade -y", "/usr/bin/df -h", "/usr/bin/docker ps"}
}

// bName is the host's short name for Syslog's Computer column.
func (h *Host) bName() any { return h.bHostName }
