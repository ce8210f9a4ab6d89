package demo

import (
	"time"
)

// auditEvent is one Entra ID directory audit record.
type auditEvent struct {
	t        time.Time
	op       string
	category string
	service  string // LoggedByService
	opType   string // AADOperationType
	byUser   *User  // nil: an application (Entra Connect, the Substrate)
	byApp    string
	ip       string
	target   *User
	targetT  string // target resource type
	targetN  string // target display name when not a user
	modified []any  // modifiedProperties
	result   string
	story    string
}

// auditLogsHour writes the directory audit log: directory synchronisation,
// people's self-service, admins managing users, groups and devices.
func (w *world) auditLogsHour(e *emitter, h int) {
	c := w.cols.audit
	r := newRNG(w.seed, "audit", h)
	var evs []auditEvent
	for n, i := w.quota(r, w.vol.office*0.05, false, h), 0; i < n; i++ {
		u := pick(r, w.org.Users)
		t := w.cal.hourStart(h).Add(r.durIn(0, w.cal.slot))
		evs = append(evs, auditEvent{t: t, op: "Update user", category: "UserManagement", service: "Core Directory", opType: "Update",
			byApp: "Microsoft Azure AD Connect", target: u, targetT: "User", result: "success",
			modified: []any{prop("LastDirSyncTime", `["`+t.Add(-time.Minute).Format(time.RFC3339)+`"]`, `["`+t.Format(time.RFC3339)+`"]`)}})
	}
	for n, i := w.quota(r, w.vol.office*0.03, true, h), 0; i < n; i++ {
		sg, t, _ := w.cal.pickSegment(r, h)
		s := sg.s
		if s.Kind == sessAdmin {
			evs = append(evs, w.adminAudit(r, s, t))
			continue
		}
		switch r.IntN(4) {
		case 0:
			evs = append(evs, auditEvent{t: t, op: "Update device", category: "Device", service: "Core Directory", opType: "Update",
				byApp: "Device Registration Service", targetT: "Device", targetN: s.Host.Name, result: "success"})
		case 1:
			evs = append(evs, auditEvent{t: t, op: "Reset password (self-service)", category: "UserManagement", service: "Self-service Password Management",
				opType: "Update", byUser: s.User, ip: s.PublicIP.String(), target: s.User, targetT: "User", result: "success"})
		case 2:
			evs = append(evs, auditEvent{t: t, op: "Update StsRefreshTokenValidFrom Timestamp", category: "UserManagement", service: "Core Directory",
				opType: "Update", byApp: "Microsoft Substrate Management", target: s.User, targetT: "User", result: "success"})
		default:
			evs = append(evs, auditEvent{t: t, op: "Add member to group", category: "GroupManagement", service: "Core Directory", opType: "Assign",
				byApp: "Microsoft Azure AD Connect", target: s.User, targetT: "User", result: "success",
				modified: []any{prop("Group.DisplayName", "", `"`+departmentGroup(s.User.Department)+`"`)}})
		}
	}
	for _, ev := range w.story.audit {
		if !ev.t.Before(w.cal.hourStart(h)) && ev.t.Before(w.cal.hourStart(h+1)) {
			evs = append(evs, ev)
		}
	}
	for i := range evs {
		w.auditRow(e, c, &evs[i])
	}
}

func prop(name, oldV, newV string) any {
	return map[string]any{"displayName": name, "oldValue": oldV, "newValue": newV}
}

func (w *world) adminAudit(r *rng, s *session, t time.Time) auditEvent {
	target := pick(r, w.org.Users)
	ev := auditEvent{t: t, byUser: s.User, ip: s.From.PublicIP.String(), target: target, targetT: "User", result: "success",
		category: "UserManagement", service: "Core Directory", opType: "Update"}
	switch r.IntN(3) {
	case 0:
		ev.op = "Reset user password"
	case 1:
		ev.op = "Update user"
		ev.modified = []any{prop("JobTitle", `["`+target.Title+`"]`, `["`+target.Title+`"]`), prop("Included Updated Properties", "", `"JobTitle"`)}
	default:
		ev.op, ev.category, ev.opType = "Add member to group", "GroupManagement", "Assign"
		ev.modified = []any{prop("Group.DisplayName", "", `"`+departmentGroup(target.Department)+`"`)}
	}
	return ev
}

func (w *world) auditRow(e *emitter, c *auditLogsCols, ev *auditEvent) {
	r := e.row(ev.t.Add(30 * time.Second))
	r.str(c.OperationName, ev.op)
	r.str(c.ActivityDisplayName, ev.op)
	r.set(c.ActivityDateTime, ev.t)
	r.set(c.OperationVersion, "1.0")
	r.str(c.Category, ev.category)
	r.str(c.Result, ev.result)
	r.set(c.ResultSignature, "None")
	r.set(c.ResultType, "")
	r.str(c.AADOperationType, ev.opType)
	r.str(c.LoggedByService, ev.service)
	id := siteGUID(ev.op + ev.t.String())
	r.str(c.Id, "Directory_"+id)
	r.str(c.CorrelationId, siteGUID(id))
	r.set(c.Level, "4")
	r.set(c.Location, "")
	r.set(c.DurationMs, int64(0))
	var by map[string]any
	if ev.byUser != nil {
		by = map[string]any{"user": map[string]any{"id": ev.byUser.ObjectID, "displayName": nil, "userPrincipalName": ev.byUser.UPN, "ipAddress": ev.ip, "roles": []any{}}}
		r.str(c.Identity, ev.byUser.DisplayName)
	} else {
		by = map[string]any{"app": map[string]any{"appId": nil, "displayName": ev.byApp, "servicePrincipalId": siteGUID(ev.byApp), "servicePrincipalName": nil}}
		r.str(c.Identity, ev.byApp)
	}
	r.set(c.InitiatedBy, by)
	tgt := map[string]any{"type": ev.targetT, "modifiedProperties": ev.modified, "administrativeUnits": []any{}}
	if ev.modified == nil {
		tgt["modifiedProperties"] = []any{}
	}
	if ev.target != nil {
		tgt["id"], tgt["displayName"], tgt["userPrincipalName"] = ev.target.ObjectID, nil, ev.target.UPN
	} else {
		tgt["id"], tgt["displayName"] = siteGUID(ev.targetN), ev.targetN
	}
	r.set(c.TargetResources, []any{tgt})
	r.set(c.AdditionalDetails, []any{map[string]any{"key": "User-Agent", "value": uaEdge}})
	r.set(c.SourceSystem, "Azure AD")
	r.set(c.Resource, "Microsoft.aadiam")
	r.set(c.ResourceGroup, "Microsoft.aadiam")
	r.set(c.ResourceProvider, "Microsoft.aadiam")
}
