package demo

import "strconv"

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

	// The values rows carry, boxed once: an identity appears in many rows
	// and boxing a string for a row allocates.
	bName, bDomain, bSID, bAccount, bType, bLogon any
	// For val: nil when empty.
	bUPN, bObjID, bMdeDomain, bMdeName any
	bFirewallUser                      any // the firewall's user-id: corp\jsmith
	bLogonID                           any // logonID as Defender's LogonId (int64)
}

// boxed fills the boxed values; constructors call it once.
func (id *identity) boxed() *identity {
	id.bName, id.bDomain, id.bSID = id.name, id.domain, id.sid
	id.bAccount = id.domain + `\` + id.name
	id.bType = "User"
	if id.machine || id.system {
		id.bType = "Machine"
	}
	id.bLogon, id.bLogonID = hexID(id.logonID), int64(id.logonID)
	id.bUPN, id.bObjID = box(id.upn), box(id.objID)
	id.bMdeDomain, id.bMdeName = box(mdeDomain(id)), box(mdeName(id))
	id.bFirewallUser = lowerASCII(id.domain) + `\` + id.name
	return id
}

// withLogon returns a copy of the identity in another logon session.
func (id *identity) withLogon(logonID uint64) *identity {
	x := *id
	x.logonID = logonID
	x.bLogon, x.bLogonID = hexID(logonID), int64(logonID)
	return &x
}

// integrity is a process's mandatory label together with its token type.
type integrity uint8

const (
	ilMedium integrity = iota // standard user, limited token
	ilHigh                    // elevated administrator
	ilSystem                  // services and SYSTEM
	ilLow                     // sandboxed (browser renderers)
)

func (il integrity) label() any {
	return [...]any{"S-1-16-8192", "S-1-16-12288", "S-1-16-16384", "S-1-16-4096"}[il]
}

// tokenType is the %%193x code 4688 writes in TokenElevationType.
func (il integrity) tokenType() any {
	return [...]any{"%%1938", "%%1937", "%%1936", "%%1938"}[il]
}

func (il integrity) mdeLevel() any { return [...]any{"Medium", "High", "System", "Low"}[il] }

func (il integrity) mdeElevation() any {
	return [...]any{"TokenElevationTypeLimited", "TokenElevationTypeFull", "TokenElevationTypeDefault", "TokenElevationTypeLimited"}[il]
}

// The built-in service identities of a host.
func (o *Org) systemID(h *Host) *identity {
	return h.idSystem
}

func (o *Org) networkServiceID(h *Host) *identity {
	return h.idNetwork
}

func (o *Org) localServiceID() *identity {
	return (&identity{name: "LOCAL SERVICE", domain: "NT AUTHORITY", sid: "S-1-5-19", logonID: 0x3e5, system: true}).boxed()
}

// userID is a person's (or service account's) domain identity in a logon
// session.
func (o *Org) userID(u *User, logonID uint64) *identity {
	return (&identity{name: u.Sam, domain: o.NetBIOS, sid: u.SID, upn: u.UPN, objID: u.ObjectID, logonID: logonID, user: u}).boxed()
}

// adminID is an IT person's privileged account.
func (o *Org) adminID(u *User, logonID uint64) *identity {
	return (&identity{name: u.AdminSam, domain: o.NetBIOS, sid: u.AdminSID, logonID: logonID, user: u}).boxed()
}

// hexID is x in hexadecimal with 0x, as Windows writes ids.
func hexID(x uint64) string {
	var b [18]byte
	return string(strconv.AppendUint(append(b[:0], "0x"...), x, 16))
}
