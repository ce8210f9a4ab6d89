package demo

import (
	"strconv"
	"time"
)

// commonSecurityLogHour writes the firewalls' traffic logs (Palo Alto
// PAN-OS in CEF) for the flows that cross a firewall.
func (w *world) commonSecurityLogHour(e *emitter, h int) {
	c := w.cols.csl
	e.scratch.flows = w.flowStream(h, e.scratch.flows[:0])
	flows := e.scratch.flows
	for i := range flows {
		f := &flows[i]
		if f.fw == nil || f.nxdomain {
			continue
		}
		end := f.t.Add(f.dur)
		r := e.row(end)
		if f.deny {
			r.set(c.DeviceEventClassID, "deny")
			r.set(c.DeviceAction, "deny")
			r.set(c.SimplifiedDeviceAction, "Deny")
			r.set(c.DeviceCustomString1, "Deny-Inbound-Default")
		} else {
			r.set(c.DeviceEventClassID, "end")
			r.set(c.DeviceAction, "allow")
			r.set(c.SimplifiedDeviceAction, "Allow")
			r.set(c.DeviceCustomString1, ruleFor(f))
		}
		r.val(c.ApplicationProtocol, sym(f.app))
		if f.udp {
			r.set(c.Protocol, "udp")
		} else {
			r.set(c.Protocol, "tcp")
		}
		r.set(c.SourceIP, w.addrText(f.srcIP))
		r.set(c.SourcePort, int32(f.srcPort))
		r.set(c.DestinationPort, int32(f.dstPort))
		inbound := f.src == nil
		if inbound {
			r.set(c.DestinationIP, w.addrText(f.natIP))
			if f.dst != nil {
				r.set(c.DestinationTranslatedAddress, w.addrText(f.dstIP))
				r.set(c.DestinationTranslatedPort, int32(f.dstPort))
			}
			r.set(c.DeviceCustomString4, "untrust")
			r.set(c.DeviceCustomString5, "dmz")
			r.set(c.DeviceInboundInterface, "ethernet1/1")
			r.set(c.DeviceOutboundInterface, "ethernet1/3")
		} else {
			r.set(c.DestinationIP, w.addrText(f.dstIP))
			r.set(c.SourceTranslatedAddress, w.addrText(f.natIP))
			r.set(c.SourceTranslatedPort, int32(1024+(f.srcPort*7)%60000))
			r.set(c.DeviceCustomString4, "trust")
			r.set(c.DeviceCustomString5, "untrust")
			r.set(c.DeviceInboundInterface, "ethernet1/2")
			r.set(c.DeviceOutboundInterface, "ethernet1/1")
			if f.user != nil && !f.user.system {
				r.set(c.SourceUserName, f.user.bFirewallUser)
			}
		}
		r.set(c.SentBytes, f.sent)
		r.set(c.ReceivedBytes, f.recv)
		r.set(c.DeviceName, f.fw.bName)
		r.set(c.DeviceAddress, f.fw.bIP)
		r.set(c.DeviceExternalID, f.fw.bExternalID)
		r.set(c.DeviceCustomNumber1, int32(mix64(uint64(f.t.UnixNano()))%4_000_000))
		r.set(c.DeviceCustomNumber2, int32(2+f.sent/900+f.recv/1400))
		r.set(c.DeviceCustomNumber3, int32(f.dur/time.Second))
		r.str(c.ReceiptTime, end.Format("Jan 02 2006 15:04:05"))
	}
}

func ruleFor(f *flowEvent) any {
	switch {
	case f.src == nil:
		return "Allow-Inbound-DMZ-Web"
	case f.svc != nil && f.svc.kind == svcM365:
		return "Allow-M365"
	case f.svc != nil && (f.svc.kind == svcUpdate || f.svc.kind == svcServer):
		return "Allow-Updates"
	}
	return "Allow-Internet-Web"
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, ch := range b {
		if 'A' <= ch && ch <= 'Z' {
			b[i] = ch + 32
		}
	}
	return string(b)
}

// dnsEventsHour writes the domain controllers' DNS lookups that precede
// connections (the rest were answered from client caches).
func (w *world) dnsEventsHour(e *emitter, h int) {
	c := w.cols.dns
	e.scratch.flows = w.flowStream(h, e.scratch.flows[:0])
	flows := e.scratch.flows
	dc1, dc2 := w.org.Host("DC01"), w.org.Host("DC02")
	for i := range flows {
		f := &flows[i]
		if !f.lookup || f.domain == "" || f.src == nil {
			continue
		}
		srv := dc1
		if f.srcIP.As4()[3]%2 == 1 {
			srv = dc2
		}
		r := e.row(f.t)
		r.set(c.Computer, srv.bFQDN)
		r.set(c.SubType, "LookupQuery")
		r.set(c.ClientIP, w.addrText(f.srcIP))
		r.str(c.Name, f.domain)
		r.set(c.QueryType, "A")
		if f.nxdomain {
			r.set(c.EventId, int32(258))
			r.set(c.Result, "Failure")
			r.set(c.ResultCode, int32(3))
		} else {
			r.set(c.EventId, int32(257))
			r.set(c.Result, "Success")
			r.set(c.ResultCode, int32(0))
			r.set(c.IPAddresses, w.addrText(f.dstIP))
		}
		r.set(c.TaskCategory, "LookUp")
	}
}

// vmConnectionHour writes VM insights' connection records of the servers:
// every flow a server starts or accepts, in one-minute aggregates.
func (w *world) vmConnectionHour(e *emitter, h int) {
	c := w.cols.vmconn
	e.scratch.flows = w.flowStream(h, e.scratch.flows[:0])
	flows := e.scratch.flows
	for i := range flows {
		f := &flows[i]
		if f.nxdomain || f.deny {
			continue
		}
		if f.src != nil && f.src.IsServer() {
			w.vmConnRow(e, c, f, f.src, "outbound")
		}
		if f.dst != nil && f.dst.IsServer() {
			w.vmConnRow(e, c, f, f.dst, "inbound")
		}
	}
}

func (w *world) vmConnRow(e *emitter, c *vmConnectionCols, f *flowEvent, h *Host, dir string) {
	at := f.t.Add(time.Minute - time.Duration(f.t.UnixNano()%int64(time.Minute)))
	r := e.row(at)
	r.set(c.Computer, h.bFQDN)
	r.set(c.AgentId, h.bAgentID)
	r.set(c.Machine, h.bMachine)
	if dir == "outbound" && f.proc != nil {
		r.set(c.ProcessName, f.proc.img.bName)
		r.str(c.Process, f.proc.img.name)
	} else if f.dst != nil {
		name := sym(serverProcess(f.dst, f.dstPort))
		r.val(c.ProcessName, name)
		r.val(c.Process, name)
	}
	r.set(c.SourceIp, w.addrText(f.srcIP))
	r.set(c.DestinationIp, w.addrText(f.dstIP))
	r.set(c.DestinationPort, int32(f.dstPort))
	r.set(c.Protocol, "tcp")
	r.set(c.Direction, dir)
	remote := f.dstIP
	sent, recv := f.sent, f.recv
	if dir == "inbound" {
		remote = f.srcIP
		sent, recv = recv, sent
	}
	r.set(c.RemoteIp, w.addrText(remote))
	if dir == "outbound" && f.svc != nil {
		r.val(c.RemoteCountry, sym(countryName(f.svc.country)))
		r.set(c.RemoteLatitude, f.svc.lat)
		r.set(c.RemoteLongitude, f.svc.lon)
		if f.domain != "" {
			r.str(c.RemoteDnsQuestions, `["`+f.domain+`"]`)
		}
	}
	r.str(c.ConnectionId, f.srcIP.String()+"|"+strconv.Itoa(f.srcPort)+"|"+f.dstIP.String()+"|"+strconv.Itoa(f.dstPort)+"|tcp")
	r.set(c.BytesSent, sent)
	r.set(c.BytesReceived, recv)
	r.set(c.LinksEstablished, int64(1))
	r.set(c.LinksTerminated, int64(1))
	r.set(c.LinksLive, int64(0))
	r.set(c.LinksFailed, int64(0))
	r.set(c.Responses, int64(1+f.sent/4000))
	rt := int64(f.dur/time.Millisecond) % 900
	r.set(c.ResponseTimeMax, rt+20)
	r.set(c.ResponseTimeMin, rt/3+1)
	r.set(c.ResponseTimeSum, rt+20)
}

// serverProcess is the listening program of a server port.
func serverProcess(h *Host, port int) string {
	switch port {
	case 445, 139:
		return "System"
	case 389, 88, 636, 3268:
		return "lsass.exe"
	case 3389:
		return "svchost.exe"
	case 1433:
		return "sqlservr.exe"
	case 22:
		return "sshd"
	case 443, 80:
		if h.Linux {
			return "nginx"
		}
		return "w3wp.exe"
	case 5432:
		return "postgres"
	}
	return "svchost.exe"
}

var countryNames = map[string]string{"US": "United States", "GB": "United Kingdom", "NL": "Netherlands", "IE": "Ireland",
	"DE": "Germany", "SG": "Singapore", "NG": "Nigeria", "RO": "Romania", "RU": "Russia", "FR": "France"}

func countryName(code string) string {
	if n, ok := countryNames[code]; ok {
		return n
	}
	return code
}

// deviceNetworkHour writes Defender's view of the Windows machines'
// connections: outbound from a device, inbound to a server.
func (w *world) deviceNetworkHour(e *emitter, h int) {
	c := w.cols.deviceNetwork
	e.scratch.flows = w.flowStream(h, e.scratch.flows[:0])
	flows := e.scratch.flows
	for i := range flows {
		f := &flows[i]
		if f.nxdomain {
			continue
		}
		if f.src != nil && f.src.IsWindows() && f.proc != nil {
			r := e.row(f.t.Add(30 * time.Millisecond))
			w.netCommon(r, c, f, f.src)
			if f.deny {
				r.set(c.ActionType, "ConnectionFailed")
			} else {
				r.set(c.ActionType, "ConnectionSuccess")
			}
			r.set(c.RemoteIP, w.addrText(f.dstIP))
			r.set(c.RemotePort, int32(f.dstPort))
			r.str(c.RemoteUrl, f.domain)
			r.set(c.LocalIP, w.addrText(f.srcIP))
			r.set(c.LocalPort, int32(f.srcPort))
			r.set(c.RemoteIPType, ipType(f.dst == nil))
			w.initiating(r, &c.InitiatingColumns, f.proc, "", 0)
		}
		if f.dst != nil && f.dst.IsWindows() {
			r := e.row(f.t.Add(35 * time.Millisecond))
			w.netCommon(r, c, f, f.dst)
			r.set(c.ActionType, "InboundConnectionAccepted")
			r.set(c.RemoteIP, w.addrText(f.srcIP))
			r.set(c.RemotePort, int32(f.srcPort))
			r.set(c.LocalIP, w.addrText(f.dstIP))
			r.set(c.LocalPort, int32(f.dstPort))
			r.set(c.RemoteIPType, ipType(f.src == nil))
			sys := f.dst.idSystem
			r.val(c.InitiatingProcessFileName, sym(serverProcess(f.dst, f.dstPort)))
			r.set(c.InitiatingProcessAccountDomain, "nt authority")
			r.set(c.InitiatingProcessAccountName, "system")
			r.set(c.InitiatingProcessAccountSid, sys.bSID)
		}
	}
}

func (w *world) netCommon(r *rowBuf, c *deviceNetworkEventsCols, f *flowEvent, h *Host) {
	r.set(c.Timestamp, f.t)
	r.set(c.DeviceId, h.bDeviceID)
	r.set(c.DeviceName, h.bDeviceName)
	if f.udp {
		r.set(c.Protocol, "Udp")
	} else {
		r.set(c.Protocol, "Tcp")
	}
	r.set(c.LocalIPType, "Private")
	r.set(c.ReportId, reportID(f.t, uint32(f.srcPort)))
}

func ipType(public bool) any {
	if public {
		return "Public"
	}
	return "Private"
}
