package demo

// SigninColumns is the column layout SigninLogs and
// AADNonInteractiveUserSignInLogs share (exported only so the layouts that
// embed it can be bound by reflection).
type SigninColumns struct {
	TimeGenerated                     col `kql:"datetime"`
	OperationName                     col `kql:"string"`
	OperationVersion                  col `kql:"string"`
	Category                          col `kql:"string"`
	ResultType                        col `kql:"string"`
	ResultSignature                   col `kql:"string"`
	ResultDescription                 col `kql:"string"`
	DurationMs                        col `kql:"long"`
	CorrelationId                     col `kql:"string"`
	ResourceGroup                     col `kql:"string"`
	Identity                          col `kql:"string"`
	Level                             col `kql:"string"`
	Location                          col `kql:"string"`
	AlternateSignInName               col `kql:"string"`
	AppDisplayName                    col `kql:"string"`
	AppId                             col `kql:"string"`
	AuthenticationDetails             col `kql:"string"`
	AuthenticationProcessingDetails   col `kql:"string"`
	AuthenticationRequirement         col `kql:"string"`
	AuthenticationRequirementPolicies col `kql:"string"`
	AuthenticationMethodsUsed         col `kql:"string"`
	AutonomousSystemNumber            col `kql:"string"`
	ClientAppUsed                     col `kql:"string"`
	ConditionalAccessStatus           col `kql:"string"`
	CreatedDateTime                   col `kql:"datetime"`
	HomeTenantId                      col `kql:"string"`
	Id                                col `kql:"string"`
	IPAddress                         col `kql:"string"`
	IsInteractive                     col `kql:"bool"`
	IsRisky                           col `kql:"bool"`
	NetworkLocationDetails            col `kql:"string"`
	OriginalRequestId                 col `kql:"string"`
	ResourceDisplayName               col `kql:"string"`
	ResourceIdentity                  col `kql:"string"`
	ResourceTenantId                  col `kql:"string"`
	RiskDetail                        col `kql:"string"`
	RiskEventTypes                    col `kql:"string"`
	RiskEventTypes_V2                 col `kql:"string"`
	RiskLevelAggregated               col `kql:"string"`
	RiskLevelDuringSignIn             col `kql:"string"`
	RiskState                         col `kql:"string"`
	SessionLifetimePolicies           col `kql:"string"`
	TokenIssuerType                   col `kql:"string"`
	UniqueTokenIdentifier             col `kql:"string"`
	UserAgent                         col `kql:"string"`
	UserDisplayName                   col `kql:"string"`
	UserId                            col `kql:"string"`
	UserPrincipalName                 col `kql:"string"`
	UserType                          col `kql:"string"`
	SourceSystem                      col `kql:"string"`
}

// signinLogsCols is SigninLogs: the details are dynamic columns.
type signinLogsCols struct {
	SigninColumns
	AADTenantId                  col `kql:"string"`
	Resource                     col `kql:"string"`
	ResourceId                   col `kql:"string"`
	ResourceProvider             col `kql:"string"`
	ProcessingTimeInMilliseconds col `kql:"string"`
	LocationDetails              col `kql:"dynamic"`
	DeviceDetail                 col `kql:"dynamic"`
	Status                       col `kql:"dynamic"`
	ConditionalAccessPolicies    col `kql:"dynamic"`
	MfaDetail                    col `kql:"dynamic"`
}

// nonInteractiveCols is AADNonInteractiveUserSignInLogs: the same details
// as JSON text.
type nonInteractiveCols struct {
	SigninColumns
	ProcessingTimeInMs        col `kql:"string"`
	LocationDetails           col `kql:"string"`
	DeviceDetail              col `kql:"string"`
	Status                    col `kql:"string"`
	ConditionalAccessPolicies col `kql:"string"`
	MfaDetail                 col `kql:"string"`
	SignInEventTypes          col `kql:"string"`
}

type auditLogsCols struct {
	TimeGenerated       col `kql:"datetime"`
	OperationName       col `kql:"string"`
	OperationVersion    col `kql:"string"`
	Category            col `kql:"string"`
	Result              col `kql:"string"`
	ResultType          col `kql:"string"`
	ResultSignature     col `kql:"string"`
	ResultReason        col `kql:"string"`
	ResultDescription   col `kql:"string"`
	ActivityDisplayName col `kql:"string"`
	ActivityDateTime    col `kql:"datetime"`
	AADOperationType    col `kql:"string"`
	AADTenantId         col `kql:"string"`
	AdditionalDetails   col `kql:"dynamic"`
	CorrelationId       col `kql:"string"`
	Id                  col `kql:"string"`
	Identity            col `kql:"string"`
	InitiatedBy         col `kql:"dynamic"`
	Level               col `kql:"string"`
	Location            col `kql:"string"`
	LoggedByService     col `kql:"string"`
	Resource            col `kql:"string"`
	ResourceGroup       col `kql:"string"`
	ResourceId          col `kql:"string"`
	ResourceProvider    col `kql:"string"`
	SourceSystem        col `kql:"string"`
	TargetResources     col `kql:"dynamic"`
	DurationMs          col `kql:"long"`
}
