package demo

import (
	"fmt"
	"strings"
	"time"
)

// truthAndAlerts records stories a–c and the two Defender for Endpoint
// alerts they raise (the lateral movement raises none).
func (x *intrusion) truthAndAlerts() {
	w, o, v, sd := x.w, x.w.org, x.v, x.sd
	acct := o.NetBIOS + `\` + v.Sam
	adm := o.NetBIOS + `\` + x.helpdesk.AdminSam
	sd.truth = append(sd.truth,
		truth{story: storyPhish, title: "Phishing document, macro, encoded PowerShell download cradle and C2 beaconing",
			technique: "T1566.001, T1204.002, T1059.001, T1027, T1047, T1218.011, T1071.001, T1105", tactics: "InitialAccess, Execution, DefenseEvasion, CommandAndControl",
			description: fmt.Sprintf("%s opens INV-20931.docm from a look-alike of a partner's domain (%s); Word starts powershell.exe -nop -w hidden -enc with a Net.WebClient DownloadString cradle for %s; the stager starts rundll32 with msvcupd.dll through WMI, which beacons to %s (%s:443) every 60 seconds until the end of the data.", v.DisplayName, phishDomain, c2Domain, c2Domain, c2IP),
			users:       []string{v.UPN}, accounts: []string{acct}, hosts: []string{x.host.Name}, ips: []string{c2IP.String(), phishIP.String()},
			domains: []string{c2Domain, phishDomain}, files: []string{"INV-20931.docm", "msvcupd.dll"}, urls: []string{"http://" + c2Domain + "/a/inv.ps1"},
			start: x.mailAt, end: w.cfg.End, alerted: true,
			tables: []string{"EmailEvents", "SecurityEvent", "DeviceProcessEvents", "DeviceFileEvents", "DeviceNetworkEvents", "DnsEvents", "CommonSecurityLog", "SecurityAlert", "ThreatIntelligenceIndicator"},
			query:  `SecurityEvent | where EventID == 4688 and ParentProcessName endswith "\\WINWORD.EXE" and Process =~ "powershell.exe" and CommandLine has "-enc"`},
		truth{story: storyLSASS, title: "LSASS credential dumping with comsvcs.dll MiniDump and ProcDump",
			technique: "T1003.001, T1105, T1070.004", tactics: "CredentialAccess",
			description: fmt.Sprintf("Through the implant on %s the intruder dumps lsass.exe (pid %d) with rundll32 comsvcs.dll MiniDump and with procdump64.exe -ma, sends the dump to the C2 server and deletes it. The service desk admin account %s had logged on to the desktop the evening before, so its credentials are in the dump.", x.host.Name, x.host.sys.lsass, adm),
			users:       []string{v.UPN, x.helpdesk.UPN}, accounts: []string{acct, adm}, hosts: []string{x.host.Name}, ips: []string{c2IP.String()},
			domains: []string{c2Domain}, files: []string{`C:\Users\Public\lsass.dmp`, `C:\Users\Public\lsass_2.dmp`, `C:\Users\Public\procdump64.exe`},
			start: x.dumpAt, end: x.dumpAt.Add(13 * time.Minute), alerted: true,
			tables: []string{"SecurityEvent", "DeviceProcessEvents", "DeviceFileEvents", "DeviceNetworkEvents", "SecurityAlert"},
			query:  `DeviceProcessEvents | where ProcessCommandLine has "lsass" and (ProcessCommandLine has "MiniDump" or ProcessCommandLine has "-ma")`},
		truth{story: storyLateral, title: "Lateral movement with PsExec to the file server, then a scheduled task",
			technique: "T1021.002, T1569.002, T1078.002, T1053.005, T1059.001", tactics: "LateralMovement, Execution, Persistence",
			description: fmt.Sprintf("With %s's stolen password the intruder runs PsExec64.exe from %s against FS01: a network logon (type 3, NTLM), ADMIN$ and IPC$ access, the PSEXESVC service (7045/4697), reconnaissance, then schtasks /create of USO_UxBroker_Check running as SYSTEM every 30 minutes, whose PowerShell downloads a stager from %s. No alert fires.", adm, x.host.Name, c2Domain),
			users:       []string{x.helpdesk.UPN}, accounts: []string{adm}, hosts: []string{x.host.Name, x.fs.Name}, ips: []string{x.host.IP.String(), c2IP.String()},
			domains: []string{c2Domain}, files: []string{`C:\Windows\PSEXESVC.exe`, `C:\Users\Public\PsExec64.exe`},
			start: x.moveAt, end: w.cfg.End,
			tables: []string{"SecurityEvent", "Event", "DeviceProcessEvents", "DeviceFileEvents", "DeviceLogonEvents", "DeviceNetworkEvents", "VMConnection", "CommonSecurityLog", "DnsEvents"},
			query:  `Event | where Source == "Service Control Manager" and EventID == 7045 and EventData has "PSEXESVC"`},
	)
	// Defender for Endpoint: the encoded PowerShell, then the LSASS access.
	var e entities
	host := w.hostEntity(&e, x.host)
	user := w.accountEntity(&e, v, false)
	w.processEntity(&e, x.cradle, host, user)
	w.fileEntity(&e, `C:\Users\`+v.Sam+`\AppData\Local\Microsoft\Windows\INetCache\Content.Outlook\Q7RZ3K1M\INV-20931.docm`)
	e.add(map[string]any{"Url": "http://" + c2Domain + "/a/inv.ps1", "Type": "url"})
	a := &alert{t: x.cradle.start.Add(4 * time.Minute), start: x.cradle.start, end: x.cradle.start.Add(31 * time.Second),
		name: "Suspicious PowerShell command line", severity: "Medium", component: "", tactics: "Execution", techniques: `["T1059.001","T1027"]`,
		description: "A suspicious PowerShell activity was observed on the machine. This behavior may indicate that PowerShell was used during installation, exploration, or in some cases in lateral movement activities which are used by attackers to invoke modules, download external payloads, or get more information about the system. Attackers usually use PowerShell to bypass security protection mechanisms by executing their payload in memory without touching the disk and leaving any trace.",
		compromised: strings.ToLower(x.host.FQDN), entities: e.items, story: storyPhish, id: siteGUID("alert-a" + o.TenantID), status: "New"}
	w.mdatpAlert(a, "Execution", "EDR")
	var e2 entities
	host2 := w.hostEntity(&e2, x.host)
	user2 := w.accountEntity(&e2, v, false)
	w.processEntity(&e2, x.minidump, host2, user2)
	w.fileEntity(&e2, `C:\Users\Public\lsass.dmp`)
	b := &alert{t: x.dumpAt.Add(6 * time.Minute), start: x.dumpAt.Add(2 * time.Minute), end: x.dumpAt.Add(7 * time.Minute),
		name: "Suspicious access to LSASS service", severity: "High", tactics: "CredentialAccess", techniques: `["T1003.001"]`,
		description: "A process accessed the LSASS service's memory and created a dump file. Attackers dump LSASS memory to obtain credentials, such as the password hashes and Kerberos tickets of the users logged on to the machine, and use them to move laterally.",
		compromised: strings.ToLower(x.host.FQDN), entities: e2.items, story: storyLSASS, id: siteGUID("alert-b" + o.TenantID), status: "New"}
	w.mdatpAlert(b, "CredentialAccess", "EDR")
	sd.alerts = append(sd.alerts, a, b)
	sd.incidents = append(sd.incidents, &incident{title: "Multi-stage incident involving Execution & Credential access on one endpoint",
		description: "Suspicious PowerShell and LSASS access on " + strings.ToLower(x.host.Name), severity: "High", alerts: []*alert{a, b},
		created: a.t.Add(2 * time.Minute), provider: "Microsoft 365 Defender", owner: x.securityAnalyst()})
}

// securityAnalyst is the person triaging incidents.
func (x *intrusion) securityAnalyst() *User {
	for _, u := range x.w.org.Users {
		if u.Title == "Security Analyst" {
			return u
		}
	}
	return nil
}

// truthAndAlerts records stories d and e; Identity Protection and Defender
// for Cloud Apps alert on the spray and the impossible travel, nothing on
// the inbox rule or the downloads.
func (x *cloudAttack) truthAndAlerts() {
	w, o, u, sd := x.w, x.w.org, x.victim, x.sd
	sprayEnd := x.spray.Add(70 * time.Minute)
	sd.truth = append(sd.truth,
		truth{story: storySpray, title: "Password spray against Entra ID, one success, then an impossible-travel sign-in",
			technique: "T1110.003, T1078.004", tactics: "CredentialAccess, InitialAccess",
			description: fmt.Sprintf("%s (%s) tries one password against about 70 accounts in two rounds (errors 50126, 50053, 50034) and succeeds for %s, who is excluded from MFA. About six hours later that account signs in from %s (%s, %s) forty minutes after signing in from England, registers a new authenticator app and keeps a session.", sprayIP, sprayPlace.City, u.UPN, travelIP, travelPlace.City, travelPlace.Country),
			users:       []string{u.UPN}, accounts: []string{u.UPN}, ips: []string{sprayIP.String(), travelIP.String()},
			start: x.spray, end: x.travel.Add(5 * time.Minute), alerted: true,
			tables: []string{"SigninLogs", "AADNonInteractiveUserSignInLogs", "AuditLogs", "IdentityInfo", "SecurityAlert"},
			query:  `SigninLogs | where ResultType == "50126" | summarize Users = dcount(UserPrincipalName) by IPAddress, bin(TimeGenerated, 20m) | where Users > 10`},
		truth{story: storyMailbox, title: "Forwarding inbox rule and mass file download from the compromised account",
			technique: "T1114.003, T1564.008, T1530", tactics: "Collection, DefenseEvasion, Exfiltration",
			description: fmt.Sprintf("From %s the attacker creates an inbox rule named \".\" forwarding mail about invoices and payments to %s and moving it to RSS Subscriptions (New-InboxRule, Set-InboxRule), then downloads 135 files from %s's OneDrive and the %s team site (FileDownloaded) with an unusual user agent. No alert fires.", travelIP, forwardAddress, u.DisplayName, u.Department),
			users:       []string{u.UPN}, accounts: []string{u.UPN}, ips: []string{travelIP.String()}, domains: []string{domainOf(forwardAddress)},
			start: x.travel.Add(7 * time.Minute), end: x.travel.Add(40 * time.Minute),
			tables: []string{"OfficeActivity", "AADNonInteractiveUserSignInLogs"},
			query:  `OfficeActivity | where Operation in ("New-InboxRule", "Set-InboxRule") and Parameters has "ForwardTo"`},
	)
	var e entities
	w.accountEntity(&e, u, false)
	ipEntity(&e, sprayIP.String())
	spray := &alert{t: sprayEnd.Add(25 * time.Minute), start: x.spray, end: sprayEnd, name: "Password spray", severity: "Medium",
		alertType: "PasswordSpray", product: "Azure Active Directory Identity Protection", provider: "IPC", vendor: "Microsoft",
		tactics: "CredentialAccess", techniques: `["T1110"]`, compromised: u.UPN, entities: e.items, story: storySpray,
		description: "A password spray attack is where multiple usernames are attacked using common passwords in a unified brute force manner to gain unauthorized access.",
		extended:    map[string]any{"Alert generation status": "Full alert created", "Detail Description": "Password spray", "State": "Open", "Client IP Address": sprayIP.String(), "Client Location": sprayPlace.City + ", " + sprayPlace.State + ", " + sprayPlace.Country, "Request Id": siteGUID("spray")},
		id:          siteGUID("alert-d1" + o.TenantID), status: "New"}
	var e2 entities
	w.accountEntity(&e2, u, false)
	ipEntity(&e2, travelIP.String())
	ipEntity(&e2, u.MobileIP.String())
	travel := &alert{t: x.travel.Add(18 * time.Minute), start: x.travel.Add(-43 * time.Minute), end: x.travel, name: "Impossible travel activity", severity: "Medium",
		alertType: "MCAS_ALERT_ANUBIS_DETECTION_IMPOSSIBLE_TRAVEL", product: "Microsoft Cloud App Security", provider: "MCAS", vendor: "Microsoft",
		tactics: "InitialAccess", techniques: `["T1078"]`, compromised: u.UPN, entities: e2.items, story: storySpray,
		description: fmt.Sprintf("The user %s (%s) performed an activity from %s, %s, and from %s, %s within 43 minutes; the distance makes this travel impossible.", u.DisplayName, u.UPN, u.Home.City, u.Home.Country, travelPlace.City, travelPlace.Country),
		extended:    map[string]any{"Activity": "Log on", "Countries": u.Home.Country + ", " + travelPlace.Country, "IP addresses": u.MobileIP.String() + ", " + travelIP.String()},
		id:          siteGUID("alert-d2" + o.TenantID), status: "New"}
	sd.alerts = append(sd.alerts, spray, travel)
	sd.incidents = append(sd.incidents, &incident{title: "Password spray and impossible travel involving one user", description: "Identity Protection and Defender for Cloud Apps alerts for " + u.UPN,
		severity: "Medium", alerts: []*alert{spray, travel}, created: spray.t.Add(time.Minute), provider: "Azure Sentinel"})
}

// backgroundAlerts are everyday alerts and incidents of a SOC that have
// nothing to do with the stories: an antivirus test file and a benign
// unfamiliar sign-in, both closed.
func (w *world) backgroundAlerts(sd *storyData) {
	r := newRNG(w.seed, "bg-alerts")
	o := w.org
	var it *User
	for _, u := range o.Users {
		if u.Department == "IT" {
			it = u
			break
		}
	}
	if it == nil {
		it = o.Users[1]
	}
	t := w.cal.start.Add(time.Duration(2+r.IntN(3)) * 24 * time.Hour).Add(11 * time.Hour)
	var e entities
	w.hostEntity(&e, it.Workstation)
	w.accountEntity(&e, it, false)
	w.fileEntity(&e, `C:\Users\`+it.Sam+`\Downloads\eicar_com.zip`)
	eicar := &alert{t: t, start: t.Add(-time.Minute), end: t.Add(-time.Minute), name: "'EICAR_Test_File' malware was detected", severity: "Informational",
		tactics: "Malware", techniques: "[]", compromised: strings.ToLower(it.Workstation.FQDN), entities: e.items, id: siteGUID("alert-bg1" + o.TenantID), status: "Resolved",
		description: "Malware and unwanted software are undesirable applications that perform annoying, disruptive, or harmful actions on affected machines. This detection is the EICAR test file."}
	w.mdatpAlert(eicar, "Malware", "Antivirus")
	u := o.Users[r.IntN(len(o.Users))]
	t2 := w.cal.start.Add(time.Duration(5+r.IntN(3)) * 24 * time.Hour).Add(19 * time.Hour)
	var e2 entities
	w.accountEntity(&e2, u, false)
	ipEntity(&e2, u.HomeIP.String())
	unfamiliar := &alert{t: t2, start: t2.Add(-20 * time.Minute), end: t2.Add(-20 * time.Minute), name: "Unfamiliar sign-in properties", severity: "Low",
		alertType: "UnfamiliarLocation", product: "Azure Active Directory Identity Protection", provider: "IPC", vendor: "Microsoft",
		tactics: "InitialAccess", techniques: `["T1078"]`, compromised: u.UPN, entities: e2.items, id: siteGUID("alert-bg2" + o.TenantID), status: "Resolved",
		description: "The following properties of this sign-in are unfamiliar for the given user: ASN, Browser, Device, IP, Location.",
		extended:    map[string]any{"Client IP Address": u.HomeIP.String(), "Client Location": u.Home.City + ", " + u.Home.Country, "State": "Closed"}}
	sd.alerts = append(sd.alerts, eicar, unfamiliar)
	owner := o.Users[0]
	for _, x := range o.Users {
		if x.Title == "Security Analyst" {
			owner = x
			break
		}
	}
	sd.incidents = append(sd.incidents,
		&incident{title: "'EICAR_Test_File' malware was detected on one endpoint", severity: "Informational", alerts: []*alert{eicar}, created: t.Add(time.Minute),
			closed: t.Add(3 * time.Hour), classification: "BenignPositive", reason: "SuspiciousButExpected", comment: "Antivirus test by IT", provider: "Microsoft 365 Defender", owner: owner},
		&incident{title: "Unfamiliar sign-in properties", severity: "Low", alerts: []*alert{unfamiliar}, created: t2.Add(time.Minute),
			closed: t2.Add(14 * time.Hour), classification: "FalsePositive", reason: "IncorrectAlertLogic", comment: "User on new home broadband", provider: "Azure Sentinel", owner: owner},
	)
}

// numberIncidents gives incidents their numbers in creation order.
func (sd *storyData) numberIncidents() {
	slicesSortIncidents(sd.incidents)
	for i, in := range sd.incidents {
		in.number = 41 + i
	}
}
