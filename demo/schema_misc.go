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
