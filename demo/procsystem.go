package demo

import (
	"fmt"
	"time"
)

// onHost draws a Windows machine that is running in hour h: servers and
// desktops always, laptops while their owner works. Servers are drawn three
// times as often: they do more on their own.
func (w *world) onHost(r *rng, h int) *Host {
	for {
		if r.chance(0.45) {
			return pick(r, w.winServers)
		}
		if segs := w.cal.byHour[h]; len(segs) > 0 && r.chance(0.5) {
			if s := pick(r, segs).s; s.Host.Kind == kindWorkstation {
				return s.Host
			}
			continue
		}
		return pick(r, w.desktops)
	}
}

// system is one thing a Windows machine does by itself at t.
func (g *procGen) system(h *Host, t time.Time) {
	w, r := g.w, g.r
	services, schedule, dcom, netsvcs, defender := w.hostProcs(h)
	sys := w.org.systemID(h)
	if h.IsServer() && r.chance(0.45) {
		g.serverRole(h, t, services, sys)
		return
	}
	short := r.durIn(300*time.Millisecond, 40*time.Second)
	switch x := r.IntN(100); {
	case x < 22:
		g.spawn(h, schedule, "services.exe", pTaskhostw, pick(r, []string{"taskhostw.exe -RegisterDevice -SettingChange", "taskhostw.exe SYSTEM", "taskhostw.exe Install $(Arg0)", "taskhostw.exe KEYROAMING", "taskhostw.exe -RegisterUserDevice -LogonTrigger"}), t, sys, ilSystem, short)
	case x < 34:
		g.spawn(h, dcom, "services.exe", pWmiPrvSE, `C:\Windows\system32\wbem\wmiprvse.exe -secured -Embedding`, t, w.org.networkServiceID(h), ilSystem, r.durIn(10*time.Second, 10*time.Minute))
	case x < 44 && !h.IsServer():
		gu := g.spawn(h, schedule, "services.exe", pGoogleUpdate, `"`+pGoogleUpdate+`" /ua /installsource scheduler`, t, sys, ilSystem, r.durIn(2*time.Second, 15*time.Second))
		if r.chance(0.3) {
			g.spawn(h, gu, "svchost.exe", pGoogleUpdate, `"`+pGoogleUpdate+`" /c`, t.Add(time.Second), sys, ilSystem, r.durIn(time.Second, 5*time.Second))
		}
	case x < 54:
		g.spawn(h, schedule, "services.exe", pEdgeUpdate, `"`+pEdgeUpdate+`" /ua /installsource scheduler`, t, sys, ilSystem, short)
	case x < 62:
		g.console(h, defender, "services.exe", pMpCmdRun, `"`+pMpCmdRun+`" SignaturesUpdateService -ScheduleJob -UnmanagedUpdate`, t, sys, ilSystem, r.durIn(5*time.Second, 70*time.Second))
	case x < 66:
		g.spawn(h, schedule, "services.exe", pCompatTel, pCompatTel+` -m:appraiser.dll -f:DoScheduledTelemetryRun`, t, sys, ilSystem, r.durIn(20*time.Second, 4*time.Minute))
	case x < 70:
		g.spawn(h, services, "wininit.exe", pTrusted, pTrusted, t, sys, ilSystem, r.durIn(time.Minute, 20*time.Minute))
		g.spawn(h, dcom, "services.exe", pTiWorker, pTiWorker+` -Embedding`, t.Add(r.durIn(time.Second, 5*time.Second)), sys, ilSystem, r.durIn(time.Minute, 15*time.Minute))
	case x < 76:
		svc := pick(r, []string{"BITS", "wuauserv", "UsoSvc", "DoSvc", "TokenBroker", "lfsvc", "WpnService", "InstallService"})
		g.spawn(h, services, "wininit.exe", pSvchost, fmt.Sprintf(`C:\Windows\system32\svchost.exe -k netsvcs -p -s %s`, svc), t, sys, ilSystem, r.durIn(time.Minute, 2*time.Hour))
	case x < 80:
		g.spawn(h, services, "wininit.exe", pSppsvc, pSppsvc, t, w.org.networkServiceID(h), ilSystem, r.durIn(5*time.Second, 40*time.Second))
	case x < 86:
		sense := proc{img: w.img(pSense), cmd: `"` + pSense + `"`, pid: h.sys.agent, start: w.cal.start.Add(-time.Hour), id: sys, il: ilSystem}
		g.spawn(h, sense, "services.exe", pSenseCnc, `"`+pSenseCnc+`"`, t, sys, ilSystem, r.durIn(2*time.Second, 20*time.Second))
	case x < 92:
		g.spawn(h, netsvcs, "services.exe", pMoUso, pMoUso+` -Embedding`, t, sys, ilSystem, r.durIn(20*time.Second, 5*time.Minute))
	default:
		if h.IsServer() {
			g.spawn(h, dcom, "services.exe", pWmiPrvSE, `C:\Windows\system32\wbem\wmiprvse.exe -Embedding`, t, sys, ilSystem, r.durIn(10*time.Second, 5*time.Minute))
			return
		}
		g.spawn(h, dcom, "services.exe", pBgTaskHost, pBgTaskHost+` -ServerName:BackgroundTaskHost.WebAccountProvider`, t, sys, ilSystem, r.durIn(time.Second, 30*time.Second))
	}
}

// serverRole is the own activity of a server's role: web application
// pools, database jobs, Exchange health probes, backup jobs.
func (g *procGen) serverRole(h *Host, t time.Time, services proc, sys *identity) {
	w, r := g.w, g.r
	switch h.Kind {
	case kindApp, kindExchange:
		pool := "IntranetAppPool"
		id := w.org.userID(w.org.UserBySam("svc_web"), 0x5a3e1)
		if h.Kind == kindExchange {
			pool = pick(r, []string{"MSExchangeOWAAppPool", "MSExchangeSyncAppPool", "MSExchangeServicesAppPool", "MSExchangeAutodiscoverAppPool"})
			id = sys
			if r.chance(0.5) {
				hm := proc{img: w.img(pExchHM), cmd: `"` + pExchHM + `"`, pid: h.sys.agent + 8, start: w.cal.start.Add(-time.Hour), id: sys, il: ilSystem}
				g.spawn(h, hm, "services.exe", pExchHMWorker, fmt.Sprintf(`"%s" -pipe:%d -workerListenerIdentity:%s`, pExchHMWorker, 3000+r.IntN(4000), r.guid()), t, sys, ilSystem, r.durIn(time.Minute, 20*time.Minute))
				return
			}
		}
		was := proc{img: w.img(pSvchost), cmd: `C:\Windows\system32\svchost.exe -k iissvcs`, pid: h.sys.agent + 4, start: w.cal.start.Add(-time.Hour), id: sys, il: ilSystem}
		g.spawn(h, was, "services.exe", pW3wp, fmt.Sprintf(`c:\windows\system32\inetsrv\w3wp.exe -ap "%s" -v "v4.0" -l "webengine4.dll" -a \\.\pipe\iisipm%s -h "C:\inetpub\temp\apppools\%s\%s.config" -w "" -m 0 -t 20 -ta 0`, pool, r.guid(), pool, pool), t, id, ilSystem, r.durIn(20*time.Minute, 3*time.Hour))
	case kindSQL:
		id := w.org.userID(w.org.UserBySam("svc_sql"), 0x6b2a4)
		agent := proc{img: w.img(pSqlAgent), cmd: `"` + pSqlAgent + `" -i MSSQLSERVER`, pid: h.sys.agent + 12, start: w.cal.start.Add(-time.Hour), id: id, il: ilSystem}
		db := pick(r, []string{"Finance", "CRM", "Inventory", "HRIS"})
		g.console(h, agent, "services.exe", pSqlcmd, fmt.Sprintf(`SQLCMD.EXE -S localhost -E -b -Q "EXEC dbo.IndexOptimize @Databases = '%s', @LogToTable = 'Y'"`, db), t, id, ilSystem, r.durIn(10*time.Second, 10*time.Minute))
	case kindBackup:
		id := w.org.userID(w.org.UserBySam("svc_backup"), 0x7c3b2)
		mgr := proc{img: w.img(pVeeamSvc), cmd: `"` + pVeeamSvc + `"`, pid: h.sys.agent + 16, start: w.cal.start.Add(-time.Hour), id: id, il: ilSystem}
		job := pick(r, []string{"FileServer-Daily", "SQL-Daily", "DC-SystemState", "Exchange-Daily"})
		g.spawn(h, mgr, "services.exe", pVeeamMgr, fmt.Sprintf(`"%s" startbackupjob "%s" "Normal" %s`, pVeeamMgr, job, r.guid()), t, id, ilSystem, r.durIn(5*time.Minute, 90*time.Minute))
	default:
		_, _, dcom, _, _ := w.hostProcs(h)
		g.spawn(h, dcom, "services.exe", pWmiPrvSE, `C:\Windows\system32\wbem\wmiprvse.exe -secured -Embedding`, t, w.org.networkServiceID(h), ilSystem, r.durIn(10*time.Second, 10*time.Minute))
	}
}
