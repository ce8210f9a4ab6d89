package demo

import (
	"encoding/json"
	"net/netip"
	"strconv"
	"time"
)

// signinEvent is one Entra ID sign-in.
type signinEvent struct {
	t           time.Time
	u           *User
	app         *cloudApp
	interactive bool
	ip          netip.Addr
	place       place
	asn         string
	host        *Host // the managed device, nil for phones and unknown devices
	mobileOS    string
	browser     string
	ua          string
	err         *signinError
	mfa         bool   // the sign-in required (and performed) MFA
	mfaMethod   string // "Mobile app notification", "Previously satisfied", ...
	ca          string // ConditionalAccessStatus
	office      *Site  // the office network (a named location) it came from, nil if none
	risk        string // risk level during sign-in
	riskEvents  []string
	correlation string
	id          string
	story       string
}

// signinStream appends to out the sign-ins of hour h (interactive or not).
func (w *world) signinStream(h int, interactive bool, out []signinEvent) []signinEvent {
	name := "signin"
	total := w.vol.signins
	if !interactive {
		name, total = "nonint", w.vol.nonint
	}
	r := newRNG(w.seed, name, h)
	if interactive {
		from, to := w.cal.hourStart(h), w.cal.hourStart(h+1)
		for _, s := range w.cal.sessions {
			if s.Kind != sessAdmin && !s.Start.Before(from) && s.Start.Before(to) {
				out = append(out, w.windowsSignin(r, s))
			}
		}
	}
	for n, i, tries := w.quota(r, total*0.92, true, h), 0, 0; i < n && tries < 50*n; tries++ {
		sg, t, _ := w.cal.pickSegment(r, h)
		if sg.s.Kind == sessAdmin {
			continue
		}
		n0 := len(out)
		out = w.userSignin(r, sg.s, t, interactive, out)
		i += len(out) - n0
	}
	// Phones keep syncing mail in the evening and at weekends.
	for n, i := w.quota(r, total*0.08, false, h), 0; i < n; i++ {
		u := pick(r, w.org.Users)
		out = append(out, w.mobileSignin(r, u, w.cal.hourStart(h).Add(r.durIn(0, w.cal.slot)), interactive))
	}
	for _, ev := range w.story.signins {
		if ev.interactive == interactive && !ev.t.Before(w.cal.hourStart(h)) && ev.t.Before(w.cal.hourStart(h+1)) {
			out = append(out, ev)
		}
	}
	return out
}

// base fills what every sign-in of a session shares.
func (w *world) signinBase(r *rng, s *session, t time.Time, app *cloudApp, interactive bool) signinEvent {
	ev := signinEvent{t: t, u: s.User, app: app, interactive: interactive, ip: s.PublicIP, place: s.place,
		host: s.Host, ca: "success", mfaMethod: "Previously satisfied", risk: "none",
		correlation: r.guid(), id: r.guid()}
	if s.Remote {
		ev.asn = pick(r, ispASN[s.User.Site.country])
	} else {
		ev.asn = "64500"
		ev.office = s.Site
	}
	ev.browser = "Chrome 130.0.0"
	ev.ua = uaChrome
	if s.User.Index%3 == 0 {
		ev.browser, ev.ua = "Edge 130.0.2849", uaEdge
	}
	if !app.browser {
		ev.browser = "Rich Client 4.66.0.0"
		ev.ua = desktopUA(app)
	}
	return ev
}

const (
	uaChrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"
	uaEdge   = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.2849.80"
)

func desktopUA(app *cloudApp) string {
	switch app.name {
	case "Microsoft Teams":
		return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0 Teams/24295.605.3225.8804/49"
	case "OneDrive SyncEngine":
		return "Microsoft SkyDriveSync 24.211.1020.0001 ship; Windows NT 10.0 (22631)"
	case "Microsoft Azure CLI":
		return "python-requests/2.32.3 azure-cli/2.66.0"
	case "Windows Sign In":
		return "Windows-AzureAD-Authentication-Provider/1.0"
	}
	return "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.18025; Pro)"
}

// windowsSignIn is the application of Windows logons' sign-ins.
var windowsSignIn = newCloudApp(appInfo{name: "Windows Sign In", id: "38aa3b87-a06d-4817-b275-7a316988d93b", resource: "Windows Azure Active Directory", resID: resAAD, client: "Mobile Apps and Desktop clients"})

// windowsSignin is the primary refresh token sign-in of a Windows logon.
func (w *world) windowsSignin(r *rng, s *session) signinEvent {
	ev := w.signinBase(r, s, s.Start.Add(20*time.Second), windowsSignIn, true)
	ev.mfa, ev.mfaMethod = true, "Windows Hello for Business"
	return ev
}

// userSignin appends to out a person using a cloud app at t: usually one
// sign-in, for interactive ones sometimes with an MFA prompt or a typo
// before it.
func (w *world) userSignin(r *rng, s *session, t time.Time, interactive bool, out []signinEvent) []signinEvent {
	var app *cloudApp
	for {
		app = pick(r, w.apps)
		if app.mobile || (app.devsOnly && s.User.Department != "Engineering" && s.User.Department != "IT") {
			continue
		}
		if interactive || app.nonInteractive {
			break
		}
	}
	ev := w.signinBase(r, s, t, app, interactive)
	if !interactive {
		switch x := r.Float64(); {
		case x < 0.02:
			ev.err = &errSSOInsufficent
		case x < 0.035:
			ev.err = &errFreshToken
		case x < 0.05:
			ev.err = &errSessionExpired
		case x < 0.06:
			ev.err = &errInactiveToken
		}
		return append(out, ev)
	}
	ok := ev
	ok.t = t.Add(r.durIn(5*time.Second, 50*time.Second))
	ok.correlation, ok.id = ev.correlation, r.guid()
	switch x := r.Float64(); {
	case x < 0.03 && app.browser:
		ev.err = &errBadPassword
		return append(out, ev, ok)
	case x < 0.15 && app.browser && !s.Remote:
		ev.err = &errKMSI
		return append(out, ev, ok)
	case x < 0.27 && (s.Remote || app.resID == resAzureMgmt) && s.User.MFA:
		ev.err = &errMFARequired
		ev.ca = "notApplied"
		ok.mfa, ok.mfaMethod = true, pick(r, []string{"Mobile app notification", "Mobile app notification", "OATH verification code", "Text message"})
		return append(out, ev, ok)
	case x < 0.275:
		ev.err = &errCABlocked
		ev.ca = "failure"
		ev.host = nil
		return append(out, ev)
	}
	return append(out, ev)
}

// mobileSignin is a person's phone refreshing mail or Teams.
func (w *world) mobileSignin(r *rng, u *User, t time.Time, interactive bool) signinEvent {
	app := w.apps[8] // Outlook Mobile
	if r.chance(0.3) {
		app = w.apps[0]
	}
	ev := signinEvent{t: t, u: u, app: app, interactive: interactive, ip: u.MobileIP, place: u.Home,
		asn: pick(r, ispASN[u.Site.country]), mobileOS: u.MobileOS, ca: "success", mfaMethod: "Previously satisfied",
		risk: "none", correlation: r.guid(), id: r.guid(), browser: "Mobile Safari"}
	ev.ua = "Outlook-iOS/2.0"
	if u.MobileOS[0] == 'A' {
		ev.ua, ev.browser = "Outlook-Android/2.0", "Rich Client 4.61.0.0"
	}
	return ev
}

// signinDetails builds the nested values of a sign-in (dynamic in
// SigninLogs, JSON text in the non-interactive table). Values that are the
// same in many sign-ins are shared between rows (they are read-only).
func signinDetails(ev *signinEvent, policies *signinCA) (loc, dev, status, mfa map[string]any, ca []any) {
	loc = ev.place.details().dyn
	dev = map[string]any{"deviceId": "", "operatingSystem": "Windows10", "browser": ev.browser}
	if ev.mobileOS != "" {
		dev["operatingSystem"] = ev.mobileOS
	}
	if ev.host != nil {
		dev["deviceId"] = ev.host.AADID
		dev["displayName"] = ev.host.Name
		dev["isCompliant"] = true
		dev["isManaged"] = true
		dev["trustType"] = "Hybrid Azure AD joined"
		if ev.host.OS == "Windows 11" {
			dev["operatingSystem"] = "Windows"
		}
	}
	status = statusOK
	if ev.err != nil {
		status = map[string]any{"errorCode": json.Number(ev.err.code), "failureReason": ev.err.desc}
		if ev.err.code == "50074" || ev.err.code == "50076" {
			status["additionalDetails"] = "MFA required in Azure AD"
		}
	}
	if ev.mfa {
		mfa = map[string]any{"authMethod": ev.mfaMethod}
		if ev.mfaMethod == "Mobile app notification" {
			mfa["authDetail"] = "MFA completed in Azure AD"
		}
	} else {
		mfa = noMFA
	}
	ca = policies.dyn[caIndex(ev.ca)]
	return
}

// Read-only values shared by the sign-ins they describe.
var (
	statusOK = map[string]any{"errorCode": json.Number("0")}
	noMFA    = map[string]any{}
)

// signinCA is a tenant's ConditionalAccessPolicies value for each result
// (success, failure, notApplied) of the first two policies: it is the same
// in every sign-in with that result, so a world builds it once.
type signinCA struct {
	dyn  [3][]any
	text [3]any // JSON text, boxed
}

func newSigninCA(tenant string) *signinCA {
	c := &signinCA{}
	p := tenant[:8]
	for i, res := range []string{"success", "failure", "notApplied"} {
		c.dyn[i] = []any{
			map[string]any{"id": p + "-ca01-4c1e-9f0a-3b2f6c1d7e01", "displayName": "CA001: Require MFA outside trusted locations",
				"enforcedGrantControls": []any{"Mfa"}, "enforcedSessionControls": []any{}, "result": res},
			map[string]any{"id": p + "-ca02-4c1e-9f0a-3b2f6c1d7e02", "displayName": "CA002: Require compliant device for Office 365",
				"enforcedGrantControls": []any{"RequireCompliantDevice"}, "enforcedSessionControls": []any{}, "result": res},
			map[string]any{"id": p + "-ca03-4c1e-9f0a-3b2f6c1d7e03", "displayName": "CA003: Block legacy authentication",
				"enforcedGrantControls": []any{"Block"}, "enforcedSessionControls": []any{}, "result": "notApplied"},
		}
		c.text[i] = `[{"displayName":"CA001: Require MFA outside trusted locations","enforcedGrantControls":["Mfa"],"enforcedSessionControls":[],"id":"` + p + `-ca01-4c1e-9f0a-3b2f6c1d7e01","result":"` + res + `"},` +
			`{"displayName":"CA002: Require compliant device for Office 365","enforcedGrantControls":["RequireCompliantDevice"],"enforcedSessionControls":[],"id":"` + p + `-ca02-4c1e-9f0a-3b2f6c1d7e02","result":"` + res + `"},` +
			`{"displayName":"CA003: Block legacy authentication","enforcedGrantControls":["Block"],"enforcedSessionControls":[],"id":"` + p + `-ca03-4c1e-9f0a-3b2f6c1d7e03","result":"notApplied"}]`
	}
	return c
}

// caIndex is the signinCA entry of a sign-in's ConditionalAccessStatus:
// failure and notApplied as they are, anything else success.
func caIndex(status string) int {
	switch status {
	case "failure":
		return 1
	case "notApplied":
		return 2
	}
	return 0
}

// deviceDetailText is a sign-in's DeviceDetail as JSON text.
func deviceDetailText(ev *signinEvent) string {
	os := "Windows10"
	if ev.mobileOS != "" {
		os = ev.mobileOS
	}
	var buf [512]byte // one allocation, the string itself
	b := append(buf[:0], `{"browser":`...)
	b = appendJSONString(b, ev.browser)
	if ev.host == nil {
		b = append(b, `,"deviceId":"","operatingSystem":`...)
		b = appendJSONString(b, os)
		return string(append(b, '}'))
	}
	if ev.host.OS == "Windows 11" {
		os = "Windows"
	}
	b = append(b, `,"deviceId":`...)
	b = appendJSONString(b, ev.host.AADID)
	b = append(b, `,"displayName":`...)
	b = appendJSONString(b, ev.host.Name)
	b = append(b, `,"isCompliant":true,"isManaged":true,"operatingSystem":`...)
	b = appendJSONString(b, os)
	return string(append(b, `,"trustType":"Hybrid Azure AD joined"}`...))
}

// appendJSONString appends s as a JSON string, escaping what jsonEscape
// does.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// placeDetails is a sign-in location's LocationDetails, as a dynamic value
// and as JSON text (a string, boxed).
type placeDetails struct {
	dyn  map[string]any
	text any
}

// knownPlaces holds the details of every place sign-ins come from, built
// once: rows share them (read-only).
var knownPlaces = func() map[place]*placeDetails {
	m := map[place]*placeDetails{}
	add := func(p place) { m[p] = p.newDetails() }
	for _, ps := range homePlaces {
		for _, p := range ps {
			add(p)
		}
	}
	add(sprayPlace)
	add(travelPlace)
	return m
}()

// details is the place's LocationDetails.
func (p place) details() *placeDetails {
	if d, ok := knownPlaces[p]; ok {
		return d
	}
	return p.newDetails()
}

func (p place) newDetails() *placeDetails {
	q := func(s string) string { return `"` + jsonEscape(s) + `"` }
	return &placeDetails{
		dyn: map[string]any{"city": p.City, "state": p.State, "countryOrRegion": p.Country,
			"geoCoordinates": map[string]any{"latitude": jnum(p.Lat), "longitude": jnum(p.Lon)}},
		text: `{"city":` + q(p.City) + `,"countryOrRegion":` + q(p.Country) + `,"geoCoordinates":{"latitude":` +
			string(jnum(p.Lat)) + `,"longitude":` + string(jnum(p.Lon)) + `},"state":` + q(p.State) + `}`,
	}
}

func jnum(x float64) json.Number { return json.Number(strconv.FormatFloat(x, 'f', -1, 64)) }

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("demo: " + err.Error()) // only plain maps and slices reach here
	}
	return string(b)
}

// signinDetailsText is signinDetails as JSON text, built directly: the
// non-interactive table has the most rows and encoding maps is slow. The
// texts are strings, boxed: those many sign-ins share are boxed once.
func signinDetailsText(ev *signinEvent, policies *signinCA) (loc, dev, status, mfa, ca any) {
	q := func(s string) string { return `"` + jsonEscape(s) + `"` }
	loc = ev.place.details().text
	dev = deviceDetailText(ev)
	status = `{"errorCode":0}`
	if ev.err != nil {
		s := `{"errorCode":` + ev.err.code + `,"failureReason":` + q(ev.err.desc) + `}`
		if ev.err.code == "50074" || ev.err.code == "50076" {
			s = s[:len(s)-1] + `,"additionalDetails":"MFA required in Azure AD"}`
		}
		status = s
	}
	mfa = `{}`
	if ev.mfa {
		mfa = `{"authMethod":` + q(ev.mfaMethod) + `}`
	}
	ca = policies.text[caIndex(ev.ca)]
	return
}
