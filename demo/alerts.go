package demo

import (
	"strconv"
	"strings"
	"time"
)

// alert is a SecurityAlert as a product raises it.
type alert struct {
	t           time.Time // when it was raised
	start, end  time.Time // the activity it covers
	name        string
	severity    string
	alertType   string
	product     string
	provider    string
	vendor      string
	component   string
	description string
	tactics     string
	techniques  string
	compromised string
	entities    []any
	extended    map[string]any
	remediation string
	story       string
	id          string
	status      string
}

// incident groups alerts for the analysts.
type incident struct {
	number             int
	title, description string
	severity, status   string
	classification     string
	reason, comment    string
	alerts             []*alert
	created, closed    time.Time
	provider           string
	owner              *User
}

// entities builds an alert's Entities array with Sentinel's $id/$ref links.
type entities struct {
	items []any
}

func (e *entities) add(m map[string]any) map[string]any {
	m["$id"] = strconv.Itoa(len(e.items) + 2)
	e.items = append(e.items, m)
	return map[string]any{"$ref": m["$id"]}
}

func (w *world) hostEntity(e *entities, h *Host) map[string]any {
	os := "Windows"
	if h.Linux {
		os = "Linux"
	}
	return e.add(map[string]any{"HostName": strings.ToLower(h.Name), "DnsDomain": strings.ToLower(w.org.ADDomain), "NTDomain": w.org.NetBIOS,
		"OSFamily": os, "OSVersion": h.OSBuild, "MdatpDeviceId": h.DeviceID, "FQDN": strings.ToLower(h.FQDN), "AzureID": w.org.ResourceID(h), "Type": "host"})
}

func (w *world) accountEntity(e *entities, u *User, admin bool) map[string]any {
	name, sid := u.Sam, u.SID
	if admin {
		name, sid = u.AdminSam, u.AdminSID
	}
	return e.add(map[string]any{"Name": name, "NTDomain": w.org.NetBIOS, "UPNSuffix": w.org.Domain, "Sid": sid, "AadUserId": u.ObjectID,
		"DisplayName": u.DisplayName, "IsDomainJoined": true, "Type": "account"})
}

func (w *world) fileEntity(e *entities, path string) map[string]any {
	im := w.img(path)
	hash := e.add(map[string]any{"Algorithm": "SHA256", "Value": im.sha256, "Type": "filehash"})
	return e.add(map[string]any{"Directory": im.dir, "Name": im.name, "FileHashes": []any{hash}, "Type": "file"})
}

func (w *world) processEntity(e *entities, p proc, host, acct map[string]any) map[string]any {
	file := w.fileEntity(e, p.img.path)
	return e.add(map[string]any{"ProcessId": strconv.Itoa(int(p.pid)), "CommandLine": p.cmd, "ElevationToken": "Default",
		"CreationTimeUtc": p.start.UTC().Format("2006-01-02T15:04:05.0000000Z"), "ImageFile": file, "Account": acct, "Host": host, "Type": "process"})
}

func ipEntity(e *entities, ip string) map[string]any {
	return e.add(map[string]any{"Address": ip, "Type": "ip"})
}

// mdatpAlert fills the fields Defender for Endpoint alerts share.
func (w *world) mdatpAlert(a *alert, category, detection string) {
	a.product, a.provider, a.vendor, a.alertType = "Microsoft Defender Advanced Threat Protection", "MDATP", "Microsoft", "WindowsDefenderAtp"
	a.extended = map[string]any{"MicrosoftDefenderAtp.Category": category, "MicrosoftDefenderAtp.Severity": a.severity,
		"MicrosoftDefenderAtp.DetectionSource": detection, "MicrosoftDefenderAtp.InvestigationState": "PendingApproval",
		"MicrosoftDefenderAtp.AlertId": "da" + strings.ReplaceAll(a.id, "-", "")[:18], "ProcessedBySentinel": "True", "Alert generation status": "Full alert created"}
	a.remediation = "1. Make sure the machine is completely updated and all your software has the latest patch.\r\n2. Contact your incident response team."
}

// securityAlertHour writes the alerts raised in hour h.
func (w *world) securityAlertHour(e *emitter, h int) {
	c := w.cols.alert
	from, to := w.cal.hourStart(h), w.cal.hourStart(h+1)
	for _, a := range w.story.alerts {
		if a.t.Before(from) || !a.t.Before(to) {
			continue
		}
		r := e.row(a.t)
		r.str(c.AlertName, a.name)
		r.str(c.DisplayName, a.name)
		r.str(c.AlertSeverity, a.severity)
		r.str(c.AlertType, a.alertType)
		r.str(c.CompromisedEntity, a.compromised)
		r.set(c.ConfidenceLevel, "Unknown")
		r.str(c.Description, a.description)
		r.set(c.StartTime, a.start)
		r.set(c.EndTime, a.end)
		r.set(c.ProcessingEndTime, a.t)
		r.str(c.Entities, jsonText(a.entities))
		r.str(c.ExtendedProperties, jsonText(a.extended))
		r.set(c.IsIncident, false)
		r.str(c.ProductName, a.product)
		r.str(c.ProductComponentName, a.component)
		r.str(c.ProviderName, a.provider)
		r.str(c.VendorName, a.vendor)
		r.str(c.VendorOriginalId, siteGUID(a.id+"vendor"))
		r.str(c.SystemAlertId, a.id)
		r.str(c.RemediationSteps, a.remediation)
		r.str(c.Status, a.status)
		r.str(c.Tactics, a.tactics)
		r.str(c.Techniques, a.techniques)
		r.str(c.WorkspaceResourceGroup, w.org.ResourceGroup)
		r.str(c.WorkspaceSubscriptionId, w.org.SubscriptionID)
		r.str(c.AlertLink, "https://security.microsoft.com/alerts/"+a.id)
		r.set(c.SourceSystem, "Detection")
	}
}

// securityIncidentHour writes incident records: one when an incident is
// created and one for each later change (assignment, closure).
func (w *world) securityIncidentHour(e *emitter, h int) {
	c := w.cols.incident
	from, to := w.cal.hourStart(h), w.cal.hourStart(h+1)
	for _, in := range w.story.incidents {
		updates := []time.Time{in.created}
		if in.owner != nil {
			updates = append(updates, in.created.Add(37*time.Minute))
		}
		if !in.closed.IsZero() {
			updates = append(updates, in.closed)
		}
		for k, t := range updates {
			if t.Before(from) || !t.Before(to) || !t.Before(w.cfg.End) {
				continue
			}
			w.incidentRow(e, c, in, t, k, len(updates))
		}
	}
}

func (w *world) incidentRow(e *emitter, c *securityIncidentCols, in *incident, t time.Time, k, n int) {
	r := e.row(t)
	name := siteGUID("incident" + strconv.Itoa(in.number) + w.org.TenantID)
	r.str(c.IncidentName, name)
	r.set(c.IncidentNumber, int32(in.number))
	r.str(c.IncidentUrl, "https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident/subscriptions/"+w.org.SubscriptionID+"/resourceGroups/"+w.org.ResourceGroup+"/providers/Microsoft.OperationalInsights/workspaces/sentinel/providers/Microsoft.SecurityInsights/Incidents/"+name)
	r.str(c.Title, in.title)
	r.str(c.Description, in.description)
	r.str(c.Severity, in.severity)
	status := "New"
	owner := map[string]any{"objectId": nil, "email": nil, "assignedTo": nil, "userPrincipalName": nil}
	if in.owner != nil && k >= 1 {
		status = "Active"
		owner = map[string]any{"objectId": in.owner.ObjectID, "email": in.owner.UPN, "assignedTo": in.owner.DisplayName, "userPrincipalName": in.owner.UPN}
	}
	if !in.closed.IsZero() && k == n-1 {
		status = "Closed"
		r.str(c.Classification, in.classification)
		r.str(c.ClassificationReason, in.reason)
		r.str(c.ClassificationComment, in.comment)
		r.set(c.ClosedTime, in.closed)
	}
	r.str(c.Status, status)
	r.set(c.Owner, owner)
	r.str(c.ProviderName, in.provider)
	r.str(c.ProviderIncidentId, strconv.Itoa(in.number))
	first, last := in.alerts[0].start, in.alerts[0].end
	ids := []any{}
	tactics := []any{}
	products := []any{}
	for _, a := range in.alerts {
		first, last = minTime(first, a.start), maxTime(last, a.end)
		ids = append(ids, a.id)
		tactics = append(tactics, a.tactics)
		products = append(products, a.product)
	}
	r.set(c.FirstActivityTime, first)
	r.set(c.LastActivityTime, last)
	r.set(c.CreatedTime, in.created)
	r.set(c.FirstModifiedTime, in.created)
	r.set(c.LastModifiedTime, t)
	r.set(c.AlertIds, ids)
	r.set(c.BookmarkIds, []any{})
	r.set(c.Comments, []any{})
	r.set(c.Labels, []any{})
	r.set(c.Tasks, []any{})
	r.set(c.RelatedAnalyticRuleIds, []any{})
	r.set(c.AdditionalData, map[string]any{"alertsCount": jnum(float64(len(in.alerts))), "bookmarksCount": jnum(0), "commentsCount": jnum(0),
		"alertProductNames": products, "tactics": tactics, "techniques": []any{}})
	if k == 0 {
		r.set(c.ModifiedBy, "Incident created from alert")
	} else {
		r.set(c.ModifiedBy, "Alert grouping")
		if in.owner != nil {
			r.str(c.ModifiedBy, in.owner.UPN)
		}
	}
	r.set(c.SourceSystem, "Azure Sentinel")
}
