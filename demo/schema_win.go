package demo

// Column layouts of the Windows tables the demo fills. Field names are the
// Sentinel column names; the kql tag is the column's type.

type securityEventCols struct {
	TimeGenerated             col `kql:"datetime"`
	SourceSystem              col `kql:"string"`
	Account                   col `kql:"string"`
	AccountType               col `kql:"string"`
	Computer                  col `kql:"string"`
	EventSourceName           col `kql:"string"`
	Channel                   col `kql:"string"`
	Task                      col `kql:"int"`
	Level                     col `kql:"string"`
	EventData                 col `kql:"string"`
	EventID                   col `kql:"int"`
	Activity                  col `kql:"string"`
	SourceComputerId          col `kql:"string"`
	EventOriginId             col `kql:"string"`
	MG                        col `kql:"string"`
	ManagementGroupName       col `kql:"string"`
	AccessMask                col `kql:"string"`
	TimeCollected             col `kql:"datetime"`
	TargetLinkedLogonId       col `kql:"string"`
	TransmittedServices       col `kql:"string"`
	AuthenticationPackageName col `kql:"string"`
	CommandLine               col `kql:"string"`
	ElevatedToken             col `kql:"string"`
	FailureReason             col `kql:"string"`
	IpAddress                 col `kql:"string"`
	IpPort                    col `kql:"string"`
	KeyLength                 col `kql:"int"`
	LmPackageName             col `kql:"string"`
	LogonGuid                 col `kql:"string"`
	LogonProcessName          col `kql:"string"`
	LogonType                 col `kql:"int"`
	LogonTypeName             col `kql:"string"`
	MandatoryLabel            col `kql:"string"`
	MemberName                col `kql:"string"`
	MemberSid                 col `kql:"string"`
	NewProcessId              col `kql:"string"`
	NewProcessName            col `kql:"string"`
	ObjectName                col `kql:"string"`
	ObjectServer              col `kql:"string"`
	ObjectType                col `kql:"string"`
	ParentProcessName         col `kql:"string"`
	PrivilegeList             col `kql:"string"`
	Process                   col `kql:"string"`
	ProcessId                 col `kql:"string"`
	ProcessName               col `kql:"string"`
	RelativeTargetName        col `kql:"string"`
	RestrictedAdminMode       col `kql:"string"`
	SamAccountName            col `kql:"string"`
	ServiceName               col `kql:"string"`
	ShareLocalPath            col `kql:"string"`
	ShareName                 col `kql:"string"`
	Status                    col `kql:"string"`
	SubStatus                 col `kql:"string"`
	SubjectAccount            col `kql:"string"`
	SubjectDomainName         col `kql:"string"`
	SubjectLogonId            col `kql:"string"`
	SubjectUserName           col `kql:"string"`
	SubjectUserSid            col `kql:"string"`
	TargetAccount             col `kql:"string"`
	TargetDomainName          col `kql:"string"`
	TargetLogonId             col `kql:"string"`
	TargetSid                 col `kql:"string"`
	TargetUserName            col `kql:"string"`
	TargetUserSid             col `kql:"string"`
	TokenElevationType        col `kql:"string"`
	UserPrincipalName         col `kql:"string"`
	VirtualAccount            col `kql:"string"`
	WorkstationName           col `kql:"string"`
	Workstation               col `kql:"string"`
	PackageName               col `kql:"string"`
	ServiceFileName           col `kql:"string"`
	ServiceType               col `kql:"string"`
	ServiceStartType          col `kql:"int"`
	ServiceAccount            col `kql:"string"`
	TargetServerName          col `kql:"string"`
	TargetInfo                col `kql:"string"`
	DisplayName               col `kql:"string"`
}

// eventCols is the Event table: the Windows System and Application logs.
type eventCols struct {
	TimeGenerated       col `kql:"datetime"`
	Source              col `kql:"string"`
	EventLog            col `kql:"string"`
	Computer            col `kql:"string"`
	EventLevel          col `kql:"int"`
	EventLevelName      col `kql:"string"`
	EventData           col `kql:"string"`
	EventID             col `kql:"int"`
	EventCategory       col `kql:"int"`
	RenderedDescription col `kql:"string"`
	UserName            col `kql:"string"`
	ParameterXml        col `kql:"string"`
	MG                  col `kql:"string"`
	ManagementGroupName col `kql:"string"`
	SourceSystem        col `kql:"string"`
	AzureDeploymentID   col `kql:"string"`
	Role                col `kql:"string"`
}

type deviceProcessEventsCols struct {
	TimeGenerated                      col `kql:"datetime"`
	Timestamp                          col `kql:"datetime"`
	DeviceId                           col `kql:"string"`
	DeviceName                         col `kql:"string"`
	ActionType                         col `kql:"string"`
	FileName                           col `kql:"string"`
	FolderPath                         col `kql:"string"`
	SHA1                               col `kql:"string"`
	SHA256                             col `kql:"string"`
	MD5                                col `kql:"string"`
	FileSize                           col `kql:"long"`
	ProcessVersionInfoCompanyName      col `kql:"string"`
	ProcessVersionInfoProductName      col `kql:"string"`
	ProcessVersionInfoOriginalFileName col `kql:"string"`
	ProcessVersionInfoFileDescription  col `kql:"string"`
	ProcessId                          col `kql:"long"`
	ProcessCommandLine                 col `kql:"string"`
	ProcessIntegrityLevel              col `kql:"string"`
	ProcessTokenElevation              col `kql:"string"`
	ProcessCreationTime                col `kql:"datetime"`
	AccountDomain                      col `kql:"string"`
	AccountName                        col `kql:"string"`
	AccountSid                         col `kql:"string"`
	AccountUpn                         col `kql:"string"`
	AccountObjectId                    col `kql:"string"`
	LogonId                            col `kql:"long"`
	ReportId                           col `kql:"long"`
	InitiatingColumns
}

type deviceNetworkEventsCols struct {
	TimeGenerated    col `kql:"datetime"`
	Timestamp        col `kql:"datetime"`
	DeviceId         col `kql:"string"`
	DeviceName       col `kql:"string"`
	ActionType       col `kql:"string"`
	RemoteIP         col `kql:"string"`
	RemotePort       col `kql:"int"`
	RemoteUrl        col `kql:"string"`
	LocalIP          col `kql:"string"`
	LocalPort        col `kql:"int"`
	Protocol         col `kql:"string"`
	LocalIPType      col `kql:"string"`
	RemoteIPType     col `kql:"string"`
	ReportId         col `kql:"long"`
	AdditionalFields col `kql:"dynamic"`
	InitiatingColumns
}

type deviceLogonEventsCols struct {
	TimeGenerated    col `kql:"datetime"`
	Timestamp        col `kql:"datetime"`
	DeviceId         col `kql:"string"`
	DeviceName       col `kql:"string"`
	ActionType       col `kql:"string"`
	LogonType        col `kql:"string"`
	AccountDomain    col `kql:"string"`
	AccountName      col `kql:"string"`
	AccountSid       col `kql:"string"`
	Protocol         col `kql:"string"`
	FailureReason    col `kql:"string"`
	IsLocalAdmin     col `kql:"bool"`
	LogonId          col `kql:"long"`
	RemoteDeviceName col `kql:"string"`
	RemoteIP         col `kql:"string"`
	RemoteIPType     col `kql:"string"`
	RemotePort       col `kql:"int"`
	ReportId         col `kql:"long"`
	AdditionalFields col `kql:"dynamic"`
	InitiatingColumns
}

type deviceFileEventsCols struct {
	TimeGenerated        col `kql:"datetime"`
	Timestamp            col `kql:"datetime"`
	DeviceId             col `kql:"string"`
	DeviceName           col `kql:"string"`
	ActionType           col `kql:"string"`
	FileName             col `kql:"string"`
	FolderPath           col `kql:"string"`
	SHA1                 col `kql:"string"`
	SHA256               col `kql:"string"`
	MD5                  col `kql:"string"`
	FileSize             col `kql:"long"`
	FileOriginUrl        col `kql:"string"`
	FileOriginIP         col `kql:"string"`
	PreviousFileName     col `kql:"string"`
	PreviousFolderPath   col `kql:"string"`
	RequestAccountName   col `kql:"string"`
	RequestAccountDomain col `kql:"string"`
	RequestSourceIP      col `kql:"string"`
	RequestProtocol      col `kql:"string"`
	ShareName            col `kql:"string"`
	ReportId             col `kql:"long"`
	InitiatingColumns
}
