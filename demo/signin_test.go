package demo

import (
	"encoding/json"
	"net/netip"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestSigninDetailsTextMatchesMaps checks the hand-built JSON of the
// non-interactive table says what SigninLogs' dynamic values say.
func TestSigninDetailsTextMatchesMaps(t *testing.T) {
	o := NewOrg(3)
	u := o.Users[5]
	policies := newSigninCA(o.TenantID)
	for _, ev := range []signinEvent{
		{t: testEnd, u: u, place: u.Home, host: u.Workstation, browser: "Chrome 130.0.0", ca: "success"},
		{t: testEnd, u: u, place: travelPlace, mobileOS: "iOS 17.5.1", browser: "Mobile Safari", ca: "notApplied", err: &errKMSI, mfa: true, mfaMethod: "Mobile app notification"},
		{t: testEnd.Add(time.Hour), u: u, place: sprayPlace, ip: netip.MustParseAddr("198.51.100.77"), browser: "x", ca: "failure", err: &errBadPassword},
		{t: testEnd, u: u, place: u.Home, browser: "x", ca: "notApplied", err: &errMFARequired},
	} {
		loc, dev, status, mfa, ca := signinDetails(&ev, policies)
		tl, td, ts, tm, tc := signinDetailsText(&ev, policies)
		for i, pair := range []struct {
			m    any
			text any
		}{{loc, tl}, {dev, td}, {status, ts}, {mfa, tm}, {ca, tc}} {
			var got any
			if err := json.Unmarshal([]byte(pair.text.(string)), &got); err != nil {
				t.Fatalf("%d: %v in %s", i, err, pair.text)
			}
			var want any
			if err := json.Unmarshal([]byte(jsonText(pair.m)), &want); err != nil {
				t.Fatal(err)
			}
			if i == 3 { // the text form leaves out authDetail
				delete(want.(map[string]any), "authDetail")
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("%d: (-maps +text)\n%s", i, d)
			}
		}
	}
}
