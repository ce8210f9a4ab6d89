package schema

// Other clouds' audit logs and findings as the Microsoft Sentinel connectors store them.
var multicloudSpecs = []string{`
AWSCloudTrail
AWS CloudTrail management and data events from the Sentinel AWS connector: API call, caller identity, source IP, result.
TenantId TimeGenerated:datetime
AdditionalEventData APIVersion AwsEventId AWSRegion AwsRequestId_ Category ErrorCode ErrorMessage EventName
EventSource EventTypeName EventVersion ManagementEvent:bool OperationName ReadOnly:bool RecipientAccountId
RequestParameters Resources ResponseElements ServiceEventDetails SessionCreationDate:datetime
SessionIssuerAccountId SessionIssuerArn SessionIssuerPrincipalId SessionIssuerType SessionIssuerUserName
SessionMfaAuthenticated:bool SharedEventId SourceIpAddress UserAgent UserIdentityAccessKeyId
UserIdentityAccountId UserIdentityArn UserIdentityInvokedBy UserIdentityPrincipalid UserIdentityType
UserIdentityUserName VpcEndpointId SourceSystem
Type
`, `
AWSGuardDuty
AWS GuardDuty findings from the Sentinel AWS connector: finding type, severity, affected resource and service details.
TenantId TimeGenerated:datetime
AccountId ActivityType Arn Description Id Partition Region ResourceDetails:dynamic SchemaVersion
ServiceDetails:dynamic Severity:int SourceSystem TimeCreated:datetime Title
Type
`}
