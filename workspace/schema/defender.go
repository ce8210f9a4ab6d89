package schema

// Microsoft Defender XDR advanced-hunting tables as Sentinel stores them:
// Timestamp (the Defender event time) and TimeGenerated side by side.

// initiatingProcess holds the columns describing the process that caused a
// Defender for Endpoint event; every Device*Events table carries them.
const initiatingProcess = `
InitiatingProcessAccountDomain InitiatingProcessAccountName InitiatingProcessAccountObjectId
InitiatingProcessAccountSid InitiatingProcessAccountUpn InitiatingProcessCommandLine
InitiatingProcessCreationTime:datetime InitiatingProcessFileName InitiatingProcessFileSize:long
InitiatingProcessFolderPath InitiatingProcessId:long InitiatingProcessMD5
InitiatingProcessParentCreationTime:datetime InitiatingProcessParentFileName InitiatingProcessParentId:long
InitiatingProcessSHA1 InitiatingProcessSHA256 InitiatingProcessVersionInfoCompanyName
InitiatingProcessVersionInfoFileDescription InitiatingProcessVersionInfoInternalFileName
InitiatingProcessVersionInfoOriginalFileName InitiatingProcessVersionInfoProductName
InitiatingProcessVersionInfoProductVersion
`

// deviceHead and deviceTail open and close every Device*Events table.
const (
	deviceHead = `TenantId TimeGenerated:datetime Timestamp:datetime DeviceId DeviceName ActionType
`
	deviceTail = `
AppGuardContainerId MachineGroup ReportId:long SourceSystem
Type
`
	// integrityAndElevation are in every Device*Events table but DeviceEvents.
	integrityAndElevation = `InitiatingProcessIntegrityLevel InitiatingProcessTokenElevation
`
)

var defenderSpecs = []string{`
DeviceProcessEvents
Defender for Endpoint process creations with the new process, its parent (initiating) process, accounts and hashes.
` + deviceHead + `
AccountDomain AccountName AccountObjectId AccountSid AccountUpn AdditionalFields:dynamic FileName
FileSize:long FolderPath LogonId:long MD5 ProcessCommandLine ProcessCreationTime:datetime ProcessId:long
ProcessIntegrityLevel ProcessTokenElevation ProcessVersionInfoCompanyName ProcessVersionInfoFileDescription
ProcessVersionInfoInternalFileName ProcessVersionInfoOriginalFileName ProcessVersionInfoProductName
ProcessVersionInfoProductVersion SHA1 SHA256
InitiatingProcessLogonId:long InitiatingProcessSignatureStatus InitiatingProcessSignerType
` + integrityAndElevation + initiatingProcess + deviceTail, `
DeviceNetworkEvents
Defender for Endpoint network connections and listeners with local and remote endpoints and the initiating process.
` + deviceHead + `
AdditionalFields:dynamic LocalIP LocalIPType LocalPort:int Protocol RemoteIP RemoteIPType RemotePort:int
RemoteUrl
` + integrityAndElevation + initiatingProcess + deviceTail, `
DeviceFileEvents
Defender for Endpoint file creation, modification, rename and deletion with hashes, origin URL and the initiating process.
` + deviceHead + `
AdditionalFields:dynamic FileName FileOriginIP FileOriginReferrerUrl FileOriginUrl FileSize:long FolderPath
IsAzureInfoProtectionApplied:bool MD5 PreviousFileName PreviousFolderPath RequestAccountDomain
RequestAccountName RequestAccountSid RequestProtocol RequestSourceIP RequestSourcePort:int SensitivityLabel
SensitivitySubLabel SHA1 SHA256 ShareName
` + integrityAndElevation + initiatingProcess + deviceTail, `
DeviceLogonEvents
Defender for Endpoint logons on devices: account, logon type, remote IP and device, success or failure reason.
` + deviceHead + `
AccountDomain AccountName AccountSid AdditionalFields:dynamic FailureReason IsLocalAdmin:bool LogonId:long
LogonType Protocol RemoteDeviceName RemoteIP RemoteIPType RemotePort:int
` + integrityAndElevation + initiatingProcess + deviceTail, `
DeviceRegistryEvents
Defender for Endpoint registry key and value creation, modification and deletion with old and new data.
` + deviceHead + `
PreviousRegistryKey PreviousRegistryValueData PreviousRegistryValueName RegistryKey RegistryValueData
RegistryValueName RegistryValueType
` + integrityAndElevation + initiatingProcess + deviceTail, `
DeviceEvents
Defender for Endpoint miscellaneous events (antivirus, exploit guard, LSASS access, named pipes, ...) by ActionType.
` + deviceHead + `
AccountDomain AccountName AccountSid AdditionalFields:dynamic FileName FileOriginIP FileOriginUrl
FileSize:long FolderPath LocalIP LocalPort:int LogonId:long MD5 ProcessCommandLine
ProcessCreationTime:datetime ProcessId:long ProcessTokenElevation RegistryKey RegistryValueData
RegistryValueName RemoteDeviceName RemoteIP RemotePort:int RemoteUrl SHA1 SHA256
InitiatingProcessLogonId:long
` + initiatingProcess + deviceTail, `
DeviceImageLoadEvents
Defender for Endpoint DLL (image) loads with the loaded file's hashes and the loading process.
` + deviceHead + `
FileName FileSize:long FolderPath MD5 SHA1 SHA256
` + integrityAndElevation + initiatingProcess + deviceTail, `
DeviceInfo
Defender for Endpoint device inventory snapshots: OS, join type, public IP, exposure, logged-on users.
TenantId TimeGenerated:datetime Timestamp:datetime DeviceId DeviceName
AadDeviceId AdditionalFields:dynamic AssetValue ClientVersion DeviceCategory DeviceObjectId DeviceSubtype
DeviceType ExclusionReason ExposureLevel IsAzureADJoined:bool IsExcluded:bool IsInternetFacing:bool
JoinType LoggedOnUsers:dynamic MachineGroup MergedDeviceIds MergedToDeviceId Model OnboardingStatus
OSArchitecture OSBuild:long OSDistribution OSPlatform OSVersion OSVersionInfo PublicIP RegistryDeviceTag
ReportId:long SensorHealthState SourceSystem Vendor
Type
`, `
EmailEvents
Defender for Office 365 mail flow: sender, recipient, subject, authentication, threat verdicts and delivery.
TenantId TimeGenerated:datetime Timestamp:datetime
NetworkMessageId InternetMessageId AdditionalFields:dynamic AttachmentCount:int AuthenticationDetails
BulkComplaintLevel:int ConfidenceLevel Connectors DeliveryAction DeliveryLocation DetectionMethods
EmailAction EmailActionPolicy EmailActionPolicyGuid EmailClusterId:long EmailDirection EmailLanguage
LatestDeliveryAction LatestDeliveryLocation OrgLevelAction OrgLevelPolicy RecipientEmailAddress
RecipientObjectId ReportId SenderDisplayName SenderFromAddress SenderFromDomain SenderIPv4 SenderIPv6
SenderMailFromAddress SenderMailFromDomain SenderObjectId SourceSystem Subject ThreatNames ThreatTypes
UrlCount:int UserLevelAction UserLevelPolicy
Type
`, `
IdentityLogonEvents
Defender for Identity authentication against on-premises Active Directory and cloud services.
TenantId TimeGenerated:datetime Timestamp:datetime
AccountDisplayName AccountDomain AccountName AccountObjectId AccountSid AccountUpn ActionType
AdditionalFields:dynamic Application DestinationDeviceName DestinationIPAddress DestinationPort DeviceName
DeviceType FailureReason IPAddress ISP Location LogonType OSPlatform Port Protocol ReportId SourceSystem
TargetAccountDisplayName TargetDeviceName
Type
`, `
IdentityQueryEvents
Defender for Identity queries against Active Directory (LDAP, SAMR, DNS) with the query and its target.
TenantId TimeGenerated:datetime Timestamp:datetime
AccountDisplayName AccountDomain AccountName AccountObjectId AccountSid AccountUpn ActionType
AdditionalFields:dynamic Application DestinationDeviceName DestinationIPAddress DestinationPort DeviceName
IPAddress Location Port Protocol Query QueryTarget QueryType ReportId SourceSystem TargetAccountDisplayName
TargetAccountUpn TargetDeviceName
Type
`, `
IdentityDirectoryEvents
Defender for Identity directory events: account, group and replication changes on domain controllers.
TenantId TimeGenerated:datetime Timestamp:datetime
AccountDisplayName AccountDomain AccountName AccountObjectId AccountSid AccountUpn ActionType
AdditionalFields:dynamic Application DestinationDeviceName DestinationIPAddress DestinationPort DeviceName
IPAddress ISP Location Port Protocol ReportId SourceSystem TargetAccountDisplayName TargetAccountUpn
TargetDeviceName
Type
`, `
CloudAppEvents
Defender for Cloud Apps activity in cloud services (Microsoft 365, Azure, third-party apps) with the raw event.
TenantId TimeGenerated:datetime Timestamp:datetime
AccountDisplayName AccountId AccountObjectId AccountType ActionType ActivityObjects:dynamic ActivityType
AdditionalFields:dynamic AppInstanceId:int Application ApplicationId:int City CountryCode DeviceType
IPAddress IPCategory IPTags:dynamic IsAdminOperation:bool IsAnonymousProxy:bool IsExternalUser:bool
IsImpersonated:bool ISP ObjectId ObjectName ObjectType OSPlatform RawEventData:dynamic ReportId
SourceSystem UserAgent UserAgentTags:dynamic
Type
`}
