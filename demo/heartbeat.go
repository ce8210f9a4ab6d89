package demo

import (
	"math"
	"time"
)

// heartbeatInterval is how often agents report: every minute as real
// agents do when the event budget allows, less often for small runs, so
// Heartbeat stays a few percent of the rows. Only servers run the agent:
// workstations forward their Windows events to the collector (MGMT01,
// Windows Event Forwarding) and report to Defender for Endpoint.
func (w *world) heartbeatInterval() time.Duration {
	agentMinutes := float64(len(w.org.Servers)) * w.cal.end.Sub(w.cal.start).Minutes()
	budget := 0.03 * float64(w.cfg.Events)
	return time.Duration(max(1, math.Ceil(agentMinutes/budget))) * time.Minute
}

// heartbeatHour writes the server agents' heartbeats.
func (w *world) heartbeatHour(e *emitter, h int) {
	from, to := w.cal.hourStart(h), w.cal.hourStart(h+1)
	step := w.hbStep
	for i, host := range w.org.Servers {
		// Each agent reports on its own phase within the interval.
		phase := time.Duration(mix64(uint64(i)*7919)%uint64(step/time.Second)) * time.Second
		first := w.cal.start.Add(phase)
		if first.Before(from) {
			first = first.Add(((from.Sub(first) + step - 1) / step) * step)
		}
		cells := w.hbCells[host]
		for t := first; t.Before(to); t = t.Add(step) {
			r := e.row(t)
			r.cells = append(r.cells, cells...)
		}
	}
}

// heartbeatCells are the values of a server's heartbeats, the same in
// each but TimeGenerated: newWorld builds them once per server and every
// heartbeat row copies them.
func (w *world) heartbeatCells() map[*Host][]cell {
	c := w.cols.heartbeat
	m := map[*Host][]cell{}
	for _, h := range w.org.Servers {
		r := &rowBuf{}
		w.heartbeatRow(r, c, h)
		m[h] = r.cells
	}
	return m
}

func (w *world) heartbeatRow(r *rowBuf, c *heartbeatCols, h *Host) {
	r.set(c.Computer, h.bFQDN)
	egress := h.Site.Egress
	if h.Public.IsValid() {
		egress = h.Public
	}
	r.str(c.ComputerIP, egress.String())
	r.set(c.ComputerPrivateIPs, []any{h.IP.String()})
	r.set(c.Category, "Azure Monitor Agent")
	r.set(c.Version, "1.31.0.0")
	r.set(c.SCAgentChannel, "Direct")
	r.set(c.IsGatewayInstalled, false)
	r.set(c.Solutions, "security")
	r.set(c.SourceComputerId, h.bAgentID)
	r.str(c.ResourceId, w.org.ResourceID(h))
	r.str(c.Resource, h.Name)
	r.str(c.ResourceGroup, w.org.ResourceGroup)
	r.str(c.SubscriptionId, w.org.SubscriptionID)
	if h.Azure {
		r.set(c.ComputerEnvironment, "Azure")
		r.set(c.ResourceProvider, "Microsoft.Compute")
		r.set(c.ResourceType, "virtualMachines")
	} else {
		r.set(c.ComputerEnvironment, "Non-Azure")
		r.set(c.ResourceProvider, "Microsoft.HybridCompute")
		r.set(c.ResourceType, "machines")
	}
	r.str(c.RemoteIPCountry, countryName(h.Site.Country))
	r.set(c.RemoteIPLatitude, h.Site.Lat)
	r.set(c.RemoteIPLongitude, h.Site.Lon)
	r.str(c.VMUUID, h.AADID)
	if h.Linux {
		r.set(c.OSType, "Linux")
		r.set(c.OSName, "Ubuntu")
		r.str(c.OSMajorVersion, h.OS[7:9])
		r.str(c.OSMinorVersion, h.OS[10:12])
		r.set(c.SourceSystem, "Linux")
		return
	}
	r.set(c.OSType, "Windows")
	r.str(c.OSName, h.OS)
	r.set(c.OSMajorVersion, "10")
	r.set(c.OSMinorVersion, "0")
	r.set(c.SourceSystem, "OpsManager")
	r.set(c.MG, "00000000-0000-0000-0000-000000000002")
	r.str(c.ManagementGroupName, "AOI-"+w.org.WorkspaceID)
}
