package demo

import (
	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace/schema"
)

// tableSpec is one generated table: its name, the columns its generator
// fills (a pointer to a col struct) and the generator of an hour's rows.
type tableSpec struct {
	name   string
	cols   any
	schema []table.Column
	gen    func(w *world, e *emitter, h int)
	fixed  func(w *world, e *writer)
}

// tableCols holds the bound column layout of every table.
type tableCols struct {
	securityEvent *securityEventCols
	event         *eventCols
	deviceProcess *deviceProcessEventsCols
	deviceNetwork *deviceNetworkEventsCols
	deviceLogon   *deviceLogonEventsCols
	deviceFile    *deviceFileEventsCols
	csl           *commonSecurityLogCols
	dns           *dnsEventsCols
	vmconn        *vmConnectionCols
	signin        *signinLogsCols
	nonint        *nonInteractiveCols
	audit         *auditLogsCols
	office        *officeActivityCols
	azure         *azureActivityCols
	syslog        *syslogCols
	heartbeat     *heartbeatCols
	email         *emailEventsCols
	identity      *identityInfoCols
	alert         *securityAlertCols
	incident      *securityIncidentCols
	ti            *tiCols
	truth         *truthCols
}

// specs lists the tables in the order Generate writes them.
func (tc *tableCols) specs() []*tableSpec {
	return []*tableSpec{
		{name: "SecurityEvent", cols: tc.securityEvent, gen: (*world).securityEventHour, fixed: func(w *world, e *writer) {
			e.fix("SourceSystem", "OpsManager")
			e.fix("EventSourceName", "Microsoft-Windows-Security-Auditing")
			e.fix("Channel", "Security")
			e.fix("Level", "8")
			e.fix("MG", "00000000-0000-0000-0000-000000000001")
			e.fix("ManagementGroupName", "AOI-"+w.org.WorkspaceID)
		}},
		{name: "Event", cols: tc.event, gen: (*world).eventHour},
		{name: "DeviceProcessEvents", cols: tc.deviceProcess, gen: (*world).deviceProcessHour, fixed: mdeFixed},
		{name: "DeviceLogonEvents", cols: tc.deviceLogon, gen: (*world).deviceLogonHour, fixed: mdeFixed},
		{name: "DeviceFileEvents", cols: tc.deviceFile, gen: (*world).fileHour, fixed: mdeFixed},
		{name: "DeviceNetworkEvents", cols: tc.deviceNetwork, gen: (*world).deviceNetworkHour, fixed: mdeFixed},
		{name: "CommonSecurityLog", cols: tc.csl, gen: (*world).commonSecurityLogHour, fixed: func(w *world, e *writer) {
			e.fix("DeviceVendor", "Palo Alto Networks")
			e.fix("DeviceProduct", "PAN-OS")
			e.fix("DeviceVersion", "10.2.9")
			e.fix("Activity", "TRAFFIC")
			e.fix("LogSeverity", "1")
			e.fix("DeviceCustomString1Label", "Rule")
			e.fix("DeviceCustomString3", "vsys1")
			e.fix("DeviceCustomString3Label", "Virtual System")
			e.fix("DeviceCustomString4Label", "FromZone")
			e.fix("DeviceCustomString5Label", "ToZone")
			e.fix("DeviceCustomNumber1Label", "SessionID")
			e.fix("DeviceCustomNumber2Label", "Packets")
			e.fix("DeviceCustomNumber3Label", "Elapsed time in seconds")
			e.fix("Computer", w.org.Host("monitor01").FQDN)
			e.fix("CollectorHostName", w.org.Host("monitor01").FQDN)
			e.fix("SourceSystem", "OpsManager")
		}},
		{name: "DnsEvents", cols: tc.dns, gen: (*world).dnsEventsHour, fixed: func(w *world, e *writer) {
			e.fix("SourceSystem", "OpsManager")
		}},
		{name: "SigninLogs", cols: tc.signin, gen: (*world).signinLogsHour, fixed: func(w *world, e *writer) {
			e.fix("AADTenantId", w.org.TenantID)
			e.fix("Resource", "Microsoft.aadiam")
			e.fix("ResourceProvider", "Microsoft.aadiam")
			e.fix("ResourceId", "/tenants/"+w.org.TenantID+"/providers/Microsoft.aadiam")
		}},
		{name: "AADNonInteractiveUserSignInLogs", cols: tc.nonint, gen: (*world).nonInteractiveHour},
		{name: "OfficeActivity", cols: tc.office, gen: (*world).officeActivityHour, fixed: func(w *world, e *writer) {
			e.fix("OrganizationId", w.org.TenantID)
			e.fix("OfficeTenantId", w.org.TenantID)
			e.fix("SourceSystem", "OfficeActivityManager")
		}},
		{name: "AuditLogs", cols: tc.audit, gen: (*world).auditLogsHour, fixed: func(w *world, e *writer) {
			e.fix("AADTenantId", w.org.TenantID)
			e.fix("ResourceId", "/tenants/"+w.org.TenantID+"/providers/Microsoft.aadiam")
		}},
		{name: "AzureActivity", cols: tc.azure, gen: (*world).azureActivityHour},
		{name: "Syslog", cols: tc.syslog, gen: (*world).syslogHour},
		{name: "EmailEvents", cols: tc.email, gen: (*world).emailHour, fixed: mdeFixed},
		{name: "IdentityInfo", cols: tc.identity, gen: (*world).identityInfoHour},
		{name: "Heartbeat", cols: tc.heartbeat, gen: (*world).heartbeatHour},
		{name: "VMConnection", cols: tc.vmconn, gen: (*world).vmConnectionHour, fixed: func(w *world, e *writer) {
			e.fix("SourceSystem", "Insights")
		}},
		{name: "ThreatIntelligenceIndicator", cols: tc.ti, gen: (*world).tiHour},
		{name: "SecurityAlert", cols: tc.alert, gen: (*world).securityAlertHour},
		{name: "SecurityIncident", cols: tc.incident, gen: (*world).securityIncidentHour},
		{name: GroundTruthTable, cols: tc.truth, gen: (*world).truthHour},
	}
}

func newTableCols() *tableCols {
	return &tableCols{
		securityEvent: &securityEventCols{},
		event:         &eventCols{},
		deviceProcess: &deviceProcessEventsCols{},
		deviceNetwork: &deviceNetworkEventsCols{},
		deviceLogon:   &deviceLogonEventsCols{},
		deviceFile:    &deviceFileEventsCols{},
		csl:           &commonSecurityLogCols{},
		dns:           &dnsEventsCols{},
		vmconn:        &vmConnectionCols{},
		signin:        &signinLogsCols{},
		nonint:        &nonInteractiveCols{},
		audit:         &auditLogsCols{},
		office:        &officeActivityCols{},
		azure:         &azureActivityCols{},
		syslog:        &syslogCols{},
		heartbeat:     &heartbeatCols{},
		email:         &emailEventsCols{},
		identity:      &identityInfoCols{},
		alert:         &securityAlertCols{},
		incident:      &securityIncidentCols{},
		ti:            &tiCols{},
		truth:         &truthCols{},
	}
}

// catalogSchema is the schema a table is emitted with: the catalog's, so
// the demo tables have every column real ones have (the ones the demo does
// not fill stay empty), or the declared columns for the demo's own tables.
// With compact, only the catalog columns the generator declares.
func catalogSchema(name string, cols any, compact bool) []table.Column {
	s, ok := schema.Table(name)
	if !ok {
		return declaredColumns(cols)
	}
	if !compact {
		return s.Columns
	}
	declared := map[string]bool{"TenantId": true, "Type": true}
	for _, c := range declaredColumns(cols) {
		declared[c.Name] = true
	}
	var out []table.Column
	for _, c := range s.Columns {
		if declared[c.Name] {
			out = append(out, c)
		}
	}
	return out
}

func mdeFixed(w *world, e *writer) {
	e.fix("SourceSystem", "")
	e.fix("MachineGroup", "")
}
