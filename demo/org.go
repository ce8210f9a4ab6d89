package demo

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Org is the synthetic organisation: everything here derives from the seed.
type Org struct {
	Name           string // "Halvorsen Maritime"
	Domain         string // mail and UPN domain, "halvorsenmaritime.com"
	ADDomain       string // Active Directory DNS domain, "corp.halvorsenmaritime.com"
	NetBIOS        string // "HALVORSEN"
	DomainSID      string // "S-1-5-21-…" without the RID
	TenantID       string // Entra ID tenant
	WorkspaceID    string // Log Analytics workspace (TenantId column)
	SubscriptionID string
	ResourceGroup  string

	Sites    []*Site
	Users    []*User // people, in creation order
	Service  []*User // service and built-in accounts
	Hosts    []*Host // workstations first, then servers
	Servers  []*Host
	Firewall []*Firewall

	Egress   netip.Addr // HQ internet egress (NAT) address
	VPNPool  netip.Prefix
	VPNGate  netip.Addr // public address of the VPN portal
	Partners []string   // external mail domains the company corresponds with

	realm      string            // Kerberos realm: ADDomain in capitals
	svcDomains map[string]string // serviceDomain's names of the services named after the organisation
	hostByName map[string]*Host
	userBySam  map[string]*User
}

// Site is an office with its own network and internet breakout.
type Site struct {
	Code    string // "LON"
	place          // the office's city
	TZ      *time.Location
	Net     netip.Prefix // office LAN, e.g. 10.10.0.0/16
	Egress  netip.Addr   // public NAT address
	Weight  float64      // share of the headcount
	country string

	// bNetworkLocation is sign-ins' NetworkLocationDetails from the office
	// (a named, trusted location), boxed once.
	bNetworkLocation any
}

// User is a person or a service account.
type User struct {
	Index       int
	GivenName   string
	Surname     string
	DisplayName string
	Sam         string // sAMAccountName, "jsmith"
	UPN         string // "james.smith@domain"
	ObjectID    string // Entra ID object id
	RID         int
	SID         string
	Department  string
	Title       string
	Manager     *User
	Site        *Site
	Home        place
	HomeIP      netip.Addr // home broadband
	MobileIP    netip.Addr
	MobileOS    string // "iOS 17.5" or "Android 14"
	Workstation *Host
	Service     bool
	// AdminSam is the separate privileged account of IT staff ("adm-jsmith").
	AdminSam string
	AdminSID string
	// Rhythm: local start and end of the working day in hours, how often the
	// person works from home, and whether they work some weekends or take
	// on-call duty.
	Start, End float64
	RemoteProb float64
	Weekender  bool
	OnCall     bool
	Traveler   bool
	MFA        bool // registered for MFA; a few legacy exclusions are not
	EmployeeID string

	// Boxed once for rows' val (nil when empty): a person is in many rows.
	bDisplayName, bUPN, bObjectID any
}

// boxed fills the boxed values once the names are set.
func (u *User) boxed() *User {
	u.bDisplayName, u.bUPN, u.bObjectID = box(u.DisplayName), box(u.UPN), box(u.ObjectID)
	return u
}

// Host is a Windows or Linux machine.
type Host struct {
	Name     string // "LON-LT0412"
	FQDN     string
	IP       netip.Addr
	Kind     hostKind
	Site     *Site
	OS       string // "Windows 11", "Windows Server 2022", "Ubuntu 22.04"
	OSBuild  string // "10.0.22631"
	Linux    bool
	Desktop  bool   // always on; laptops are on while their owner works
	Owner    *User  // primary user of a workstation
	DeviceID string // Defender for Endpoint device id (40 hex digits)
	AgentID  string // Log Analytics agent id (SourceComputerId)
	AADID    string // Entra ID device id
	Public   netip.Addr
	Azure    bool
	MAC      string
	SID      string // computer account SID
	sys      sysPids

	idSystem, idNetwork    *identity // SYSTEM and NETWORK SERVICE as process subjects (HOST$)
	idSysLogon, idAccount  *identity // NT AUTHORITY\SYSTEM as a logon target; the computer account
	idRoot, idWWW          *identity // root and the web server's www-data on Linux
	bFQDN, bAgentID        any       // boxed once for rows
	bDeviceID, bDeviceName any
	bMachine               any    // VM insights' machine name
	bHostName              any    // Name
	serviceAccount         string // serviceAccountOf
	bServiceAccount        any
}

type hostKind uint8

const (
	kindWorkstation hostKind = iota
	kindDC
	kindFile
	kindExchange
	kindSQL
	kindApp
	kindMgmt
	kindBackup
	kindWeb
	kindBastion
	kindDB
	kindMonitor
	kindBuild
)

// Firewall is a site's internet firewall (Palo Alto, logging CEF).
type Firewall struct {
	Name string
	IP   netip.Addr
	Site *Site

	bName, bIP, bExternalID any // boxed once for rows
}

// sysPids are the long-lived processes of a Windows host, fixed for the
// whole window (the demo does not reboot machines).
type sysPids struct {
	system, smss, wininit, services, lsass, winlogon       uint32
	svcDcom, svcNetsvcs, svcLocal, svcNetwork, svcSchedule uint32
	defender, agent                                        uint32
}

// Host returns the host with the given short name, or nil.
func (o *Org) Host(name string) *Host { return o.hostByName[strings.ToUpper(name)] }

// UserBySam returns the account with the given sAMAccountName, or nil.
func (o *Org) UserBySam(sam string) *User { return o.userBySam[strings.ToLower(sam)] }

// IsWindows reports whether the host runs Windows.
func (h *Host) IsWindows() bool { return !h.Linux }

// IsServer reports whether the host is a server.
func (h *Host) IsServer() bool { return h.Kind != kindWorkstation }

// Account is the DOMAIN\sam form Windows events use.
func (o *Org) Account(u *User) string { return o.NetBIOS + `\` + u.Sam }

var companies = []struct{ name, slug, netbios string }{
	{"Halvorsen Maritime", "halvorsenmaritime", "HALVORSEN"},
	{"Brightwater Logistics", "brightwaterlogistics", "BRIGHTWATER"},
	{"Corvid Engineering", "corvideng", "CORVID"},
	{"Ashgrove Pharma", "ashgrovepharma", "ASHGROVE"},
	{"Kestrel Analytics", "kestrelanalytics", "KESTREL"},
	{"Lindqvist & Rowe", "lindqvistrowe", "LINDROWE"},
}

// NewOrg builds the organisation for a seed.
func NewOrg(seed int64) *Org {
	r := newRNG(seed, "org")
	c := companies[r.IntN(len(companies))]
	o := &Org{
		Name: c.name, Domain: c.slug + ".com", NetBIOS: c.netbios,
		ADDomain:       "corp." + c.slug + ".com",
		TenantID:       r.guid(),
		WorkspaceID:    r.guid(),
		SubscriptionID: r.guid(),
		ResourceGroup:  "rg-" + strings.ToLower(c.netbios) + "-prod",
		DomainSID:      fmt.Sprintf("S-1-5-21-%d-%d-%d", 1e9+r.IntN(3e9), 1e9+r.IntN(3e9), 1e9+r.IntN(3e9)),
		hostByName:     map[string]*Host{},
		userBySam:      map[string]*User{},
		VPNPool:        netip.MustParsePrefix("10.250.0.0/16"),
		VPNGate:        netip.MustParseAddr("203.0.113.5"),
		Partners: []string{"northwind-supply.com", "tailspin-freight.com", "adatum-consulting.com",
			"fourthcoffee.com", "litware-legal.com", "wingtiptoys.com", "gmail.com", "outlook.com"},
	}
	o.realm = upperASCII(o.ADDomain)
	o.svcDomains = o.serviceDomains()
	o.buildSites()
	o.Egress = o.Sites[0].Egress
	o.buildPeople(r)
	o.buildServiceAccounts()
	o.buildHosts(r)
	return o
}

func (o *Org) buildSites() {
	mk := func(code, country string, p place, tz string, net, egress string, w float64) *Site {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			panic("demo: time zone " + tz + ": " + err.Error()) // tzdata is embedded; cannot happen
		}
		return &Site{Code: code, place: p, TZ: loc, Net: netip.MustParsePrefix(net),
			Egress: netip.MustParseAddr(egress), Weight: w, country: country}
	}
	o.Sites = []*Site{
		mk("LON", "GB", homePlaces["GB"][0], "Europe/London", "10.10.0.0/16", "203.0.113.10", 0.42),
		mk("BER", "DE", homePlaces["DE"][0], "Europe/Berlin", "10.20.0.0/16", "203.0.113.20", 0.24),
		mk("NYC", "US", homePlaces["US"][0], "America/New_York", "10.30.0.0/16", "203.0.113.30", 0.24),
		mk("SIN", "SG", homePlaces["SG"][0], "Asia/Singapore", "10.40.0.0/16", "203.0.113.40", 0.10),
	}
	for _, s := range o.Sites {
		named := s.City + " Office"
		s.bNetworkLocation = `[{"networkType":"namedNetwork","networkNames":["` + named + `"]},{"networkType":"trustedNamedLocation","networkNames":["` + named + `"]}]`
		fw := &Firewall{Name: s.Code + "-FW01", Site: s, IP: addrIn(s.Net, 0, 1)}
		fw.bName, fw.bIP = fw.Name, fw.IP.String()
		fw.bExternalID = "0079010" + strconv.Itoa(10000+int(fw.IP.As4()[1])*37)
		o.Firewall = append(o.Firewall, fw)
	}
}

// addrIn returns the address at third and fourth octet offsets inside p.
func addrIn(p netip.Prefix, third, fourth int) netip.Addr {
	b := p.Addr().As4()
	b[2] += byte(third)
	b[3] += byte(fourth)
	return netip.AddrFrom4(b)
}

// asciiFold turns "Müller" into "muller" for account names and addresses
// (the name lists use only these non-ASCII letters).
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 'ä', 'Ä':
			b.WriteString("a")
		case 'ö', 'Ö':
			b.WriteString("o")
		case 'ü', 'Ü':
			b.WriteString("u")
		case 'ß':
			b.WriteString("ss")
		case 'é', 'É':
			b.WriteString("e")
		default:
			if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				b.WriteRune(unicode.ToLower(r))
			}
		}
	}
	return b.String()
}
