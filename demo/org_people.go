package demo

import (
	"fmt"
	"net/netip"
	"strings"
)

// department describes one department: its share of the headcount, the
// title of its head, of team leads and of members, and the working pattern
// of its people.
type department struct {
	name       string
	weight     float64
	head, lead string
	members    []string
	start, end float64 // typical local working day
	remote     float64 // probability of working from home on a given day
}

var departments = []department{
	{"Executive", 0.03, "Chief Executive Officer", "Chief of Staff", []string{"Executive Assistant"}, 8.3, 18.5, 0.15},
	{"Finance", 0.10, "Chief Financial Officer", "Financial Controller", []string{"Accountant", "Financial Analyst", "Accounts Payable Specialist", "Payroll Specialist"}, 8.5, 17.3, 0.30},
	{"Human Resources", 0.06, "HR Director", "HR Business Partner", []string{"HR Coordinator", "Recruiter", "Learning and Development Specialist"}, 8.7, 17.2, 0.35},
	{"Sales", 0.18, "Sales Director", "Regional Sales Manager", []string{"Account Executive", "Business Development Representative", "Sales Operations Analyst"}, 8.6, 17.8, 0.40},
	{"Marketing", 0.08, "Marketing Director", "Marketing Manager", []string{"Content Specialist", "Digital Marketing Specialist", "Graphic Designer"}, 9.0, 17.5, 0.45},
	{"Engineering", 0.22, "Chief Technology Officer", "Engineering Manager", []string{"Software Engineer", "Senior Software Engineer", "DevOps Engineer", "QA Engineer", "Data Engineer"}, 9.5, 18.3, 0.55},
	{"IT", 0.07, "IT Director", "Infrastructure Lead", []string{"Systems Administrator", "Network Engineer", "Service Desk Analyst", "Security Analyst"}, 8.2, 17.5, 0.30},
	{"Legal", 0.04, "General Counsel", "Senior Legal Counsel", []string{"Legal Counsel", "Paralegal"}, 9.0, 18.0, 0.30},
	{"Operations", 0.12, "Chief Operating Officer", "Operations Manager", []string{"Operations Analyst", "Logistics Coordinator", "Project Manager", "Procurement Specialist"}, 8.0, 16.8, 0.25},
	{"Customer Support", 0.10, "Head of Customer Support", "Support Team Lead", []string{"Support Specialist", "Customer Success Manager"}, 8.0, 16.5, 0.35},
}

func departmentByName(name string) *department {
	for i := range departments {
		if departments[i].name == name {
			return &departments[i]
		}
	}
	return nil
}

// buildPeople creates 200–400 employees spread over the sites and
// departments, with a management chain: the CEO, department heads at HQ
// reporting to the CEO, a team lead per department and site, members
// reporting to their lead.
func (o *Org) buildPeople(r *rng) {
	n := 200 + r.IntN(201)
	siteW := make([]float64, len(o.Sites))
	for i, s := range o.Sites {
		siteW[i] = s.Weight
	}
	sites := newWeighted(o.Sites, siteW)
	deptW := make([]float64, len(departments))
	for i, d := range departments {
		deptW[i] = d.weight
	}
	depts := newWeighted(departments, deptW)

	used := map[string]bool{}
	ceo := o.newPerson(r, o.Sites[0], &departments[0], departments[0].head, used)
	heads := map[string]*User{}
	for i := range departments {
		d := &departments[i]
		if i == 0 {
			heads[d.name] = ceo
			continue
		}
		h := o.newPerson(r, o.Sites[0], d, d.head, used)
		h.Manager = ceo
		heads[d.name] = h
	}
	leads := map[string]*User{} // department + site code
	for len(o.Users) < n {
		d := depts.pick(r)
		s := sites.pick(r)
		key := d.name + "/" + s.Code
		lead, ok := leads[key]
		if !ok {
			lead = o.newPerson(r, s, &d, d.lead, used)
			lead.Manager = heads[d.name]
			leads[key] = lead
			continue
		}
		m := o.newPerson(r, s, &d, pick(r, d.members), used)
		m.Manager = lead
	}
	o.assignRhythms(r)
}

func (o *Org) newPerson(r *rng, s *Site, d *department, title string, used map[string]bool) *User {
	country := s.country
	if s.Code == "LON" && r.chance(0.08) { // a few Londoners with names from elsewhere
		country = pick(r, []string{"DE", "US", "SG"})
	}
	var given, sur, sam, upn string
	for try := 0; ; try++ {
		given = pick(r, givenNames[country])
		sur = pick(r, surnames[country])
		g, l := asciiFold(given), asciiFold(sur)
		sam = g[:1] + l
		if try > 0 {
			sam = fmt.Sprintf("%s%d", sam, try+1)
		}
		upn = g + "." + l
		if try > 0 {
			upn = fmt.Sprintf("%s%d", upn, try+1)
		}
		if !used[sam] && !used[upn] {
			break
		}
	}
	used[sam], used[upn] = true, true
	u := &User{
		Index: len(o.Users), GivenName: given, Surname: sur,
		DisplayName: given + " " + sur, Sam: sam, UPN: upn + "@" + o.Domain,
		ObjectID: r.guid(), RID: 1100 + len(o.Users)*3 + r.IntN(3),
		Department: d.name, Title: title, Site: s,
		EmployeeID: fmt.Sprintf("E%05d", 10000+len(o.Users)*7+r.IntN(7)),
		MFA:        true,
	}
	u.SID = fmt.Sprintf("%s-%d", o.DomainSID, u.RID)
	u.boxed()
	homes := homePlaces[s.country]
	u.Home = homes[0]
	if r.chance(0.45) {
		u.Home = pick(r, homes)
	}
	u.HomeIP = publicIP(r, s.country)
	u.MobileIP = publicIP(r, s.country)
	u.MobileOS = pick(r, []string{"iOS 17.5.1", "iOS 18.1", "Android 14", "iOS 17.6", "Android 13"})
	if d.name == "IT" {
		u.AdminSam = "adm-" + sam
		u.AdminSID = fmt.Sprintf("%s-%d", o.DomainSID, 5000+len(o.Users))
	}
	o.Users = append(o.Users, u)
	o.userBySam[strings.ToLower(sam)] = u
	if u.AdminSam != "" {
		o.userBySam[u.AdminSam] = u
	}
	return u
}

// publicIP draws a consumer address in one of the country's ISP networks.
func publicIP(r *rng, country string) netip.Addr {
	p := pick(r, ispPrefixes[country])
	var a, b int
	fmt.Sscanf(p, "%d.%d", &a, &b)
	return netip.AddrFrom4([4]byte{byte(a), byte(b), byte(r.between(1, 254)), byte(r.between(2, 253))})
}

// assignRhythms gives each person their working day, remote habit and the
// few special roles: weekend workers, IT on-call admins, travellers, and the
// MFA exclusions a real tenant always has.
func (o *Org) assignRhythms(r *rng) {
	for _, u := range o.Users {
		d := departmentByName(u.Department)
		u.Start = clamp(r.normal(d.start, 0.6), 6.5, 11)
		u.End = clamp(r.normal(d.end, 0.7), u.Start+6.5, 21)
		u.RemoteProb = clamp(r.normal(d.remote, 0.15), 0, 0.95)
		u.Weekender = r.chance(0.07) || (d.name == "Executive" && r.chance(0.5))
		u.OnCall = d.name == "IT" && (strings.Contains(u.Title, "Administrator") || strings.Contains(u.Title, "Network") || strings.Contains(u.Title, "Lead"))
		u.Traveler = d.name == "Sales" && r.chance(0.06)
		if r.chance(0.03) && d.name != "IT" && d.name != "Executive" {
			u.MFA = false
		}
	}
	// Every tenant has its legacy MFA exclusions; make sure HQ has one (the
	// password spray story needs it).
	for _, u := range o.Users {
		if !u.MFA && u.Site == o.Sites[0] {
			return
		}
	}
	var hq []*User
	for _, u := range o.Users {
		if u.Site == o.Sites[0] && u.Department != "IT" && u.Department != "Executive" {
			hq = append(hq, u)
		}
	}
	pick(r, hq).MFA = false
}

func clamp(x, lo, hi float64) float64 { return min(max(x, lo), hi) }

// buildServiceAccounts adds the service and built-in accounts that act
// around the clock.
func (o *Org) buildServiceAccounts() {
	for i, s := range []struct{ sam, name, desc string }{
		{"svc_backup", "Backup Service", "Veeam backup jobs"},
		{"svc_sql", "SQL Service", "SQL Server engine and agent"},
		{"svc_scan", "Vulnerability Scanner", "authenticated scans"},
		{"svc_web", "Intranet App Pool", "IIS application pool identity"},
		{"svc_monitor", "Monitoring", "infrastructure monitoring"},
		{"svc_adsync", "Entra Connect Sync", "directory synchronisation"},
		{"Administrator", "Administrator", "built-in domain administrator"},
	} {
		u := &User{Index: -1 - i, GivenName: s.name, DisplayName: s.name, Sam: s.sam,
			UPN: strings.ToLower(s.sam) + "@" + o.Domain, Service: true, Department: "Service Accounts",
			Title: s.desc, RID: 1000 + i*5}
		if s.sam == "Administrator" {
			u.RID = 500
		}
		u.SID = fmt.Sprintf("%s-%d", o.DomainSID, u.RID)
		u.ObjectID = fmt.Sprintf("%08x-0000-4000-8000-%012x", 0x5e000000+i, u.RID)
		u.boxed()
		o.Service = append(o.Service, u)
		o.userBySam[strings.ToLower(s.sam)] = u
	}
}
