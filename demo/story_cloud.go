package demo

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"
)

// cloudAttack is stories d and e: a password spray from one address finds
// an account without MFA, the attacker signs in from the other side of the
// world, forwards the mailbox and downloads the person's files.
type cloudAttack struct {
	w      *world
	r      *rng
	sd     *storyData
	victim *User
	spray  time.Time // start of the spray
	travel time.Time // the attacker's first interactive sign-in
}

// pickSprayVictim is a London employee excluded from MFA (a legacy
// exception), whose account the spray will guess.
func (w *world) pickSprayVictim(r *rng, exclude *User) *User {
	var cands []*User
	for _, u := range w.org.Users {
		if !u.MFA && u.Site == w.org.Sites[0] && u != exclude {
			cands = append(cands, u)
		}
	}
	if len(cands) == 0 { // the only exclusion is the intrusion's victim
		return exclude
	}
	return cands[r.IntN(len(cands))]
}

func (w *world) buildCloudAttack(sd *storyData, exclude *User) {
	r := newRNG(w.seed, "story-cloud")
	x := &cloudAttack{w: w, r: r, sd: sd}
	x.victim = w.pickSprayVictim(r, exclude)
	// The spray runs at night UTC a day before the end; the attacker comes
	// back in the victim's morning.
	day := w.cfg.End.Add(-30 * time.Hour).UTC().Truncate(24 * time.Hour)
	x.spray = day.Add(3*time.Hour + 7*time.Minute)
	x.travel = day.Add(9*time.Hour + 41*time.Minute)
	if !x.travel.Add(2 * time.Hour).Before(w.cfg.End) {
		x.spray, x.travel = x.spray.Add(-24*time.Hour), x.travel.Add(-24*time.Hour)
	}
	x.sprayAttempts()
	x.impossibleTravel()
	x.mailboxAbuse()
	x.truthAndAlerts()
}

// sprayAttempts: one password against ~70 accounts in two rounds from one
// address, through the Office client app id with a scripting user agent.
func (x *cloudAttack) sprayAttempts() {
	w, r := x.w, x.r
	users := slices.Clone(w.org.Users)
	r.Shuffle(len(users), func(i, j int) { users[i], users[j] = users[j], users[i] })
	targets := users[:min(68, len(users))]
	if !slices.Contains(targets, x.victim) {
		targets[len(targets)/2] = x.victim
	}
	app := newCloudApp(appInfo{name: "Microsoft Office", id: appOfficeID, resource: "Office 365 Exchange Online", resID: resExchange, client: "Mobile Apps and Desktop clients"})
	ghosts := []string{"admin", "test", "scanner", "helpdesk", "backup"}
	t := x.spray
	for round := 0; round < 2; round++ {
		for _, u := range targets {
			t = t.Add(r.durIn(4*time.Second, 22*time.Second))
			ev := x.attempt(t, u, app, sprayIP, sprayPlace, "64511")
			ev.err = &errBadPassword
			if round == 1 && r.chance(0.08) {
				ev.err = &errLocked
			}
			if u == x.victim {
				if round == 0 {
					continue
				}
				ev.err = nil // the one password that works
				ev.mfaMethod = ""
			}
			x.sd.signins = append(x.sd.signins, ev)
		}
		for _, g := range ghosts {
			t = t.Add(r.durIn(4*time.Second, 22*time.Second))
			ghost := (&User{DisplayName: "", UPN: g + "@" + w.org.Domain, ObjectID: "00000000-0000-0000-0000-000000000000", Site: w.org.Sites[0]}).boxed()
			ev := x.attempt(t, ghost, app, sprayIP, sprayPlace, "64511")
			ev.err = &errNoUser
			x.sd.signins = append(x.sd.signins, ev)
		}
		t = t.Add(17 * time.Minute)
	}
}

func (x *cloudAttack) attempt(t time.Time, u *User, app *cloudApp, ip netip.Addr, p place, asn string) signinEvent {
	return signinEvent{t: t, u: u, app: app, interactive: true, ip: ip, place: p, asn: asn, ca: "notApplied", risk: "none",
		browser: "Python Requests 2.31", ua: "python-requests/2.31.0", correlation: x.r.guid(), id: x.r.guid(), story: storySpray}
}

// impossibleTravel: the victim signs in from home in England; forty minutes
// later "they" sign in from Lagos and keep a session there.
func (x *cloudAttack) impossibleTravel() {
	w, r, u := x.w, x.r, x.victim
	legit := w.mobileSignin(r, u, x.travel.Add(-43*time.Minute), true)
	legit.story = storySpray
	x.sd.signins = append(x.sd.signins, legit)
	apps := []*cloudApp{w.apps[4], w.apps[5], w.apps[6]} // OfficeHome, Exchange Online, SharePoint in a browser
	t := x.travel
	for i, app := range apps {
		ev := x.attempt(t.Add(time.Duration(i)*r.durIn(30*time.Second, 3*time.Minute)), u, app, travelIP, travelPlace, "64496")
		ev.browser, ev.ua = "Chrome 118.0.0", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36"
		ev.ca, ev.story = "success", storySpray
		ev.risk, ev.riskEvents = "medium", []string{"unfamiliarFeatures", "impossibleTravel"}
		x.sd.signins = append(x.sd.signins, ev)
	}
	// The stolen session refreshes its tokens for the next two hours.
	for k := 0; k < 24; k++ {
		ev := x.attempt(t.Add(time.Duration(k)*5*time.Minute+r.durIn(0, time.Minute)), u, pick(r, apps[1:]), travelIP, travelPlace, "64496")
		ev.interactive, ev.ca, ev.story = false, "success", storyMailbox
		ev.browser, ev.ua = "Chrome 118.0.0", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36"
		x.sd.signins = append(x.sd.signins, ev)
	}
	// The attacker registers their own authenticator app on the account.
	x.sd.audit = append(x.sd.audit, auditEvent{t: t.Add(4 * time.Minute), op: "User registered security info", category: "UserManagement",
		service: "Authentication Methods", opType: "Add", byUser: u, ip: travelIP.String(), target: u, targetT: "User", result: "success", story: storySpray,
		modified: []any{prop("StrongAuthenticationMethod", "[]", `[{"MethodType":6,"Default":true}]`)}})
	x.sd.risk[u.UPN] = riskMark{level: "Medium", since: t}
}

// mailboxAbuse: an inbox rule forwards finance mail outside and hides it,
// then the attacker pulls documents from OneDrive and the team site.
func (x *cloudAttack) mailboxAbuse() {
	w, r, u := x.w, x.r, x.victim
	t := x.travel.Add(7 * time.Minute)
	ip := travelIP.String()
	ua := "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36"
	rule := "."
	x.sd.office = append(x.sd.office,
		officeEvent{t: t, u: u, workload: "Exchange", record: "ExchangeItemAggregated", op: "MailItemsAccessed", ip: ip, clientInf: "Client=OWA;Action=ViaProxy", story: storyMailbox},
		officeEvent{t: t.Add(40 * time.Second), u: u, workload: "Exchange", record: "ExchangeAdmin", op: "New-InboxRule",
			ip: fmt.Sprintf("%s:%d", ip, 50000+r.IntN(10000)), clientInf: "Client=OWA;Action=ViaProxy", objectID: w.mailboxPath(u) + `\` + rule,
			params: paramsJSON("AlwaysDeleteOutlookRulesBlob", "False", "Force", "False", "Name", rule, "ForwardTo", forwardAddress,
				"SubjectOrBodyContainsWords", "invoice;payment;wire;bank details;remittance", "MarkAsRead", "True", "StopProcessingRules", "True"), story: storyMailbox},
		officeEvent{t: t.Add(3 * time.Minute), u: u, workload: "Exchange", record: "ExchangeAdmin", op: "Set-InboxRule",
			ip: fmt.Sprintf("%s:%d", ip, 50000+r.IntN(10000)), clientInf: "Client=OWA;Action=ViaProxy", objectID: w.mailboxPath(u) + `\` + rule,
			params: paramsJSON("AlwaysDeleteOutlookRulesBlob", "False", "Force", "False", "Identity", rule, "MoveToFolder", "RSS Subscriptions", "ForwardTo", forwardAddress), story: storyMailbox},
	)
	// Mass download: everything in the person's OneDrive and the team site.
	start := t.Add(9 * time.Minute)
	for _, site := range []struct{ url, folder string }{{w.personalSite(u), "Documents"}, {w.teamSite(u.Department), "Shared Documents/Contracts"}, {w.teamSite(u.Department), "Shared Documents/Reports"}} {
		for k := 0; k < 45; k++ {
			doc := w.docFor(r, u)
			if k%3 == 0 {
				doc = strings.TrimSuffix(doc, ".docx") + fmt.Sprintf(" v%d.docx", k)
			}
			start = start.Add(r.durIn(2*time.Second, 11*time.Second))
			x.sd.office = append(x.sd.office, officeEvent{t: start, u: u, workload: workloadOf(site.url), record: "SharePointFileOperation", op: "FileDownloaded",
				ip: ip, ua: ua, site: site.url, folder: site.folder, file: doc, story: storyMailbox})
		}
	}
}

func workloadOf(url string) string {
	if strings.Contains(url, "-my.sharepoint.com") {
		return "OneDrive"
	}
	return "SharePoint"
}
