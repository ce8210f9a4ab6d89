package demo

import (
	"fmt"
	"strings"
	"time"
)

// winEvent is a Windows System or Application log record.
type winEvent struct {
	t       time.Time
	host    *Host
	log     string // System, Application
	source  string
	id      int
	level   int // 2 error, 3 warning, 4 information
	user    string
	data    []string // EventData name/value pairs
	message string
	story   string
}

var levelNames = map[int]string{2: "Error", 3: "Warning", 4: "Information"}

// eventHour writes the Event table: service state changes, Windows Update,
// DCOM warnings, the odd legitimate service install.
func (w *world) eventHour(e *emitter, h int) {
	c := w.cols.event
	r := newRNG(w.seed, "event", h)
	from := w.cal.hourStart(h)
	var evs []winEvent
	for n, i := w.quota(r, w.vol.system, false, h), 0; i < n; i++ {
		host := w.onHost(r, h)
		t := from.Add(r.durIn(0, w.cal.slot))
		evs = append(evs, w.systemEvent(r, host, t))
	}
	for _, ev := range w.story.events {
		if !ev.t.Before(from) && ev.t.Before(w.cal.hourStart(h+1)) {
			evs = append(evs, ev)
		}
	}
	for i := range evs {
		ev := &evs[i]
		row := e.row(ev.t)
		row.set(c.Computer, ev.host.bFQDN)
		row.str(c.Source, ev.source)
		row.str(c.EventLog, ev.log)
		row.set(c.EventID, int32(ev.id))
		row.set(c.EventLevel, int32(ev.level))
		row.str(c.EventLevelName, levelNames[ev.level])
		row.set(c.EventCategory, int32(0))
		row.str(c.UserName, ev.user)
		row.str(c.RenderedDescription, ev.message)
		row.str(c.EventData, `<DataItem type="System.XmlData" time="`+ev.t.Format("2006-01-02T15:04:05.0000000Z")+`" sourceHealthServiceId="`+ev.host.AgentID+`">`+eventData(ev.data...)+`</DataItem>`)
		var p strings.Builder
		for k := 1; k < len(ev.data); k += 2 {
			p.WriteString("<Param>")
			xmlEscape(&p, ev.data[k])
			p.WriteString("</Param>")
		}
		row.str(c.ParameterXml, p.String())
		row.set(c.SourceSystem, "OpsManager")
		row.set(c.MG, "00000000-0000-0000-0000-000000000001")
		row.str(c.ManagementGroupName, "AOI-"+w.org.WorkspaceID)
	}
}

var serviceNames = [][2]string{
	{"Windows Update", "wuauserv"}, {"Background Intelligent Transfer Service", "BITS"}, {"Windows Modules Installer", "TrustedInstaller"},
	{"Microsoft Defender Antivirus Network Inspection Service", "WdNisSvc"}, {"Software Protection", "sppsvc"},
	{"Delivery Optimization", "DoSvc"}, {"Update Orchestrator Service", "UsoSvc"}, {"WinHTTP Web Proxy Auto-Discovery Service", "WinHttpAutoProxySvc"},
	{"Google Updater Service", "GoogleUpdaterService130.0.6723.117"}, {"Microsoft Edge Update Service (edgeupdate)", "edgeupdate"},
}

func (w *world) systemEvent(r *rng, h *Host, t time.Time) winEvent {
	ev := winEvent{t: t, host: h, log: "System", level: 4, user: "N/A"}
	switch x := r.IntN(100); {
	case x < 55:
		svc := pick(r, serviceNames)
		state := pick(r, []string{"running", "stopped"})
		ev.source, ev.id = "Service Control Manager", 7036
		ev.data = []string{"param1", svc[0], "param2", state, "Binary", svcBinary(svc[1], state)}
		ev.message = fmt.Sprintf("The %s service entered the %s state.", svc[0], state)
	case x < 65:
		svc := pick(r, serviceNames)
		ev.source, ev.id, ev.user = "Service Control Manager", 7040, `NT AUTHORITY\SYSTEM`
		ev.data = []string{"param1", svc[0], "param2", "demand start", "param3", "auto start", "param4", svc[1]}
		ev.message = fmt.Sprintf("The start type of the %s service was changed from demand start to auto start.", svc[0])
	case x < 75:
		kb := fmt.Sprintf("KB%d", 5040000+r.IntN(9000))
		title := pick(r, []string{"Security Intelligence Update for Microsoft Defender Antivirus - " + kb + " (Version 1.421." + fmt.Sprint(r.IntN(900)) + ".0)",
			"2025-11 Cumulative Update for .NET Framework 3.5 and 4.8.1 (" + kb + ")", "Windows Malicious Software Removal Tool x64 - v5.131 (" + kb + ")"})
		ev.source, ev.id, ev.user = "Microsoft-Windows-WindowsUpdateClient", 19, `NT AUTHORITY\SYSTEM`
		ev.data = []string{"updateTitle", title, "updateGuid", "{" + r.guid() + "}", "updateRevisionNumber", "200"}
		ev.message = "Installation Successful: Windows successfully installed the following update: " + title
	case x < 88:
		ev.source, ev.id, ev.level, ev.user = "Microsoft-Windows-DistributedCOM", 10016, 3, `NT AUTHORITY\SYSTEM`
		ev.data = []string{"param1", "application-specific", "param2", "Local", "param3", "Activation", "param4", "{2593F8B9-4EAF-457C-B68A-50F6B8EA6B54}", "param5", "{15C20B67-12E7-4BB6-92BB-7AFF07997402}"}
		ev.message = "The application-specific permission settings do not grant Local Activation permission for the COM Server application with CLSID {2593F8B9-4EAF-457C-B68A-50F6B8EA6B54} to the user NT AUTHORITY\\LOCAL SERVICE SID (S-1-5-19)."
	case x < 94:
		ev.source, ev.id, ev.level = "Microsoft-Windows-DNS-Client", 1014, 3
		name := pick(r, w.typoDomains)
		ev.data = []string{"QueryName", name, "AddressLength", "128"}
		ev.message = "Name resolution for the name " + name + " timed out after none of the configured DNS servers responded."
	case x < 98:
		ev.source, ev.id = "Microsoft-Windows-Time-Service", 37
		ev.data = []string{"TimeSource", "DC01." + w.org.ADDomain + " (ntp.d|0.0.0.0:123->10.0.10.10:123)"}
		ev.message = "The time provider NtpClient is currently receiving valid time data from DC01." + w.org.ADDomain
	default:
		// Edge's updater installs its elevation service: a legitimate 7045.
		path := `"C:\Program Files (x86)\Microsoft\Edge\Application\130.0.2849.80\elevation_service.exe"`
		ev.source, ev.id, ev.user = "Service Control Manager", 7045, `NT AUTHORITY\SYSTEM`
		ev.data = []string{"ServiceName", "Microsoft Edge Elevation Service (MicrosoftEdgeElevationService)", "ImagePath", path,
			"ServiceType", "user mode service", "StartType", "demand start", "AccountName", "LocalSystem"}
		ev.message = "A service was installed in the system.\n\nService Name:  Microsoft Edge Elevation Service (MicrosoftEdgeElevationService)\nService File Name:  " + path + "\nService Type:  user mode service\nService Start Type:  demand start\nService Account:  LocalSystem"
	}
	return ev
}

func svcBinary(name, state string) string {
	s := fmt.Sprintf("%x", name)
	if state == "running" {
		return strings.ToUpper(s) + "0400000000"
	}
	return strings.ToUpper(s) + "0100000000"
}
