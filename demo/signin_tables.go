package demo

import "time"

// signinLogsHour writes the interactive sign-ins of hour h.
func (w *world) signinLogsHour(e *emitter, h int) {
	c := w.cols.signin
	e.scratch.signins = w.signinStream(h, true, e.scratch.signins[:0])
	evs := e.scratch.signins
	for i := range evs {
		ev := &evs[i]
		r := e.row(ev.t)
		w.signinCommon(r, &c.SigninColumns, ev)
		loc, dev, status, mfa, ca := signinDetails(ev, w.signinCA)
		r.set(c.LocationDetails, loc)
		r.set(c.DeviceDetail, dev)
		r.set(c.Status, status)
		r.set(c.MfaDetail, mfa)
		r.set(c.ConditionalAccessPolicies, ca)
		r.set(c.ProcessingTimeInMilliseconds, numText(40+int(mix64(uint64(ev.t.UnixNano()))%400)))
	}
}

// nonInteractiveHour writes the non-interactive sign-ins of hour h.
func (w *world) nonInteractiveHour(e *emitter, h int) {
	c := w.cols.nonint
	e.scratch.signins = w.signinStream(h, false, e.scratch.signins[:0])
	evs := e.scratch.signins
	for i := range evs {
		ev := &evs[i]
		r := e.row(ev.t)
		w.signinCommon(r, &c.SigninColumns, ev)
		loc, dev, status, mfa, ca := signinDetailsText(ev, w.signinCA)
		r.set(c.LocationDetails, loc)
		r.set(c.DeviceDetail, dev)
		r.set(c.Status, status)
		r.set(c.MfaDetail, mfa)
		r.set(c.ConditionalAccessPolicies, ca)
		r.set(c.ProcessingTimeInMs, numText(10+int(mix64(uint64(ev.t.UnixNano()))%200)))
		r.set(c.SignInEventTypes, `["nonInteractiveUser"]`)
	}
}

func (w *world) signinCommon(r *rowBuf, c *SigninColumns, ev *signinEvent) {
	u := ev.u
	r.set(c.OperationName, "Sign-in activity")
	r.set(c.OperationVersion, "1.0")
	if ev.interactive {
		r.set(c.Category, "SignInLogs")
	} else {
		r.set(c.Category, "NonInteractiveUserSignInLogs")
	}
	if ev.err == nil {
		r.set(c.ResultType, "0")
		r.set(c.ResultSignature, "None")
	} else {
		r.str(c.ResultType, ev.err.code)
		r.set(c.ResultSignature, "None")
		r.str(c.ResultDescription, ev.err.desc)
	}
	r.set(c.DurationMs, int64(0))
	r.str(c.CorrelationId, ev.correlation)
	r.set(c.ResourceGroup, "Microsoft.aadiam")
	r.val(c.Identity, u.bDisplayName)
	r.set(c.Level, "4")
	r.val(c.Location, sym(ev.place.Country))
	r.val(c.AlternateSignInName, u.bUPN)
	r.val(c.AppDisplayName, ev.app.bName)
	r.val(c.AppId, ev.app.bID)
	r.str(c.AuthenticationDetails, authDetails(ev))
	r.set(c.AuthenticationProcessingDetails, `[{"key":"Legacy TLS (TLS 1.0, 1.1, 3DES)","value":"False"},{"key":"Is CAE Token","value":"False"}]`)
	if ev.mfa {
		r.set(c.AuthenticationRequirement, "multiFactorAuthentication")
	} else {
		r.set(c.AuthenticationRequirement, "singleFactorAuthentication")
	}
	r.set(c.AuthenticationRequirementPolicies, "[]")
	r.set(c.AuthenticationMethodsUsed, "[]")
	r.val(c.AutonomousSystemNumber, sym(ev.asn))
	r.val(c.ClientAppUsed, ev.app.bClient)
	r.val(c.ConditionalAccessStatus, sym(ev.ca))
	r.set(c.CreatedDateTime, ev.t)
	r.val(c.HomeTenantId, w.bTenantID)
	id := box(ev.id)
	r.val(c.Id, id)
	r.set(c.IPAddress, w.addrText(ev.ip))
	r.set(c.IsInteractive, ev.interactive)
	r.set(c.IsRisky, ev.risk != "none" && ev.risk != "")
	if ev.office != nil {
		r.set(c.NetworkLocationDetails, ev.office.bNetworkLocation)
	} else {
		r.set(c.NetworkLocationDetails, "[]")
	}
	r.val(c.OriginalRequestId, id)
	r.val(c.ResourceDisplayName, ev.app.bResource)
	r.val(c.ResourceIdentity, ev.app.bResourceID)
	r.val(c.ResourceTenantId, w.bTenantID)
	var riskEvents any = "[]"
	if len(ev.riskEvents) > 0 {
		riskEvents = jsonText(ev.riskEvents)
	}
	r.set(c.RiskDetail, "none")
	r.set(c.RiskEventTypes, riskEvents)
	r.set(c.RiskEventTypes_V2, riskEvents)
	risk := sym(ev.risk)
	r.val(c.RiskLevelAggregated, risk)
	r.val(c.RiskLevelDuringSignIn, risk)
	if ev.risk != "none" {
		r.set(c.RiskState, "atRisk")
	} else {
		r.set(c.RiskState, "none")
	}
	r.set(c.SessionLifetimePolicies, "[]")
	r.set(c.TokenIssuerType, "AzureAD")
	r.str(c.UniqueTokenIdentifier, ev.id[:22])
	r.val(c.UserAgent, sym(ev.ua))
	r.val(c.UserDisplayName, u.bDisplayName)
	r.val(c.UserId, u.bObjectID)
	r.val(c.UserPrincipalName, u.bUPN)
	r.set(c.UserType, "Member")
	r.set(c.SourceSystem, "Azure AD")
}

// authDetails is the AuthenticationDetails JSON of a sign-in: the password
// step and, for MFA sign-ins, the second factor.
func authDetails(ev *signinEvent) string {
	method, detail, ok := "Password", "Correct password", "true"
	if ev.mfaMethod == "Previously satisfied" || ev.mfaMethod == "Windows Hello for Business" {
		method, detail = ev.mfaMethod, "First factor requirement satisfied by claim in the token"
		if ev.mfaMethod == "Windows Hello for Business" {
			detail = "Windows Hello for Business"
		}
	}
	if ev.err != nil && (ev.err.code == "50126" || ev.err.code == "50053" || ev.err.code == "50034") {
		method, detail, ok = "Password", "Invalid username or password or Invalid on-premise username or password.", "false"
	}
	// Built in a stack buffer: one allocation, the string itself.
	var buf [1024]byte
	b := append(buf[:0], `[{"authenticationStepDateTime":"`...)
	b = ev.t.UTC().AppendFormat(b, authStepTime)
	b = append(b, `","authenticationMethod":"`...)
	b = append(b, method...)
	b = append(b, `","authenticationMethodDetail":"","succeeded":`...)
	b = append(b, ok...)
	b = append(b, `,"authenticationStepResultDetail":"`...)
	b = append(b, detail...)
	b = append(b, `","authenticationStepRequirement":"Primary authentication","StatusSequence":0,"RequestSequence":1}`...)
	if ev.mfa && method == "Password" {
		b = append(b, `,{"authenticationStepDateTime":"`...)
		b = ev.t.Add(-9*time.Second).UTC().AppendFormat(b, authStepTime)
		b = append(b, `","authenticationMethod":"`...)
		b = append(b, ev.mfaMethod...)
		b = append(b, `","succeeded":true,"authenticationStepResultDetail":"MFA successfully completed","authenticationStepRequirement":"Multi-factor authentication","StatusSequence":0,"RequestSequence":1}`...)
	}
	return string(append(b, ']'))
}

// authStepTime is the layout of AuthenticationDetails' step times.
const authStepTime = "2006-01-02T15:04:05.0000000+00:00"
