package demo

import (
	"net/netip"
	"time"
)

// flowEvent is one network connection. Every network table is a view of
// the flows: Defender sees those of its devices, the firewall those that
// cross it, VM insights those of servers, the DNS servers the lookups
// before them.
type flowEvent struct {
	t        time.Time
	dur      time.Duration
	src, dst *Host // nil when the end is on the internet
	srcIP    netip.Addr
	dstIP    netip.Addr
	srcPort  int
	dstPort  int
	udp      bool
	domain   string   // the name the client looked up, if any
	svc      *service // the internet service reached, if any
	proc     *proc    // the client process, when known
	user     *identity
	sent     int64
	recv     int64
	app      string // firewall App-ID
	deny     bool
	fw       *Firewall // firewall on the path, nil if none
	natIP    netip.Addr
	lookup   bool // the client asked the domain controller's DNS first
	nxdomain bool // the lookup failed (no connection follows)
	story    string
}

// flowStream appends the connections starting in hour h to out.
func (w *world) flowStream(h int, out []flowEvent) []flowEvent {
	r := newRNG(w.seed, "flow", h)
	from := w.cal.hourStart(h)
	for n, i := w.quota(r, w.vol.flows*0.55, true, h), 0; i < n; i++ {
		sg, t, _ := w.cal.pickSegment(r, h)
		out = append(out, w.humanFlow(r, sg.s, t))
	}
	for n, i := w.quota(r, w.vol.flows*0.30, false, h), 0; i < n; i++ {
		out = append(out, w.machineFlow(r, h, from.Add(r.durIn(0, w.cal.slot))))
	}
	for n, i := w.quota(r, w.vol.flows*0.15, false, h), 0; i < n; i++ {
		out = append(out, w.inboundFlow(r, from.Add(r.durIn(0, w.cal.slot))))
	}
	for _, s := range w.sshStream(h) {
		out = append(out, w.sshFlow(s))
	}
	if h < len(w.storyFlows) {
		out = append(out, w.storyFlows[h]...)
	}
	return out
}

// flowsByHour groups the stories' flows by the hour they start in (in
// their order), so each hour takes its own instead of scanning them all:
// the beacon alone is thousands.
func (w *world) flowsByHour() [][]flowEvent {
	byHour := make([][]flowEvent, w.cal.hours)
	start := w.cal.hourStart(0)
	for _, f := range w.story.flows {
		if f.t.Before(start) {
			continue
		}
		if h := int(f.t.Sub(start) / w.cal.slot); h < len(byHour) {
			byHour[h] = append(byHour[h], f)
		}
	}
	return byHour
}

var (
	humanServices   = servicesOf(svcWeb, svcM365)
	devServices     = servicesOf(svcWeb, svcM365, svcDev)
	updateServices  = servicesOf(svcUpdate)
	serverServices  = servicesOf(svcServer)
	internalTargets = []struct {
		host string
		port int
		app  string
	}{{"FS01", 445, "ms-ds-smb"}, {"FS01", 445, "ms-ds-smb"}, {"DC01", 389, "ldap"}, {"DC02", 88, "kerberos"},
		{"APP01", 443, "ssl"}, {"EXCH01", 443, "ssl"}, {"SQL01", 1433, "mssql-db"}}
)

func servicesOf(kinds ...svcKind) weighted[*service] {
	var items []*service
	var ws []float64
	for i := range services {
		for _, k := range kinds {
			if services[i].kind == k {
				items = append(items, &services[i])
				ws = append(ws, services[i].weight)
			}
		}
	}
	return newWeighted(items, ws)
}

// humanFlow is a connection a person's work makes: the web, Microsoft 365,
// or a company server.
func (w *world) humanFlow(r *rng, s *session, t time.Time) flowEvent {
	sp := w.sessionProcs(s)
	f := flowEvent{t: t, src: s.Host, srcIP: s.IP, srcPort: 49152 + r.IntN(16000), user: s.ident}
	if t.Before(sp.browser.start) && s.Kind != sessAdmin {
		f.t = sp.browser.start.Add(time.Second)
	}
	if s.Kind == sessAdmin || r.chance(0.22) {
		tgt := internalTargets[r.IntN(len(internalTargets))]
		f.dst = w.org.Host(tgt.host)
		f.dstIP, f.dstPort, f.app = f.dst.IP, tgt.port, tgt.app
		if s.Kind == sessAdmin {
			f.dst = pick(r, w.winServers)
			f.dstIP, f.dstPort, f.app = f.dst.IP, 3389, "ms-rdp"
		}
		f.proc = &sp.explorer
		f.sent, f.recv = int64(r.between(400, 40_000)), int64(r.between(600, 900_000))
		f.dur = r.durIn(50*time.Millisecond, 5*time.Minute)
		return f
	}
	if r.chance(0.02) { // a mistyped or stale name: the lookup fails
		f.domain = pick(r, w.typoDomains)
		f.lookup, f.nxdomain = true, true
		return f
	}
	pool := humanServices
	if s.User.Department == "Engineering" || s.User.Department == "IT" {
		pool = devServices
	}
	svc := pool.pick(r)
	w.toInternet(r, &f, svc, s.Site, s.Remote)
	switch svc.proc {
	case pOutlook:
		f.proc = &sp.outlook
	case pTeams:
		f.proc = &sp.teams
	case pOneDrive:
		f.proc = &sp.onedrive
	default:
		f.proc = &sp.browser
	}
	return f
}

// toInternet completes a flow to an internet service: address, firewall and
// source NAT (people at home reach Microsoft 365 directly, the rest through
// the VPN and the London firewall), sizes and the DNS lookup.
func (w *world) toInternet(r *rng, f *flowEvent, svc *service, site *Site, remote bool) {
	f.svc = svc
	f.domain = w.org.serviceDomain(svc)
	f.dstIP = svc.addr(r.IntN(svc.hosts))
	f.dstPort = svc.port
	f.app = svc.app
	f.lookup = r.chance(0.3)
	fwSite := site
	if remote {
		fwSite = w.org.Sites[0]
	}
	if !(remote && svc.kind == svcM365) {
		f.fw = w.firewallOf(fwSite)
		f.natIP = fwSite.Egress
	}
	f.sent = int64(r.between(600, 60_000))
	f.recv = int64(r.between(2_000, 4_000_000))
	f.dur = r.durIn(200*time.Millisecond, 10*time.Minute)
}

func (w *world) firewallOf(s *Site) *Firewall {
	for _, fw := range w.org.Firewall {
		if fw.Site == s {
			return fw
		}
	}
	return w.org.Firewall[0]
}

// machineFlow is a machine's own connection: updates, telemetry and
// Defender for Windows; package mirrors, monitoring and backups for servers.
func (w *world) machineFlow(r *rng, h int, t time.Time) flowEvent {
	var host *Host
	if r.chance(0.35) {
		host = pick(r, w.linux)
	} else {
		host = w.onHost(r, h)
	}
	f := flowEvent{t: t, src: host, srcIP: host.IP, srcPort: 32768 + r.IntN(28000)}
	if host.Linux {
		svc := serverServices.pick(r)
		for svc.proc == pVeeamSvc {
			svc = serverServices.pick(r)
		}
		w.toInternet(r, &f, svc, host.Site, false)
		path := svc.proc
		if path == "" {
			path = "/opt/microsoft/azuremonitoragent/bin/mdsd"
		}
		f.proc = &proc{img: w.img(path), cmd: path, pid: uint32(800 + r.IntN(30000)), start: w.cal.start, id: w.rootID(host), il: ilSystem}
		return f
	}
	svc := updateServices.pick(r)
	if host.Kind == kindBackup && r.chance(0.5) {
		svc = &services[len(services)-1]
	}
	site := host.Site
	remote := false
	if host.Kind == kindWorkstation && host.Owner != nil {
		if s := w.cal.workday(host.Owner, dateOf(t.In(host.Site.TZ))); s != nil && s.Remote {
			remote = true
			f.srcIP = s.IP
		}
	}
	w.toInternet(r, &f, svc, site, remote)
	path := svc.proc
	if path == "" {
		path = pSvchost
	}
	f.proc = &proc{img: w.img(path), cmd: `"` + path + `"`, pid: host.sys.svcNetsvcs, start: w.cal.start, id: host.idSystem, il: ilSystem}
	if path == pSense {
		f.proc.pid = host.sys.agent
	}
	return f
}

// rootID is root on a Linux host.
func (w *world) rootID(h *Host) *identity { return h.idRoot }

// inboundFlow is internet traffic to the organisation's public addresses:
// customers on the web servers, and scanners the firewall turns away.
func (w *world) inboundFlow(r *rng, t time.Time) flowEvent {
	o := w.org
	client := netip.AddrFrom4([4]byte{byte(pick(r, []int{24, 31, 46, 62, 73, 77, 81, 86, 92, 98, 109, 151, 176, 185, 188, 213})), byte(r.IntN(256)), byte(r.IntN(256)), byte(1 + r.IntN(254))})
	f := flowEvent{t: t, srcIP: client, srcPort: 1024 + r.IntN(64000), fw: o.Firewall[0]}
	if r.chance(0.8) {
		web := o.Host(pick(r, []string{"web01", "web02"}))
		f.dst, f.dstIP, f.dstPort, f.app = web, web.IP, 443, "ssl"
		f.natIP = web.Public
		f.sent, f.recv = int64(r.between(500, 8_000)), int64(r.between(2_000, 600_000))
		f.dur = r.durIn(100*time.Millisecond, 90*time.Second)
		f.proc = &proc{img: w.img("/usr/sbin/nginx"), cmd: "nginx: worker process", pid: uint32(1200 + int(web.IP.As4()[3])), start: w.cal.start, id: web.idWWW}
		return f
	}
	f.deny = true
	f.app = "incomplete"
	f.natIP = pick(r, []netip.Addr{o.Sites[0].Egress, o.VPNGate, o.Host("web01").Public})
	f.dstIP = f.natIP
	f.dstPort = pick(r, []int{23, 445, 3389, 1433, 5900, 8080, 8443, 6379, 9200, 2375})
	f.sent = int64(r.between(40, 120))
	return f
}

// sshFlow is the connection of an SSH login: from the internet through the
// firewall to the bastion, or from the bastion to a server.
func (w *world) sshFlow(s sshEvent) flowEvent {
	f := flowEvent{t: s.t, srcIP: s.srcIP, srcPort: s.srcPort, dst: s.host, dstIP: s.host.IP,
		dstPort: 22, app: "ssh", story: s.story, sent: 3_200, recv: 4_100, dur: 3 * time.Second}
	if s.ok && !s.end.IsZero() {
		f.dur = s.end.Sub(s.t)
		f.sent, f.recv = 40_000+int64(f.dur/time.Second)*90, 90_000+int64(f.dur/time.Second)*400
	}
	if src := w.hostByIP(s.srcIP); src != nil {
		f.src = src
		f.proc = &proc{img: w.img("/usr/bin/ssh"), cmd: "ssh " + s.user + "@" + s.host.Name, pid: uint32(s.srcPort % 30000), start: s.t, id: w.rootID(src)}
		return f
	}
	f.fw = w.org.Firewall[0]
	f.natIP = s.host.Public
	return f
}

// hostByIP finds one of the organisation's servers by address.
func (w *world) hostByIP(ip netip.Addr) *Host {
	for _, h := range w.org.Servers {
		if h.IP == ip {
			return h
		}
	}
	return nil
}
