package demo

import "strconv"

// Strings from small fixed sets (risk levels, ASNs, user agents, App-IDs)
// are in a large share of the rows. Boxing a string for a row allocates,
// so sym returns them boxed once; any other string is boxed anew.

// symbols maps each such string to its boxed value. It is built at start
// and only read afterwards, so generators share it without locking.
var symbols = func() map[string]any {
	m := map[string]any{}
	add := func(ss ...string) {
		for _, s := range ss {
			if s != "" {
				m[s] = s
			}
		}
	}
	add("none", "low", "medium", "high", "success", "failure", "notApplied", "[]", "64500")
	add(uaChrome, uaEdge, "Outlook-iOS/2.0", "Outlook-Android/2.0")
	for _, asns := range ispASN {
		add(asns...)
	}
	for _, places := range homePlaces {
		for _, p := range places {
			add(p.Country)
		}
	}
	add(sprayPlace.Country, travelPlace.Country)
	for _, app := range []string{"Microsoft Teams", "OneDrive SyncEngine", "Microsoft Azure CLI", "Windows Sign In", ""} {
		add(desktopUA(&cloudApp{appInfo: appInfo{name: app}}))
	}
	add(officeWords...)
	add(emailWords...)
	add(authPass, authSoftFail)
	add("User32 ", "Kerberos", "Negotiate", "Advapi  ", "NtLmSsp ", "NTLM") // logon processes and packages
	add(syslogWords...)
	for _, name := range countryNames {
		add(name)
	}
	for _, port := range []int{445, 389, 3389, 1433, 22, 443, 5432, 0} {
		add(serverProcess(&Host{}, port), serverProcess(&Host{Linux: true}, port))
	}
	for _, docs := range documents {
		add(docs...)
	}
	for _, f := range shareFolders {
		add("Shared Documents/" + f)
	}
	for i := range services {
		add(services[i].app)
	}
	for _, t := range internalTargets {
		add(t.app)
	}
	return m
}()

// sym is s boxed for val: nil for "", the shared boxed value for a known
// string, else s boxed anew.
func sym(s string) any {
	if v, ok := symbols[s]; ok {
		return v
	}
	return box(s)
}

// smallNumbers are the texts of 0 to 999, boxed (processing times).
var smallNumbers = func() (a [1000]any) {
	for i := range a {
		a[i] = strconv.Itoa(i)
	}
	return a
}()

// numText is the decimal text of n, boxed.
func numText(n int) any {
	if n >= 0 && n < len(smallNumbers) {
		return smallNumbers[n]
	}
	return strconv.Itoa(n)
}

// officeWords are OfficeActivity's record types, operations, workloads,
// clients and file extensions.
var officeWords = []string{
	"SharePointFileOperation", "SharePointSharingOperation", "SharePoint", "OneDrive", "MicrosoftTeams",
	"TeamsSessionStarted", "Exchange", "ExchangeItem", "ExchangeItemGroup", "ExchangeItemAggregated", "ExchangeAdmin",
	"FileAccessed", "FileModified", "FilePreviewed", "FileDownloaded", "FileUploaded", "FileSyncDownloadedFull",
	"FileSyncUploadedFull", "FileDeleted", "SharingSet", "PageViewed", "MailItemsAccessed", "Send",
	"MoveToDeletedItems", "SoftDelete", "MailboxLogin", "Documents", "SitePages", "Home.aspx",
	"Microsoft Office Word 2014 (16.0.18025) Windows NT 10.0", "Microsoft Office Excel 2014 (16.0.18025) Windows NT 10.0",
	"Microsoft SkyDriveSync 24.211.1020.0001 ship; Windows NT 10.0 (22631)",
	"Client=MSExchangeRPC", "Client=REST;Client=RESTSystem;;", "Client=OWA;Action=ViaProxy",
	"docx", "xlsx", "pptx", "pdf", "aspx",
}

// emailWords are EmailEvents' directions, deliveries and detections.
var emailWords = []string{"Intra-org", "Inbound", "Outbound", "Delivered", "Junked", "Inbox/folder", "Junk folder",
	"Spam", `{"Spam":["Mixed analysis detection"]}`}

// syslogWords are Syslog's facilities, severities and programs.
var syslogWords = []string{"kern", "user", "mail", "daemon", "auth", "syslog", "cron", "authpriv", "local0",
	"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug",
	"sshd", "sudo", "CRON", "systemd", "kernel", "postgres", "rsyslogd", "nginx"}
