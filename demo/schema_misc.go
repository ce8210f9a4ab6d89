package demo

// Column layouts of Syslog, Heartbeat and the other small tables.

type syslogCols struct {
	TimeGenerated     col `kql:"datetime"`
	Computer          col `kql:"string"`
	HostName          col `kql:"string"`
	HostIP            col `kql:"string"`
	Facility          col `kql:"string"`
	SeverityLevel     col `kql:"string"`
	SyslogMessage     col `kql:"string"`
	ProcessName       col `kql:"string"`
	ProcessID         col `kql:"int"`
	EventTime         col `kql:"datetime"`
	SourceSystem      col `kql:"string"`
	CollectorHostName col `kql:"string"`
}

type heartbeatCols struct {
	TimeGenerated       col `kql:"datetime"`
	Computer            col `kql:"string"`
	ComputerIP          col `kql:"string"`
	ComputerPrivateIPs  col `kql:"dynamic"`
	ComputerEnvironment col `kql:"string"`
	Category            col `kql:"string"`
	OSType              col `kql:"string"`
	OSName              col `kql:"string"`
	OSMajorVersion      col `kql:"string"`
	OSMinorVersion      col `kql:"string"`
	Version             col `kql:"string"`
	SCAgentChannel      col `kql:"string"`
	IsGatewayInstalled  col `kql:"bool"`
	Solutions           col `kql:"string"`
	SourceComputerId    col `kql:"string"`
	SourceSystem        col `kql:"string"`
	Resource            col `kql:"string"`
	ResourceGroup       col `kql:"string"`
	ResourceId          col `kql:"string"`
	ResourceProvider    col `kql:"string"`
	ResourceType        col `kql:"string"`
	SubscriptionId      col `kql:"string"`
	RemoteIPCountry     col `kql:"string"`
	RemoteIPLatitude    col `kql:"real"`
	RemoteIPLongitude   col `kql:"real"`
	VMUUID              col `kql:"string"`
	MG                  col `kql:"string"`
	ManagementGroupName col `kql:"string"`
}

type emailEventsCols struct {
	TimeGenerated          col `kql:"datetime"`
	Timestamp              col `kql:"datetime"`
	NetworkMessageId       col `kql:"string"`
	InternetMessageId      col `kql:"string"`
	SenderFromAddress      col `kql:"string"`
	SenderFromDomain       col `kql:"string"`
	SenderMailFromAddress  col `kql:"string"`
	SenderMailFromDomain   col `kql:"string"`
	SenderDisplayName      col `kql:"string"`
	SenderIPv4             col `kql:"string"`
	SenderObjectId         col `kql:"string"`
	RecipientEmailAddress  col `kql:"string"`
	RecipientObjectId      col `kql:"string"`
	Subject                col `kql:"string"`
	EmailDirection         col `kql:"string"`
	DeliveryAction         col `kql:"string"`
	DeliveryLocation       col `kql:"string"`
	LatestDeliveryAction   col `kql:"string"`
	LatestDeliveryLocation col `kql:"string"`
	ThreatTypes            col `kql:"string"`
	ThreatNames            col `kql:"string"`
	DetectionMethods       col `kql:"string"`
	ConfidenceLevel        col `kql:"string"`
	AttachmentCount        col `kql:"int"`
	UrlCount               col `kql:"int"`
	AuthenticationDetails  col `kql:"string"`
	EmailAction            col `kql:"string"`
	OrgLevelAction         col `kql:"string"`
	Connectors             col `kql:"string"`
	EmailLanguage          col `kql:"string"`
	BulkComplaintLevel     col `kql:"int"`
	ReportId               col `kql:"string"`
}

type identityInfoCols struct {
	TimeGenerated               col `kql:"datetime"`
	AccountObjectId             col `kql:"string"`
	AccountUPN                  col `kql:"string"`
	AccountName                 col `kql:"string"`
	AccountDomain               col `kql:"string"`
	AccountDisplayName          col `kql:"string"`
	AccountSID                  col `kql:"string"`
	AccountTenantId             col `kql:"string"`
	AccountCreationTime         col `kql:"datetime"`
	GivenName                   col `kql:"string"`
	Surname                     col `kql:"string"`
	Department                  col `kql:"string"`
	JobTitle                    col `kql:"string"`
	Manager                     col `kql:"string"`
	City                        col `kql:"string"`
	State                       col `kql:"string"`
	Country                     col `kql:"string"`
	EmployeeId                  col `kql:"string"`
	MailAddress                 col `kql:"string"`
	CompanyName                 col `kql:"string"`
	IsAccountEnabled            col `kql:"bool"`
	IsMFARegistered             col `kql:"bool"`
	IsServiceAccount            col `kql:"bool"`
	UserType                    col `kql:"string"`
	UserState                   col `kql:"string"`
	AssignedRoles               col `kql:"dynamic"`
	GroupMembership             col `kql:"dynamic"`
	SAMAccountName              col `kql:"string"`
	OnPremisesDistinguishedName col `kql:"string"`
	RiskLevel                   col `kql:"string"`
	RiskState                   col `kql:"string"`
	BlastRadius                 col `kql:"string"`
	Tags                        col `kql:"string"`
	SourceSystem                col `kql:"string"`
	LastSeenDate                col `kql:"datetime"`
}

type securityAlertCols struct {
	TimeGenerated           col `kql:"datetime"`
	AlertName               col `kql:"string"`
	DisplayName             col `kql:"string"`
	AlertSeverity           col `kql:"string"`
	AlertType               col `kql:"string"`
	AlertLink               col `kql:"string"`
	CompromisedEntity       col `kql:"string"`
	ConfidenceLevel         col `kql:"string"`
	ConfidenceScore         col `kql:"real"`
	Description             col `kql:"string"`
	StartTime               col `kql:"datetime"`
	EndTime                 col `kql:"datetime"`
	ProcessingEndTime       col `kql:"datetime"`
	Entities                col `kql:"string"`
	ExtendedProperties      col `kql:"string"`
	ExtendedLinks           col `kql:"string"`
	IsIncident              col `kql:"bool"`
	ProductName             col `kql:"string"`
	ProductComponentName    col `kql:"string"`
	ProviderName            col `kql:"string"`
	VendorName              col `kql:"string"`
	VendorOriginalId        col `kql:"string"`
	SystemAlertId           col `kql:"string"`
	RemediationSteps        col `kql:"string"`
	ResourceId              col `kql:"string"`
	SourceComputerId        col `kql:"string"`
	SourceSystem            col `kql:"string"`
	Status                  col `kql:"string"`
	Tactics                 col `kql:"string"`
	Techniques              col `kql:"string"`
	SubTechniques           col `kql:"string"`
	WorkspaceResourceGroup  col `kql:"string"`
	WorkspaceSubscriptionId col `kql:"string"`
}

type securityIncidentCols struct {
	TimeGenerated          col `kql:"datetime"`
	IncidentName           col `kql:"string"`
	IncidentNumber         col `kql:"int"`
	IncidentUrl            col `kql:"string"`
	Title                  col `kql:"string"`
	Description            col `kql:"string"`
	Severity               col `kql:"string"`
	Status                 col `kql:"string"`
	Classification         col `kql:"string"`
	ClassificationReason   col `kql:"string"`
	ClassificationComment  col `kql:"string"`
	Owner                  col `kql:"dynamic"`
	ProviderName           col `kql:"string"`
	ProviderIncidentId     col `kql:"string"`
	FirstActivityTime      col `kql:"datetime"`
	LastActivityTime       col `kql:"datetime"`
	FirstModifiedTime      col `kql:"datetime"`
	LastModifiedTime       col `kql:"datetime"`
	CreatedTime            col `kql:"datetime"`
	ClosedTime             col `kql:"datetime"`
	AlertIds               col `kql:"dynamic"`
	BookmarkIds            col `kql:"dynamic"`
	Comments               col `kql:"dynamic"`
	Labels                 col `kql:"dynamic"`
	Tasks                  col `kql:"dynamic"`
	RelatedAnalyticRuleIds col `kql:"dynamic"`
	AdditionalData         col `kql:"dynamic"`
	ModifiedBy             col `kql:"string"`
	SourceSystem           col `kql:"string"`
}

type tiCols struct {
	TimeGenerated             col `kql:"datetime"`
	IndicatorId               col `kql:"string"`
	ExternalIndicatorId       col `kql:"string"`
	Action                    col `kql:"string"`
	Active                    col `kql:"bool"`
	ConfidenceScore           col `kql:"real"`
	Description               col `kql:"string"`
	ThreatType                col `kql:"string"`
	ThreatSeverity            col `kql:"int"`
	ActivityGroupNames        col `kql:"string"`
	MalwareNames              col `kql:"string"`
	DomainName                col `kql:"string"`
	NetworkIP                 col `kql:"string"`
	NetworkDestinationIP      col `kql:"string"`
	NetworkSourceIP           col `kql:"string"`
	Url                       col `kql:"string"`
	FileHashType              col `kql:"string"`
	FileHashValue             col `kql:"string"`
	FileName                  col `kql:"string"`
	EmailSenderAddress        col `kql:"string"`
	EmailSourceDomain         col `kql:"string"`
	ExpirationDateTime        col `kql:"datetime"`
	IndicatorProvider         col `kql:"string"`
	SourceSystem              col `kql:"string"`
	TrafficLightProtocolLevel col `kql:"string"`
	Tags                      col `kql:"string"`
	KillChainC2               col `kql:"bool"`
	KillChainDelivery         col `kql:"bool"`
	PassiveOnly               col `kql:"bool"`
}

// truthCols is the demo's own ground truth table.
type truthCols struct {
	TimeGenerated col `kql:"datetime"`
	Story         col `kql:"string"`
	Title         col `kql:"string"`
	Technique     col `kql:"string"`
	Tactics       col `kql:"string"`
	Description   col `kql:"string"`
	Entities      col `kql:"dynamic"`
	StartTime     col `kql:"datetime"`
	EndTime       col `kql:"datetime"`
	Tables        col `kql:"dynamic"`
	Alerted       col `kql:"bool"`
	HuntQuery     col `kql:"string"`
}
