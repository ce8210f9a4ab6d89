package demo

import (
	"fmt"
	"strings"
	"time"
)

// officeEvent is one Microsoft 365 unified audit record.
type officeEvent struct {
	t         time.Time
	u         *User
	workload  string // Exchange, SharePoint, OneDrive, MicrosoftTeams
	record    string // RecordType
	op        string
	ip        string // ClientIP as the workload writes it
	ua        string
	site      string // Site_Url
	folder    string // SourceRelativeUrl
	file      string
	params    string // Parameters (JSON text) of Exchange cmdlets
	objectID  string // OfficeObjectId, when not derived from the file
	admin     bool
	clientInf string
	story     string
}

// officeStream appends to out the Microsoft 365 audit records of hour h.
func (w *world) officeStream(h int, out []officeEvent) []officeEvent {
	r := newRNG(w.seed, "office", h)
	for n, i := w.quota(r, w.vol.office, true, h), 0; i < n; i++ {
		sg, t, _ := w.cal.pickSegment(r, h)
		s := sg.s
		if s.Kind == sessAdmin {
			out = append(out, w.exchangeAdmin(r, s, t))
			continue
		}
		switch x := r.Float64(); {
		case x < 0.58:
			out = append(out, w.fileOp(r, s, t))
		case x < 0.86:
			out = append(out, w.mailOp(r, s, t))
		case x < 0.97:
			out = append(out, officeEvent{t: t, u: s.User, workload: "MicrosoftTeams", record: "MicrosoftTeams", op: "TeamsSessionStarted",
				ip: s.PublicIP.String(), ua: desktopUA(w.apps[0])})
		default:
			out = append(out, w.inboxRule(r, s, t))
		}
	}
	for _, ev := range w.story.office {
		if !ev.t.Before(w.cal.hourStart(h)) && ev.t.Before(w.cal.hourStart(h+1)) {
			out = append(out, ev)
		}
	}
	return out
}

// Team sites of the SharePoint tenant, per department.
func (w *world) teamSite(dept string) string {
	return "https://" + w.org.tenantSlug() + ".sharepoint.com/sites/" + strings.ReplaceAll(dept, " ", "") + "/"
}

func (w *world) personalSite(u *User) string {
	return w.officeUserOf(u).personalSite
}

// fileOp is a person working with a document in SharePoint or OneDrive.
func (w *world) fileOp(r *rng, s *session, t time.Time) officeEvent {
	u := s.User
	ev := officeEvent{t: t, u: u, record: "SharePointFileOperation", ip: s.PublicIP.String(), ua: uaChrome}
	if r.chance(0.45) {
		ev.workload, ev.site, ev.folder = "OneDrive", w.personalSite(u), "Documents"
	} else {
		dept := u.Department
		if r.chance(0.25) {
			dept = "Company"
		}
		ev.workload, ev.site, ev.folder = "SharePoint", w.teamSite(dept), "Shared Documents/"+pick(r, shareFolders)
	}
	ev.file = w.docFor(r, u)
	if r.chance(0.5) {
		ev.ua = "Microsoft Office Word 2014 (16.0.18025) Windows NT 10.0"
		if strings.HasSuffix(ev.file, ".xlsx") {
			ev.ua = "Microsoft Office Excel 2014 (16.0.18025) Windows NT 10.0"
		}
	}
	switch x := r.Float64(); {
	case x < 0.42:
		ev.op = "FileAccessed"
	case x < 0.58:
		ev.op = "FileModified"
	case x < 0.68:
		ev.op = "FilePreviewed"
	case x < 0.76:
		ev.op = "FileDownloaded"
	case x < 0.84:
		ev.op = "FileUploaded"
	case x < 0.90:
		ev.op, ev.ua = "FileSyncDownloadedFull", "Microsoft SkyDriveSync 24.211.1020.0001 ship; Windows NT 10.0 (22631)"
	case x < 0.94:
		ev.op, ev.ua = "FileSyncUploadedFull", "Microsoft SkyDriveSync 24.211.1020.0001 ship; Windows NT 10.0 (22631)"
	case x < 0.96:
		ev.op = "FileDeleted"
	case x < 0.975:
		ev.op, ev.record = "SharingSet", "SharePointSharingOperation"
	default:
		ev.op, ev.record, ev.file = "PageViewed", "SharePoint", "Home.aspx"
		ev.folder = "SitePages"
	}
	return ev
}

func (w *world) docFor(r *rng, u *User) string {
	if docs, ok := documents[u.Department]; ok && r.chance(0.6) {
		return pick(r, docs)
	}
	return pick(r, documents[""])
}

// mailOp is Exchange Online's audit of a person's own mailbox.
func (w *world) mailOp(r *rng, s *session, t time.Time) officeEvent {
	ev := officeEvent{t: t, u: s.User, workload: "Exchange", ip: s.PublicIP.String(),
		clientInf: "Client=MSExchangeRPC"}
	switch x := r.Float64(); {
	case x < 0.55:
		ev.op, ev.record = "MailItemsAccessed", "ExchangeItemAggregated"
		ev.clientInf = "Client=REST;Client=RESTSystem;;"
	case x < 0.75:
		ev.op, ev.record = "Send", "ExchangeItem"
	case x < 0.9:
		ev.op, ev.record = "MoveToDeletedItems", "ExchangeItemGroup"
	case x < 0.96:
		ev.op, ev.record = "SoftDelete", "ExchangeItemGroup"
	default:
		ev.op, ev.record = "MailboxLogin", "ExchangeItem"
		ev.clientInf = "Client=OWA;Action=ViaProxy"
	}
	return ev
}

// inboxRule is a person tidying their mail with a rule that files messages
// into a folder (never one that forwards them).
func (w *world) inboxRule(r *rng, s *session, t time.Time) officeEvent {
	folder := pick(r, []string{"Newsletters", "Notifications", "Jira", "Invoices", "Customer Updates", "Archive"})
	from := pick(r, []string{"noreply@jira." + w.org.Domain, "newsletter@" + pick(r, w.org.Partners), "notifications@github.com", "billing@" + pick(r, w.org.Partners)})
	name := folder
	params := paramsJSON("AlwaysDeleteOutlookRulesBlob", "False", "Force", "False", "From", from, "MoveToFolder", folder,
		"Name", name, "StopProcessingRules", "True")
	return officeEvent{t: t, u: s.User, workload: "Exchange", record: "ExchangeAdmin", op: "New-InboxRule",
		ip: s.PublicIP.String() + ":" + fmt.Sprint(1024+r.IntN(60000)), params: params,
		objectID: w.mailboxPath(s.User) + `\` + name, clientInf: "Client=OWA;Action=ViaProxy"}
}

// exchangeAdmin is an IT admin's Exchange Online cmdlet.
func (w *world) exchangeAdmin(r *rng, s *session, t time.Time) officeEvent {
	target := pick(r, w.org.Users)
	var op, params string
	switch r.IntN(4) {
	case 0:
		op, params = "Set-Mailbox", paramsJSON("Identity", target.UPN, "ProhibitSendQuota", "99 GB (106,300,440,576 bytes)")
	case 1:
		delegate := pick(r, w.org.Users)
		op, params = "Add-MailboxPermission", paramsJSON("Identity", target.UPN, "User", delegate.UPN, "AccessRights", "FullAccess", "InheritanceType", "All")
	case 2:
		op, params = "Set-CASMailbox", paramsJSON("Identity", target.UPN, "ActiveSyncEnabled", "False")
	default:
		op, params = "Set-MailboxAutoReplyConfiguration", paramsJSON("Identity", target.UPN, "AutoReplyState", "Scheduled")
	}
	return officeEvent{t: t, u: s.User, workload: "Exchange", record: "ExchangeAdmin", op: op, admin: true,
		ip: s.From.PublicIP.String() + ":" + fmt.Sprint(1024+r.IntN(60000)), params: params,
		objectID: target.UPN, clientInf: "Client=Microsoft.Exchange.Powershell; Microsoft WinRM Client"}
}

// paramsJSON renders Exchange cmdlet parameters as OfficeActivity's
// Parameters column holds them: a JSON array of Name/Value pairs.
func paramsJSON(kv ...string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"Name":"`)
		b.WriteString(jsonEscape(kv[i]))
		b.WriteString(`","Value":"`)
		b.WriteString(jsonEscape(kv[i+1]))
		b.WriteString(`"}`)
	}
	b.WriteByte(']')
	return b.String()
}

func jsonEscape(s string) string {
	if !strings.ContainsAny(s, `"\`) {
		return s
	}
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}

// mailboxPath is the Exchange Online object path of a mailbox.
func (w *world) mailboxPath(u *User) string {
	return "EURPR02A004.prod.outlook.com/Microsoft Exchange Hosted Organizations/" + w.org.tenantSlug() + ".onmicrosoft.com/" + u.Sam
}

// officeActivityHour writes OfficeActivity.
func (w *world) officeActivityHour(e *emitter, h int) {
	c := w.cols.office
	e.scratch.office = w.officeStream(h, e.scratch.office[:0])
	evs := e.scratch.office
	for i := range evs {
		ev := &evs[i]
		u := ev.u
		r := e.row(ev.t)
		ou := w.officeUserOf(u)
		r.val(c.RecordType, sym(ev.record))
		r.val(c.Operation, sym(ev.op))
		r.val(c.OfficeWorkload, sym(ev.workload))
		r.set(c.UserId, ou.userID)
		r.str(c.ClientIP, ev.ip)
		r.str(c.OfficeId, originID(w.seed, ev.t, u.Workstation, len(ev.op)))
		r.set(c.Start_Time, ev.t)
		if ev.admin {
			r.set(c.UserType, "Admin")
		} else {
			r.set(c.UserType, "Regular")
		}
		if ev.workload == "Exchange" {
			w.exchangeColumns(r, c, ev, ou)
			continue
		}
		r.set(c.UserKey, ou.spKey)
		r.val(c.UserAgent, sym(ev.ua))
		if ev.workload == "MicrosoftTeams" {
			continue
		}
		r.set(c.EventSource, "SharePoint")
		r.set(c.ItemType, "File")
		site := w.office.site(ev.site)
		r.val(c.Site_Url, site.url)
		r.val(c.SourceRelativeUrl, sym(ev.folder))
		r.val(c.SourceFileName, sym(ev.file))
		if j := strings.LastIndexByte(ev.file, '.'); j >= 0 {
			r.val(c.SourceFileExtension, sym(ev.file[j+1:]))
		}
		r.str(c.OfficeObjectId, ev.site+ev.folder+"/"+ev.file)
		r.set(c.Site_, site.id)
	}
}

func (w *world) exchangeColumns(r *rowBuf, c *officeActivityCols, ev *officeEvent, ou *officeUser) {
	u := ev.u
	r.set(c.ResultStatus, "Succeeded")
	r.set(c.ExternalAccess, "false")
	r.set(c.OrganizationName, w.office.orgName)
	r.set(c.OriginatingServer, "LO2P265MB5218 (15.20.8158.025)")
	r.val(c.ClientInfoString, sym(ev.clientInf))
	r.set(c.AppId, resExchange)
	if ev.record == "ExchangeAdmin" {
		r.set(c.ResultStatus, "True")
		r.str(c.UserKey, u.ObjectID)
		r.str(c.Parameters, ev.params)
		r.str(c.OfficeObjectId, ev.objectID)
		r.set(c.ElevationTime, ev.t)
		return
	}
	r.set(c.UserKey, ou.exKey)
	r.set(c.Logon_Type, "Owner")
	r.val(c.MailboxOwnerUPN, u.bUPN)
	r.val(c.MailboxOwnerSid, ou.sid)
	r.set(c.MailboxGuid, ou.mailbox)
	r.str(c.Client_IPAddress, ev.ip)
	if ev.record == "ExchangeItem" && ev.op == "Send" {
		r.str(c.Item, `{"Id":"`+siteGUID(ev.t.String())+`","ParentFolder":{"Path":"\\Sent Items"},"Subject":"`+pick(newRNG(int64(ev.t.UnixNano()), "subj"), mailSubjects)+`"}`)
	}
}

// siteGUID is a stable GUID for a name.
func siteGUID(name string) string {
	var h uint64 = 1469598103934665603
	for i := 0; i < len(name); i++ {
		h = (h ^ uint64(name[i])) * 1099511628211
	}
	x, y := mix64(h), mix64(h^0x1234)
	var b [16]byte
	for i := 0; i < 8; i++ {
		b[i], b[8+i] = byte(x>>(8*i)), byte(y>>(8*i))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return formatGUID(b)
}

var mailSubjects = []string{"Re: Q3 numbers", "Meeting notes", "Re: Contract review", "Updated timeline", "FW: Invoice",
	"Re: Hiring plan", "Weekly update", "Re: Customer escalation", "Agenda for Thursday", "Re: Travel booking"}
