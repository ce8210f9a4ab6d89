package demo

import "fmt"

// identity is the security principal a process or logon runs as.
type identity struct {
	name    string // "jsmith", "LON-LT0412$", "LOCAL SERVICE"
	domain  string // "CORP" (NetBIOS), "NT AUTHORITY"
	sid     string
	upn     string
	objID   string
	logonID uint64
	user    *User
	machine bool // the computer account (SYSTEM / NETWORK SERVICE events)
	system  bool // SYSTEM, LOCAL SERVICE or NETWORK SERVICE
}

// integrity is a process's mandatory label together with its token type.
type integrity uint8

const (
	ilMedium integrity = iota // standard user, limited token
	ilHigh                    // elevated administrator
	ilSystem                  // services and SYSTEM
	ilLow                     // sandboxed (browser renderers)
)

func (il integrity) label() string {
	return [...]string{"S-1-16-8192", "S-1-16-12288", "S-1-16-16384", "S-1-16-4096"}[il]
}

// tokenType is the %%193x code 4688 writes in TokenElevationType.
func (il integrity) tokenType() string {
	return [...]string{"%%1938", "%%1937", "%%1936", "%%1938"}[il]
}

func (il integrity) mdeLevel() string { return [...]string{"Medium", "High", "System", "Low"}[il] }

func (il integrity) mdeElevation() string {
	return [...]string{"TokenElevationTypeLimited", "TokenElevationTypeFull", "TokenElevationTypeDefault", "TokenElevationTypeLimited"}[il]
}

// The built-in service identities of a host.
func (o *Org) systemID(h *Host) *identity {
	return &identity{name: h.Name + "$", domain: o.NetBIOS, sid: "S-1-5-18", logonID: 0x3e7, machine: true, system: true}
}

func (o *Org) networkServiceID(h *Host) *identity {
	return &identity{name: h.Name + "$", domain: o.NetBIOS, sid: "S-1-5-20", logonID: 0x3e4, machine: true, system: true}
}

func (o *Org) localServiceID() *identity {
	return &identity{name: "LOCAL SERVICE", domain: "NT AUTHORITY", sid: "S-1-5-19", logonID: 0x3e5, system: true}
}

// userID is a person's (or service account's) domain identity in a logon
// session.
func (o *Org) userID(u *User, logonID uint64) *identity {
	return &identity{name: u.Sam, domain: o.NetBIOS, sid: u.SID, upn: u.UPN, objID: u.ObjectID, logonID: logonID, user: u}
}

// adminID is an IT person's privileged account.
func (o *Org) adminID(u *User, logonID uint64) *identity {
	return &identity{name: u.AdminSam, domain: o.NetBIOS, sid: u.AdminSID, logonID: logonID, user: u}
}

func hexID(x uint64) string { return fmt.Sprintf("0x%x", x) }
