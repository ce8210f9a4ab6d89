package demo

import (
	"net/netip"
)

// service is an internet destination the organisation talks to: a name, the
// addresses it resolves to, its port, the firewall's application name for
// it and where it is hosted.
type service struct {
	domain  string
	prefix  string // first three octets of its addresses
	hosts   int    // how many addresses (last octet 10, 11, ...)
	port    int
	app     string // Palo Alto App-ID
	kind    svcKind
	weight  float64
	country string
	lat     float64
	lon     float64
	proc    string // the program that usually talks to it ("" = the browser)
}

type svcKind uint8

const (
	svcWeb svcKind = iota
	svcM365
	svcUpdate
	svcDev
	svcServer // servers' own outbound traffic
)

// services the people and machines reach. Addresses are in each provider's
// public ranges; the demo only needs them stable and plausible.
var services = []service{
	{"outlook.office365.com", "52.97.146", 6, 443, "ms-office365-base", svcM365, 14, "GB", 51.50, -0.12, pOutlook},
	{"teams.microsoft.com", "52.113.194", 4, 443, "ms-teams", svcM365, 10, "NL", 52.37, 4.89, pTeams},
	{"{tenant}.sharepoint.com", "13.107.136", 2, 443, "sharepoint-online", svcM365, 8, "US", 47.60, -122.33, pOneDrive},
	{"{tenant}-my.sharepoint.com", "13.107.138", 2, 443, "sharepoint-online", svcM365, 6, "US", 47.60, -122.33, pOneDrive},
	{"login.microsoftonline.com", "20.190.159", 8, 443, "ms-office365-base", svcM365, 6, "IE", 53.35, -6.26, ""},
	{"graph.microsoft.com", "20.190.160", 4, 443, "ms-graph", svcM365, 3, "IE", 53.35, -6.26, pTeams},
	{"www.office.com", "52.98.58", 3, 443, "ms-office365-base", svcM365, 3, "GB", 51.50, -0.12, ""},
	{"www.google.com", "142.250.180", 6, 443, "google-base", svcWeb, 8, "US", 37.42, -122.08, ""},
	{"www.bbc.co.uk", "151.101.0", 4, 443, "web-browsing", svcWeb, 2, "GB", 51.50, -0.12, ""},
	{"www.linkedin.com", "13.107.42", 2, 443, "linkedin-base", svcWeb, 3, "US", 47.60, -122.33, ""},
	{"login.salesforce.com", "136.146.208", 3, 443, "salesforce-base", svcWeb, 3, "US", 37.78, -122.40, ""},
	{"zoom.us", "170.114.52", 3, 443, "zoom-base", svcWeb, 2, "US", 37.39, -121.93, ""},
	{"www.youtube.com", "142.250.187", 4, 443, "youtube-base", svcWeb, 3, "US", 37.42, -122.08, ""},
	{"en.wikipedia.org", "185.15.58", 2, 443, "wikipedia-base", svcWeb, 2, "NL", 52.37, 4.89, ""},
	{"www.amazon.com", "54.239.28", 3, 443, "amazon-base", svcWeb, 2, "US", 47.61, -122.33, ""},
	{"docs.google.com", "142.250.200", 3, 443, "google-docs-base", svcWeb, 1, "US", 37.42, -122.08, ""},
	{"www.reuters.com", "23.53.43", 2, 443, "web-browsing", svcWeb, 1, "US", 42.36, -71.06, ""},
	{"cdn.jsdelivr.net", "104.16.85", 3, 443, "ssl", svcWeb, 2, "US", 37.77, -122.42, ""},
	{"github.com", "140.82.121", 4, 443, "github-base", svcDev, 4, "US", 37.77, -122.42, ""},
	{"registry.npmjs.org", "104.16.24", 3, 443, "ssl", svcDev, 2, "US", 37.77, -122.42, ""},
	{"pypi.org", "151.101.64", 2, 443, "ssl", svcDev, 1, "US", 37.77, -122.42, ""},
	{"stackoverflow.com", "104.18.32", 2, 443, "web-browsing", svcDev, 2, "US", 40.71, -74.01, ""},
	{"portal.azure.com", "20.50.2", 2, 443, "ms-azure-base", svcDev, 1, "NL", 52.37, 4.89, ""},
	{"update.googleapis.com", "142.250.179", 2, 443, "google-update", svcUpdate, 3, "US", 37.42, -122.08, pGoogleUpdate},
	{"msedge.api.cdp.microsoft.com", "13.107.4", 2, 443, "ms-update", svcUpdate, 2, "US", 47.60, -122.33, pEdgeUpdate},
	{"wdcp.microsoft.com", "20.42.73", 2, 443, "ms-defender", svcUpdate, 3, "US", 47.60, -122.33, pMsMpEng},
	{"winatp-gw-weu.microsoft.com", "20.50.201", 2, 443, "ms-defender", svcUpdate, 4, "NL", 52.37, 4.89, pSense},
	{"v10.events.data.microsoft.com", "20.42.65", 3, 443, "ms-product-telemetry", svcUpdate, 4, "US", 47.60, -122.33, pSvchost},
	{"download.windowsupdate.com", "13.107.4", 3, 80, "ms-update", svcUpdate, 2, "US", 47.60, -122.33, pSvchost},
	{"settings-win.data.microsoft.com", "51.104.15", 2, 443, "ms-product-telemetry", svcUpdate, 2, "GB", 51.50, -0.12, pSvchost},
	{"archive.ubuntu.com", "91.189.91", 3, 80, "apt-get", svcServer, 3, "GB", 51.50, -0.12, "/usr/lib/apt/methods/http"},
	{"security.ubuntu.com", "185.125.190", 3, 80, "apt-get", svcServer, 2, "GB", 51.50, -0.12, "/usr/lib/apt/methods/http"},
	{"{workspace}.ods.opinsights.azure.com", "20.49.104", 2, 443, "ms-azure-base", svcServer, 6, "GB", 51.50, -0.12, ""},
	{"registry-1.docker.io", "3.216.34", 3, 443, "docker", svcServer, 2, "US", 39.04, -77.49, "/usr/bin/dockerd"},
	{"{storage}.blob.core.windows.net", "20.60.62", 2, 443, "ms-azure-storage", svcServer, 2, "GB", 51.50, -0.12, pVeeamSvc},
}

// addr returns the i-th address of a service.
func (s *service) addr(i int) netip.Addr {
	var a, b, c int
	parseDotted3(s.prefix, &a, &b, &c)
	return netip.AddrFrom4([4]byte{byte(a), byte(b), byte(c), byte(10 + i%s.hosts)})
}

func parseDotted3(s string, a, b, c *int) {
	n, part := 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			switch part {
			case 0:
				*a = n
			case 1:
				*b = n
			default:
				*c = n
			}
			n, part = 0, part+1
			continue
		}
		n = n*10 + int(s[i]-'0')
	}
}

// serviceDomain is the name a service is reached under in this organisation
// (the SharePoint tenant and workspace ids are the organisation's).
func (o *Org) serviceDomain(s *service) string {
	if d, ok := o.svcDomains[s.domain]; ok {
		return d
	}
	return s.domain
}

// serviceDomains are the organisation's names of the services named after
// it, by their templates (serviceDomain's, built once: flows ask a lot).
func (o *Org) serviceDomains() map[string]string {
	return map[string]string{
		"{tenant}.sharepoint.com":              o.tenantSlug() + ".sharepoint.com",
		"{tenant}-my.sharepoint.com":           o.tenantSlug() + "-my.sharepoint.com",
		"{workspace}.ods.opinsights.azure.com": o.WorkspaceID + ".ods.opinsights.azure.com",
		"{storage}.blob.core.windows.net":      "st" + o.tenantSlug() + "backup.blob.core.windows.net",
	}
}

// tenantSlug is the first label of the company domain.
func (o *Org) tenantSlug() string {
	for i := 0; i < len(o.Domain); i++ {
		if o.Domain[i] == '.' {
			return o.Domain[:i]
		}
	}
	return o.Domain
}
