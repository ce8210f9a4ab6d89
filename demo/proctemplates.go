package demo

import (
	"fmt"
	"strings"
	"time"
)

// Documents people open, by department ("" for everyone).
var documents = map[string][]string{
	"":                 {"Meeting Notes.docx", "Project Plan.docx", "Team Update.pptx", "Weekly Report.docx", "Action Items.xlsx", "All Hands Q3.pptx", "Travel Request.xlsx", "Onboarding Checklist.docx"},
	"Finance":          {"Budget FY25.xlsx", "Invoice Tracker.xlsx", "Cash Flow Forecast.xlsx", "Month End Close.xlsx", "Vendor Payments.xlsx", "Expense Claims Oct.xlsx", "Audit Findings.docx"},
	"Human Resources":  {"Headcount Plan.xlsx", "Offer Letter Template.docx", "Interview Feedback.docx", "Benefits Overview.pdf", "Leave Tracker.xlsx"},
	"Sales":            {"Pipeline Review.xlsx", "Customer Proposal.docx", "Pricing Sheet.xlsx", "QBR Deck.pptx", "Territory Plan.xlsx", "Contract Draft.docx"},
	"Marketing":        {"Campaign Plan.pptx", "Brand Guidelines.pdf", "Social Calendar.xlsx", "Press Release Draft.docx", "Webinar Brief.docx"},
	"Engineering":      {"Design Doc.docx", "Architecture Review.pptx", "Sprint Metrics.xlsx", "Incident Postmortem.docx", "API Spec.pdf"},
	"IT":               {"Asset Inventory.xlsx", "Change Request.docx", "Patch Schedule.xlsx", "Network Diagram.pdf", "Runbook - File Server.docx"},
	"Legal":            {"NDA Template.docx", "Master Services Agreement.docx", "Contract Review.docx", "Compliance Register.xlsx"},
	"Operations":       {"Shipment Schedule.xlsx", "Supplier Scorecard.xlsx", "Capacity Plan.xlsx", "SOP Warehouse.docx"},
	"Customer Support": {"Ticket Trends.xlsx", "Escalation Process.docx", "Knowledge Base Draft.docx", "SLA Report.xlsx"},
	"Executive":        {"Board Pack.pptx", "Strategy 2025.pptx", "Leadership Offsite.docx", "KPI Dashboard.xlsx"},
}

func (g *procGen) document(u *User) string {
	if g.r.chance(0.6) {
		if docs, ok := documents[u.Department]; ok {
			return pick(g.r, docs)
		}
	}
	return pick(g.r, documents[""])
}

// officeFor returns the program that opens a document.
func officeFor(doc string) string {
	switch {
	case strings.HasSuffix(doc, ".xlsx"):
		return pExcel
	case strings.HasSuffix(doc, ".pptx"):
		return pPowerpnt
	case strings.HasSuffix(doc, ".pdf"):
		return pAcrobat
	}
	return pWinword
}

// human is one thing a person does on their computer at t.
func (g *procGen) human(s *session, t time.Time) {
	if s.Kind == sessAdmin {
		g.adminWork(s, t)
		return
	}
	w, r, u, h := g.w, g.r, s.User, s.Host
	sp := w.sessionProcs(s)
	id := sp.explorer.id
	if t.Before(sp.browser.start) {
		t = sp.browser.start.Add(time.Second)
	}
	left := s.End.Sub(t)
	life := func(lo, hi time.Duration) time.Duration { return min(r.durIn(lo, hi), left) }
	home := `C:\Users\` + u.Sam
	x := r.Float64() * 100
	switch {
	case x < 34: // the browser opens a tab
		g.spawn(h, sp.browser, "explorer.exe", sp.browserPath, g.renderer(sp.browserPath), t, id, ilLow, life(time.Minute, 50*time.Minute))
	case x < 40:
		g.spawn(h, sp.browser, "explorer.exe", sp.browserPath, fmt.Sprintf(`"%s" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-GB --service-sandbox-type=none --field-trial-handle=1932,i,%d,262144 /prefetch:11`, sp.browserPath, r.Uint64()%1e19), t, id, ilMedium, life(time.Minute, 3*time.Hour))
	case x < 50: // Teams draws a meeting or a chat
		g.spawn(h, sp.teams, "explorer.exe", pWebView, fmt.Sprintf(`"%s" --type=renderer --noerrdialogs --user-data-dir="%s\AppData\Local\Packages\MSTeams_8wekyb3d8bbwe\LocalCache\Microsoft\MSTeams\EBWebView" --webview-exe-name=ms-teams.exe --lang=en-GB --renderer-client-id=%d /prefetch:1`, pWebView, home, 4+r.IntN(90)), t, id, ilLow, life(time.Minute, 40*time.Minute))
	case x < 64: // a document from OneDrive
		doc := g.document(u)
		g.spawn(h, sp.explorer, "userinit.exe", officeFor(doc), fmt.Sprintf(`"%s" /n "%s\OneDrive - %s\Documents\%s"`, officeFor(doc), home, w.org.Name, doc), t, id, ilMedium, life(3*time.Minute, 90*time.Minute))
	case x < 70: // an attachment opened from Outlook
		doc := g.document(u)
		g.spawn(h, sp.outlook, "explorer.exe", officeFor(doc), fmt.Sprintf(`"%s" /n "%s\AppData\Local\Microsoft\Windows\INetCache\Content.Outlook\%s\%s" /o ""`, officeFor(doc), home, strings.ToUpper(r.hexString(8)), doc), t, id, ilMedium, life(time.Minute, 30*time.Minute))
	case x < 74:
		g.spawn(h, sp.explorer, "userinit.exe", pNotepad, fmt.Sprintf(`"%s" %s\Desktop\%s`, pNotepad, home, pick(r, []string{"notes.txt", "todo.txt", "snippets.txt", "meeting.txt"})), t, id, ilMedium, life(time.Minute, 40*time.Minute))
	case x < 80:
		dcom := proc{img: w.img(pSvchost), cmd: `C:\Windows\system32\svchost.exe -k DcomLaunch -p`, pid: h.sys.svcDcom, start: w.cal.start, id: w.org.systemID(h), il: ilSystem}
		if r.chance(0.5) {
			g.spawn(h, dcom, "services.exe", pRuntimeBrk, pRuntimeBrk+` -Embedding`, t, id, ilMedium, life(10*time.Second, 20*time.Minute))
		} else {
			g.spawn(h, dcom, "services.exe", pDllhost, pDllhost+` /Processid:{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}`, t, id, ilMedium, life(2*time.Second, time.Minute))
		}
	case x < 84:
		sched := proc{img: w.img(pSvchost), cmd: `C:\Windows\system32\svchost.exe -k netsvcs -p -s Schedule`, pid: h.sys.svcSchedule, start: w.cal.start, id: w.org.systemID(h), il: ilSystem}
		upd := home + `\AppData\Local\Microsoft\OneDrive\OneDriveStandaloneUpdater.exe`
		g.spawn(h, sched, "services.exe", upd, `"`+upd+`" /reporting`, t, id, ilMedium, life(5*time.Second, 90*time.Second))
	default:
		g.powerWork(s, sp, t, life)
	}
}

// powerWork is what engineers and IT staff do beyond office work: consoles,
// source control, remote desktop.
func (g *procGen) powerWork(s *session, sp *sessionProcs, t time.Time, life func(lo, hi time.Duration) time.Duration) {
	r, u, h, id := g.r, s.User, s.Host, sp.explorer.id
	switch u.Department {
	case "Engineering":
		code := `C:\Users\` + u.Sam + `\AppData\Local\Programs\Microsoft VS Code\Code.exe`
		repo := pick(r, []string{"billing-service", "web-portal", "data-pipeline", "infra-terraform", "mobile-app"})
		if r.chance(0.5) {
			g.spawn(h, sp.explorer, "userinit.exe", code, fmt.Sprintf(`"%s" C:\src\%s`, code, repo), t, id, ilMedium, life(10*time.Minute, 3*time.Hour))
			return
		}
		c := g.console(h, sp.explorer, "userinit.exe", pCmd, `"C:\Windows\system32\cmd.exe" `, t, id, ilMedium, life(time.Minute, 40*time.Minute))
		g.spawn(h, c, "explorer.exe", pGit, fmt.Sprintf(`git %s`, pick(r, []string{"pull", "status", "fetch --all", "push origin HEAD", "log --oneline -20", "checkout -b feature/" + repo})), t.Add(r.durIn(5*time.Second, time.Minute)), id, ilMedium, r.durIn(time.Second, 20*time.Second))
	case "IT":
		switch r.IntN(3) {
		case 0:
			c := g.console(h, sp.explorer, "userinit.exe", pCmd, `"C:\Windows\system32\cmd.exe" `, t, id, ilMedium, life(time.Minute, 30*time.Minute))
			tool, args := pick(r, itConsoleTools)[0], ""
			args = strings.ReplaceAll(pick(r, itConsoleArgs[tool]), "{dc}", "DC01."+g.w.org.ADDomain)
			g.spawn(h, c, "explorer.exe", pSystem32+tool, tool+" "+args, t.Add(r.durIn(3*time.Second, 40*time.Second)), id, ilMedium, r.durIn(200*time.Millisecond, 8*time.Second))
		case 1:
			g.console(h, sp.explorer, "userinit.exe", pPowerShell, `"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe" `, t, id, ilMedium, life(2*time.Minute, 50*time.Minute))
		default:
			g.spawn(h, sp.explorer, "userinit.exe", pMstsc, fmt.Sprintf(`"%s" /v:MGMT01.%s`, pMstsc, g.w.org.ADDomain), t, id, ilMedium, life(5*time.Minute, 90*time.Minute))
		}
	default:
		doc := g.document(u)
		g.spawn(h, sp.explorer, "userinit.exe", officeFor(doc), fmt.Sprintf(`"%s" /n "C:\Users\%s\Downloads\%s"`, officeFor(doc), u.Sam, doc), t, id, ilMedium, life(time.Minute, 45*time.Minute))
	}
}

var itConsoleTools = [][1]string{{"ipconfig.exe"}, {"PING.EXE"}, {"nslookup.exe"}, {"whoami.exe"}, {"gpupdate.exe"}, {"net.exe"}, {"tracert.exe"}}

var itConsoleArgs = map[string][]string{
	"ipconfig.exe": {"/all", "/flushdns", "/renew"},
	"PING.EXE":     {"-n 4 {dc}", "-t 10.0.10.20", "8.8.8.8", "-n 2 EXCH01"},
	"nslookup.exe": {"{dc}", "login.microsoftonline.com", "FS01", "-type=SRV _ldap._tcp.dc._msdcs"},
	"whoami.exe":   {"/groups", "/all", "/upn"},
	"gpupdate.exe": {"/force", "/target:computer /force"},
	"net.exe":      {"use", "use Z: \\\\FS01\\IT", "time \\\\DC01", "localgroup administrators"},
	"tracert.exe":  {"-d 10.20.0.1", "{dc}"},
}

// adminWork is an admin's work on the management server.
func (g *procGen) adminWork(s *session, t time.Time) {
	w, r, h := g.w, g.r, s.Host
	sp := w.sessionProcs(s)
	id := sp.explorer.id
	if t.Before(sp.explorer.start) {
		t = sp.explorer.start.Add(time.Second)
	}
	life := min(r.durIn(30*time.Second, 30*time.Minute), s.End.Sub(t))
	dom := w.org.ADDomain
	switch r.IntN(6) {
	case 0:
		g.spawn(h, sp.explorer, "userinit.exe", pMmc, `"C:\Windows\system32\mmc.exe" "C:\Windows\system32\dsa.msc" `, t, id, ilHigh, life)
	case 1:
		g.spawn(h, sp.explorer, "userinit.exe", pMmc, `"C:\Windows\system32\mmc.exe" "C:\Windows\system32\gpmc.msc" `, t, id, ilHigh, life)
	case 2:
		g.console(h, sp.explorer, "userinit.exe", pPowerShell, `"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe" `, t, id, ilHigh, life)
	case 3:
		g.spawn(h, sp.explorer, "userinit.exe", pMstsc, fmt.Sprintf(`"%s" /v:%s.%s`, pMstsc, pick(r, []string{"DC01", "FS01", "EXCH01", "SQL01", "APP01", "BKP01"}), dom), t, id, ilHigh, life)
	case 4:
		c := g.console(h, sp.explorer, "userinit.exe", pCmd, `"C:\Windows\system32\cmd.exe" `, t, id, ilHigh, life)
		args := pick(r, []string{`repadmin.exe /replsummary`, `dcdiag.exe /s:DC01 /q`, `nltest.exe /dsgetdc:` + dom, `dfsrdiag.exe pollad`})
		exe := strings.Fields(args)[0]
		g.spawn(h, c, "explorer.exe", pSystem32+exe, args, t.Add(r.durIn(5*time.Second, time.Minute)), id, ilHigh, r.durIn(time.Second, 20*time.Second))
	default:
		g.spawn(h, sp.explorer, "userinit.exe", pMmc, `"C:\Windows\system32\mmc.exe" "C:\Windows\system32\dnsmgmt.msc" `, t, id, ilHigh, life)
	}
}
