package demo

import (
	"fmt"
	"net/netip"
	"strings"
)

// server describes one fixed server of the organisation.
type server struct {
	name   string
	kind   hostKind
	ip     string
	os     string
	build  string
	linux  bool
	azure  bool
	public string
}

var servers = []server{
	{"DC01", kindDC, "10.0.10.10", "Windows Server 2022", "10.0.20348", false, false, ""},
	{"DC02", kindDC, "10.0.10.11", "Windows Server 2022", "10.0.20348", false, false, ""},
	{"FS01", kindFile, "10.0.10.20", "Windows Server 2019", "10.0.17763", false, false, ""},
	{"EXCH01", kindExchange, "10.0.10.30", "Windows Server 2019", "10.0.17763", false, false, ""},
	{"SQL01", kindSQL, "10.0.10.40", "Windows Server 2022", "10.0.20348", false, false, ""},
	{"APP01", kindApp, "10.0.10.50", "Windows Server 2022", "10.0.20348", false, false, ""},
	{"MGMT01", kindMgmt, "10.0.10.60", "Windows Server 2022", "10.0.20348", false, false, ""},
	{"BKP01", kindBackup, "10.0.10.70", "Windows Server 2019", "10.0.17763", false, false, ""},
	{"web01", kindWeb, "172.16.20.10", "Ubuntu 22.04.4 LTS", "5.15.0-105-generic", true, false, "203.0.113.80"},
	{"web02", kindWeb, "172.16.20.11", "Ubuntu 22.04.4 LTS", "5.15.0-105-generic", true, false, "203.0.113.80"},
	{"bastion01", kindBastion, "172.16.20.5", "Ubuntu 20.04.6 LTS", "5.4.0-182-generic", true, false, "203.0.113.22"},
	{"db01", kindDB, "10.0.20.10", "Ubuntu 22.04.4 LTS", "5.15.0-105-generic", true, false, ""},
	{"monitor01", kindMonitor, "10.0.20.20", "Ubuntu 22.04.4 LTS", "5.15.0-105-generic", true, false, ""},
	{"build01", kindBuild, "10.100.1.10", "Ubuntu 22.04.4 LTS", "6.5.0-1021-azure", true, true, "20.90.131.44"},
}

// buildHosts gives every person a workstation in their office's LAN and
// adds the servers.
func (o *Org) buildHosts(r *rng) {
	next := map[string]int{}
	for _, u := range o.Users {
		s := u.Site
		desktop := (u.Department == "Finance" || u.Department == "Operations" || u.Department == "Customer Support") && r.chance(0.45)
		kind := "LT"
		if desktop {
			kind = "WS"
		}
		next[s.Code]++
		num := 100 + next[s.Code]*3 + r.IntN(3)
		name := fmt.Sprintf("%s-%s%04d", s.Code, kind, num)
		h := &Host{Name: name, Kind: kindWorkstation, Site: s, Owner: u, Desktop: desktop,
			IP: addrIn(s.Net, 16+next[s.Code]/250, 10+next[s.Code]%240)}
		h.OS, h.OSBuild = "Windows 11", "10.0.22631"
		if r.chance(0.35) {
			h.OS, h.OSBuild = "Windows 10", "10.0.19045"
		}
		u.Workstation = h
		o.addHost(r, h)
	}
	for _, sv := range servers {
		h := &Host{Name: sv.name, Kind: sv.kind, Site: o.Sites[0], IP: netip.MustParseAddr(sv.ip),
			OS: sv.os, OSBuild: sv.build, Linux: sv.linux, Azure: sv.azure, Desktop: true}
		if sv.public != "" {
			h.Public = netip.MustParseAddr(sv.public)
		}
		o.addHost(r, h)
		o.Servers = append(o.Servers, h)
	}
}

func (o *Org) addHost(r *rng, h *Host) {
	if h.Linux {
		h.FQDN = h.Name
		if !h.Azure {
			h.FQDN = h.Name + "." + o.ADDomain
		}
	} else {
		h.FQDN = h.Name + "." + o.ADDomain
	}
	h.SID = fmt.Sprintf("%s-%d", o.DomainSID, 3100+len(o.Hosts)*2)
	h.DeviceID = r.hexString(40)
	h.AgentID = r.guid()
	h.AADID = r.guid()
	h.MAC = strings.ToUpper(fmt.Sprintf("00-15-5D-%02x-%02x-%02x", r.IntN(256), r.IntN(256), r.IntN(256)))
	if h.IsWindows() {
		h.sys = sysPids{
			system: 4, smss: pid4(r, 0x100, 0x180), wininit: pid4(r, 0x1c0, 0x240),
			services: pid4(r, 0x280, 0x2c0), lsass: pid4(r, 0x2c0, 0x300), winlogon: pid4(r, 0x300, 0x340),
			svcDcom: pid4(r, 0x340, 0x3c0), svcNetsvcs: pid4(r, 0x400, 0x500), svcLocal: pid4(r, 0x500, 0x600),
			svcNetwork: pid4(r, 0x600, 0x700), svcSchedule: pid4(r, 0x700, 0x800),
			defender: pid4(r, 0xc00, 0x1000), agent: pid4(r, 0x1000, 0x1400),
		}
	}
	h.idSystem = (&identity{name: h.Name + "$", domain: o.NetBIOS, sid: "S-1-5-18", logonID: 0x3e7, machine: true, system: true}).boxed()
	h.idNetwork = (&identity{name: h.Name + "$", domain: o.NetBIOS, sid: "S-1-5-20", logonID: 0x3e4, machine: true, system: true}).boxed()
	h.idSysLogon = (&identity{name: "SYSTEM", domain: "NT AUTHORITY", sid: "S-1-5-18", logonID: 0x3e7, system: true}).boxed()
	h.idAccount = (&identity{name: h.Name + "$", domain: o.NetBIOS, sid: h.SID, machine: true}).boxed()
	if h.Linux {
		h.idRoot = (&identity{name: "root", domain: h.Name, sid: "0", system: true}).boxed()
		h.idWWW = (&identity{name: "www-data", domain: h.Name, sid: "33"}).boxed()
	}
	h.bFQDN, h.bAgentID = h.FQDN, h.AgentID
	h.bDeviceID, h.bDeviceName = h.DeviceID, strings.ToLower(h.FQDN)
	h.bMachine = "m-" + h.AgentID
	h.bHostName = h.Name
	h.serviceAccount = serviceAccountOf(h)
	h.bServiceAccount = h.serviceAccount
	o.Hosts = append(o.Hosts, h)
	o.hostByName[strings.ToUpper(h.Name)] = h
}

// pid4 draws a Windows-style process id (a multiple of four) in [lo, hi).
func pid4(r *rng, lo, hi int) uint32 { return uint32((lo + r.IntN(hi-lo)) &^ 3) }

// ResourceID is the Azure resource id of a host: a VM for Azure machines, an
// Arc-enabled server otherwise.
func (o *Org) ResourceID(h *Host) string {
	if h.Azure {
		return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Compute/virtualMachines/%s",
			o.SubscriptionID, o.ResourceGroup, h.Name)
	}
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.HybridCompute/machines/%s",
		o.SubscriptionID, o.ResourceGroup, h.Name)
}
