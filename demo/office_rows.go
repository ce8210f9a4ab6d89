package demo

import (
	"fmt"
	"strings"
)

// officeUser is what OfficeActivity rows say about a person, the same in
// each of their rows, so a world builds it once (boxed, for rows).
type officeUser struct {
	userID       any // the lower-case UPN
	spKey, exKey any // UserKey of SharePoint and of Exchange records
	sid, mailbox any // MailboxOwnerSid, MailboxGuid
	personalSite string
}

func (w *world) newOfficeUser(u *User) *officeUser {
	k := mix64(uint64(u.Index)) % 0xffffffffffff
	return &officeUser{
		userID:       strings.ToLower(u.UPN),
		spKey:        fmt.Sprintf("i:0h.f|membership|1003%012x@live.com", k),
		exKey:        fmt.Sprintf("1003%012X", k),
		sid:          box(u.SID),
		mailbox:      siteGUID(u.UPN),
		personalSite: "https://" + w.org.tenantSlug() + "-my.sharepoint.com/personal/" + strings.NewReplacer("@", "_", ".", "_").Replace(u.UPN) + "/",
	}
}

// officeUserOf is u's officeUser: the world's for its people, built anew
// for anyone else.
func (w *world) officeUserOf(u *User) *officeUser {
	if ou, ok := w.office.users[u]; ok {
		return ou
	}
	return w.newOfficeUser(u)
}

// officeSite is a SharePoint site's URL and id, boxed.
type officeSite struct{ url, id any }

// officeCache holds the boxed values of OfficeActivity: per person and per
// site. Built by newWorld, then only read.
type officeCache struct {
	users   map[*User]*officeUser
	sites   map[string]officeSite
	orgName any // OrganizationName
}

func (w *world) newOfficeCache() officeCache {
	c := officeCache{users: map[*User]*officeUser{}, sites: map[string]officeSite{},
		orgName: w.org.tenantSlug() + ".onmicrosoft.com"}
	addSite := func(url string) { c.sites[url] = officeSite{url, siteGUID(url)} }
	for _, users := range [][]*User{w.org.Users, w.org.Service} {
		for _, u := range users {
			ou := w.newOfficeUser(u)
			c.users[u] = ou
			addSite(ou.personalSite)
			addSite(w.teamSite(u.Department))
		}
	}
	addSite(w.teamSite("Company"))
	return c
}

// site is the boxed URL and id of a site.
func (c *officeCache) site(url string) officeSite {
	if s, ok := c.sites[url]; ok {
		return s
	}
	return officeSite{box(url), siteGUID(url)}
}
