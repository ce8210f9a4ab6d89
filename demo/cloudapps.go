package demo

// cloudApp is an application people sign in to with Entra ID, and the
// resource its tokens are for.
type cloudApp struct {
	appInfo

	// Boxed once for rows' val (nil when empty).
	bName, bID, bResource, bResourceID, bClient any
}

// appInfo is what describes a cloudApp.
type appInfo struct {
	name, id         string
	resource, resID  string
	client           string // ClientAppUsed
	mobile, browser  bool
	nonInteractive   bool // refreshes tokens silently
	weight           float64
	admins, devsOnly bool
}

func newCloudApp(info appInfo) *cloudApp {
	a := &cloudApp{appInfo: info}
	a.bName, a.bID, a.bResource, a.bResourceID, a.bClient = box(a.name), box(a.id), box(a.resource), box(a.resourceID()), box(a.client)
	return a
}

// Well-known first-party application and resource ids, and the company's
// own enterprise applications (ids drawn per organisation).
const (
	resGraph      = "00000003-0000-0000-c000-000000000000"
	resExchange   = "00000002-0000-0ff1-ce00-000000000000"
	resSharePoint = "00000003-0000-0ff1-ce00-000000000000"
	resTeams      = "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe"
	resAAD        = "00000002-0000-0000-c000-000000000000"
	resAzureMgmt  = "797f4846-ba00-4fd7-ba43-dac1f8f63013"
	appOfficeID   = "d3590ed6-52b3-4102-aeff-aad2292ab01c"
)

func (o *Org) cloudApps(r *rng) []*cloudApp {
	infos := []appInfo{
		{"Microsoft Teams", "1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams Services", resTeams, "Mobile Apps and Desktop clients", false, false, true, 10, false, false},
		{"Microsoft Office", appOfficeID, "Office 365 Exchange Online", resExchange, "Mobile Apps and Desktop clients", false, false, true, 9, false, false},
		{"Microsoft Office", appOfficeID, "Office 365 SharePoint Online", resSharePoint, "Mobile Apps and Desktop clients", false, false, true, 4, false, false},
		{"OneDrive SyncEngine", "ab9b8c07-8f02-4f72-87fa-80105867a763", "Office 365 SharePoint Online", resSharePoint, "Mobile Apps and Desktop clients", false, false, true, 5, false, false},
		{"OfficeHome", "4765445b-32c6-49b0-83e6-1d93765276ca", "Office 365 SharePoint Online", resSharePoint, "Browser", false, true, false, 4, false, false},
		{"Office 365 Exchange Online", resExchange, "Office 365 Exchange Online", resExchange, "Browser", false, true, true, 3, false, false},
		{"Office 365 SharePoint Online", resSharePoint, "Office 365 SharePoint Online", resSharePoint, "Browser", false, true, true, 3, false, false},
		{"My Apps", "2793995e-0a7d-40d7-bd35-6968ba142197", "Microsoft Graph", resGraph, "Browser", false, true, false, 1, false, false},
		{"Outlook Mobile", "27922004-5251-4030-b22d-91ecd9a37ea4", "Office 365 Exchange Online", resExchange, "Mobile Apps and Desktop clients", true, false, true, 4, false, false},
		{"Microsoft Authentication Broker", "29d9ed98-a469-4536-ade2-f981bc1d605e", "Microsoft Graph", resGraph, "Mobile Apps and Desktop clients", true, false, true, 1, false, false},
		{"Azure Portal", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Windows Azure Service Management API", resAzureMgmt, "Browser", false, true, true, 2, true, true},
		{"Microsoft Azure CLI", "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "Windows Azure Service Management API", resAzureMgmt, "Mobile Apps and Desktop clients", false, false, true, 1, false, true},
		{"Salesforce", r.guid(), "Salesforce", "", "Browser", false, true, false, 2, false, false},
		{"ServiceNow", r.guid(), "ServiceNow", "", "Browser", false, true, false, 1, false, false},
		{"Workday", r.guid(), "Workday", "", "Browser", false, true, false, 1, false, false},
		{"GitHub Enterprise Cloud", r.guid(), "GitHub Enterprise Cloud", "", "Browser", false, true, false, 1, false, true},
	}
	apps := make([]*cloudApp, len(infos))
	for i, info := range infos {
		apps[i] = newCloudApp(info)
	}
	return apps
}

func (a *appInfo) resourceID() string {
	if a.resID == "" {
		return a.id
	}
	return a.resID
}

// signinError is an Entra ID sign-in error code and its description.
type signinError struct {
	code, desc string
}

var (
	errBadPassword    = signinError{"50126", "Error validating credentials due to invalid username or password."}
	errMFARequired    = signinError{"50074", "Strong Authentication is required."}
	errMFALocation    = signinError{"50076", "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource."}
	errKMSI           = signinError{"50140", "This error occurred due to 'Keep me signed in' interrupt when the user was signing in."}
	errCABlocked      = signinError{"53003", "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance."}
	errLocked         = signinError{"50053", "Account is locked because user tried to sign in too many times with an incorrect user ID or password."}
	errNoUser         = signinError{"50034", "The user account does not exist in the directory. To sign into this application, the account must be added to the directory."}
	errExpiredPwd     = signinError{"50055", "The password is expired."}
	errSSOInsufficent = signinError{"50058", "Session information is not sufficient for single-sign-on."}
	errFreshToken     = signinError{"50173", "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password."}
	errSessionExpired = signinError{"70044", "The session has expired or is invalid due to sign-in frequency checks by conditional access."}
	errInactiveToken  = signinError{"700082", "The refresh token has expired due to inactivity."}
)

// asn is the autonomous system of the networks addresses come from.
var ispASN = map[string][]string{
	"GB": {"2856", "5089", "5607"},
	"DE": {"3320", "3209", "6805"},
	"US": {"7922", "701", "7018"},
	"SG": {"7473", "4657", "9506"},
}
