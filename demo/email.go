package demo

import (
	"fmt"
	"strings"
	"time"
)

// emailEvent is one message as Defender for Office 365 records it.
type emailEvent struct {
	t           time.Time
	from        string
	fromName    string
	fromIP      string
	to          *User  // internal recipient, or nil for outbound
	toAddr      string // external recipient
	subject     string
	direction   string // Inbound, Outbound, Intra-org
	delivery    string // Delivered, Junked, Blocked
	location    string // Inbox/folder, Junk folder, Quarantine
	threats     string // "", Phish, Spam, Malware
	detection   string
	attachments int
	urls        int
	auth        string
	messageID   string
	story       string
}

var partnerSubjects = []string{"Invoice %d", "Purchase order %d", "Re: Delivery schedule", "Quote request", "Meeting follow-up",
	"Statement of account", "Re: Contract renewal", "Shipment %d confirmation", "Updated price list", "Re: Project kickoff"}

// partnerSubject fills the number of a subject that has one ("Invoice %d");
// the others are kept as they are.
func partnerSubject(format string, n int) string {
	if !strings.Contains(format, "%d") {
		return format
	}
	return fmt.Sprintf(format, n)
}

var spamSubjects = []string{"Your parcel could not be delivered", "Exclusive offer: 70% off today", "You have (3) new voicemails",
	"Congratulations! You have been selected", "Increase your sales with our leads", "Crypto opportunity inside"}

// emailHour writes EmailEvents.
func (w *world) emailHour(e *emitter, h int) {
	c := w.cols.email
	r := newRNG(w.seed, "email", h)
	var evs []emailEvent
	o := w.org
	for n, i := w.quota(r, w.vol.email, true, h), 0; i < n; i++ {
		sg, t, _ := w.cal.pickSegment(r, h)
		u := sg.s.User
		switch x := r.Float64(); {
		case x < 0.45:
			to := pick(r, o.Users)
			evs = append(evs, emailEvent{t: t, from: u.UPN, fromName: u.DisplayName, to: to, subject: pick(r, mailSubjects),
				direction: "Intra-org", delivery: "Delivered", location: "Inbox/folder", auth: authPass, attachments: r.IntN(2)})
		case x < 0.7:
			p := pick(r, o.Partners[:6])
			evs = append(evs, emailEvent{t: t, from: pick(r, []string{"accounts", "sales", "info", "orders", "j.martin", "support"}) + "@" + p,
				fromName: partnerName(p), fromIP: fmt.Sprintf("40.107.%d.%d", r.IntN(256), 1+r.IntN(254)),
				to: u, subject: partnerSubject(pick(r, partnerSubjects), 10000+r.IntN(89999)), direction: "Inbound",
				delivery: "Delivered", location: "Inbox/folder", auth: authPass, attachments: r.IntN(3), urls: r.IntN(4)})
		case x < 0.9:
			evs = append(evs, emailEvent{t: t, from: u.UPN, fromName: u.DisplayName, toAddr: pick(r, []string{"anna", "tom", "orders", "ap", "legal"}) + "@" + pick(r, o.Partners),
				subject: pick(r, mailSubjects), direction: "Outbound", delivery: "Delivered", location: "", auth: authPass, attachments: r.IntN(2)})
		default:
			dom := pick(r, []string{"promo-deals.biz", "mailer-offers.info", "parcel-notify.top", "lead-gen-pro.net"})
			evs = append(evs, emailEvent{t: t, from: "news@" + dom, fromName: "Offers", fromIP: fmt.Sprintf("%d.%d.%d.%d", pick(r, []int{45, 89, 103, 185}), r.IntN(256), r.IntN(256), 1+r.IntN(254)),
				to: u, subject: pick(r, spamSubjects), direction: "Inbound", delivery: "Junked", location: "Junk folder",
				threats: "Spam", detection: `{"Spam":["Mixed analysis detection"]}`, auth: authSoftFail, urls: 1 + r.IntN(5)})
		}
	}
	for _, ev := range w.story.email {
		if !ev.t.Before(w.cal.hourStart(h)) && ev.t.Before(w.cal.hourStart(h+1)) {
			evs = append(evs, ev)
		}
	}
	for i := range evs {
		w.emailRow(e, c, &evs[i])
	}
}

const (
	authPass     = `{"SPF":"pass","DKIM":"pass","DMARC":"pass","CompAuth":"pass"}`
	authSoftFail = `{"SPF":"softfail","DKIM":"none","DMARC":"none","CompAuth":"fail"}`
)

func (w *world) emailRow(e *emitter, c *emailEventsCols, ev *emailEvent) {
	r := e.row(ev.t.Add(2 * time.Second))
	r.set(c.Timestamp, ev.t)
	id := siteGUID(ev.from + ev.subject + ev.t.String())
	r.str(c.NetworkMessageId, id)
	mid := ev.messageID
	if mid == "" {
		mid = "<" + strings.ToUpper(strings.ReplaceAll(id, "-", "")[:24]) + "@" + domainOf(ev.from) + ">"
	}
	r.str(c.InternetMessageId, mid)
	from, fromDomain := box(ev.from), sym(domainOf(ev.from))
	r.val(c.SenderFromAddress, from)
	r.val(c.SenderMailFromAddress, from)
	r.val(c.SenderFromDomain, fromDomain)
	r.val(c.SenderMailFromDomain, fromDomain)
	r.str(c.SenderDisplayName, ev.fromName)
	r.str(c.SenderIPv4, ev.fromIP)
	if ev.to != nil {
		r.val(c.RecipientEmailAddress, ev.to.bUPN)
		r.val(c.RecipientObjectId, ev.to.bObjectID)
	} else {
		r.str(c.RecipientEmailAddress, ev.toAddr)
	}
	if u := w.org.userByUPN(ev.from); u != nil {
		r.val(c.SenderObjectId, u.bObjectID)
	}
	r.str(c.Subject, ev.subject)
	r.val(c.EmailDirection, sym(ev.direction))
	delivery, location := sym(ev.delivery), sym(ev.location)
	r.val(c.DeliveryAction, delivery)
	r.val(c.DeliveryLocation, location)
	r.val(c.LatestDeliveryAction, delivery)
	r.val(c.LatestDeliveryLocation, location)
	r.val(c.ThreatTypes, sym(ev.threats))
	r.val(c.DetectionMethods, sym(ev.detection))
	r.set(c.AttachmentCount, int32(ev.attachments))
	r.set(c.UrlCount, int32(ev.urls))
	r.val(c.AuthenticationDetails, sym(ev.auth))
	r.set(c.EmailLanguage, "en")
	r.set(c.BulkComplaintLevel, int32(0))
	r.str(c.ReportId, id+"-"+fmt.Sprint(mix64(uint64(ev.t.UnixNano()))%1e19))
	if ev.threats == "Spam" {
		r.set(c.ConfidenceLevel, `{"Phish":null,"Spam":"Normal"}`)
		r.set(c.EmailAction, "Move message to junk mail folder")
		r.set(c.BulkComplaintLevel, int32(6))
	}
}

func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i+1:]
	}
	return addr
}

// userByUPN finds a person by sign-in name, or nil.
func (o *Org) userByUPN(upn string) *User {
	at := strings.IndexByte(upn, '@')
	if at < 0 || upn[at+1:] != o.Domain {
		return nil
	}
	for _, u := range o.Users {
		if u.UPN == upn {
			return u
		}
	}
	return nil
}

// identityInfoHour writes the daily identity snapshot (at 02:00 UTC): one
// row per account with its directory attributes.
func (w *world) identityInfoHour(e *emitter, h int) {
	from, to := w.cal.hourStart(h), w.cal.hourStart(h+1)
	snap := time.Date(from.Year(), from.Month(), from.Day(), 2, 0, 0, 0, time.UTC)
	if snap.Before(from) {
		snap = snap.Add(24 * time.Hour)
	}
	if !snap.Before(to) {
		return
	}
	c := w.cols.identity
	o := w.org
	all := append(append([]*User(nil), o.Users...), o.Service...)
	for i, u := range all {
		r := e.row(snap.Add(time.Duration(i) * 37 * time.Millisecond))
		r.str(c.AccountObjectId, u.ObjectID)
		r.str(c.AccountUPN, u.UPN)
		r.str(c.AccountName, u.Sam)
		r.str(c.SAMAccountName, u.Sam)
		r.str(c.AccountDomain, o.ADDomain)
		r.str(c.AccountDisplayName, u.DisplayName)
		r.str(c.AccountSID, u.SID)
		r.str(c.AccountTenantId, o.TenantID)
		r.set(c.AccountCreationTime, w.cal.start.AddDate(0, 0, -30-int(mix64(uint64(i))%2000)))
		r.str(c.GivenName, u.GivenName)
		r.str(c.Surname, u.Surname)
		r.str(c.Department, u.Department)
		r.str(c.JobTitle, u.Title)
		if u.Manager != nil {
			r.str(c.Manager, u.Manager.UPN)
		}
		r.str(c.MailAddress, u.UPN)
		r.str(c.CompanyName, o.Name)
		r.str(c.EmployeeId, u.EmployeeID)
		if u.Site != nil {
			r.str(c.City, u.Site.City)
			r.str(c.State, u.Site.State)
			r.str(c.Country, u.Site.Country)
		}
		r.set(c.IsAccountEnabled, true)
		r.set(c.IsMFARegistered, u.MFA && !u.Service)
		r.set(c.IsServiceAccount, u.Service)
		r.set(c.UserType, "Member")
		r.set(c.UserState, "Active")
		roles := []any{}
		switch {
		case u.Title == "IT Director":
			roles = []any{"Global Administrator"}
		case u.AdminSam != "":
			roles = []any{"User Administrator", "Exchange Administrator"}
		}
		r.set(c.AssignedRoles, roles)
		groups := []any{"All Staff"}
		if !u.Service {
			groups = append(groups, departmentGroup(u.Department), u.Site.Code+" Office")
		}
		r.set(c.GroupMembership, groups)
		ou := "Service Accounts"
		if u.Site != nil {
			ou = "Users,OU=" + u.Site.Code
		}
		r.str(c.OnPremisesDistinguishedName, fmt.Sprintf("CN=%s,OU=%s,DC=%s", u.DisplayName, ou, strings.ReplaceAll(o.ADDomain, ".", ",DC=")))
		blast := "Low"
		if len(roles) > 0 || u.Department == "Executive" {
			blast = "High"
		}
		r.str(c.BlastRadius, blast)
		r.set(c.SourceSystem, "AzureAD")
		r.set(c.LastSeenDate, snap.Add(-time.Duration(mix64(uint64(i+h))%20)*time.Hour))
		if rl, ok := w.story.risk[u.UPN]; ok && !snap.Before(rl.since) {
			r.str(c.RiskLevel, rl.level)
			r.set(c.RiskState, "atRisk")
		}
	}
}

// partnerName is a display name for a partner's mail domain:
// "tailspin-freight.com" → "Tailspin Freight".
func partnerName(domain string) string {
	label := strings.SplitN(domain, ".", 2)[0]
	words := strings.Split(label, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
