package demo

import (
	"fmt"
	"time"
)

// proc is a running Windows process.
type proc struct {
	img   *image
	cmd   string
	pid   uint32
	start time.Time
	id    *identity
	il    integrity
	// cmd, pid (int64) and start boxed, for long-lived processes (the
	// parents of many); nil: boxed per row.
	bCmd, bPid, bStart any
}

// cmdValue is the command line boxed for val.
func (p *proc) cmdValue() any {
	if p.bCmd != nil {
		return p.bCmd
	}
	return box(p.cmd)
}

// pidValue is the process id boxed as Defender's int64.
func (p *proc) pidValue() any {
	if p.bPid != nil {
		return p.bPid
	}
	return int64(p.pid)
}

// startValue is the creation time boxed.
func (p *proc) startValue() any {
	if p.bStart != nil {
		return p.bStart
	}
	return p.start
}

// boxValues boxes what rows say about a long-lived process once.
func (p *proc) boxValues() { p.bCmd, p.bPid, p.bStart = box(p.cmd), int64(p.pid), p.start }

// procEvent is the creation of a process on a host, with what the
// telemetry records about its parent and grandparent; end is its exit, zero
// if it outlives the data.
type procEvent struct {
	host   *Host
	p      proc
	parent proc
	gpName string
	gpPid  uint32
	end    time.Time
	story  string // the story it belongs to, "" for background
}

// procGen collects the process creations of one hour.
type procGen struct {
	w   *world
	r   *rng
	out []procEvent
}

// spawn creates a child of parent on host h at t, living for life (0: until
// the end of the data), and returns it for chaining.
func (g *procGen) spawn(h *Host, parent proc, gp string, path, cmd string, t time.Time, id *identity, il integrity, life time.Duration) proc {
	p := proc{img: g.w.img(path), cmd: cmd, pid: pid4(g.r, 0x2800, 0xfffc), start: t, id: id, il: il}
	ev := procEvent{host: h, p: p, parent: parent, gpName: gp}
	if life > 0 {
		ev.end = t.Add(life)
	}
	g.out = append(g.out, ev)
	return p
}

// console spawns a console program and the conhost.exe Windows starts for it.
func (g *procGen) console(h *Host, parent proc, gp, path, cmd string, t time.Time, id *identity, il integrity, life time.Duration) proc {
	p := g.spawn(h, parent, gp, path, cmd, t, id, il, life)
	g.spawn(h, p, parent.img.name, pConhost, `\??\C:\Windows\system32\conhost.exe 0xffffffff -ForceV1`,
		t.Add(g.r.durIn(time.Millisecond, 20*time.Millisecond)), id, il, life+g.r.durIn(0, 50*time.Millisecond))
	return p
}

// hostProcs are a Windows host's long-lived system processes, which
// newWorld builds once per host.
func (w *world) hostProcs(h *Host) (services, schedule, dcom, netsvcs, defender proc) {
	s, ok := w.sysProcs[h]
	if !ok {
		s = w.newHostProcs(h)
	}
	return s[0], s[1], s[2], s[3], s[4]
}

// newHostProcs builds hostProcs' processes (in its order).
func (w *world) newHostProcs(h *Host) *[5]proc {
	boot := w.cal.start.Add(-time.Duration(2+int(mix64(uint64(h.sys.lsass))%400)) * time.Hour)
	sys := w.org.systemID(h)
	mk := func(path, cmd string, pid uint32, at time.Duration) proc {
		return proc{img: w.img(path), cmd: cmd, pid: pid, start: boot.Add(at), id: sys, il: ilSystem}
	}
	s := &[5]proc{
		mk(pServices, pServices, h.sys.services, 3*time.Second),
		mk(pSvchost, `C:\Windows\system32\svchost.exe -k netsvcs -p -s Schedule`, h.sys.svcSchedule, 9*time.Second),
		mk(pSvchost, `C:\Windows\system32\svchost.exe -k DcomLaunch -p`, h.sys.svcDcom, 5*time.Second),
		mk(pSvchost, `C:\Windows\system32\svchost.exe -k netsvcs -p`, h.sys.svcNetsvcs, 8*time.Second),
		mk(pMsMpEng, `"`+pMsMpEng+`"`, h.sys.defender, 14*time.Second),
	}
	for i := range s {
		s[i].boxValues()
	}
	return s
}

// sessionProcs are the processes a logon session starts and keeps: the
// shell and the apps people open first thing.
type sessionProcs struct {
	explorer, outlook, browser, teams, onedrive proc
	browserPath                                 string
}

// sessionProcs returns the session's processes, which newWorld builds once:
// they are fixed for the session, and every person's action (a process, a
// connection, a file) starts from one of them.
func (w *world) sessionProcs(s *session) *sessionProcs { return s.procs }

func (w *world) newSessionProcs(s *session) *sessionProcs {
	id := w.sessionID(s)
	st := s.Start.Add(time.Duration(20+s.ID%15) * time.Second)
	sp := sessionProcs{explorer: proc{img: w.img(pExplorer), cmd: `C:\WINDOWS\Explorer.EXE`, pid: s.explorer, start: st, id: id, il: ilMedium}}
	if s.Kind == sessAdmin {
		sp.explorer.il = ilHigh
		sp.explorer.boxValues()
		return &sp
	}
	sp.browserPath = pChrome
	if s.User.Index%3 == 0 {
		sp.browserPath = pEdge
	}
	mk := func(path, cmd string, app int, after time.Duration) proc {
		return proc{img: w.img(path), cmd: cmd, pid: s.apps[app], start: st.Add(after), id: id, il: ilMedium}
	}
	sp.onedrive = mk(pOneDrive, `"`+pOneDrive+`" /background`, appOneDrive, 9*time.Second)
	sp.teams = mk(pTeams, `"`+pTeams+`" msteams:system-initiated`, appTeams, 14*time.Second)
	sp.outlook = mk(pOutlook, `"`+pOutlook+`" `, appOutlook, time.Duration(60+s.ID%240)*time.Second)
	sp.browser = mk(sp.browserPath, `"`+sp.browserPath+`" `, appBrowser, time.Duration(90+s.ID%400)*time.Second)
	for _, p := range []*proc{&sp.explorer, &sp.onedrive, &sp.teams, &sp.outlook, &sp.browser} {
		p.boxValues()
	}
	return &sp
}

// sessionID is the identity a session runs as.
func (w *world) sessionID(s *session) *identity { return s.ident }

// procStream appends to out the Windows process creations of hour h: the session
// starts of the hour, people's work, the machines' own activity and the
// stories' processes. Every table that shows processes derives from it, so
// SecurityEvent and DeviceProcessEvents agree.
func (w *world) procStream(h int, out []procEvent) []procEvent {
	g := &procGen{w: w, r: newRNG(w.seed, "proc", h), out: out}
	from, to := w.cal.hourStart(h), w.cal.hourStart(h+1)
	for _, s := range w.cal.sessions {
		if !s.Start.Before(from) && s.Start.Before(to) && s.Host.IsWindows() {
			g.sessionStart(s)
		}
	}
	nHuman := w.quota(g.r, w.vol.procs*0.7, true, h)
	for start := len(g.out); len(g.out)-start < nHuman; {
		sg, t, _ := w.cal.pickSegment(g.r, h)
		g.human(sg.s, t)
	}
	nSys := w.quota(g.r, w.vol.procs*0.3, false, h)
	for start := len(g.out); len(g.out)-start < nSys; {
		g.system(w.onHost(g.r, h), from.Add(g.r.durIn(0, w.cal.slot)))
	}
	for _, ev := range w.story.procs {
		if !ev.p.start.Before(from) && ev.p.start.Before(to) {
			g.out = append(g.out, ev)
		}
	}
	return g.out
}

// sessionStart is the logon of a session: userinit starts the shell, the
// shell its start-up apps, and the person opens mail and a browser.
func (g *procGen) sessionStart(s *session) {
	w := g.w
	sp := w.sessionProcs(s)
	id := sp.explorer.id
	winlogon := proc{img: w.img(pWinlogon), cmd: "winlogon.exe", pid: s.Host.sys.winlogon, start: w.cal.start.Add(-time.Hour), id: w.org.systemID(s.Host), il: ilSystem}
	userinit := g.spawn(s.Host, winlogon, "wininit.exe", pUserinit, pUserinit, s.Start.Add(15*time.Second), id, sp.explorer.il, 4*time.Second)
	g.out = append(g.out, procEvent{host: s.Host, p: sp.explorer, parent: userinit, gpName: "winlogon.exe", end: s.End.Add(2 * time.Second)})
	if s.Kind == sessAdmin {
		g.spawn(s.Host, sp.explorer, "userinit.exe", pServerMgr, `"`+pServerMgr+`"`, sp.explorer.start.Add(6*time.Second), id, ilHigh, s.End.Sub(sp.explorer.start))
		return
	}
	g.spawn(s.Host, sp.explorer, "userinit.exe", pSecHealth, `"`+pSecHealth+`"`, sp.explorer.start.Add(4*time.Second), id, ilMedium, s.End.Sub(sp.explorer.start))
	for _, p := range []proc{sp.onedrive, sp.teams, sp.outlook, sp.browser} {
		if p.start.Before(s.End) {
			g.out = append(g.out, procEvent{host: s.Host, p: p, parent: sp.explorer, gpName: "userinit.exe", end: s.End})
		}
	}
}

// renderer is a browser's sandboxed renderer process command line.
func (g *procGen) renderer(path string) string {
	return fmt.Sprintf(`"%s" --type=renderer --lang=en-GB --device-scale-factor=1 --num-raster-threads=4 --enable-main-frame-before-activation --renderer-client-id=%d --time-ticks-at-unix-epoch=-1730%09d --launch-time-ticks=%d --field-trial-handle=1932,i,%d,%d,262144 --variations-seed-version /prefetch:1`,
		path, 6+g.r.IntN(400), g.r.IntN(1e9), 1e9+g.r.Int64N(9e10), g.r.Uint64()%1e19, g.r.Uint64()%1e19)
}
