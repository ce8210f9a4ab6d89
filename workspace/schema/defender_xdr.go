package schema

// Microsoft Defender XDR alert, e-mail and device tables beyond the
// Device*Events family, as Sentinel stores them: the advanced-hunting
// columns plus TenantId, TimeGenerated, SourceSystem and Type.
var defenderXDRSpecs = []string{`
AlertInfo
Defender XDR alerts from Endpoint, Office 365, Cloud Apps and Identity: title, category, severity and detection source.
TenantId TimeGenerated:datetime Timestamp:datetime
AlertId Title Category Severity ServiceSource DetectionSource AttackTechniques SourceSystem
Type
`, `
AlertEvidence
Entities (files, processes, IPs, URLs, users, devices, mailboxes, cloud resources) attached to Defender XDR alerts.
TenantId TimeGenerated:datetime Timestamp:datetime
AlertId Title Categories AttackTechniques ServiceSource DetectionSource EntityType EvidenceRole
EvidenceDirection FileName FolderPath SHA1 SHA256 FileSize:long ThreatFamily RemoteIP RemoteUrl AccountName
AccountDomain AccountSid AccountObjectId AccountUpn DeviceId DeviceName LocalIP NetworkMessageId EmailSubject
Application ApplicationId:int OAuthApplicationId ProcessCommandLine RegistryKey RegistryValueName
RegistryValueData AdditionalFields Severity CloudResource CloudPlatform ResourceType ResourceID SubscriptionId
SourceSystem
Type
`, `
EmailUrlInfo
URLs found in e-mail subjects, bodies and attachments processed by Defender for Office 365.
TenantId TimeGenerated:datetime Timestamp:datetime
NetworkMessageId Url UrlDomain UrlLocation ReportId SourceSystem
Type
`, `
EmailAttachmentInfo
Attachments of e-mails processed by Defender for Office 365: file name, type, hash, size and threat verdicts.
TenantId TimeGenerated:datetime Timestamp:datetime
NetworkMessageId SenderFromAddress SenderDisplayName SenderObjectId RecipientEmailAddress RecipientObjectId
FileName FileType SHA256 FileSize:long ThreatTypes ThreatNames DetectionMethods ReportId SourceSystem
Type
`, `
DeviceNetworkInfo
Defender for Endpoint network configuration of devices: adapters, IP and MAC addresses, gateways, DNS and networks.
TenantId TimeGenerated:datetime Timestamp:datetime DeviceId DeviceName
ConnectedNetworks:dynamic DefaultGateways:dynamic DnsAddresses:dynamic IPAddresses:dynamic IPv4Dhcp IPv6Dhcp
MacAddress MachineGroup NetworkAdapterName NetworkAdapterStatus NetworkAdapterType NetworkAdapterVendor
ReportId:long SourceSystem TunnelType
Type
`, `
DeviceTvmInfoGathering
Defender Vulnerability Management assessment events: configuration and attack-surface state of devices.
TenantId TimeGenerated:datetime Timestamp:datetime
LastSeenTime:datetime DeviceId DeviceName OSPlatform AdditionalFields:dynamic SourceSystem
Type
`, `
AADSignInEventsBeta
Defender XDR view of Microsoft Entra ID interactive and non-interactive sign-ins (beta), with device and risk details.
TenantId TimeGenerated:datetime Timestamp:datetime
Application ApplicationId LogonType ErrorCode:int CorrelationId SessionId AccountDisplayName AccountObjectId
AccountUpn IsExternalUser:int IsGuestUser:bool AlternateSignInName LastPasswordChangeTimestamp:datetime
ResourceDisplayName ResourceId ResourceTenantId DeviceName AadDeviceId EntraIdDeviceId OSPlatform
DeviceTrustType IsManaged:int IsCompliant:int AuthenticationProcessingDetails AuthenticationRequirement
TokenIssuerType:int RiskLevelAggregated:int RiskDetails:int RiskState:int UserAgent ClientAppUsed Browser
ConditionalAccessPolicies ConditionalAccessStatus:int IPAddress Country State City Latitude Longitude
NetworkLocationDetails RequestId ReportId EndpointCall SourceSystem
Type
`, `
EmailPostDeliveryEvents
Actions on e-mails after delivery (manual remediation, phish and malware zero-hour auto purge) with their result.
TenantId TimeGenerated:datetime Timestamp:datetime
NetworkMessageId InternetMessageId Action ActionType ActionTrigger ActionResult RecipientEmailAddress
DeliveryLocation ThreatTypes DetectionMethods ReportId SourceSystem
Type
`, `
DeviceFileCertificateInfo
Defender for Endpoint certificate checks of signed files: signer, issuer, serial number, validity and trust.
TenantId TimeGenerated:datetime Timestamp:datetime DeviceId DeviceName
SHA1 IsSigned:bool SignatureType Signer SignerHash Issuer IssuerHash CertificateSerialNumber
CrlDistributionPointUrls CertificateCreationTime:datetime CertificateExpirationTime:datetime
CertificateCountersignatureTime:datetime IsTrusted:bool IsRootSignerMicrosoft:bool ReportId:long MachineGroup
SourceSystem
Type
`, `
UrlClickEvents
Safe Links clicks from e-mail, Teams and Office apps: URL, user, verdict at click time and whether the user clicked through.
TenantId TimeGenerated:datetime Timestamp:datetime
Url ActionType AccountUpn Workload NetworkMessageId ThreatTypes DetectionMethods IPAddress
IsClickedThrough:bool UrlChain ReportId SourceSystem
Type
`}
