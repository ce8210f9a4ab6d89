package demo

// Column layouts of the Microsoft 365 and Azure tables the demo fills.

type officeActivityCols struct {
	TimeGenerated            col `kql:"datetime"`
	RecordType               col `kql:"string"`
	Operation                col `kql:"string"`
	OrganizationId           col `kql:"string"`
	OrganizationName         col `kql:"string"`
	UserType                 col `kql:"string"`
	UserKey                  col `kql:"string"`
	OfficeWorkload           col `kql:"string"`
	ResultStatus             col `kql:"string"`
	OfficeObjectId           col `kql:"string"`
	UserId                   col `kql:"string"`
	ClientIP                 col `kql:"string"`
	Client_IPAddress         col `kql:"string"`
	ClientInfoString         col `kql:"string"`
	Parameters               col `kql:"string"`
	ExternalAccess           col `kql:"string"`
	OriginatingServer        col `kql:"string"`
	Logon_Type               col `kql:"string"`
	MailboxGuid              col `kql:"string"`
	MailboxOwnerUPN          col `kql:"string"`
	MailboxOwnerSid          col `kql:"string"`
	Item                     col `kql:"string"`
	Folders                  col `kql:"string"`
	AffectedItems            col `kql:"string"`
	Site_                    col `kql:"string"`
	Site_Url                 col `kql:"string"`
	ItemType                 col `kql:"string"`
	EventSource              col `kql:"string"`
	SourceRelativeUrl        col `kql:"string"`
	SourceFileName           col `kql:"string"`
	SourceFileExtension      col `kql:"string"`
	DestinationRelativeUrl   col `kql:"string"`
	DestinationFileName      col `kql:"string"`
	DestinationFileExtension col `kql:"string"`
	UserAgent                col `kql:"string"`
	OfficeTenantId           col `kql:"string"`
	OfficeId                 col `kql:"string"`
	SourceRecordId           col `kql:"string"`
	SourceSystem             col `kql:"string"`
	TeamName                 col `kql:"string"`
	TeamGuid                 col `kql:"string"`
	Members                  col `kql:"dynamic"`
	AppId                    col `kql:"string"`
	ClientAppId              col `kql:"string"`
	Start_Time               col `kql:"datetime"`
	ElevationTime            col `kql:"datetime"`
}

type azureActivityCols struct {
	TimeGenerated            col `kql:"datetime"`
	OperationName            col `kql:"string"`
	OperationNameValue       col `kql:"string"`
	Level                    col `kql:"string"`
	ActivityStatus           col `kql:"string"`
	ActivityStatusValue      col `kql:"string"`
	ActivitySubstatus        col `kql:"string"`
	ActivitySubstatusValue   col `kql:"string"`
	ResourceGroup            col `kql:"string"`
	SubscriptionId           col `kql:"string"`
	CorrelationId            col `kql:"string"`
	Caller                   col `kql:"string"`
	CallerIpAddress          col `kql:"string"`
	Category                 col `kql:"string"`
	CategoryValue            col `kql:"string"`
	HTTPRequest              col `kql:"string"`
	Properties               col `kql:"string"`
	Properties_d             col `kql:"dynamic"`
	EventSubmissionTimestamp col `kql:"datetime"`
	Authorization            col `kql:"string"`
	Authorization_d          col `kql:"dynamic"`
	Claims                   col `kql:"string"`
	Claims_d                 col `kql:"dynamic"`
	ResourceProvider         col `kql:"string"`
	ResourceProviderValue    col `kql:"string"`
	Resource                 col `kql:"string"`
	ResourceId               col `kql:"string"`
	OperationId              col `kql:"string"`
	EventDataId              col `kql:"string"`
	Hierarchy                col `kql:"string"`
	SourceSystem             col `kql:"string"`
}
