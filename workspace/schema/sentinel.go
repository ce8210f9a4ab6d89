package schema

// Tables Microsoft Sentinel itself writes: alerts, incidents, threat intelligence, UEBA.
var sentinelSpecs = []string{`
SecurityAlert
Alerts raised by Sentinel analytics rules and Defender products, with entities and extended properties as JSON text.
TenantId TimeGenerated:datetime
AlertLink AlertName AlertSeverity AlertType CompromisedEntity ConfidenceLevel ConfidenceScore:real
Description DisplayName EndTime:datetime Entities ExtendedLinks ExtendedProperties IsIncident:bool
ProcessingEndTime:datetime ProductComponentName ProductName ProviderName RemediationSteps ResourceId
SourceComputerId SourceSystem StartTime:datetime Status SubTechniques SystemAlertId Tactics Techniques
VendorName VendorOriginalId WorkspaceResourceGroup WorkspaceSubscriptionId
Type
`, `
SecurityIncident
Sentinel incidents: one row per incident revision with status, owner, severity, classification and related alerts.
TenantId TimeGenerated:datetime
AdditionalData:dynamic AlertIds:dynamic BookmarkIds:dynamic Classification ClassificationComment
ClassificationReason ClosedTime:datetime Comments:dynamic CreatedTime:datetime Description
FirstActivityTime:datetime FirstModifiedTime:datetime IncidentName IncidentNumber:int IncidentUrl
Labels:dynamic LastActivityTime:datetime LastModifiedTime:datetime ModifiedBy Owner:dynamic
ProviderIncidentId ProviderName RelatedAnalyticRuleIds:dynamic Severity SourceSystem Status Tasks:dynamic
Title
Type
`, `
ThreatIntelligenceIndicator
Threat-intelligence indicators (IPs, domains, URLs, file hashes, e-mail observables) imported into Sentinel.
TenantId TimeGenerated:datetime
Action Active:bool ActivityGroupNames AdditionalInformation ConfidenceScore:real Description DiamondModel
DomainName EmailEncoding EmailLanguage EmailRecipient EmailSenderAddress EmailSenderName EmailSourceDomain
EmailSourceIpAddress EmailSubject EmailXMailer ExpirationDateTime:datetime ExternalIndicatorId
FileCompileDateTime:datetime FileCreatedDateTime:datetime FileHashType FileHashValue FileMutexName FileName
FilePacker FilePath FileSize:int FileType IndicatorId IndicatorProvider KillChainActions:bool
KillChainC2:bool KillChainDelivery:bool KillChainExploitation:bool KillChainReconnaissance:bool
KillChainWeaponization:bool KnownFalsePositives MalwareNames NetworkCidrBlock NetworkDestinationAsn:int
NetworkDestinationCidrBlock NetworkDestinationIP NetworkDestinationPort:int NetworkIP NetworkPort:int
NetworkProtocol:int NetworkSourceAsn:int NetworkSourceCidrBlock NetworkSourceIP NetworkSourcePort:int
PassiveOnly:bool SourceSystem Tags ThreatSeverity:int ThreatType TrafficLightProtocolLevel Url UserAgent
Type
`, `
BehaviorAnalytics
Sentinel UEBA enriched events: each raw activity with user, device and activity insights and an investigation priority.
TenantId TimeGenerated:datetime
ActionType ActivityInsights:dynamic ActivityType DestinationDevice DestinationIPAddress DestinationIPLocation
DevicesInsights:dynamic EventSource InvestigationPriority:int SourceDevice SourceIPAddress SourceIPLocation
SourceRecordId SourceSystem TimeProcessed:datetime UserName UserPrincipalName UsersInsights:dynamic
Type _ResourceId _SubscriptionId
`}
